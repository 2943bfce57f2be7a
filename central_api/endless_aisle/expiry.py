"""Reservations of unpaid endless-aisle orders: how long they hold, and their release
(lazily on every endless-aisle read or write, and in a background sweep)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central_api.catalog.models import Stock
from central_api.endless_aisle.models import Reservation
from central_api.events import shapes
from central_api.events.log import emit
from central_api.orders.models import Order
from central_api.platform.db import Database

log = logging.getLogger(__name__)

DEFAULT_RESERVATION_TTL_S = 30 * 60
TTL_ENV = "KIOSK_API_RESERVATION_TTL_S"
LINK_STATUS = {"paid": "paid", "expired": "expired"}
PAYMENT_LINK_BASE = "https://pay.omnistore.example/p/"

POSTCODE_PATTERNS: dict[str, str] = {
    "FR": r"\d{5}",
    "BE": r"[1-9]\d{3}",
    "DE": r"\d{5}",
    "ES": r"(0[1-9]|[1-4]\d|5[0-2])\d{3}",
    "IT": r"\d{5}",
    "NL": r"[1-9]\d{3} ?[A-Z]{2}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}",
    "CH": r"[1-9]\d{3}",
    "LU": r"(L-)?\d{4}",
}


#: how long before the order a kiosk customer's signed code may have been shown (the time
#: to build the basket): the code proved they were there when it was scanned
BASKET_GRACE_S = 30 * 60


def reservation_ttl_s() -> float:
    raw = os.environ.get(TTL_ENV, "").strip()
    try:
        return float(raw) if raw else DEFAULT_RESERVATION_TTL_S
    except ValueError:
        log.warning("%s=%r is not a number; using %s s", TTL_ENV, raw, DEFAULT_RESERVATION_TTL_S)
        return DEFAULT_RESERVATION_TTL_S


def as_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# -- expiry ---------------------------------------------------------------------------------


def expire_order(session: Session, order_id: int, now: datetime) -> bool:
    """awaiting_payment → expired and give its held units back (no-op if paid meanwhile)."""
    changed = session.execute(
        update(Order)
        .where(Order.id == order_id, Order.status == "awaiting_payment")
        .values(status="expired", version=Order.version + 1)
    )
    if getattr(changed, "rowcount", 0) != 1:
        return False
    held = session.scalars(
        select(Reservation).where(Reservation.order_id == order_id, Reservation.status == "held")
    ).all()
    for res in held:
        released = session.execute(
            update(Reservation)
            .where(Reservation.id == res.id, Reservation.status == "held")
            .values(status="released", released_at=now)
        )
        if getattr(released, "rowcount", 0) == 1:
            session.execute(
                update(Stock)
                .where(Stock.id == res.stock_id, Stock.reserved >= res.quantity)
                .values(reserved=Stock.reserved - res.quantity, updated_at=now)
            )
    emit(session, *shapes.order_expired(session, order_id, shapes.stock_of(held)))
    return True


def release_expired(db: Database, now: datetime | None = None) -> int:
    """Expire every unpaid order whose reservation time is over; returns how many."""
    now = now or datetime.now(UTC)
    due_stmt = (
        select(Reservation.order_id)
        .where(Reservation.status == "held", Reservation.expires_at < now)
        .distinct()
    )
    with db.session() as s:  # cheap check first: most calls find nothing to do
        if not s.scalars(due_stmt.limit(1)).first():
            return 0
    with db.write_session() as s, s.begin():
        return sum(expire_order(s, order_id, now) for order_id in s.scalars(due_stmt).all())


async def sweep_forever(db: Database) -> None:
    while True:
        await asyncio.sleep(max(0.5, min(60.0, reservation_ttl_s() / 4)))
        try:
            count = await asyncio.to_thread(release_expired, db)
            if count:
                log.info("released the reservations of %d unpaid orders", count)
        except Exception:
            log.exception("reservation sweep failed")


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    task = asyncio.create_task(sweep_forever(app.state.db))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
