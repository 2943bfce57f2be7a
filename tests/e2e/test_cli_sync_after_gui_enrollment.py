"""A device enrolled through the GUI syncs from ``kiosk-app outbox sync`` (issue #21).

The GUI keeps the device token in the credential store, never in the config file: the
OS keyring, or on a keyring-less device the private file in the data folder. The CLI
must use that same device session: before, it only read ``device_token`` from the
config, so it refused to sync ("no device token"), or enrolled a second device when an
enrollment token was still configured.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from kiosk_app.kernel.config import load_settings, toml_value
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.outbox import EntryStatus, Outbox
from kiosk_app.kernel.security.credentials import CREDENTIALS_FILE_NAME
from tests.conftest import run
from tests.kernel.offline.offline_helpers import ENROLL_OP, ENROLL_PATH, enroll_body

REPO_ROOT = Path(__file__).resolve().parents[2]
NO_KEYRING = "keyring.backends.fail.Keyring"  # a device without a secure OS keyring


@pytest.fixture
def keyring_less() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _devices_named(server: DemoServer, name: str) -> int:
    with sqlite3.connect(server.db_url.removeprefix("sqlite:///")) as conn:
        row = conn.execute("SELECT count(*) FROM devices WHERE name = ?", (name,)).fetchone()
    return int(row[0])


def _cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``kiosk-app ...`` in its own process on the same keyring-less device."""
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": NO_KEYRING}
    command, *rest = args
    return subprocess.run(
        [sys.executable, "-m", "kiosk_app", command, "--config", str(config), *rest],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _gui_enrolled_device(tmp_path: Path, server: DemoServer, *, keep_enrollment: bool) -> Path:
    """The config file of a device enrolled through the GUI (its token not in the file)."""
    name = f"gui-enrolled-{uuid.uuid4().hex[:8]}"
    config = tmp_path / "config.toml"
    lines = [
        f"api_url = {toml_value(server.url)}",
        f"data_dir = {toml_value(str(tmp_path / 'data'))}",
        f"device_name = {toml_value(name)}",
    ]
    if keep_enrollment:
        lines.append('enrollment_token = "demo-enrollment"')
    config.write_text("\n".join(lines) + "\n")
    _enroll_as_the_gui(config, server)
    assert (tmp_path / "data" / CREDENTIALS_FILE_NAME).exists()  # keyring-less: the private file
    assert "device_token" not in config.read_text()
    assert _devices_named(server, name) == 1
    return config


def _enroll_as_the_gui(config: Path, server: DemoServer) -> None:
    """What the GUI does at its first start: the app built from the settings, its device
    session started (enrollment: the token goes into the app's credential store)."""
    from kiosk_app.app import build_app

    settings = load_settings(config, environ={}, overrides={"enrollment_token": "demo-enrollment"})

    async def start() -> str:
        app = build_app(settings)
        try:
            identity = await app.device_session.start()
            return identity.source
        finally:
            await app.aclose()

    assert run(start()) == "enrollment"


@pytest.mark.parametrize("enrollment_token_still_configured", [False, True])
def test_a_device_enrolled_through_the_gui_syncs_from_the_cli(
    keyring_less: None,
    api_server: DemoServer,
    tmp_path: Path,
    enrollment_token_still_configured: bool,
) -> None:
    config = _gui_enrolled_device(
        tmp_path, api_server, keep_enrollment=enrollment_token_still_configured
    )
    name = load_settings(config, environ={}).device_name
    data = tmp_path / "data"
    queued = f"queued-{uuid.uuid4().hex[:8]}"
    with Outbox(data / "outbox.db") as outbox:
        entry = outbox.append(ENROLL_OP, "POST", ENROLL_PATH, enroll_body(queued))

    result = _cli(config, "outbox", "sync")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"sent #{entry.id}" in result.stdout
    assert result.stdout.strip().endswith("done: 0 waiting, 0 need attention")
    with Outbox(data / "outbox.db") as outbox:
        assert outbox.get(entry.id).status is EntryStatus.DONE  # type: ignore[union-attr]
    assert _devices_named(api_server, queued) == 1
    assert _devices_named(api_server, name) == 1  # the CLI did not enroll a second device


def test_doctor_sees_the_token_the_gui_keeps(
    keyring_less: None, api_server: DemoServer, tmp_path: Path
) -> None:
    config = _gui_enrolled_device(tmp_path, api_server, keep_enrollment=False)
    result = _cli(config, "doctor", "--json", "--no-camera")
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["enrollment"]["status"] == "OK", checks["enrollment"]
    assert "credential store" in checks["enrollment"]["message"]
    assert checks["device"]["status"] == "OK", checks["device"]
    assert "store PAR01" in checks["device"]["message"]
