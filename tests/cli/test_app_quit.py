"""Whatever ends the app, its shutdown runs: Qt's own quit too (the last window closed,
first run's restart, the kiosk's exit), not only SIGTERM (the real qasync loop, in its own
process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import asyncio, qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kiosk_app.app import run_then_shut_down

app = QApplication([])
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
closed = asyncio.Event()

async def running():
    app.aboutToQuit.connect(closed.set)
    QTimer.singleShot(100, app.quit)  # as first run or the kiosk's exit does
    await closed.wait()
    await asyncio.sleep(0)  # the app's main coroutine went on awaiting after this

async def shut_down():
    await asyncio.sleep(0.05)  # closing the HTTP client awaits
    print("outbox closed", flush=True)

with loop:
    run_then_shut_down(loop, running(), shut_down)
print("exit", flush=True)
"""


def test_qt_quit_still_runs_the_shutdown() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["outbox closed", "exit"]
    assert "Traceback" not in done.stderr
