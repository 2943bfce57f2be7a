"""Every event the server emits, its payload, and who may read it.

Types (``topic.what``):

* ``stock.changed`` — one stock row (SKU at a location) after a write changed it:
  ``on_hand``, ``reserved``, ``available``. Every device reads every location's stock.
* ``pickup.checked_in``, ``pickup.completed`` — a click-and-collect order's new status.
* ``order.placed``, ``order.paid``, ``order.expired`` — an endless-aisle order.
* ``return.recorded`` — a return at a store (lines, refund total).

Pickup, order and return events are about one store: an associate device of that store
reads them whole; a kiosk of that store reads pickup and order events without the
``PERSONAL`` fields, and never a return. Nobody reads another store's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from central_api.catalog.models import Product, Stock
from central_api.endless_aisle.models import Reservation
from central_api.events.models import EventRow
from central_api.orders.models import Order, OrderLine
from central_api.pickups.models import Pickup
from central_api.platform.auth import Principal
from central_api.stores.models import Location

STOCK, PICKUP, ORDER, RETURN = "stock", "pickup", "order", "return"
#: store-scoped topics each device mode reads (its own store's only); stock is for all
STORE_TOPICS = {"associate": (PICKUP, ORDER, RETURN), "kiosk": (PICKUP, ORDER)}
#: payload fields about a person: never sent to a kiosk
PERSONAL = frozenset({"customer_number"})


@dataclass(frozen=True)
class Event:
    type: str
    store_id: int | None
    subject: str
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def topic(self) -> str:
        return self.type.split(".", 1)[0]


@dataclass(frozen=True)
class StockTouched:
    """A stock row a write changed; it becomes a ``stock.changed`` event at commit, with
    the row's values then (several touches of one row in a transaction make one event)."""

    location_id: int
    product_id: int


Emitted = Event | StockTouched


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def pickup_changed(pickup: Pickup, type_: str, previous: str, status: str, when: datetime) -> Event:
    """``pickup.checked_in`` / ``pickup.completed``: ``previous`` → ``status`` at ``when``."""
    customer = pickup.order.customer
    return Event(
        type_,
        pickup.store_id,
        pickup.order.number,
        {
            "order_number": pickup.order.number,
            "store": pickup.store.code,
            "status": str(status),
            "previous_status": str(previous),
            "at": _when(when),
            "customer_number": customer.customer_number if customer else None,
        },
    )


def order_changed(type_: str, order: Order) -> Event:
    """``order.placed`` / ``order.paid`` / ``order.expired``, from the order as it is now."""
    return Event(
        type_,
        order.store_id,
        order.number,
        {
            "order_number": order.number,
            "store": order.store.code if order.store else None,
            "channel": order.channel,
            "status": order.status,
            "total": str(order.total),
            "currency": order.currency,
            "version": order.version,
            "customer_number": order.customer.customer_number if order.customer else None,
        },
    )


def order_expired(session: Session, order_id: int, released: list[StockTouched]) -> list[Emitted]:
    """An unpaid order expired, and the stock rows its reservations gave back."""
    order = session.get_one(Order, order_id)
    session.refresh(order)
    return [order_changed("order.expired", order), *released]


def stock_of(reservations: Iterable[Reservation]) -> list[StockTouched]:
    """The stock rows that ``reservations`` reserve (or gave back)."""
    return [StockTouched(r.location_id, r.product_id) for r in reservations]


def return_recorded(receipt: Any, order: Order, store: Location) -> Event:
    """``return.recorded`` at ``store``, from its receipt (``returns.schemas.ReturnOut``)."""
    return Event(
        "return.recorded",
        store.id,
        receipt.return_number,
        {
            "return_number": receipt.return_number,
            "order_number": receipt.order_number,
            "store": receipt.store_code,
            "total": str(receipt.total),
            "currency": receipt.currency,
            "lines": [
                {"sku": ln.sku, "quantity": ln.quantity, "disposition": ln.disposition}
                for ln in receipt.lines
            ],
            "customer_number": order.customer.customer_number if order.customer else None,
        },
    )


def restocked(
    lines: Iterable[Any], by_no: Mapping[int, OrderLine], store: Location
) -> list[StockTouched]:
    """The stock rows a return put units back into (its ``back_to_stock`` lines)."""
    return [
        StockTouched(store.id, by_no[ln.line_no].product_id)
        for ln in lines
        if ln.disposition == "back_to_stock"
    ]


def stock_events(session: Session, touched: Iterable[StockTouched]) -> list[Event]:
    """The ``stock.changed`` events of the touched rows, with their values now."""
    keys = list(dict.fromkeys((t.location_id, t.product_id) for t in touched))
    if not keys:
        return []
    rows = session.execute(
        select(Stock.location_id, Stock.product_id, Stock.on_hand, Stock.reserved, Product.sku)
        .join(Product, Product.id == Stock.product_id)
        .where(or_(*(and_(Stock.location_id == loc, Stock.product_id == pid) for loc, pid in keys)))
    ).all()
    found = {(r.location_id, r.product_id): r for r in rows}
    codes = {loc_id: code for loc_id, code in session.execute(select(Location.id, Location.code))}
    events = []
    for key in keys:
        row = found.get(key)
        if row is None:
            continue
        code = codes.get(row.location_id, "?")
        events.append(
            Event(
                "stock.changed",
                row.location_id,
                f"{row.sku}@{code}",
                {
                    "sku": row.sku,
                    "location": code,
                    "on_hand": row.on_hand,
                    "reserved": row.reserved,
                    "available": max(0, row.on_hand - row.reserved),
                },
            )
        )
    return events


# -- who reads what -----------------------------------------------------------------------
def visible_to(principal: Principal) -> ColumnElement[bool]:
    """The SQL condition on ``events`` of what ``principal``'s device may read."""
    topics = STORE_TOPICS.get(principal.mode, ())
    return or_(
        EventRow.topic == STOCK,
        and_(EventRow.store_id == principal.store_id, EventRow.topic.in_(topics)),
    )


def may_read(principal: Principal, type_: str, store_id: int | None) -> bool:
    """``visible_to`` for an event in memory (``central_api.events.tail``)."""
    topic = type_.split(".", 1)[0]
    if topic == STOCK:
        return True
    return store_id == principal.store_id and topic in STORE_TOPICS.get(principal.mode, ())


def shown_to(principal: Principal, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as ``principal`` receives it: a kiosk gets no personal field."""
    if principal.mode == "associate":
        return payload
    return {k: v for k, v in payload.items() if k not in PERSONAL}
