"""The associate window fits its screen on a real X server without a window manager.

Nothing but the app sizes the window there: opened at the tablet size (1280 x 800) on a
portrait 800 x 1280 screen, half of it was off screen, a kiosk's "full screen" included.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.support.x11 import ROOT, xvfb

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")


def shown_on(size: str, *args: str) -> dict[str, list[int]]:
    with xvfb(size) as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        done = subprocess.run(
            [sys.executable, "-m", "tests.support.x11_window_size", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("{"))
    shown: dict[str, list[int]] = json.loads(line)
    return shown


def inside(window: list[int], screen: list[int]) -> bool:
    x, y, w, h = window
    sx, sy, sw, sh = screen
    return sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh


@pytest.mark.parametrize("size", ["800x1280x24", "1024x768x24"])
def test_the_window_fills_a_screen_smaller_than_the_tablet_size(size: str) -> None:
    shown = shown_on(size)
    assert shown["window"] == shown["screen"], shown  # all of it, none off screen


def test_the_window_keeps_the_tablet_size_on_a_larger_screen() -> None:
    shown = shown_on("1920x1080x24")
    assert shown["window"][2:] == [1280, 800], shown
    assert inside(shown["window"], shown["screen"]), shown


@pytest.mark.parametrize("size", ["800x1280x24", "1920x1080x24"])
def test_a_kiosk_fills_its_whole_screen(size: str) -> None:
    shown = shown_on(size, "--kiosk")
    width, height = (int(n) for n in size.split("x")[:2])
    assert shown["window"] == [0, 0, width, height], shown
