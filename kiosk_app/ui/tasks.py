"""Run core coroutines from widgets, with cancellation tied to the widget's life.

One ``TaskSlot`` per kind of work on a screen: starting new work cancels the previous one
(a new scan supersedes the old), and destroying the owner cancels what is in flight, so no
answer lands on a dead widget.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)


class TaskSlot:
    def __init__(self, owner: QObject) -> None:
        self._task: asyncio.Task[Any] | None = None
        owner.destroyed.connect(lambda *_: self.cancel())

    def start(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        self.cancel()
        task = asyncio.ensure_future(coro)
        task.add_done_callback(_log_unexpected)
        self._task = task
        return task

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()


def _log_unexpected(task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        log.error("background task failed", exc_info=exc)
