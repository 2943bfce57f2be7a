"""``kiosk-app doctor`` against the real reference server, and its support bundle."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kiosk_app.cli.camera_probe import captured_stderr_fd, unexpected_lines
from kiosk_app.cli.support_bundle import redact_toml
from kiosk_app.kernel.config import default_config_dir, update_config_file
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.logging_setup import LOG_FILE_NAME
from kiosk_app.kernel.outbox import Outbox
from kiosk_app.kernel.provisioning import generate_key_pair


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
    assert checks["device"]["status"] == "SKIPPED"
    assert "unreachable" in checks["device"]["message"]
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


ROOT = Path(__file__).resolve().parents[2]
NOISE = re.compile(r"qt\.multimedia|ffmpeg|symbols|\[\w+ @ 0x", re.I)


def doctor_subprocess(*args: str) -> subprocess.CompletedProcess[str]:
    """The real ``kiosk-app doctor`` in its own process, with a device's environment: no
    Qt logging rules of ours (the test session sets some), the test's own config dirs."""
    env = {k: v for k, v in os.environ.items() if k != "QT_LOGGING_RULES"}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "kiosk_app", "doctor", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_camera_check_prints_no_multimedia_noise(device: Path) -> None:
    result = doctor_subprocess()
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^(OK|WARN)\s+camera\s+\S", result.stdout, re.M), result.stdout
    noise = [line for line in result.stderr.splitlines() if NOISE.search(line)]
    assert noise == [], result.stderr


def test_skipped_check_is_shown_as_skipped_not_ok(device: Path) -> None:
    result = doctor_subprocess("--no-camera")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    camera = [line for line in lines if re.match(r"^\S+\s+camera\b", line)]
    assert camera == ["SKIPPED  camera        not checked (--no-camera)"], result.stdout
    # every check's name and message start in the same columns, SKIPPED or not
    checks = [re.match(r"^(OK|WARN|FAIL|SKIPPED)( +)(\S+)( +)\S", line) for line in lines]
    found = [m for m in checks if m is not None]
    assert len(found) >= 5, result.stdout
    assert len({m.start(3) for m in found}) == 1, result.stdout  # the names
    assert len({m.end(4) for m in found}) == 1, result.stdout  # the messages
    arrows = {line.index("-> ") for line in lines if line.lstrip().startswith("-> ")}
    assert arrows <= {found[0].end(4)}, result.stdout  # what to do: under the message
    passed = sum(line.startswith("OK ") for line in lines)
    assert lines[-1].startswith(f"READY: {passed} passed, ")
    assert lines[-1].endswith(", 1 skipped")


def test_device_check_without_token_is_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    code, checks = run_doctor(capsys, "--api-url", "http://127.0.0.1:9")
    assert code == 1  # the API is unreachable
    assert checks["device"]["status"] == "SKIPPED"
    assert "no device token" in checks["device"]["message"]
    assert checks["camera"]["status"] == "SKIPPED"


def test_camera_problems_are_captured_not_printed(capfd: pytest.CaptureFixture[str]) -> None:
    """What Qt or FFmpeg write to file descriptor 2 during the probe is kept for the report
    (the benign start-up lines dropped), and nothing of it reaches the terminal."""
    with captured_stderr_fd() as said:
        os.write(2, b"qt.multimedia.symbolsresolver: Couldn't load va library\n")
        os.write(2, b"qt.multimedia.ffmpeg: Using Qt multimedia with FFmpeg version 7.1\n")
        os.write(2, b"[video4linux2,v4l2 @ 0x55d0] Cannot open video device: Permission denied\n")
    assert capfd.readouterr().err == ""
    assert unexpected_lines(said) == [
        "[video4linux2,v4l2 @ 0x55d0] Cannot open video device: Permission denied"
    ]
