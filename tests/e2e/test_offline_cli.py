"""``kiosk-app outbox sync`` as a real process, SIGKILLed mid-sync and restarted.

A dedicated server with added latency; the writes are real device enrollments (each one
creates a device row on the server, so a duplicate would show as a second row with the
same name). Nothing lost, nothing duplicated.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app.kernel.config import toml_value
from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from kiosk_app.kernel.outbox import EntryStatus, Outbox
from tests.conftest import enroll
from tests.kernel.offline.offline_helpers import ENROLL_OP, ENROLL_PATH, enroll_body

REPO_ROOT = Path(__file__).resolve().parents[2]
OPS = 40


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    db = tmp_path_factory.mktemp("offline-cli") / "central.db"
    with start_demo_server(db_url=f"sqlite:///{db}", latency_ms=120) as server:
        yield server


def _server_names(server: DemoServer, prefix: str) -> list[str]:
    path = server.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT name FROM devices WHERE name LIKE ? ORDER BY name", (prefix + "%",)
        ).fetchall()
    return [row[0] for row in rows]


def _config(tmp_path: Path, server: DemoServer, token: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f"api_url = {toml_value(server.url)}\n"
        f"device_token = {toml_value(token)}\n"
        f"data_dir = {toml_value(str(tmp_path / 'data'))}\n"
    )
    return config


def _outbox_cmd(config: Path, *args: str, stderr: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk_app", "outbox", "--config", str(config), *args],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=stderr.open("w"),
        text=True,
    )


def test_sync_killed_midway_and_restarted_applies_every_write_exactly_once(
    tmp_path: Path, slow_server: DemoServer
) -> None:
    token = enroll(slow_server.url)
    config = _config(tmp_path, slow_server, token)
    prefix = f"sigkill-{uuid.uuid4().hex[:8]}-"
    names = [f"{prefix}{i:03d}" for i in range(OPS)]
    (tmp_path / "data").mkdir()
    with Outbox(tmp_path / "data" / "outbox.db") as outbox:
        entries = [
            outbox.append(ENROLL_OP, "POST", ENROLL_PATH, enroll_body(name)) for name in names
        ]

    first = _outbox_cmd(config, "sync", stderr=tmp_path / "sync1.stderr")
    assert first.stdout is not None
    sent = []
    while len(sent) < 12:
        line = first.stdout.readline()
        assert line, (tmp_path / "sync1.stderr").read_text()
        if line.startswith("sent "):
            sent.append(line)
    first.send_signal(signal.SIGKILL)  # while it sends the next one
    first.wait(timeout=60)
    assert first.returncode == -signal.SIGKILL

    applied = _server_names(slow_server, prefix)
    assert 12 <= len(applied) < OPS  # killed midway
    assert applied == names[: len(applied)]  # in order, none twice
    with Outbox(tmp_path / "data" / "outbox.db") as outbox:
        left = outbox.pending_count()
    # The one being sent when killed may be applied on the server yet still in flight here:
    # the restart replays its key and the server answers from its idempotency store.
    assert left in (OPS - len(applied), OPS - len(applied) + 1)

    listing = _outbox_cmd(config, "list", "--json", stderr=tmp_path / "list.stderr")
    out, _ = listing.communicate(timeout=60)
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == left and {r["status"] for r in rows} <= {"pending", "in_flight"}
    assert listing.returncode == 3  # entries still waiting

    second = _outbox_cmd(config, "sync", stderr=tmp_path / "sync2.stderr")
    out, _ = second.communicate(timeout=300)
    assert second.returncode == 0, (tmp_path / "sync2.stderr").read_text()
    assert out.strip().endswith("done: 0 waiting, 0 need attention")

    assert _server_names(slow_server, prefix) == names  # every one, exactly once
    with Outbox(tmp_path / "data" / "outbox.db") as outbox:
        statuses = {outbox.get(e.id).status for e in entries}  # type: ignore[union-attr]
        assert statuses == {EntryStatus.DONE}
        keys = {outbox.get(e.id).idempotency_key for e in entries}  # type: ignore[union-attr]
    assert keys == {e.idempotency_key for e in entries}  # retries kept their keys


def test_list_retry_and_retry_all_for_it_support(tmp_path: Path, slow_server: DemoServer) -> None:
    token = enroll(slow_server.url)
    config = _config(tmp_path, slow_server, token)
    (tmp_path / "data").mkdir()
    with Outbox(tmp_path / "data" / "outbox.db") as outbox:
        refused = outbox.append(ENROLL_OP, "POST", ENROLL_PATH, enroll_body(store="ZZZ99"))
    sync = _outbox_cmd(config, "sync", stderr=tmp_path / "sync.stderr")
    out, _ = sync.communicate(timeout=120)
    assert sync.returncode == 1  # needs attention
    assert f"NEEDS ATTENTION #{refused.id} Device enrollment" in out
    assert "Unknown store" in out

    listing = _outbox_cmd(config, "list", stderr=tmp_path / "list.stderr")
    out, _ = listing.communicate(timeout=60)
    assert "0 waiting, 1 need attention" in out
    assert "failed" in out and "to do: The central system refused the data" in out

    retry = _outbox_cmd(config, "retry", str(refused.id), stderr=tmp_path / "retry.stderr")
    out, _ = retry.communicate(timeout=60)
    assert retry.returncode == 3 and f"#{refused.id} is pending" in out
    missing = _outbox_cmd(config, "retry", "999", stderr=tmp_path / "missing.stderr")
    missing.communicate(timeout=60)
    assert missing.returncode == 1
    assert "no outbox entry 999" in (tmp_path / "missing.stderr").read_text()
