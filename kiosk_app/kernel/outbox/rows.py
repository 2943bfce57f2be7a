"""Mapping between ``outbox_entries`` rows and :class:`OutboxEntry`."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from kiosk_app.kernel.outbox.entry import EntryStatus, OutboxEntry, Problem

COLUMNS = (
    "id, op, method, path, body, idempotency_key, status, created_at, attempts, "
    "last_attempt_at, next_attempt_at, last_error, problem, response_status, response_body, "
    "resolved_at, note"
)


def dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _load_optional(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def entry_from_row(row: sqlite3.Row | tuple[Any, ...]) -> OutboxEntry:
    problem_json = _load_optional(row[12])
    return OutboxEntry(
        id=int(row[0]),
        op=str(row[1]),
        method=str(row[2]),
        path=str(row[3]),
        body=json.loads(row[4]),
        idempotency_key=str(row[5]),
        status=EntryStatus(row[6]),
        created_at=float(row[7]),
        attempts=int(row[8]),
        last_attempt_at=row[9],
        next_attempt_at=row[10],
        last_error=row[11],
        problem=None if problem_json is None else Problem.from_json(problem_json),
        response_status=row[13],
        response_body=_load_optional(row[14]),
        resolved_at=row[15],
        note=row[16],
    )


def select_one(conn: sqlite3.Connection, entry_id: int) -> OutboxEntry | None:
    row = conn.execute(f"SELECT {COLUMNS} FROM outbox_entries WHERE id = ?", (entry_id,)).fetchone()
    return None if row is None else entry_from_row(row)
