"""``kiosk-app --demo`` on SIGTERM or SIGINT: the app exits, the demo API child is gone and
its temporary database folder removed (the real app, offscreen, in its own process)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="POSIX signals, /proc")

ROOT = Path(__file__).resolve().parents[2]
STARTED = re.compile(r"demo central API at (http://[^\s,]+)")


@dataclass
class Demo:
    app: subprocess.Popen[bytes]
    api_pid: int
    api_url: str
    data_dir: Path
    tmp_dir: Path
    stderr: Path
    log: Path


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def wait_for(what: str, ready: object, timeout: float, demo_stderr: Path) -> None:
    deadline = time.monotonic() + timeout
    while not callable(ready) or not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {timeout:.0f} s; app stderr:\n{demo_stderr.read_text()}")
        time.sleep(0.1)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    """``kiosk-app --demo`` started for real, with its own HOME, config/data dirs and TMPDIR,
    once its demo API answers; whatever is left is killed at the end."""
    home, tmp_dir = tmp_path / "home", tmp_path / "tmp"
    tmp_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        KIOSK_SYSTEM_CONFIG=str(home / "etc" / "config.toml"),
        TMPDIR=str(tmp_dir),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
    )
    stderr = tmp_path / "stderr.txt"
    with stderr.open("wb") as sink:
        app = subprocess.Popen(
            [sys.executable, "-m", "kiosk_app", "--demo", "--log-level", "INFO"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=sink,
            start_new_session=True,
        )
    api_pids: list[int] = []
    try:
        wait_for("no demo API line", lambda: STARTED.search(stderr.read_text()), 120, stderr)
        started = STARTED.search(stderr.read_text())
        assert started is not None
        url = started.group(1)
        assert httpx.get(url + "/v1/health", timeout=5).status_code == 200
        (data_dir,) = [d for d in tmp_dir.iterdir() if (d / "central.db").exists()]
        assert f"data in {data_dir}" in stderr.read_text()
        api_pids = [p for p in children(app.pid) if b"central_api" in cmdline(p)]
        assert len(api_pids) == 1, api_pids
        log = home / "state" / "omnistore-kiosk" / "log" / "kiosk-app.log"
        yield Demo(app, api_pids[0], url, data_dir, tmp_dir, stderr, log)
    finally:
        for pid in [app.pid, *api_pids]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        app.wait(10)


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def assert_closed_cleanly(demo: Demo, sig: signal.Signals) -> None:
    os.kill(demo.app.pid, sig)
    try:
        code = demo.app.wait(15)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the app ignored {sig.name}; stderr:\n{demo.stderr.read_text()}")
    deadline = time.monotonic() + 5
    while alive(demo.api_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(demo.api_pid), "the demo API outlived the app"
    assert not demo.data_dir.exists(), "the demo database folder is left behind"
    assert [p.name for p in demo.tmp_dir.iterdir() if p.name.startswith("kiosk")] == []
    text = demo.stderr.read_text()
    assert "Traceback" not in text, text
    assert code == 0, text


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_signal_closes_the_running_app_and_its_demo_api(demo: Demo, sig: signal.Signals) -> None:
    running = "/v1/devices/enroll"  # the GUI's loop is up and talks to the API
    wait_for(
        "the GUI did not start",
        lambda: demo.log.exists() and running in demo.log.read_text(),
        120,
        demo.stderr,
    )
    assert_closed_cleanly(demo, sig)
    assert f"{sig.name} received: closing the app" in demo.log.read_text()


def test_sigterm_while_the_app_starts_leaves_nothing(demo: Demo) -> None:
    """Sent as soon as the demo API answers: the GUI is still loading."""
    assert_closed_cleanly(demo, signal.SIGTERM)
