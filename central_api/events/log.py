"""The transactional event log: ``emit`` in the transaction of the change, numbered at commit.

A write calls ``emit(session, event, …)`` next to its change. Nothing is written then: the
events wait in the session and are inserted by a ``before_commit`` hook, so a transaction
that rolls back (a refusal, a lost race, an error) emits nothing, and one that commits
emits exactly what it did.

**Ordered and gap-free for every reader.** An autoincrement id is taken when the row is
inserted, not when it commits: a transaction that took id 5 and commits after the one that
took id 6 is never seen by a reader already past 6 (Odoo's bus says so in its code). Here
the ids come from one counter row, taken as the last thing before the commit:
``UPDATE event_sequence SET value = value + n WHERE name = 'head' RETURNING value``. The
row lock that update takes is held until the transaction ends, so a second writer waits at
that update until the first has committed (or rolled back, giving the numbers back): the
ids are handed out in commit order, without holes. A reader that reads ``head`` first and
then the events up to it therefore sees every event below ``head`` already committed, and
never has to come back for one it passed. On SQLite writers are serialised anyway (one
write lock); the same code gives the same guarantee. The cost is that writers that emit
events serialise their last step (counter, inserts, commit); the business work before it
still runs in parallel, and the counter is always the last lock a writer takes, so it adds
no deadlock.

On PostgreSQL the same transaction sends ``NOTIFY`` (delivered at commit, never for a
rollback) to wake the API's workers; in-process, ``on_commit`` callbacks run after commit.
The table is the truth: a missed wake-up only delays a reader until its next poll.

Retention: ``purge`` deletes events older than the retention and moves the ``purged``
mark; a reader whose cursor is below that mark is told to resync (``read_batch``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, event, func, insert, select, text, update
from sqlalchemy.orm import Session, SessionTransaction

from central_api.events.models import EventRow, EventSequence
from central_api.events.shapes import Emitted, Event, StockTouched, stock_events
from central_api.platform.db import Database

CHANNEL = "omnistore_events"
HEAD, PURGED = "head", "purged"
_PENDING = "omnistore.events.pending"
_WRITTEN = "omnistore.events.written"
_on_commit: list[Callable[[int], None]] = []


def emit(session: Session, *events: Emitted) -> None:
    """Record ``events`` in ``session``'s transaction: written at its commit, or never."""
    session.info.setdefault(_PENDING, []).extend(events)


def on_commit(callback: Callable[[int], None]) -> Callable[[], None]:
    """Call ``callback(head)`` after every commit in this process that wrote events (from
    the committing thread). Answers a function that removes it."""
    _on_commit.append(callback)
    return lambda: _on_commit.remove(callback) if callback in _on_commit else None


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    pending: list[Emitted] = session.info.pop(_PENDING, [])
    if not pending:
        return
    session.flush()  # every other change first: the counter is the last lock we take
    touched = [e for e in pending if isinstance(e, StockTouched)]
    events = [e for e in pending if isinstance(e, Event)] + stock_events(session, touched)
    if not events:
        return
    head = session.execute(
        update(EventSequence)
        .where(EventSequence.name == HEAD)
        .values(value=EventSequence.value + len(events))
        .returning(EventSequence.value)
    ).scalar_one_or_none()
    if head is None:  # a database ``install`` never saw (made by ``create_schema`` alone)
        session.add(EventSequence(name=HEAD, value=len(events)))
        session.flush()
        head = len(events)
    first = head - len(events) + 1
    now = datetime.now(UTC)
    session.execute(
        insert(EventRow),
        [
            {
                "id": first + i,
                "topic": e.topic,
                "type": e.type,
                "store_id": e.store_id,
                "subject": e.subject[:80],
                "payload": json.dumps(e.payload, default=str),
                "created_at": now,
            }
            for i, e in enumerate(events)
        ],
    )
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :head)"), {"channel": CHANNEL, "head": str(head)}
        )
    session.info[_WRITTEN] = head


@event.listens_for(Session, "after_commit")
def _written(session: Session) -> None:
    head = session.info.pop(_WRITTEN, None)
    if head is not None:
        for callback in list(_on_commit):
            callback(head)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    """Whatever ended the transaction (commit, rollback, close), its events go with it."""
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
        session.info.pop(_WRITTEN, None)


def install(db: Database) -> None:
    """Create the sequence's marks if this database has none yet (after ``create_schema``)."""
    with db.write_session() as session, session.begin():
        present = set(session.scalars(select(EventSequence.name)))
        for name in (HEAD, PURGED):
            if name not in present:
                session.add(EventSequence(name=name, value=0))


def purge(db: Database, retention: timedelta, now: datetime | None = None) -> int:
    """Delete events older than ``retention``; answers how many. Deletes a prefix of ids (up
    to the newest old one) and moves the ``purged`` mark in the same transaction."""
    cutoff = (now or datetime.now(UTC)) - retention
    with db.session() as session:
        last_old = session.scalar(select(func.max(EventRow.id)).where(EventRow.created_at < cutoff))
    if last_old is None:
        return 0
    with db.write_session() as session, session.begin():
        deleted = session.execute(delete(EventRow).where(EventRow.id <= last_old))
        session.execute(
            update(EventSequence)
            .where(EventSequence.name == PURGED, EventSequence.value < last_old)
            .values(value=last_old)
        )
        return int(getattr(deleted, "rowcount", 0) or 0)


# -- reading --------------------------------------------------------------------------------
@dataclass(frozen=True)
class StoredEvent:
    id: int
    type: str
    store_id: int | None
    subject: str
    payload: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class Batch:
    """What a reader after ``cursor`` gets: ``events`` (what it may see), the cursor to
    read after next time, and ``resync`` (why its cursor cannot be served) or None."""

    events: list[StoredEvent]
    cursor: int
    more: bool
    resync: str | None = None
    oldest: int = 0


def _mark(connection: Connection, name: str) -> int:
    return int(
        connection.scalar(select(EventSequence.value).where(EventSequence.name == name)) or 0
    )


def head(db: Database) -> int:
    with db.reading() as connection:
        return _mark(connection, HEAD)


def read_batch(
    connection: Connection, after: int, visible: ColumnElement[bool], limit: int = 500
) -> Batch:
    """The events after ``after`` that ``visible`` lets through, oldest first.

    ``head`` is read first: every event up to it has committed (ids are in commit order),
    so the cursor may move to it even past events this reader does not see. ``purged`` is
    read last: a purge that committed meanwhile may have deleted what was asked for.
    """
    top = _mark(connection, HEAD)
    if after > top:
        return Batch([], top, False, resync="cursor-unknown", oldest=top + 1)
    rows = connection.execute(
        select(
            EventRow.id,
            EventRow.type,
            EventRow.store_id,
            EventRow.subject,
            EventRow.payload,
            EventRow.created_at,
        )
        .where(EventRow.id > after, EventRow.id <= top, visible)
        .order_by(EventRow.id)
        .limit(limit)
    ).all()
    purged = _mark(connection, PURGED)
    if after < purged:
        return Batch([], top, False, resync="cursor-expired", oldest=purged + 1)
    events = [
        StoredEvent(r.id, r.type, r.store_id, r.subject, json.loads(r.payload), _utc(r.created_at))
        for r in rows
    ]
    more = len(events) == limit
    return Batch(events, events[-1].id if more else top, more)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
