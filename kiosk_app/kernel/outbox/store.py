"""The durable outbox: a SQLite file (WAL, ``synchronous=FULL``) of writes to deliver.

Every state change is one short transaction, so a crash at any point leaves either the old or
the new state. All methods are thread-safe (one connection guarded by a lock) and quick
single-row operations, cheap enough to call from the event loop.
"""

from __future__ import annotations

import enum
import logging
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from typing import Any

from kiosk_app.kernel.outbox.entry import (
    ATTENTION_STATUSES,
    UNSENT_STATUSES,
    EntryStatus,
    OutboxEntry,
    Problem,
)
from kiosk_app.kernel.outbox.rows import COLUMNS, dump_json, entry_from_row, select_one
from kiosk_app.kernel.outbox.schema import migrate
from kiosk_app.kernel.private_files import make_sqlite_private

log = logging.getLogger(__name__)

LocalRecord = Callable[[sqlite3.Connection], object]  # return value ignored
_UNSENT_SQL = "status IN ('pending', 'in_flight')"
_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class ChangeKind(enum.StrEnum):
    """Why the outbox changed (told to change listeners after the commit)."""

    APPENDED = "appended"
    RETRIED = "retried"
    DISMISSED = "dismissed"
    PURGED = "purged"
    ATTEMPT_STARTED = "attempt_started"
    ATTEMPT_RECORDED = "attempt_recorded"


ChangeListener = Callable[[ChangeKind], None]


#: what a delivered entry forgets of its write and its answer: who the customer is and
#: where they live (a guest's contact, a delivery address, a signature, a name)
PERSONAL_KEYS = frozenset(
    {
        "guest",
        "customer",
        "contact",
        "email",
        "phone",
        "address",
        "delivery_address",
        "signature",
        "link_sent_to",
        "associate_name",
    }
)


def without_personal_data(value: Any) -> Any:
    """``value`` (JSON) with every :data:`PERSONAL_KEYS` member removed, at any depth."""
    if isinstance(value, dict):
        return {
            key: without_personal_data(item)
            for key, item in value.items()
            if key not in PERSONAL_KEYS
        }
    if isinstance(value, list):
        return [without_personal_data(item) for item in value]
    return value


class OutboxError(Exception):
    """Base of the outbox's own errors."""


class EntryNotFoundError(OutboxError, LookupError):
    pass


class InvalidTransitionError(OutboxError):
    """The entry is not in a status that allows the requested change."""


class IdempotencyKeyReusedError(OutboxError):
    """``append`` got an existing idempotency key with a different request."""


