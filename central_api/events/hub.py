"""Wake-ups of the readers of one API process, and the event log's background work.

After a commit that wrote events, this process's tail (``central_api.events.tail``), which
reads the log once for all the process's readers and then wakes them, is woken at once
(``log.on_commit``). With PostgreSQL, a ``LISTEN`` connection per process also wakes them
when another process (another worker, another server, a script) commits events: the
writer's ``NOTIFY`` is delivered at its commit. SQLite has no such thing: one task per
process reads the head mark ten times a second. A wake-up only says "read again": readers
also poll at a slow interval, so a lost notification (a listener reconnecting) delays an
event, never loses it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

from fastapi import FastAPI
from sqlalchemy.engine import make_url

from central_api.events.log import CHANNEL, head, on_commit, purge
from central_api.events.tail import Tail
from central_api.events.wakeups import WakeUps
from central_api.platform.db import Database

log = logging.getLogger(__name__)


def libpq_url(sqlalchemy_url: str) -> str:
    """``postgresql+psycopg://…`` as psycopg itself takes it."""
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


async def listen_forever(sqlalchemy_url: str, hub: WakeUps, retry_max_s: float = 30.0) -> None:
    """``LISTEN`` for the writers' ``NOTIFY`` and wake the readers; reconnects with backoff."""
    import psycopg

    delay = 0.5
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                libpq_url(sqlalchemy_url), autocommit=True
            ) as connection:
                await connection.execute(f"LISTEN {CHANNEL}")
                delay = 0.5
                hub.wake()  # what committed while we were not listening
                async for _notice in connection.notifies():
                    hub.wake()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the database restarted, the network dropped
            log.warning("event listener: %s; listening again in %.1f s", exc, delay)
            await asyncio.sleep(delay)
            delay = min(retry_max_s, delay * 2)


async def watch_head_forever(db: Database, hub: WakeUps, every_s: float = 0.1) -> None:
    """SQLite has no NOTIFY: read the head mark (one tiny query) and wake the readers when
    another process (another worker, a script) committed events."""
    seen = -1
    while True:
        await asyncio.sleep(every_s)
        try:
            now = head(db)
        except Exception as exc:  # a locked or busy database: try again next time
            log.warning("event head watch: %s", exc)
            continue
        if now != seen and seen >= 0:
            hub.wake()
        seen = now


async def purge_forever(db: Database, retention: timedelta) -> None:
    """Delete events older than the retention, at start and then regularly."""
    every = min(3600.0, max(1.0, retention.total_seconds() / 20))
    while True:
        try:
            count = await asyncio.to_thread(purge, db, retention)
            if count:
                log.info("deleted %d events older than %s", count, retention)
        except Exception:
            log.exception("event purge failed")
        await asyncio.sleep(every)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """``app.state.event_hub`` wakes the streams (closing it ends them); the process's
    ``Tail`` is woken by commits here, ``NOTIFY`` or the head check, and wakes them."""
    db: Database = app.state.db
    settings = app.state.settings
    loop = asyncio.get_running_loop()
    commits, readers = WakeUps(loop), WakeUps(loop)
    app.state.event_hub = readers
    app.state.event_tail = tail = Tail(db, readers)
    forget = on_commit(commits.wake)
    tasks = [
        asyncio.create_task(purge_forever(db, settings.events_retention)),
        asyncio.create_task(tail.follow(commits, settings.events_poll_s)),
    ]
    if db.is_sqlite:
        tasks.append(asyncio.create_task(watch_head_forever(db, commits)))
    else:
        tasks.append(asyncio.create_task(listen_forever(db.url, commits)))
    try:
        yield
    finally:
        forget()
        readers.close()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
