"""Schema versioning: upgrades keep pending work; newer files are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk_app.kernel.outbox import EntryStatus, Outbox, SchemaTooNewError, migrate, schema_version
from kiosk_app.kernel.outbox.schema import MIGRATIONS
from tests.kernel.outbox.outbox_helpers import OP, PATH, op_body


def _add_priority(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE outbox_entries ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")


def _broken(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE outbox_entries ADD COLUMN half_done INTEGER")
    raise RuntimeError("power cut mid-upgrade")


def _autocommit(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_a_new_file_is_at_the_latest_version(db_path: Path) -> None:
    with Outbox(db_path):
        pass
    conn = _autocommit(db_path)
    assert schema_version(conn) == len(MIGRATIONS)
    conn.close()


def test_an_upgrade_keeps_pending_work(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        entries = [outbox.append(OP, "POST", PATH, op_body()) for _ in range(3)]
        outbox.begin_attempt(entries[0].id, 1.0)
    conn = _autocommit(db_path)
    assert migrate(conn, (*MIGRATIONS, _add_priority)) == len(MIGRATIONS) + 1
    assert migrate(conn, (*MIGRATIONS, _add_priority)) == len(MIGRATIONS) + 1  # idempotent
    conn.close()
    # this app version does not know v2 yet, so it only reads the file through a v2-aware path
    conn = _autocommit(db_path)
    rows = conn.execute("SELECT id, status, priority FROM outbox_entries ORDER BY id").fetchall()
    conn.close()
    assert rows == [
        (entries[0].id, EntryStatus.IN_FLIGHT.value, 0),
        (entries[1].id, EntryStatus.PENDING.value, 0),
        (entries[2].id, EntryStatus.PENDING.value, 0),
    ]


def test_a_failed_upgrade_leaves_the_previous_version_and_its_entries(db_path: Path) -> None:
    with Outbox(db_path) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
    conn = _autocommit(db_path)
    with pytest.raises(RuntimeError, match="power cut"):
        migrate(conn, (*MIGRATIONS, _broken))
    assert schema_version(conn) == len(MIGRATIONS)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(outbox_entries)")]
    conn.close()
    assert "half_done" not in columns
    with Outbox(db_path) as reopened:
        assert reopened.get(entry.id) == entry


def test_a_file_from_a_newer_app_is_refused(db_path: Path) -> None:
    with Outbox(db_path):
        pass
    conn = _autocommit(db_path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(SchemaTooNewError):
        Outbox(db_path)
