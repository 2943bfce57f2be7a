"""Outbox schema and its migrations, versioned with SQLite's ``user_version`` pragma.

Each migration runs in its own transaction together with the version bump, so a crash
mid-upgrade leaves the file at the previous version with all pending work intact.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

Migration = Callable[[sqlite3.Connection], None]


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer app version; refusing to touch it."""


def _v1_initial(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE outbox_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            op TEXT NOT NULL,
            method TEXT NOT NULL,
            path TEXT NOT NULL,
            body TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL CHECK (status IN
                ('pending', 'in_flight', 'done', 'failed', 'conflict', 'dismissed')),
            created_at REAL NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_attempt_at REAL,
            next_attempt_at REAL,
            last_error TEXT,
            problem TEXT,
            response_status INTEGER,
            response_body TEXT,
            resolved_at REAL,
            note TEXT
        )
        """
    )
    conn.execute("CREATE INDEX outbox_entries_status_id ON outbox_entries (status, id)")
    # keeps the sender's "head of the queue" query O(1) however long the queue (INDEXED BY)
    conn.execute(
        "CREATE INDEX outbox_entries_unsent ON outbox_entries (id) "
        "WHERE status IN ('pending', 'in_flight')"
    )


MIGRATIONS: tuple[Migration, ...] = (_v1_initial,)


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the file up to ``len(migrations)``; returns the resulting version.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    target = len(migrations)
    current = schema_version(conn)
    if current > target:
        raise SchemaTooNewError(f"outbox schema v{current} is newer than this app (v{target})")
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) >= version:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            migrations[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(conn)
