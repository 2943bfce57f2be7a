"""Customer 360: profile and loyalty, online cart, orders, recommendations, loyalty codes.

Who may read what:

* associate devices (scope ``customers:read``) search customers and read everything;
* kiosk devices (scope ``customers:self``) never list or search: they read one customer's
  profile (masked), cart and recommendations only with a genuine, current signed loyalty
  code naming that customer, passed as ``code``.

``{ref}`` in the paths is a customer number (``C0000001``) or a loyalty card number
(16 digits), so a scanned card opens every panel at once without a lookup first.
Stock "here" is always the calling device's store.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Executable, Row, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from central_api.auth import Principal, current_principal, require
from central_api.db import Reader, database_key
from central_api.deps import DB
from central_api.geo import distance_km
from central_api.idempotency import IdempotentRequest, idempotent_request, run_idempotent
from central_api.inline_reads import InlineReadRoute
from central_api.like import ESCAPE, contains
from central_api.locations import places
from central_api.loyalty_codes import LOYALTY_CODE_PREFIX, LoyaltySigner
from central_api.models import (
    Address,
    CartLine,
    Customer,
    Location,
    Order,
    OrderLine,
    Pickup,
    Product,
    Stock,
)
from central_api.problems import Problem, not_found
from central_api.recommendations import Recommendation, for_customer, for_product
from central_api.routers.products import find_product
from central_api.schemas import ProductOut
from central_api.schemas_customers import (
    AddressOut,
    AvailabilityBatchIn,
    AvailabilityBatchOut,
    CartLineOut,
    CartOut,
    ConsentsOut,
    CustomerOut,
    CustomerPageOut,
    CustomerSummaryOut,
    LoyaltyCodeIn,
    LoyaltyCodeOut,
    LoyaltyKeyOut,
    LoyaltyKeysOut,
    NearestStockOut,
    OrderLineBriefOut,
    OrderPageOut,
    OrderSummaryOut,
    PickupBriefOut,
    RecommendationOut,
    RecommendationsOut,
    SkuAvailabilityOut,
)
from central_api.sealed_replies import open_sealed, sealed_field

router = APIRouter(route_class=InlineReadRoute, prefix="/v1", tags=["customers"])

CUSTOMER_NUMBER = re.compile(r"C[0-9]{7}")
LOYALTY_NUMBER = re.compile(r"[0-9]{16}")
OPEN_ORDER_STATUSES = ("placed", "awaiting_payment", "paid", "shipped")
OPEN_PICKUP_STATUSES = ("preparing", "ready", "customer_waiting")
TIER_FLOORS = (("bronze", 0), ("silver", 1000), ("gold", 3000), ("platinum", 8000))

Associate = Annotated[Principal, Depends(require("customers:read"))]
AnyDevice = Annotated[Principal, Depends(current_principal)]
CodeParam = Annotated[str | None, Query(max_length=1024, description="Signed LOY1 code (kiosk)")]


async def signer(request: Request) -> LoyaltySigner:
    """The server's loyalty signer, from its key file (a coroutine: no thread hop)."""
    existing: LoyaltySigner = request.app.state.loyalty_signer
    return existing


Signer = Annotated[LoyaltySigner, Depends(signer)]


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


def _refuse_kiosk(principal: Principal, why: str) -> Problem:
    return Problem(403, "forbidden", "Not allowed", f"This {principal.mode} device {why}.")


def authorise(
    principal: Principal, customer: CustomerRow | CustomerIds, code: str | None, sign: LoyaltySigner
) -> bool:
    """Whether the caller may read this customer; True when personal data must be masked."""
    if "customers:read" in principal.scopes:
        return False
    if "customers:self" not in principal.scopes:
        raise _refuse_kiosk(principal, "may not read customers")
    if not code:
        raise _refuse_kiosk(principal, "may only show the customer named by a signed code")
    number = verified_number(code, sign)
    if number != customer.loyalty_number:
        raise _refuse_kiosk(principal, "holds a code for another customer")
    return True


