"""``kiosk-app doctor`` against the real reference server, and its support bundle."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from kiosk_app.cli.doctor import redact_toml
from kiosk_app.core.config import default_config_dir, update_config_file
from kiosk_app.core.demo_server import DemoServer
from kiosk_app.core.logging_setup import LOG_FILE_NAME
from kiosk_app.core.outbox import Outbox
from kiosk_app.core.provisioning import generate_key_pair


@pytest.fixture
def device(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, api_server: DemoServer, device_token: str
) -> Path:
    """An enrolled device: user config with its token, IT's key installed."""
    monkeypatch.setenv("KIOSK_SYSTEM_CONFIG", str(tmp_path / "etc-config.toml"))
    pub = tmp_path / "provisioning.pub"
    pub.write_bytes(generate_key_pair()[1])
    cfg = default_config_dir() / "config.toml"
    update_config_file(
        cfg,
        {
            "api_url": api_server.url,
            "store_code": "PAR01",
            "device_token": device_token,
            "provisioning_key_file": str(pub),
        },
    )
    return cfg


def run_doctor(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, dict]]:
    from kiosk_app.__main__ import main

    code = main(["doctor", "--json", "--no-camera", *args])
    report = json.loads(capsys.readouterr().out)
    assert report["exit_code"] == code
    return code, {c["name"]: c for c in report["checks"]}


def test_healthy_device_passes(device: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, checks = run_doctor(capsys)
    assert code == 0
    for name in (
        "config",
        "enrollment",
        "api",
        "device",
        "clock",
        "decoders",
        "outbox",
        "disk",
        "logs",
        "provisioning",
    ):
        assert checks[name]["status"] == "OK", checks[name]
    assert "store PAR01" in checks["device"]["message"]
    assert checks["keyring"]["status"] in ("OK", "WARN")


def test_unreachable_api_and_backlog(
    device: Path, capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    data = isolated_dirs / "data" / "omnistore-kiosk"
    data.mkdir(parents=True)
    with Outbox(data / "outbox.db") as outbox:
        outbox.append("test.op", "POST", "/v1/nowhere", {"n": 1})
        outbox.append("test.op", "POST", "/v1/nowhere", {"n": 2})
    code, checks = run_doctor(capsys, "--api-url", "http://127.0.0.1:9")
    assert code == 1
    assert checks["api"]["status"] == "FAIL" and "cannot reach" in checks["api"]["message"]
    assert checks["api"]["fix"]
    assert checks["clock"]["status"] == "WARN"
    assert "2 waiting to sync" in checks["outbox"]["message"]


def test_invalid_config_names_file_and_line(
    device: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device.write_text(device.read_text() + 'mode = "tablet"\n')
    line = device.read_text().splitlines().index('mode = "tablet"') + 1
    code, checks = run_doctor(capsys)
    assert code == 1
    assert f"{device}:{line}" in checks["config"]["message"]


def test_bundle_is_redacted(
    device: Path,
    tmp_path: Path,
    isolated_dirs: Path,
    capsys: pytest.CaptureFixture[str],
    device_token: str,
) -> None:
    logs = isolated_dirs / "state" / "omnistore-kiosk" / "log"
    logs.mkdir(parents=True)
    (logs / LOG_FILE_NAME).write_text("INFO started\n")
    (logs / f"{LOG_FILE_NAME}.1").write_text("INFO older\n")
    bundle = tmp_path / "support.zip"
    code, _ = run_doctor(capsys, "--bundle", str(bundle))
    assert code == 0
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
        assert {
            "doctor.txt",
            "versions.json",
            "settings.json",
            "config/user-config.toml",
            f"logs/{LOG_FILE_NAME}",
            f"logs/{LOG_FILE_NAME}.1",
        } <= names
        everything = b"".join(zf.read(n) for n in names)
        settings = json.loads(zf.read("settings.json"))
    assert device_token.encode() not in everything
    assert settings["settings"]["device_token"] == "<redacted>"
    assert settings["sources"]["store_code"].startswith(str(device))
    assert json.loads(zipfile.ZipFile(bundle).read("versions.json"))["kiosk-app"]


def test_redact_toml_keeps_keys() -> None:
    text = 'store_code = "PAR01"\ndevice_token = "dvc_abc"\n "enrollment_token"="x"\n'
    out = redact_toml(text)
    assert "dvc_abc" not in out and '"x"' not in out
    assert 'store_code = "PAR01"' in out and out.count("<redacted>") == 2
