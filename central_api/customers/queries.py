"""The customer screen's reads: the customer a reference names, its orders with their
pickups (plain columns, named)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Executable, Row, bindparam, func, or_, select
from sqlalchemy.orm import aliased

from central_api.catalog.models import Product, Stock
from central_api.customers.models import Address, CartLine, Customer
from central_api.customers.rules import (
    CUSTOMER_NUMBER,
    LOYALTY_NUMBER,
    OPEN_ORDER_STATUSES,
    OPEN_PICKUP_STATUSES,
)
from central_api.customers.schemas import (
    OrderLineBriefOut,
    OrderSummaryOut,
    PickupBriefOut,
)
from central_api.orders.models import Order, OrderLine
from central_api.pickups.models import Pickup
from central_api.platform.db import Reader, database_key
from central_api.platform.problems import Problem, not_found
from central_api.stores.models import Location

# -- prepared statements ------------------------------------------------------------------
# The customer screen's reads are built once, with bound parameters: building a select and
# its cache key on every call cost about as much as running it on SQLite. They run on a
# Core connection (``Database.reading``) and return plain rows.
CustomerRow = Row[Any]
CUSTOMER_BY_NUMBER = select(Customer.__table__).where(Customer.customer_number == bindparam("ref"))
CUSTOMER_BY_CARD = select(Customer.__table__).where(Customer.loyalty_number == bindparam("ref"))
ADDRESSES = (
    select(
        Address.label, Address.line1, Address.line2, Address.postcode, Address.city, Address.country
    )
    .where(Address.customer_id == bindparam("customer_id"))
    .order_by(Address.id)
)
CART_LINES = (
    select(CartLine.quantity, CartLine.added_at, Product.__table__)
    .join(Product, Product.id == CartLine.product_id)
    .where(CartLine.customer_id == bindparam("customer_id"))
    .order_by(CartLine.added_at.desc(), CartLine.id)
)
PRODUCTS_BY_SKUS = select(Product.__table__).where(
    func.upper(Product.sku).in_(bindparam("skus", expanding=True))
)
STOCK_OF_PRODUCTS = select(
    Stock.product_id, Stock.location_id, Stock.on_hand - Stock.reserved
).where(Stock.product_id.in_(bindparam("product_ids", expanding=True)))


# -- helpers ------------------------------------------------------------------------------
def find_customer(reader: Reader, ref: str) -> CustomerRow:
    """The customer a customer or loyalty number names, as a row of its columns (addresses
    are read by ``profile`` only: the other panels do not show them)."""
    ref = ref.strip().upper()
    if CUSTOMER_NUMBER.fullmatch(ref):
        statement = CUSTOMER_BY_NUMBER
    elif LOYALTY_NUMBER.fullmatch(ref):
        statement = CUSTOMER_BY_CARD
    else:
        raise Problem(
            422,
            "invalid-customer-ref",
            "Invalid customer reference",
            f"{ref!r} is neither a customer number (C + 7 digits) nor a loyalty card number.",
        )
    customer = reader.execute(statement, {"ref": ref}).first()
    if customer is None:
        raise not_found("Customer", ref)
    _remember_ids(reader, ref, customer)
    return customer


@dataclass(frozen=True)
class CustomerIds:
    """What the cart, orders and recommendations panels need to know about the customer."""

    id: int
    customer_number: str
    loyalty_number: str

    @classmethod
    def of(cls, customer: CustomerRow) -> CustomerIds:
        return cls(customer.id, customer.customer_number, customer.loyalty_number)


_ids_cache: dict[tuple[str, str], tuple[float, CustomerIds]] = {}
_ids_lock = threading.Lock()
IDS_TTL_S = 300.0
IDS_MAX = 4096


def find_customer_ids(reader: Reader, ref: str) -> CustomerIds:
    """``find_customer`` for the panels that only need the customer's identifiers.

    A customer's id and numbers never change and this API deletes no customer, so the
    answer is kept a few minutes per process: the customer screen's panels all name the
    same customer at once, and each resolving it again was one query per panel. (An
    erasure feature would have to clear this cache; the TTL bounds how long it may lag.)
    """
    key = (database_key(reader), ref.strip().upper())
    now = time.monotonic()
    with _ids_lock:
        hit = _ids_cache.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    return CustomerIds.of(find_customer(reader, ref))


def _remember_ids(reader: Reader, ref: str, customer: CustomerRow) -> None:
    """Every lookup feeds the cache: the profile panel's lookup serves the four others."""
    ids = CustomerIds.of(customer)
    url = database_key(reader)
    expires = time.monotonic() + IDS_TTL_S
    with _ids_lock:
        if len(_ids_cache) >= IDS_MAX:
            _ids_cache.clear()
        for name in {ref, customer.customer_number, customer.loyalty_number}:
            _ids_cache[(url, name)] = (expires, ids)