def verified_number(code: str, sign: LoyaltySigner) -> str:
    try:
        return sign.verify(code)
    except ValueError as error:
        raise Problem(
            403,
            "invalid-loyalty-code",
            "Loyalty code refused",
            f"The {LOYALTY_CODE_PREFIX} code is not valid: {error}.",
        ) from None


def _mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def _next_tier(points: int) -> tuple[str | None, int | None]:
    for name, floor in TIER_FLOORS:
        if points < floor:
            return name, floor - points
    return None, None


def profile(reader: Reader, customer: CustomerRow, masked: bool) -> CustomerOut:
    store = places(reader).by_id.get(customer.preferred_store_id or 0)
    addresses = (  # a kiosk never gets them
        [] if masked else reader.execute(ADDRESSES, {"customer_id": customer.id}).all()
    )
    next_tier, to_next = _next_tier(customer.points)
    out = CustomerOut(
        customer_number=customer.customer_number,
        loyalty_number=customer.loyalty_number,
        first_name=customer.first_name,
        last_name=customer.last_name,
        email=customer.email,
        phone=customer.phone,
        tier=customer.tier,
        points=customer.points,
        next_tier=next_tier,
        points_to_next_tier=to_next,
        consents=ConsentsOut(email=customer.consent_email, sms=customer.consent_sms),
        preferred_store_code=store.code if store else None,
        member_since=customer.created_at,
        addresses=[AddressOut(**a._mapping) for a in addresses],
    )
    if masked:  # the server never sends a kiosk more than the customer's screen may show
        out = out.model_copy(
            update={
                "customer_number": "",
                "loyalty_number": "•" * 12 + customer.loyalty_number[-4:],
                "last_name": customer.last_name[:1] + ".",
                "email": _mask_email(customer.email),
                "phone": "•" * 8 + customer.phone[-2:],
                "addresses": [],
                "masked": True,
            }
        )
    return out


def availability_for(
    reader: Reader, here_id: int, products: Sequence[Row[Any]]
) -> dict[int, SkuAvailabilityOut]:
    """Stock here, the nearest other store having it and the warehouse, for many products
    (rows with their ``id`` and ``sku``).

    One query of plain stock columns; where each location is comes from ``places``.
    """
    ids = [p.id for p in products]
    if not ids:
        return {}
    rows = reader.execute(STOCK_OF_PRODUCTS, {"product_ids": ids}).all()
    known = places(reader).by_id
    here = known[here_id]
    here_qty: dict[int, int] = {}
    warehouse: dict[int, int] = {}
    nearest: dict[int, NearestStockOut] = {}
    distances: dict[int, float] = {}
    for product_id, location_id, avail in rows:
        qty = max(0, int(avail))
        loc = known.get(location_id)
        if location_id == here_id:
            here_qty[product_id] = qty
        elif loc is None:
            continue
        elif loc.kind == "warehouse":
            warehouse[product_id] = warehouse.get(product_id, 0) + qty
        elif qty > 0:
            km = distances.setdefault(
                loc.id, distance_km(here.latitude, here.longitude, loc.latitude, loc.longitude)
            )
            current = nearest.get(product_id)
            if current is None or (km, loc.code) < (current.distance_km, current.code):
                nearest[product_id] = NearestStockOut(
                    code=loc.code, name=loc.name, city=loc.city, distance_km=km, available=qty
                )
    return {
        p.id: SkuAvailabilityOut(
            sku=p.sku,
            here=here_qty.get(p.id, 0),
            nearest=_rounded(nearest.get(p.id)),
            warehouse=warehouse.get(p.id, 0),
        )
        for p in products
    }


def _rounded(stock: NearestStockOut | None) -> NearestStockOut | None:
    if stock is None:
        return None
    return stock.model_copy(update={"distance_km": round(stock.distance_km, 1)})


