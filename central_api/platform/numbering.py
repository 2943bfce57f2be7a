"""Serial numbers (endless-aisle orders ``E00000042``, returns ``RT-PAR01-000042``).

``max + 1`` inside the transaction is only safe where writers are serialised: on SQLite
(``BEGIN IMMEDIATE``) it is, so it stays there. On PostgreSQL two transactions read the
same maximum and the second one's insert collided with the first's number (most of 50
concurrent orders failed), so there a SEQUENCE hands each transaction its own number, never
twice, without making anyone wait. ``sync_sequences`` puts a sequence past the numbers the
table already holds (demo data, a database from before the sequences) at every start.

A domain declares its serial with ``serial_sequence`` and the way to read the last number it
used (``central_api.endless_aisle.numbering``, ``central_api.returns.numbering``).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Sequence, text
from sqlalchemy.orm import Session

from central_api.platform.db import Base, Database

_LAST: dict[str, Callable[[Session], int]] = {}


def serial_sequence(name: str, last_serial: Callable[[Session], int]) -> Sequence:
    """A sequence (created by ``create_all`` on PostgreSQL only: SQLite has none) and the
    highest serial the table already holds, read by ``last_serial``."""
    _LAST[name] = last_serial
    return Sequence(name, metadata=Base.metadata)


def next_serial(session: Session, sequence: Sequence) -> int:
    if session.get_bind().dialect.name == "sqlite":
        return _LAST[sequence.name](session) + 1
    return int(session.scalar(sequence.next_value()))


def sync_sequences(db: Database) -> None:
    """Put every sequence past the highest number already used (PostgreSQL; at start)."""
    if db.is_sqlite:
        return
    with db.write_session() as session, session.begin():
        for name, last_serial in _LAST.items():
            last = last_serial(session)
            if last > 0:
                current = f"(SELECT last_value FROM {name})"
                session.execute(
                    text(f"SELECT setval('{name}', GREATEST(:last, {current}))"), {"last": last}
                )