PickupStore = aliased(Location)
_ORDER_SUMMARY = (
    select(
        Order.id,
        Order.number,
        Order.channel,
        Order.status,
        Order.fulfilment,
        Order.created_at,
        Order.total,
        Order.currency,
        Location.code.label("store_code"),
        Location.name.label("store_name"),
        Pickup.status.label("pickup_status"),
        Pickup.store_id.label("pickup_store_id"),
        PickupStore.code.label("pickup_store_code"),
        PickupStore.name.label("pickup_store_name"),
        Pickup.promised_at,
        Pickup.ready_at,
        Pickup.expires_at,
        func.count().over().label("order_count"),
    )
    .outerjoin(Location, Location.id == Order.store_id)
    .outerjoin(Pickup, Pickup.order_id == Order.id)
    .outerjoin(PickupStore, PickupStore.id == Pickup.store_id)
)
_NEWEST_FIRST = (Order.created_at.desc(), Order.id.desc())
ORDER_HISTORY = (
    _ORDER_SUMMARY.where(Order.customer_id == bindparam("customer_id"))
    .order_by(*_NEWEST_FIRST)
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
ORDER_COUNT = (
    select(func.count()).select_from(Order).where(Order.customer_id == bindparam("customer_id"))
)
OPEN_ORDERS = _ORDER_SUMMARY.where(
    Order.customer_id == bindparam("customer_id"),
    or_(
        Pickup.status.in_(OPEN_PICKUP_STATUSES),
        Order.status.in_(OPEN_ORDER_STATUSES) & Pickup.id.is_(None),
    ),
).order_by(*_NEWEST_FIRST)
ORDER_LINES = (
    select(
        OrderLine.order_id,
        OrderLine.sku,
        OrderLine.name,
        OrderLine.quantity,
        OrderLine.unit_price,
    )
    .where(OrderLine.order_id.in_(bindparam("order_ids", expanding=True)))
    .order_by(OrderLine.order_id, OrderLine.line_no)
)


def order_page(
    reader: Reader, here_id: int, customer_id: int, *, limit: int, offset: int
) -> tuple[list[OrderSummaryOut], int]:
    """A page of the customer's orders, newest first, and how many they have in all.

    The total is a window count on the page's own query, not a query of its own; only a
    page past the end (no row to carry it) counts separately.
    """
    params = {"customer_id": customer_id, "limit": limit, "offset": offset}
    items, total = _summaries(reader, here_id, ORDER_HISTORY, params)
    if total is None:
        total = reader.scalar(ORDER_COUNT, {"customer_id": customer_id}) or 0
    return items, total


def open_order_summaries(reader: Reader, here_id: int, customer_id: int) -> list[OrderSummaryOut]:
    """The customer's orders not finished yet (an open pickup, or open without one),
    newest first."""
    return _summaries(reader, here_id, OPEN_ORDERS, {"customer_id": customer_id})[0]


def _summaries(
    reader: Reader, here_id: int, statement: Executable, params: dict[str, Any]
) -> tuple[list[OrderSummaryOut], int | None]:
    """Orders a ``_ORDER_SUMMARY`` statement selects, with their pickup, in two queries.

    Read as plain columns (orders joined to their store and pickup, then their lines): the
    customer screen asks for two lists of these at once, and loading them as entities with
    their relationships cost most of each request.
    """
    rows = reader.execute(statement, params).all()
    lines: dict[int, list[Any]] = {row.id: [] for row in rows}
    if lines:
        for line in reader.execute(ORDER_LINES, {"order_ids": list(lines)}):
            lines[line.order_id].append(line)
    out = [_summary(row, lines[row.id], here_id) for row in rows]
    return out, (int(rows[0].order_count) if rows else None)


def _summary(row: Row[Any], lines: list[Any], here_id: int) -> OrderSummaryOut:
    """One row of an ``_ORDER_SUMMARY`` statement (columns read by name) and its lines."""
    return OrderSummaryOut(
        number=row.number,
        channel=row.channel,
        status=row.status,
        fulfilment=row.fulfilment,
        created_at=row.created_at,
        total=row.total,
        currency=row.currency,
        store_code=row.store_code,
        store_name=row.store_name,
        item_count=sum(line.quantity for line in lines),
        lines=[
            OrderLineBriefOut(
                sku=line.sku, name=line.name, quantity=line.quantity, unit_price=line.unit_price
            )
            for line in lines[:5]
        ],
        pickup=(
            PickupBriefOut(
                status=row.pickup_status,
                store_code=row.pickup_store_code,
                store_name=row.pickup_store_name,
                at_this_store=row.pickup_store_id == here_id,
                promised_at=row.promised_at,
                ready_at=row.ready_at,
                expires_at=row.expires_at,
            )
            if row.pickup_status is not None
            else None
        ),
    )
