"""The readers of one API process waiting for events, woken together (by the commits of
this process, PostgreSQL's ``NOTIFY`` or the head check: ``central_api.events.hub``)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator


class WakeUps:
    """The readers waiting in this process; ``wake`` may be called from any thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._waiting: set[asyncio.Event] = set()
        self.closed = False

    def wake(self, _head: int | None = None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody is waiting
            self._loop.call_soon_threadsafe(self._wake_all)

    def close(self) -> None:
        """The server is stopping: every reader ends its stream."""
        self.closed = True
        self.wake()

    def _wake_all(self) -> None:
        for waiting in self._waiting:
            waiting.set()

    @contextlib.contextmanager
    def waiter(self) -> Iterator[asyncio.Event]:
        """An event set at each wake-up, for one reader (clear it before each read)."""
        waiting = asyncio.Event()
        self._waiting.add(waiting)
        try:
            yield waiting
        finally:
            self._waiting.discard(waiting)

    @property
    def readers(self) -> int:
        return len(self._waiting)