class Outbox:
    """Queue of writes for the central API, stored next to the app's local records."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], float] = time.time,
        busy_timeout_s: float = 10.0,
    ) -> None:
        self.path = os.fspath(path)
        self._clock = clock
        self._lock = threading.RLock()
        self._listeners: list[ChangeListener] = []
        # guest contacts and addresses of writes waiting to be sent: readable by this user
        # only (the -wal and -shm files take the database's mode)
        make_sqlite_private(self.path)
        self._conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=busy_timeout_s
        )
        try:
            mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise OutboxError(f"cannot switch {self.path} to WAL (got {mode!r})")
            self._conn.execute("PRAGMA synchronous=FULL")
            # what a delivered entry forgets is overwritten, not left in free pages
            self._conn.execute("PRAGMA secure_delete=ON")
            self._conn.execute("PRAGMA foreign_keys=ON")
            migrate(self._conn)
        except BaseException:
            self._conn.close()
            raise

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def add_change_listener(self, listener: ChangeListener) -> Callable[[], None]:
        """Call ``listener`` after every committed change; returns the unsubscribe function.

        Listeners run in the thread that made the change.
        """
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def register_schema(self, sql: str) -> None:
        """Create the caller's own local tables (use ``IF NOT EXISTS``) in this file.

        Tables living in the same file are what lets ``append`` commit a local record and
        its outbox entry in one transaction.
        """
        with self._lock:
            try:
                self._conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\n;COMMIT;")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    # -- writing -----------------------------------------------------------------------------
    def append(
        self,
        op: str,
        method: str,
        path: str,
        body: dict[str, Any],
        *,
        local_record: LocalRecord | None = None,
        idempotency_key: str | None = None,
    ) -> OutboxEntry:
        """Queue a write; ``local_record(conn)`` runs in the same transaction.

        If ``local_record`` raises, nothing is written and the error propagates. It must not
        commit or roll back itself. Appending again with an existing ``idempotency_key`` and
        the same request returns the existing entry without running ``local_record``.
        """
        method = method.upper()
        if method not in _METHODS:
            raise ValueError(f"unsupported method {method!r}")
        if not op or not path:
            raise ValueError("op and path are required")
        body_json = dump_json(body)
        key = idempotency_key or str(uuid.uuid4())
        with self._transaction() as conn:
            existing = conn.execute(
                f"SELECT {COLUMNS} FROM outbox_entries WHERE idempotency_key = ?", (key,)
            ).fetchone()
            if existing is not None:
                entry = entry_from_row(existing)
                if (entry.op, entry.method, entry.path, entry.body) != (op, method, path, body):
                    raise IdempotencyKeyReusedError(f"key {key} already queued another request")
                return entry
            cursor = conn.execute(
                "INSERT INTO outbox_entries"
                " (op, method, path, body, idempotency_key, status, created_at)"
                " VALUES (?, ?, ?, ?, ?, 'pending', ?)",
                (op, method, path, body_json, key, self._clock()),
            )
            entry_id = int(cursor.lastrowid or 0)
            if local_record is not None:
                local_record(conn)
                if not conn.in_transaction:
                    log.error("local_record for %s ended the transaction itself", op)
            entry = self._require(conn, entry_id)
        self._notify(ChangeKind.APPENDED)
        return entry

    def retry_now(self, entry_id: int) -> OutboxEntry:
        """Failed → pending; for a pending/in-flight entry, skip the remaining backoff.

        The idempotency key is kept, so a retry can never apply an operation twice.
        """
        with self._transaction() as conn:
            entry = self._require(conn, entry_id)
            if entry.status is EntryStatus.FAILED:
                conn.execute(
                    "UPDATE outbox_entries SET status = 'pending', next_attempt_at = NULL,"
                    " resolved_at = NULL WHERE id = ?",
                    (entry_id,),
                )
            elif entry.status in UNSENT_STATUSES:
                conn.execute(
                    "UPDATE outbox_entries SET next_attempt_at = NULL WHERE id = ?", (entry_id,)
                )
            else:
                raise InvalidTransitionError(f"entry {entry_id} is {entry.status}; cannot retry")
            entry = self._require(conn, entry_id)
        self._notify(ChangeKind.RETRIED)
        return entry

    def retry_all(self) -> int:
        """Move every failed entry back to pending and skip all backoff; returns how many
        failed entries were moved."""
        with self._transaction() as conn:
            moved = conn.execute(
                "UPDATE outbox_entries SET status = 'pending', next_attempt_at = NULL,"
                " resolved_at = NULL WHERE status = 'failed'"
            ).rowcount
            conn.execute(
                f"UPDATE outbox_entries SET next_attempt_at = NULL WHERE {_UNSENT_SQL}"
                " AND next_attempt_at IS NOT NULL"
            )
        self._notify(ChangeKind.RETRIED)
        return moved

    def dismiss(self, entry_id: int, note: str) -> OutboxEntry:
        """A person closes a failed or conflict entry; the entry and the note are kept."""
        if not note.strip():
            raise ValueError("dismissing needs a note saying what was done about it")
        with self._transaction() as conn:
            entry = self._require(conn, entry_id)
            if entry.status not in ATTENTION_STATUSES:
                raise InvalidTransitionError(f"entry {entry_id} is {entry.status}; not dismissable")
            conn.execute(
                "UPDATE outbox_entries SET status = 'dismissed', note = ?, resolved_at = ?"
                " WHERE id = ?",
                (note.strip(), self._clock(), entry_id),
            )
            entry = self._require(conn, entry_id)
        self._notify(ChangeKind.DISMISSED)
        return entry

    def purge_done(self, older_than: timedelta) -> int:
        """Delete delivered entries resolved more than ``older_than`` ago; returns how many."""
        cutoff = self._clock() - older_than.total_seconds()
        with self._transaction() as conn:
            purged = conn.execute(
                "DELETE FROM outbox_entries WHERE status = 'done' AND resolved_at < ?", (cutoff,)
            ).rowcount
        if purged:
            self._notify(ChangeKind.PURGED)
        return purged

    # -- the sync engine's transitions --------------------------------------------------------
    def begin_attempt(self, entry_id: int, now: float) -> OutboxEntry:
        """Mark the entry in flight (durably) right before it is sent."""
        with self._transaction() as conn:
            updated = conn.execute(
                "UPDATE outbox_entries SET status = 'in_flight', attempts = attempts + 1,"
                f" last_attempt_at = ? WHERE id = ? AND {_UNSENT_SQL}",
                (now, entry_id),
            ).rowcount
            if not updated:
                raise InvalidTransitionError(f"entry {entry_id} is not waiting to be sent")
            entry = self._require(conn, entry_id)
        self._notify(ChangeKind.ATTEMPT_STARTED)
        return entry

    def record_delivered(
        self, entry_id: int, *, status_code: int, body: Any, now: float
    ) -> OutboxEntry:
        """Delivered: the file keeps what the sync page and IT need (what, when, which order)
        and forgets the personal data the write and its answer carried (a guest's contact,
        a delivery address, a signature). The entry returned, which the flow that wrote it
        receives, still has the whole answer."""
        with self._lock:
            sent = self._require(self._conn, entry_id).body
        entry = self._record(
            entry_id,
            "status = 'done', body = ?, response_status = ?, response_body = ?,"
            " resolved_at = ?, next_attempt_at = NULL, last_error = NULL",
            (
                dump_json(without_personal_data(sent)),
                status_code,
                dump_json(without_personal_data(body)),
                now,
            ),
        )
        self._forget_old_pages()
        return replace(entry, body=sent, response_body=body)

    def _forget_old_pages(self) -> None:
        """Once nothing waits to be sent, the write-ahead log (which still holds the pages
        as they were before delivery) is folded into the file and emptied."""
        with self._lock:
            waiting = self._conn.execute(
                f"SELECT 1 FROM outbox_entries WHERE {_UNSENT_SQL} LIMIT 1"
            ).fetchone()
            if waiting is None:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def record_needs_attention(
        self,
        entry_id: int,
        *,
        status: EntryStatus,
        problem: Problem,
        error: str,
        now: float,
    ) -> OutboxEntry:
        if status not in ATTENTION_STATUSES:
            raise ValueError(f"{status} is not a needs-attention status")
        return self._record(
            entry_id,
            "status = ?, problem = ?, last_error = ?, response_status = ?, resolved_at = ?,"
            " next_attempt_at = NULL",
            (status.value, dump_json(problem.to_json()), error, problem.status, now),
        )

    def record_retry(
        self, entry_id: int, *, next_attempt_at: float, error: str, maybe_applied: bool
    ) -> OutboxEntry:
        """Schedule another attempt; stays in flight when the server may have applied it."""
        status = EntryStatus.IN_FLIGHT if maybe_applied else EntryStatus.PENDING
        return self._record(
            entry_id,
            "status = ?, next_attempt_at = ?, last_error = ?",
            (status.value, next_attempt_at, error),
        )

    # -- reading -----------------------------------------------------------------------------
    def get(self, entry_id: int) -> OutboxEntry | None:
        with self._lock:
            return select_one(self._conn, entry_id)

    def head(self) -> OutboxEntry | None:
        """The next entry to send (lowest id still pending or in flight)."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {COLUMNS} FROM outbox_entries INDEXED BY outbox_entries_unsent"
                f" WHERE {_UNSENT_SQL} ORDER BY id LIMIT 1"
            ).fetchone()
        return None if row is None else entry_from_row(row)

    def behind_a_failed_send(self, entry_id: int) -> bool:
        """An earlier unsent entry could not be sent: ``entry_id`` waits for the network."""
        head = self.head()
        return head is not None and head.id != entry_id and bool(head.last_error)

    def pending_count(self) -> int:
        """Entries not yet delivered nor needing attention (pending + in flight)."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT count(*) FROM outbox_entries WHERE {_UNSENT_SQL}"
            ).fetchone()
        return int(row[0])

    def needs_attention_count(self) -> int:
        with self._lock:
            row = self._conn.execute(
                "SELECT count(*) FROM outbox_entries WHERE status IN ('failed', 'conflict')"
            ).fetchone()
        return int(row[0])

    def counts(self) -> dict[EntryStatus, int]:
        """Number of entries per status (every status present, zero if none)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT status, count(*) FROM outbox_entries GROUP BY status"
            ).fetchall()
        found = {EntryStatus(status): int(count) for status, count in rows}
        return {status: found.get(status, 0) for status in EntryStatus}

    def list_by_status(
        self, statuses: EntryStatus | Sequence[EntryStatus], *, limit: int | None = None
    ) -> list[OutboxEntry]:
        """Entries in the given status(es), oldest first (``entry.age(now)`` gives the age)."""
        wanted = [statuses] if isinstance(statuses, EntryStatus) else list(statuses)
        marks = ", ".join("?" for _ in wanted)
        sql = f"SELECT {COLUMNS} FROM outbox_entries WHERE status IN ({marks}) ORDER BY id"
        params: list[Any] = [status.value for status in wanted]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
        return [entry_from_row(row) for row in rows]

    def needs_attention(self) -> list[OutboxEntry]:
        """Failed and conflict entries, oldest first."""
        return self.list_by_status(ATTENTION_STATUSES)

    # -- plumbing ----------------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            if conn.in_transaction:
                conn.execute("COMMIT")

    def _record(self, entry_id: int, assignments: str, params: tuple[Any, ...]) -> OutboxEntry:
        with self._transaction() as conn:
            updated = conn.execute(
                f"UPDATE outbox_entries SET {assignments} WHERE id = ? AND status = 'in_flight'",
                (*params, entry_id),
            ).rowcount
            if not updated:
                raise InvalidTransitionError(f"entry {entry_id} is not in flight")
            entry = self._require(conn, entry_id)
        self._notify(ChangeKind.ATTEMPT_RECORDED)
        return entry

    @staticmethod
    def _require(conn: sqlite3.Connection, entry_id: int) -> OutboxEntry:
        entry = select_one(conn, entry_id)
        if entry is None:
            raise EntryNotFoundError(f"no outbox entry {entry_id}")
        return entry

    def _notify(self, kind: ChangeKind) -> None:
        for listener in list(self._listeners):
            try:
                listener(kind)
            except Exception:  # a broken listener must not undo a committed change
                log.exception("outbox change listener failed")
