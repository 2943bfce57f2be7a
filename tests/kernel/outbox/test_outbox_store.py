"""The durable outbox on real SQLite files."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk_app.kernel.outbox import (
    ChangeKind,
    EntryNotFoundError,
    EntryStatus,
    IdempotencyKeyReusedError,
    InvalidTransitionError,
    Outbox,
    Problem,
)
from tests.kernel.outbox.outbox_helpers import OP, PATH, FakeClock, op_body

PICKUPS_SQL = """
CREATE TABLE IF NOT EXISTS local_pickups (
    order_id TEXT PRIMARY KEY,
    collected_at REAL NOT NULL
);
"""


def _pickups(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT order_id FROM local_pickups")]


def _entry_count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM outbox_entries").fetchone()[0])


def _fail(outbox: Outbox, entry_id: int, status: EntryStatus = EntryStatus.FAILED) -> None:
    outbox.begin_attempt(entry_id, 1.0)
    problem = Problem(type="https://x/problems/p", title="Nope", status=422, detail="bad")
    outbox.record_needs_attention(entry_id, status=status, problem=problem, error="e", now=2.0)


def test_file_is_wal_with_full_sync_and_foreign_keys(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        conn = outbox._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_append_assigns_a_uuid4_key_a_sequence_and_pending_status(db_path: Path) -> None:
    clock = FakeClock(5_000.0)
    with Outbox(db_path, clock=clock) as outbox:
        first = outbox.append(OP, "post", PATH, {"n": 1})
        second = outbox.append(OP, "POST", PATH, {"n": 2})
    assert uuid.UUID(first.idempotency_key).version == 4
    assert first.idempotency_key != second.idempotency_key
    assert (first.seq, second.seq) == (first.id, first.id + 1)
    assert first.status is EntryStatus.PENDING
    assert first.method == "POST"
    assert first.created_at == 5_000.0
    assert first.attempts == 0


def test_local_record_is_committed_with_the_entry(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        outbox.register_schema(PICKUPS_SQL)
        entry = outbox.append(
            "pickup.complete",
            "POST",
            "/v1/pickups/o-1/complete",
            {"order_id": "o-1"},
            local_record=lambda conn: conn.execute("INSERT INTO local_pickups VALUES ('o-1', 1.0)"),
        )
    with Outbox(db_path) as reopened:
        assert reopened.get(entry.id) == entry
    assert _pickups(db_path) == ["o-1"]


def test_local_record_raising_writes_nothing(db_path: Path) -> None:
    def half_done_then_boom(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO local_pickups VALUES ('o-2', 1.0)")
        raise RuntimeError("scanner unplugged")

    with Outbox(db_path) as outbox:
        outbox.register_schema(PICKUPS_SQL)
        with pytest.raises(RuntimeError, match="scanner unplugged"):
            outbox.append(OP, "POST", PATH, op_body(), local_record=half_done_then_boom)
        assert outbox.pending_count() == 0
    assert _entry_count(db_path) == 0
    assert _pickups(db_path) == []


def test_local_record_violating_a_constraint_writes_nothing(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        outbox.register_schema(PICKUPS_SQL)
        insert = "INSERT INTO local_pickups VALUES ('o-3', 1.0)"
        outbox.append(OP, "POST", PATH, op_body(), local_record=lambda c: c.execute(insert))
        with pytest.raises(sqlite3.IntegrityError):
            outbox.append(OP, "POST", PATH, op_body(), local_record=lambda c: c.execute(insert))
        assert outbox.pending_count() == 1


def test_register_schema_is_all_or_nothing(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        with pytest.raises(sqlite3.OperationalError):
            outbox.register_schema("CREATE TABLE a (x INTEGER); CREATE TABLE broken (;")
        outbox.register_schema("CREATE TABLE a (x INTEGER);")  # 'a' was rolled back


def test_append_with_a_known_key_returns_the_same_entry_or_refuses(db_path: Path) -> None:
    calls: list[str] = []
    with Outbox(db_path) as outbox:
        body = op_body()
        first = outbox.append(OP, "POST", PATH, body, idempotency_key="k-1")
        again = outbox.append(
            OP,
            "POST",
            PATH,
            dict(body),
            idempotency_key="k-1",
            local_record=lambda conn: calls.append("ran"),
        )
        assert again == first
        assert calls == []
        with pytest.raises(IdempotencyKeyReusedError):
            outbox.append(OP, "POST", PATH, op_body(), idempotency_key="k-1")
        assert outbox.pending_count() == 1


def test_append_rejects_unsupported_methods(db_path: Path) -> None:
    with Outbox(db_path) as outbox, pytest.raises(ValueError):
        outbox.append(OP, "GET", PATH, {})


def test_attempt_lifecycle_is_recorded(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        flying = outbox.begin_attempt(entry.id, 10.0)
        assert (flying.status, flying.attempts, flying.last_attempt_at) == (
            EntryStatus.IN_FLIGHT,
            1,
            10.0,
        )
        waiting = outbox.record_retry(
            entry.id, next_attempt_at=15.0, error="ReadTimeout", maybe_applied=True
        )
        assert (waiting.status, waiting.next_attempt_at) == (EntryStatus.IN_FLIGHT, 15.0)
        outbox.begin_attempt(entry.id, 16.0)
        done = outbox.record_delivered(entry.id, status_code=201, body={"ok": 1}, now=17.0)
    assert done.status is EntryStatus.DONE
    assert (done.attempts, done.response_status, done.response_body) == (2, 201, {"ok": 1})
    assert done.resolved_at == 17.0
    assert done.next_attempt_at is None
    assert done.last_error is None
    assert done.idempotency_key == entry.idempotency_key


def test_not_sent_retry_goes_back_to_pending(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        outbox.begin_attempt(entry.id, 1.0)
        again = outbox.record_retry(
            entry.id, next_attempt_at=2.0, error="ConnectError", maybe_applied=False
        )
    assert again.status is EntryStatus.PENDING
    assert again.last_error == "ConnectError"


def test_only_waiting_entries_can_start_an_attempt(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        with pytest.raises(InvalidTransitionError):
            outbox.record_delivered(entry.id, status_code=200, body=None, now=1.0)
        _fail(outbox, entry.id)
        with pytest.raises(InvalidTransitionError):
            outbox.begin_attempt(entry.id, 3.0)


def test_head_is_the_oldest_unsent_entry_and_counts_follow(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        ids = [outbox.append(OP, "POST", PATH, op_body()).id for _ in range(4)]
        _fail(outbox, ids[0])
        outbox.begin_attempt(ids[1], 1.0)  # left in flight (e.g. by a crash)
        head = outbox.head()
        assert head is not None
        assert head.id == ids[1]
        assert outbox.pending_count() == 3
        assert outbox.needs_attention_count() == 1
        counts = outbox.counts()
    assert counts[EntryStatus.PENDING] == 2
    assert counts[EntryStatus.IN_FLIGHT] == 1
    assert counts[EntryStatus.FAILED] == 1
    assert counts[EntryStatus.DONE] == 0


def test_list_by_status_is_oldest_first_with_age(db_path: Path) -> None:
    clock = FakeClock(100.0)
    with Outbox(db_path, clock=clock) as outbox:
        a = outbox.append(OP, "POST", PATH, op_body())
        clock.advance(30)
        b = outbox.append(OP, "POST", PATH, op_body())
        _fail(outbox, b.id, EntryStatus.CONFLICT)
        listed = outbox.list_by_status([EntryStatus.PENDING, EntryStatus.CONFLICT])
        assert [e.id for e in listed] == [a.id, b.id]
        assert [e.age(clock.now + 10) for e in listed] == [40.0, 10.0]
        assert [e.id for e in outbox.list_by_status(EntryStatus.PENDING, limit=1)] == [a.id]
        attention = outbox.needs_attention()
    assert [e.id for e in attention] == [b.id]
    assert attention[0].problem is not None
    assert attention[0].problem.detail == "bad"
    assert attention[0].response_status == 422


def test_retry_now_moves_failed_back_to_pending_with_the_same_key(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        _fail(outbox, entry.id)
        retried = outbox.retry_now(entry.id)
    assert retried.status is EntryStatus.PENDING
    assert retried.idempotency_key == entry.idempotency_key
    assert retried.next_attempt_at is None


def test_retry_now_cuts_the_backoff_of_a_waiting_entry(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        outbox.begin_attempt(entry.id, 1.0)
        outbox.record_retry(entry.id, next_attempt_at=999.0, error="x", maybe_applied=True)
        retried = outbox.retry_now(entry.id)
    assert retried.status is EntryStatus.IN_FLIGHT
    assert retried.next_attempt_at is None


def test_retry_all_moves_every_failed_entry(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        ids = [outbox.append(OP, "POST", PATH, op_body()).id for _ in range(3)]
        _fail(outbox, ids[0])
        _fail(outbox, ids[1])
        _fail(outbox, ids[2], EntryStatus.CONFLICT)
        assert outbox.retry_all() == 2
        assert outbox.pending_count() == 2
        assert [e.id for e in outbox.needs_attention()] == [ids[2]]


def test_conflicts_are_never_retried_but_dismissed_with_a_note_and_kept(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        _fail(outbox, entry.id, EntryStatus.CONFLICT)
        with pytest.raises(InvalidTransitionError):
            outbox.retry_now(entry.id)
        with pytest.raises(ValueError):
            outbox.dismiss(entry.id, "   ")
        dismissed = outbox.dismiss(entry.id, "customer got it at the other counter")
        assert outbox.needs_attention() == []
        assert outbox.purge_done(timedelta(0)) == 0
        assert outbox.get(entry.id) == dismissed
        with pytest.raises(InvalidTransitionError):
            outbox.dismiss(entry.id, "again")
    assert dismissed.status is EntryStatus.DISMISSED
    assert dismissed.note == "customer got it at the other counter"
    assert dismissed.problem is not None


def test_pending_entries_cannot_be_dismissed(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        with pytest.raises(InvalidTransitionError):
            outbox.dismiss(entry.id, "no")
        with pytest.raises(EntryNotFoundError):
            outbox.retry_now(entry.id + 100)


def test_purge_done_removes_only_old_delivered_entries(db_path: Path) -> None:
    clock = FakeClock(0.0)
    with Outbox(db_path, clock=clock) as outbox:
        old, recent, waiting = (outbox.append(OP, "POST", PATH, op_body()) for _ in range(3))
        for entry, at in ((old, 10.0), (recent, 90.0)):
            outbox.begin_attempt(entry.id, at)
            outbox.record_delivered(entry.id, status_code=201, body=None, now=at)
        clock.now = 100.0
        assert outbox.purge_done(timedelta(seconds=50)) == 1
        assert outbox.get(old.id) is None
        assert outbox.get(recent.id) is not None
        assert outbox.get(waiting.id) is not None


def test_change_listeners_hear_committed_changes_only(db_path: Path) -> None:
    heard: list[ChangeKind] = []
    with Outbox(db_path) as outbox:
        outbox.register_schema(PICKUPS_SQL)
        unsubscribe = outbox.add_change_listener(heard.append)

        def boom(conn: sqlite3.Connection) -> None:
            raise RuntimeError

        with pytest.raises(RuntimeError):
            outbox.append(OP, "POST", PATH, op_body(), local_record=boom)
        entry = outbox.append(OP, "POST", PATH, op_body())
        outbox.begin_attempt(entry.id, 1.0)
        outbox.record_delivered(entry.id, status_code=201, body=None, now=1.0)
        unsubscribe()
        outbox.append(OP, "POST", PATH, op_body())
    assert heard == [ChangeKind.APPENDED, ChangeKind.ATTEMPT_STARTED, ChangeKind.ATTEMPT_RECORDED]


def test_entries_survive_reopening_the_file(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        entries = [outbox.append(OP, "POST", PATH, op_body(i=i)) for i in range(5)]
        outbox.begin_attempt(entries[0].id, 1.0)
    with Outbox(db_path) as reopened:
        assert reopened.list_by_status([EntryStatus.PENDING, EntryStatus.IN_FLIGHT]) == [
            reopened.get(e.id) for e in entries
        ]
        head = reopened.head()
    assert head is not None
    assert head.status is EntryStatus.IN_FLIGHT
