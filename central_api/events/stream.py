"""``GET /v1/events``: the event log as Server-Sent Events, for the calling device.

Resume contract: each event carries its id (``id:``); a client reconnects with the last id
it processed in ``Last-Event-ID`` (or ``?after=``) and receives every later event it may
read, in id order, each once. Without either it starts at the present. A cursor the log
can no longer serve (older than the retention, or not from this server) gets
``event: resync``, whose ``id`` is the present: reload what is on screen, then carry on.
Comment lines (``: heartbeat``) keep idle connections open; a device revoked meanwhile has
its stream ended at the next one (and its reconnection refused).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import select

from central_api.devices.models import Device
from central_api.events.hub import lifespan
from central_api.events.log import Batch, StoredEvent, head, read_batch
from central_api.events.shapes import may_read, shown_to, visible_to
from central_api.events.tail import Tail, in_db
from central_api.events.wakeups import WakeUps
from central_api.platform.auth import Principal, current_principal
from central_api.platform.db import Database
from central_api.platform.problems import Problem

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["events"], lifespan=lifespan)
RETRY_MS = 2000


def _frame(stored: StoredEvent, principal: Principal) -> str:
    data = {
        "id": stored.id,
        "type": stored.type,
        "subject": stored.subject,
        "created_at": stored.created_at.isoformat(),
        "payload": shown_to(principal, stored.payload),
    }
    return f"id: {stored.id}\nevent: {stored.type}\ndata: {json.dumps(data)}\n\n"


def _resync_frame(batch: Batch, after: int, retention_s: float) -> str:
    data = {
        "reason": batch.resync,
        "after": after,
        "oldest_available": batch.oldest,
        "retention_s": retention_s,
    }
    return f"id: {batch.cursor}\nevent: resync\ndata: {json.dumps(data)}\n\n"


def _cursor(after: int | None, last_event_id: str | None) -> int | None:
    if last_event_id is None or not last_event_id.strip():
        return after
    text = last_event_id.strip()
    if not text.isdigit():
        raise Problem(
            422,
            "invalid-cursor",
            "Invalid Last-Event-ID",
            f"Last-Event-ID must be an event id (a whole number), not {text[:40]!r}.",
        )
    return int(text)


def _read(db: Database, after: int, principal: Principal) -> Batch:
    with db.reading() as connection:
        return read_batch(connection, after, visible_to(principal))


def _enrolled(db: Database, device_id: str) -> bool:
    with db.reading() as connection:
        revoked = connection.scalar(select(Device.revoked).where(Device.device_id == device_id))
    return revoked is False


def _from_tail(tail: Tail, cursor: int, principal: Principal) -> Batch | None:
    held = tail.after(cursor)
    if held is None:
        return None
    events, moved_to = held
    return Batch([e for e in events if may_read(principal, e.type, e.store_id)], moved_to, False)


async def _follow(request: Request, principal: Principal, start: int | None) -> AsyncIterator[str]:
    """Read (from the process's tail, or the log), send, then wait for a wake-up or the
    poll, sending heartbeats meanwhile. At its poll a reader reads the log itself."""
    db: Database = request.app.state.db
    hub: WakeUps = request.app.state.event_hub
    tail: Tail = request.app.state.event_tail
    settings = request.app.state.settings
    heartbeat_s: float = settings.events_heartbeat_s
    poll_s: float = settings.events_poll_s
    retention_s = settings.events_retention.total_seconds()
    yield f"retry: {RETRY_MS}\n: connected\n\n"
    cursor = start if start is not None else await in_db(db, head, db)
    last_sent = read_at = time.monotonic()
    polled = True
    with hub.waiter() as woken:
        while not hub.closed:
            woken.clear()
            batch = None if polled else _from_tail(tail, cursor, principal)
            if batch is None:
                read_at, polled = time.monotonic(), False
                try:
                    batch = await in_db(db, _read, db, cursor, principal)
                except Exception:  # the client reconnects with its last id (``retry:``)
                    log.exception("reading the event log failed; ending the stream")
                    return
            if batch.resync is not None:
                yield _resync_frame(batch, cursor, retention_s)
            for stored in batch.events:
                yield _frame(stored, principal)
            if batch.resync is not None or batch.events:
                last_sent = time.monotonic()
            cursor = batch.cursor
            while not batch.more and not woken.is_set() and not hub.closed:
                now = time.monotonic()
                to_poll = poll_s - (now - read_at)
                to_beat = heartbeat_s - (now - last_sent)
                if to_poll <= 0:
                    polled = True
                    break
                if to_beat <= 0:
                    if not await in_db(db, _enrolled, db, principal.subject):
                        return  # revoked meanwhile: its reconnection is refused
                    yield ": heartbeat\n\n"
                    last_sent = time.monotonic()
                    continue
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(woken.wait(), min(to_poll, to_beat))


@router.get(
    "/events",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "Server-Sent Events: every event the device may read, in order.",
        },
        422: {"description": "invalid-cursor"},
    },
)
async def events(
    request: Request,
    principal: Annotated[Principal, Depends(current_principal)],
    after: Annotated[
        int | None, Query(ge=0, description="Resume after this event id (or Last-Event-ID)")
    ] = None,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> StreamingResponse:
    """The live events this device may read: stock of every location; its own store's
    pickups, orders and returns (a kiosk: pickups and orders, without personal fields)."""
    start = _cursor(after, last_event_id)
    db: Database = request.app.state.db
    if not await in_db(db, _enrolled, db, principal.subject):  # the cache may not know yet
        raise Problem(401, "invalid-token", "Invalid token", "The token is unknown or revoked.")
    return StreamingResponse(
        _follow(request, principal, start),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
