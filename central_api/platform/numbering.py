"""Serial numbers of endless-aisle orders (``E00000042``) and returns (``RT-PAR01-000042``).

``max + 1`` inside the transaction is only safe where writers are serialised: on SQLite
(``BEGIN IMMEDIATE``) it is, so it stays there. On PostgreSQL two transactions read the
same maximum and the second one's insert collided with the first's number (most of 50
concurrent orders failed), so there a SEQUENCE hands each transaction its own number, never
twice, without making anyone wait. ``sync_sequences`` puts a sequence past the numbers the
table already holds (demo data, a database from before the sequences) at every start.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Sequence, func, select, text
from sqlalchemy.orm import Session

from central_api.db import Base, Database
from central_api.models import Order
from central_api.models_returns import Return

ORDER_PREFIX = "E"

#: created by ``create_all`` on PostgreSQL only (SQLite has no sequences)
ORDER_SERIALS = Sequence("endless_aisle_order_serial", metadata=Base.metadata)
RETURN_SERIALS = Sequence("return_serial", metadata=Base.metadata)


def _last_order_serial(session: Session) -> int:
    last = session.scalar(
        select(func.max(Order.number)).where(
            Order.channel == "endless_aisle", Order.number.like(ORDER_PREFIX + "%")
        )
    )
    return int(last[1:]) if last and last[1:].isdigit() else 0


def _last_return_serial(session: Session) -> int:
    return int(session.scalar(select(func.max(Return.id))) or 0)


_LAST: dict[str, Callable[[Session], int]] = {
    ORDER_SERIALS.name: _last_order_serial,
    RETURN_SERIALS.name: _last_return_serial,
}


def _next_serial(session: Session, sequence: Sequence) -> int:
    if session.get_bind().dialect.name == "sqlite":
        return _LAST[sequence.name](session) + 1
    return int(session.scalar(sequence.next_value()))


def next_order_number(session: Session) -> str:
    return f"{ORDER_PREFIX}{_next_serial(session, ORDER_SERIALS):08d}"


def next_return_number(session: Session, store_code: str) -> str:
    return f"RT-{store_code}-{_next_serial(session, RETURN_SERIALS):06d}"


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
