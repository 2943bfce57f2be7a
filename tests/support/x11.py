"""A real X server (Xvfb) and a USB keyboard-wedge scanner typing into it (``xdotool``).

``xdotool`` sends key events through the XTEST extension, the same path a USB keyboard's
events take into the X server: a capital is a Shift press, the letter, the Shift release;
GS is Ctrl+]; Enter is the Return key. The app's window receives them as from any keyboard.
Used by ``tests/e2e/test_wedge_x11.py`` and ``bench/wedge_x11_bench.py``.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GS = "\x1d"


@contextmanager
def xvfb(size: str = "1280x800x24") -> Iterator[str]:
    """Start Xvfb on a free display; yield its ``DISPLAY`` value."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


class ScanWindow:
    """``tests/support/x11_scan_window.py`` running on ``display``: what it reports."""

    def __init__(self, display: str, app: tuple[str, str] | None = None) -> None:
        self.display = display
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        args = [sys.executable, "-m", "tests.support.x11_scan_window"]
        if app is not None:
            args += ["--app", *app]
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=self._stderr, text=True
        )
        self._lines: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        ready = self.next(timeout=30, key="ready")
        self.window_id = str(ready["window"])

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("{"):
                self._lines.put(json.loads(line))

    def next(self, timeout: float = 5, key: str | None = None) -> dict[str, Any]:
        """The next report (with ``key`` in it, if given; others before it are dropped)."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = self._lines.get(timeout=max(0.01, remaining))
            except queue.Empty:
                self._stderr.seek(0)
                err = self._stderr.read().decode(errors="replace")[-2000:]
                raise AssertionError(
                    f"no {key or 'report'} in {timeout} s; stderr: {err}"
                ) from None
            if key is None or key in line:
                return line

    def drain(self, quiet_s: float = 0.3) -> list[dict[str, Any]]:
        """Every report until none came for ``quiet_s``."""
        out = []
        while True:
            try:
                out.append(self._lines.get(timeout=quiet_s))
            except queue.Empty:
                return out

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self._stderr.close()


def xdo_script(text: str, *, delay_ms: int, enter: bool = True) -> str:
    """An ``xdotool`` script typing ``text`` as a scanner does, ``delay_ms`` per key.

    One xdotool process types the whole code (separate processes would leave gaps no
    scanner leaves). GS is typed as Ctrl+], the way scanners send it as a keyboard.
    """
    lines = []
    for i, part in enumerate(text.split(GS)):
        if i:
            lines.append(f"key --delay {delay_ms} ctrl+bracketright")
        if part:
            if any(ch.isspace() for ch in part):
                raise ValueError("xdotool scripts split words: no spaces in a scanned code")
            lines.append(f"type --delay {delay_ms} {part}")
    if enter:
        lines.append(f"key --delay {delay_ms} Return")
    return "\n".join(lines) + "\n"


def scanner_types(display: str, text: str, *, delay_ms: int = 4, enter: bool = True) -> None:
    """Type ``text`` on ``display`` as a USB wedge scanner (``delay_ms`` per key)."""
    with tempfile.NamedTemporaryFile("w", suffix=".xdo", delete=False) as script:
        script.write(xdo_script(text, delay_ms=delay_ms, enter=enter))
    try:
        subprocess.run(
            ["xdotool", script.name],
            env={**os.environ, "DISPLAY": display},
            check=True,
            timeout=60,
        )
    finally:
        os.unlink(script.name)


@contextmanager
def cpu_load(processes: int, seconds: float) -> Iterator[None]:
    """Busy processes (bounded in time) on every core, as when the tablet is busy."""
    code = f"import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass\n"
    burners = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(processes)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait(10)


def scans_and_fields(reports: Sequence[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The texts delivered as scans, and the texts that reached the field with Enter."""
    return (
        [r["scan"] for r in reports if "scan" in r],
        [r["field"] for r in reports if "field" in r],
    )
