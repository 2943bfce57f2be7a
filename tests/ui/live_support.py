"""Helpers of the live-event UI tests (no tests here): an app window whose live-event
subscription runs in the test's qasync loop, as the app runs it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kiosk_app.shell.main_window import MainWindow
from tests.ui.conftest import make_window, settle

#: screenshots of the live tests (the other window right after a change), for review
SHOTS = Path("/tmp/live_shots")


@contextlib.contextmanager
def live_window(
    qtbot: Any,
    loop: asyncio.AbstractEventLoop,
    url: str,
    token: str,
    *,
    mode: str = "associate",
    data_dir: Path | None = None,
) -> Iterator[MainWindow]:
    """A real app window (``build_app``) with its live events followed, connected."""
    window = make_window(qtbot, url, token, mode=mode, data_dir=data_dir, live=True)
    live = window.services.live
    assert live is not None

    async def start() -> asyncio.Task[None]:  # in the running loop, as the app does
        return asyncio.ensure_future(live.run_forever())

    task = loop.run_until_complete(start())
    try:
        settle(loop, lambda: live.live.value)
        yield window
    finally:
        task.cancel()
        window.close()
        loop.run_until_complete(asyncio.gather(task, return_exceptions=True))
        loop.run_until_complete(window.services.client.aclose())


def shot(window: MainWindow, name: str) -> Path:
    """``window`` as it is now (1280x800) in ``SHOTS/name.png``."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    image = window.grab()
    assert (image.width(), image.height()) == (1280, 800), (image.width(), image.height())
    assert image.save(str(path))
    return path
