"""The recent events of the log, read once per process for all its readers.

Without it every open stream would read the log at every wake-up: a thousand readers, a
thousand queries per event and worker. The tail reads what is new once, keeps the last
``capacity`` events in order, and wakes the readers, who take what follows their cursor
and is theirs to see (``shapes.may_read``) from memory. A reader whose cursor is outside
what the tail holds (behind it, or ahead of it while it catches up) reads the log itself,
as does any reader at its poll: the tail is a shortcut, never the truth.

The tail reads with ``log.read_batch`` like any reader, so what it holds has no hole: it
holds every event in ``(floor, cursor]``.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi.concurrency import run_in_threadpool
from sqlalchemy import true

from central_api.events.log import StoredEvent, head, read_batch
from central_api.events.wakeups import WakeUps
from central_api.platform.db import Database

log = logging.getLogger(__name__)
T = TypeVar("T")


async def in_db(db: Database, call: Callable[..., T], *args: Any) -> T:
    """SQLite: on the loop (as reads are, ``central_api.platform.inline_reads``); else a thread."""
    if db.is_sqlite:
        return call(*args)
    return await run_in_threadpool(call, *args)


class Tail:
    def __init__(self, db: Database, readers: WakeUps, capacity: int = 5000) -> None:
        self.db = db
        self.readers = readers
        self.capacity = capacity
        self._events: list[StoredEvent] = []
        self.floor = self.cursor = -1  # nothing held until ``follow`` has started

    def after(self, cursor: int) -> tuple[list[StoredEvent], int] | None:
        """The events after ``cursor`` and the cursor to keep; None when not held here."""
        if self.cursor < 0 or not self.floor <= cursor <= self.cursor:
            return None
        start = bisect.bisect_right(self._events, cursor, key=lambda e: e.id)
        return self._events[start:], self.cursor

    def _read(self, after: int) -> Any:
        with self.db.reading() as connection:
            return read_batch(connection, after, true(), limit=1000)

    def take(self, events: list[StoredEvent], cursor: int) -> None:
        """Hold ``events`` (every event up to ``cursor``), dropping the oldest over capacity."""
        self._events.extend(events)
        self.cursor = cursor
        extra = len(self._events) - self.capacity
        if extra > 0:
            self.floor = self._events[extra - 1].id
            del self._events[:extra]

    async def follow(self, commits: WakeUps, poll_s: float) -> None:
        """Read what is new at each wake-up (``commits``) or poll; wake the readers."""
        with commits.waiter() as woken:
            while True:
                woken.clear()
                try:
                    if self.cursor < 0:
                        self.floor = self.cursor = await in_db(self.db, head, self.db)
                    batch = await in_db(self.db, self._read, self.cursor)
                except Exception as exc:  # the readers poll the log meanwhile
                    log.warning("event tail: %s", exc)
                    await asyncio.sleep(min(poll_s, 5.0))
                    continue
                if batch.resync is not None:  # purged past us, or another database
                    self._events.clear()
                    self.floor = self.cursor = batch.cursor
                else:
                    self.take(batch.events, batch.cursor)
                self.readers.wake()
                if batch.more:
                    continue
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(woken.wait(), poll_s)