def _recommendations_out(
    store_code: str, basis: str, recs: list[Recommendation]
) -> RecommendationsOut:
    return RecommendationsOut(
        store_code=store_code,
        basis=basis,
        items=[
            RecommendationOut(
                product=ProductOut.model_validate(r.product),
                available_here=r.available_here,
                score=r.score,
                reason=r.reason,
                because_of=r.because_of,
            )
            for r in recs
        ],
    )


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
        Location.code,
        Location.name,
        Pickup.status,
        Pickup.store_id,
        PickupStore.code,
        PickupStore.name,
        Pickup.promised_at,
        Pickup.ready_at,
        Pickup.expires_at,
        func.count().over(),
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
    lines: dict[int, list[tuple[str, str, int, Decimal]]] = {row[0]: [] for row in rows}
    if lines:
        for order_id, sku, name, quantity, price in reader.execute(
            ORDER_LINES, {"order_ids": list(lines)}
        ):
            lines[order_id].append((sku, name, quantity, price))
    out = []
    for (
        order_id,
        number,
        channel,
        status,
        fulfilment,
        created_at,
        total,
        currency,
        store_code,
        store_name,
        pickup_status,
        pickup_store_id,
        pickup_store_code,
        pickup_store_name,
        promised_at,
        ready_at,
        expires_at,
        _total,
    ) in rows:
        order_lines = lines[order_id]
        out.append(
            OrderSummaryOut(
                number=number,
                channel=channel,
                status=status,
                fulfilment=fulfilment,
                created_at=created_at,
                total=total,
                currency=currency,
                store_code=store_code,
                store_name=store_name,
                item_count=sum(quantity for _sku, _name, quantity, _price in order_lines),
                lines=[
                    OrderLineBriefOut(sku=sku, name=name, quantity=quantity, unit_price=price)
                    for sku, name, quantity, price in order_lines[:5]
                ],
                pickup=(
                    PickupBriefOut(
                        status=pickup_status,
                        store_code=pickup_store_code,
                        store_name=pickup_store_name,
                        at_this_store=pickup_store_id == here_id,
                        promised_at=promised_at,
                        ready_at=ready_at,
                        expires_at=expires_at,
                    )
                    if pickup_status is not None
                    else None
                ),
            )
        )
    return out, (int(rows[0][-1]) if rows else None)


# -- endpoints ----------------------------------------------------------------------------
@router.get("/customers", response_model=CustomerPageOut)
def search_customers(
    db: DB,
    _p: Associate,
    q: Annotated[str, Query(min_length=2, max_length=100)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> CustomerPageOut:
    """Search by name ("marie dupont"), e-mail, phone or loyalty / customer number."""
    text = q.strip().lower()
    digits = re.sub(r"[^0-9]", "", text)
    conditions: list[Any] = [func.lower(Customer.email).like(contains(text), escape=ESCAPE)]
    words = [w for w in re.split(r"\s+", text) if w]
    if words:
        full = func.lower(Customer.first_name + " " + Customer.last_name)
        conditions.append(
            func.lower(Customer.last_name + " " + Customer.first_name).like(
                contains(text), escape=ESCAPE
            )
        )
        name_match = [full.like(contains(w), escape=ESCAPE) for w in words]
        conditions.append(name_match[0] if len(name_match) == 1 else and_(*name_match))
    if len(digits) >= 4:
        conditions.append(Customer.loyalty_number.like(f"%{digits}%"))
        phone_digits = digits[1:] if digits.startswith("0") else digits
        conditions.append(Customer.phone.like(f"%{phone_digits}%"))
    conditions.append(func.lower(Customer.customer_number) == text)
    stmt = select(Customer).where(or_(*conditions))
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        found = s.scalars(
            stmt.options(selectinload(Customer.addresses))
            .order_by(Customer.last_name, Customer.first_name, Customer.customer_number)
            .limit(limit)
            .offset(offset)
        ).all()
        return CustomerPageOut(
            items=[
                CustomerSummaryOut(
                    customer_number=c.customer_number,
                    loyalty_number=c.loyalty_number,
                    first_name=c.first_name,
                    last_name=c.last_name,
                    email=c.email,
                    phone=c.phone,
                    city=c.addresses[0].city if c.addresses else None,
                    tier=c.tier,
                    points=c.points,
                )
                for c in found
            ],
            total=total,
            limit=limit,
            offset=offset,
        )


@router.get("/customers/{ref}", response_model=CustomerOut)
def get_customer(
    ref: str, db: DB, principal: AnyDevice, sign: Signer, code: CodeParam = None
) -> CustomerOut:
    """Profile, loyalty tier and points, consents, addresses (masked for a kiosk)."""
    with db.reading() as s:
        customer = find_customer(s, ref)
        masked = authorise(principal, customer, code, sign)
        return profile(s, customer, masked)


@router.get("/customers/{ref}/cart", response_model=CartOut)
def get_cart(
    ref: str, db: DB, principal: AnyDevice, sign: Signer, code: CodeParam = None
) -> CartOut:
    """The online cart with stock here and the nearest other store having each line."""
    with db.reading() as s:
        customer = find_customer_ids(s, ref)
        authorise(principal, customer, code, sign)
        lines = s.execute(CART_LINES, {"customer_id": customer.id}).all()  # line + product
        stock = availability_for(s, principal.store_id, lines)
        out_lines = [
            CartLineOut(
                product=ProductOut.model_validate(line),
                quantity=line.quantity,
                added_at=line.added_at,
                line_total=line.price * line.quantity,
                availability=stock[line.id],
            )
            for line in lines
        ]
        return CartOut(
            customer_number=customer.customer_number,
            store_code=principal.store_code,
            lines=out_lines,
            item_count=sum(line.quantity for line in out_lines),
            total=sum((line.line_total for line in out_lines), start=Decimal("0.00")),
            currency=lines[0].currency if lines else "EUR",
        )


@router.get("/customers/{ref}/orders", response_model=OrderPageOut)
def get_orders(
    ref: str,
    db: DB,
    principal: Associate,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> OrderPageOut:
    """Order history, online and in store, newest first."""
    with db.reading() as s:
        customer = find_customer_ids(s, ref)  # the caller's store is known: no store lookup
        items, total = order_page(s, principal.store_id, customer.id, limit=limit, offset=offset)
        return OrderPageOut(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
        )


@router.get("/customers/{ref}/open-orders", response_model=list[OrderSummaryOut])
def get_open_orders(ref: str, db: DB, principal: Associate) -> list[OrderSummaryOut]:
    """Orders not finished yet, pickups at this store first (ready ones before the others)."""
    with db.reading() as s:
        customer = find_customer_ids(s, ref)
        out = open_order_summaries(s, principal.store_id, customer.id)
        rank = {"ready": 0, "customer_waiting": 0, "preparing": 1}

        def key(o: OrderSummaryOut) -> tuple[int, int]:
            if o.pickup is None:
                return (3, 0)
            return (0 if o.pickup.at_this_store else 2, rank.get(o.pickup.status, 1))

        return sorted(out, key=key)  # stable: newest first inside each group


@router.get("/customers/{ref}/recommendations", response_model=RecommendationsOut)
def customer_recommendations(
    ref: str,
    db: DB,
    principal: AnyDevice,
    sign: Signer,
    code: CodeParam = None,
    limit: Annotated[int, Query(ge=1, le=24)] = 8,
) -> RecommendationsOut:
    """From co-purchases of what they bought and have in their cart; not what they own."""
    with db.reading() as s:
        customer = find_customer_ids(s, ref)
        authorise(principal, customer, code, sign)
        recs = for_customer(s, customer.id, principal.store_id, limit)
        return _recommendations_out(principal.store_code, "customer", recs)


@router.get("/products/sku/{sku}/recommendations", response_model=RecommendationsOut)
def product_recommendations(
    sku: str,
    db: DB,
    principal: Annotated[Principal, Depends(require("catalog:read"))],
    limit: Annotated[int, Query(ge=1, le=24)] = 8,
) -> RecommendationsOut:
    """'Goes well with': styles most often bought together with this one."""
    with db.reading() as s:
        product = find_product(s, sku)
        recs = for_product(s, product, principal.store_id, limit)
        return _recommendations_out(principal.store_code, "product", recs)


@router.post("/availability/batch", response_model=AvailabilityBatchOut)
def availability_batch(
    body: AvailabilityBatchIn,
    db: DB,
    principal: Annotated[Principal, Depends(require("stock:read"))],
) -> AvailabilityBatchOut:
    """Many SKUs in one call (a whole cart): here, nearest store having it, warehouse.

    A read: it changes nothing, so it needs no Idempotency-Key (one is accepted).
    """
    wanted = list(dict.fromkeys(s.strip().upper() for s in body.skus if s.strip()))
    with db.reading() as s:
        products = s.execute(PRODUCTS_BY_SKUS, {"skus": wanted}).all()
        by_sku = {p.sku.upper(): p for p in products}
        stock = availability_for(s, principal.store_id, products)
        return AvailabilityBatchOut(
            store_code=principal.store_code,
            items=[stock[by_sku[sku].id] for sku in wanted if sku in by_sku],
            unknown=[sku for sku in wanted if sku not in by_sku],
        )


@router.get("/loyalty/keys", response_model=LoyaltyKeysOut)
def loyalty_keys(_p: AnyDevice, sign: Signer) -> LoyaltyKeysOut:
    """The Ed25519 public keys that check signed loyalty codes offline (every live key id:
    the current one and those retired recently enough that their codes have not expired)."""
    return LoyaltyKeysOut(
        prefix=LOYALTY_CODE_PREFIX,
        keys=[
            LoyaltyKeyOut(kid=kid, alg="Ed25519", public_key=public)
            for kid, public in sign.public_keys().items()
        ],
    )


@router.get("/loyalty/resolve", response_model=CustomerOut)
def resolve_loyalty(
    db: DB,
    principal: AnyDevice,
    sign: Signer,
    number: Annotated[str | None, Query(max_length=32)] = None,
    code: CodeParam = None,
) -> CustomerOut:
    """Loyalty card number (associate) or signed code (any device) → the customer's profile."""
    if code:
        loyalty_number = verified_number(code, sign)
    elif number:
        if "customers:read" not in principal.scopes:
            raise _refuse_kiosk(principal, "only accepts the signed code from the customer's app")
        loyalty_number = re.sub(r"\s", "", number)
        if not LOYALTY_NUMBER.fullmatch(loyalty_number):
            raise Problem(
                422, "validation", "Invalid request", "number: a loyalty number has 16 digits"
            )
    else:
        raise Problem(422, "validation", "Invalid request", "Give number or code.")
    with db.reading() as s:
        customer = find_customer(s, loyalty_number)
        masked = authorise(principal, customer, code, sign)
        return profile(s, customer, masked)


@router.post("/customers/{ref}/loyalty-code", status_code=201, response_model=LoyaltyCodeOut)
def issue_loyalty_code(
    ref: str,
    request: Request,
    db: DB,
    principal: Annotated[Principal, Depends(require("loyalty:issue"))],
    sign: Signer,
    idem: Annotated[IdempotentRequest, Depends(idempotent_request)],
    body: LoyaltyCodeIn | None = None,
) -> JSONResponse:
    """A signed short-lived ``LOY1`` code for the customer (what their phone app shows); its
    replay record keeps it sealed (``central_api.sealed_replies``)."""
    ttl = (body or LoyaltyCodeIn()).ttl_s

    def work(session: Session) -> tuple[int, Any]:
        customer = find_customer(session, ref)
        code, iat, exp = sign.issue(customer.loyalty_number, ttl_s=ttl)
        out = LoyaltyCodeOut(code="", kid=sign.kid, issued_at=iat, expires_at=exp)
        return 201, {**out.model_dump(exclude={"code"}), **sealed_field(request, "code", code)}

    return open_sealed(request, run_idempotent(db, principal.key, idem, work), "code")
