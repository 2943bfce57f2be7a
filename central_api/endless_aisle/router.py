"""Endless-aisle orders: fulfilment options, orders that reserve stock, payment, expiry.

Races are decided in the database: a reservation is a conditional
``UPDATE stock SET reserved = reserved + q WHERE … AND on_hand - reserved >= q`` inside a
write transaction (``BEGIN IMMEDIATE`` on SQLite), so two devices asking for the last unit
never both get it; the loser gets 409 ``stock-unavailable`` with the options still open.
Unpaid orders release their reservations after ``reservation_ttl_s`` (environment
``KIOSK_API_RESERVATION_TTL_S``, default 30 minutes): lazily on every endless-aisle read or
write, and in a background sweep.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from central_api.auth import Principal, check_scope, require
from central_api.carts import take_from_cart
from central_api.db import Database
from central_api.deps import DB
from central_api.events import shapes
from central_api.events.log import emit
from central_api.fulfilment import (
    CURRENCY,
    FREE_DELIVERY_THRESHOLD,
    BasketLine,
    check_quantities,
    compute_options,
    load_stock,
    priced_lines,
    resolve_lines,
    subtotal_of,
)
from central_api.idempotency import IdempotentRequest, idempotent_request, run_idempotent
from central_api.inline_reads import InlineReadRoute
from central_api.loyalty_codes import LOYALTY_CODE_PREFIX
from central_api.models import Customer, Location, Order, OrderLine, Stock, Tender
from central_api.models_reservations import Reservation
from central_api.numbering import next_order_number
from central_api.occurred import Occurred
from central_api.problems import Problem
from central_api.routers.customers import Signer, verified_number
from central_api.schemas_endless_aisle import (
    AddressIn,
    CustomerAddressOut,
    CustomerRefOut,
    CustomerSummaryOut,
    OptionOut,
    OptionsIn,
    OptionsOut,
    OrderIn,
    OrderLineOut,
    OrderOut,
    PayIn,
    PaymentOut,
)

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


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# -- expiry ---------------------------------------------------------------------------------


def _expire_order(session: Session, order_id: int, now: datetime) -> bool:
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
        return sum(_expire_order(s, order_id, now) for order_id in s.scalars(due_stmt).all())


async def _sweep_forever(db: Database) -> None:
    while True:
        await asyncio.sleep(max(0.5, min(60.0, reservation_ttl_s() / 4)))
        try:
            count = await asyncio.to_thread(release_expired, db)
            if count:
                log.info("released the reservations of %d unpaid orders", count)
        except Exception:
            log.exception("reservation sweep failed")


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    task = asyncio.create_task(_sweep_forever(app.state.db))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


router = APIRouter(
    route_class=InlineReadRoute, prefix="/v1", tags=["endless-aisle"], lifespan=_lifespan
)
Orderer = Annotated[Principal, Depends(require("endless-aisle:order"))]
DemoPayer = Annotated[Principal, Depends(require("payments:demo"))]


# -- helpers --------------------------------------------------------------------------------


def _here(session: Session, principal: Principal) -> Location:
    return session.get_one(Location, principal.store_id)


def _check_address(address: AddressIn) -> None:
    country = address.country.upper()
    pattern = POSTCODE_PATTERNS.get(country)
    if pattern is None:
        raise Problem(
            422,
            "invalid-address",
            "Invalid address",
            f"We do not deliver to the country {address.country!r}.",
            field="country",
        )
    if not re.fullmatch(pattern, address.postcode.strip().upper()):
        raise Problem(
            422,
            "invalid-address",
            "Invalid address",
            f"{address.postcode!r} is not a valid postcode for {country}.",
            field="postcode",
        )


def _with_recipient(
    address: AddressIn | None, customer: Customer | None, principal: Principal
) -> AddressIn | None:
    """The parcel's recipient: the name given, else the customer's own from their record
    (never the masked one the screen shows). A kiosk, which sees only masked names, and a
    guest's order must give it."""
    if address is None or address.name:
        return address
    if customer is None or principal.mode == "kiosk":
        raise Problem(
            422,
            "invalid-address",
            "Invalid address",
            "Give the recipient's name.",
            field="name",
        )
    return address.model_copy(update={"name": f"{customer.first_name} {customer.last_name}"})


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    return "•••• " + digits[-2:] if len(digits) > 2 else "••••"


def _options_for(
    session: Session, body: OptionsIn, here: Location, today: date
) -> tuple[list[BasketLine], Any, list[OptionOut]]:
    lines = resolve_lines(session, [(ln.sku, ln.quantity) for ln in body.lines])
    stock = load_stock(session, [ln.product for ln in lines])
    dest = body.destination
    if dest.type == "home" and dest.address is not None:
        _check_address(dest.address)
    options = compute_options(session, stock, lines, here, dest.type, dest.store_code, today)
    return lines, stock, options


def _order_out(session: Session, order: Order) -> OrderOut:
    meta: dict[str, Any] = json.loads(order.delivery_address or "{}")
    reservations = session.scalars(
        select(Reservation).where(Reservation.order_id == order.id)
    ).all()
    expires = max((_utc(r.expires_at) for r in reservations), default=None)
    tender = order.tenders[0] if order.tenders else None
    paid_by = None
    if tender is not None and tender.reference.startswith(("till:", "link:")):
        paid_by = tender.reference.split(":", 1)[0]
    status = order.status if order.status in ("paid", "expired") else "awaiting_payment"
    customer = order.customer
    if customer is not None:
        ref = CustomerRefOut(
            customer_number=customer.customer_number,
            display_name=f"{customer.first_name} {customer.last_name[:1]}.",
            contact=mask_email(customer.email),
            guest=False,
            consent=customer.consent_email,
        )
    else:
        contact = mask_email(order.guest_email) if order.guest_email else None
        if contact is None and order.guest_phone:
            contact = mask_phone(order.guest_phone)
        ref = CustomerRefOut(
            customer_number=None,
            display_name=None,
            contact=contact,
            guest=True,
            consent=bool(meta.get("guest_consent")),
        )
    return OrderOut(
        number=order.number,
        status=order.status,
        channel=order.channel,
        fulfilment=order.fulfilment,
        store_code=order.store.code if order.store else None,
        option=OptionOut.model_validate(meta["option"]),
        delivery_address=AddressIn.model_validate(meta["address"]) if meta.get("address") else None,
        lines=[
            OrderLineOut(
                line_no=ln.line_no,
                sku=ln.sku,
                name=ln.name,
                quantity=ln.quantity,
                unit_price=ln.unit_price,
                source_code=meta.get("sources", {}).get(str(ln.line_no)),
            )
            for ln in order.lines
        ],
        subtotal=order.subtotal,
        shipping_fee=order.shipping_fee,
        total=order.total,
        currency=order.currency,
        customer=ref,
        payment=PaymentOut(
            status=status,
            reference=order.payment_reference or "",
            link_url=str(meta.get("link_url", "")),
            link_status=LINK_STATUS.get(order.status, "sent"),
            link_sent_to=meta.get("link_sent_to"),
            paid_by=paid_by,
        ),
        created_at=_utc(order.created_at),
        recorded_at=_utc(order.recorded_at or order.created_at),
        reservation_expires_at=expires if order.status == "awaiting_payment" else None,
    )


def _find_order(session: Session, number: str, principal: Principal) -> Order:
    order = session.scalars(
        select(Order).where(
            Order.number == number.strip().upper(), Order.channel == "endless_aisle"
        )
    ).first()
    if order is None or order.store_id != principal.store_id:
        raise Problem(
            404,
            "not-found",
            "Order not found",
            f"No endless-aisle order {number!r} was placed in this store.",
        )
    return order


def _next_number(session: Session) -> str:
    return next_order_number(session)  # a sequence on PostgreSQL (``central_api.numbering``)


def _payment_reference(session: Session) -> str:
    while True:
        ref = "PAY-" + "".join(str(secrets.randbelow(10)) for _ in range(10))
        if session.scalar(select(Order.id).where(Order.payment_reference == ref)) is None:
            return ref


def _unavailable(
    session: Session, body: OptionsIn, here: Location, today: date, detail: str
) -> Problem:
    session.rollback()  # forget our own partial reservations before looking again
    _lines, _stock, options = _options_for(session, body, here, today)
    return Problem(
        409,
        "stock-unavailable",
        "No longer available",
        detail,
        next_option=options[0].model_dump(mode="json") if options else None,
        options=[o.model_dump(mode="json") for o in options],
    )


# -- endpoints ------------------------------------------------------------------------------


@router.post("/fulfilment-options", response_model=OptionsOut)
def fulfilment_options(body: OptionsIn, db: DB, principal: Orderer) -> OptionsOut:
    """Where the basket can ship from, when it arrives and what it costs (a read)."""
    release_expired(db)
    today = datetime.now(UTC).date()
    with db.session() as s:
        here = _here(s, principal)
        lines, stock, options = _options_for(s, body, here, today)
        check_quantities(stock, lines)
        return OptionsOut(
            lines=priced_lines(stock, lines),
            subtotal=subtotal_of(lines),
            currency=CURRENCY,
            free_delivery_threshold=FREE_DELIVERY_THRESHOLD,
            options=options,
        )


@router.post("/endless-aisle/orders", status_code=201, response_model=OrderOut)
def create_order(
    body: OrderIn,
    db: DB,
    principal: Orderer,
    idem: Annotated[IdempotentRequest, Depends(idempotent_request)],
    occurred: Occurred,
    sign: Signer,
) -> JSONResponse:
    """Reserve the stock of the chosen option and create the order, awaiting payment.

    ``created_at`` is when it was placed on the device (``Occurred-At``), ``recorded_at`` when
    the server received it; the reservation runs from the server's time. A home delivery
    without ``address.name`` goes to the attached customer's full name."""
    release_expired(db)
    ttl = reservation_ttl_s()
    who = body.customer
    loyalty_number = who.loyalty_number
    if who.loyalty_code:  # the customer's app proved they were there when the order was made
        at = occurred.or_now(datetime.now(UTC)).timestamp()
        try:
            loyalty_number = sign.verify(who.loyalty_code, now=at, shown_within_s=BASKET_GRACE_S)
        except ValueError as error:
            raise Problem(
                403,
                "invalid-loyalty-code",
                "Loyalty code refused",
                f"The {LOYALTY_CODE_PREFIX} code is not valid for this order: {error}.",
            ) from None
    elif principal.mode == "kiosk" and (who.customer_number or who.loyalty_number):
        raise Problem(
            403,
            "signed-code-required",
            "Signed code required",
            "At a kiosk an order is on a customer's account only with the signed code of "
            "their app.",
        )

    def work(session: Session) -> tuple[int, Any]:
        now = datetime.now(UTC)
        today = now.date()
        here = _here(session, principal)
        customer, guest = None, body.customer.guest
        if body.customer.customer_number or loyalty_number:
            customer = session.scalars(
                select(Customer).where(
                    or_(
                        Customer.customer_number == (body.customer.customer_number or "-"),
                        Customer.loyalty_number == (loyalty_number or "-"),
                    )
                )
            ).first()
            if customer is None:
                raise Problem(
                    422,
                    "unknown-customer",
                    "Unknown customer",
                    "No customer has this customer or loyalty number.",
                )
        address = _with_recipient(body.destination.address, customer, principal)
        lines, _stock, options = _options_for(session, body, here, today)
        chosen = next((o for o in options if o.id == body.option_id), None)
        if chosen is None:
            raise _unavailable(
                session,
                body,
                here,
                today,
                "The chosen fulfilment option is no longer available (stock changed).",
            )
        by_sku = {ln.product.sku: ln for ln in lines}
        codes = {src.code for src in chosen.sources}
        locations = {
            loc.code: loc
            for loc in session.scalars(select(Location).where(Location.code.in_(codes))).all()
        }
        expires = now + timedelta(seconds=ttl)
        reservations: list[Reservation] = []
        order_lines: list[OrderLine] = []
        sources: dict[str, str] = {}
        for line_no, opt_line in enumerate(chosen.lines, start=1):
            ln = by_sku[opt_line.sku]
            src = locations[opt_line.source_code]
            stock_id = session.scalar(
                select(Stock.id).where(
                    Stock.location_id == src.id, Stock.product_id == ln.product.id
                )
            )
            won = session.execute(
                update(Stock)
                .where(Stock.id == stock_id, Stock.on_hand - Stock.reserved >= ln.quantity)
                .values(reserved=Stock.reserved + ln.quantity, updated_at=now)
            )
            if stock_id is None or getattr(won, "rowcount", 0) != 1:
                raise _unavailable(
                    session,
                    body,
                    here,
                    today,
                    f"{ln.product.sku} was just taken at {src.name}; choose another option.",
                )
            sources[str(line_no)] = src.code
            order_lines.append(
                OrderLine(
                    line_no=line_no,
                    product_id=ln.product.id,
                    sku=ln.product.sku,
                    name=" ".join(
                        x for x in (ln.product.name, ln.product.colour, ln.product.size) if x
                    ),
                    quantity=ln.quantity,
                    unit_price=ln.product.price,
                    source_location_id=src.id,
                )
            )
            reservations.append(
                Reservation(
                    line_no=line_no,
                    stock_id=stock_id,
                    location_id=src.id,
                    product_id=ln.product.id,
                    quantity=ln.quantity,
                    status="held",
                    created_at=now,
                    expires_at=expires,
                )
            )
        subtotal = subtotal_of(lines)
        if guest is not None:
            sent_to = mask_email(guest.email) if guest.email else mask_phone(guest.phone or "")
        else:
            assert customer is not None
            sent_to = mask_email(customer.email)
        meta = {
            "option": chosen.model_dump(mode="json"),
            "address": address.model_dump(mode="json") if address else None,
            "guest_consent": bool(guest and guest.consent),
            "link_url": PAYMENT_LINK_BASE + secrets.token_urlsafe(12),
            "link_sent_to": sent_to,
            "sources": sources,
        }
        order = Order(
            number=_next_number(session),
            channel="endless_aisle",
            customer_id=customer.id if customer else None,
            store_id=here.id,
            status="awaiting_payment",
            fulfilment="home_delivery" if chosen.kind == "home_delivery" else "pickup",
            created_at=occurred.or_now(now),
            recorded_at=now,
            subtotal=subtotal,
            shipping_fee=chosen.fee,
            total=subtotal + chosen.fee,
            currency=CURRENCY,
            guest_email=guest.email if guest else None,
            guest_phone=guest.phone if guest else None,
            delivery_address=json.dumps(meta),
            payment_reference=_payment_reference(session),
        )
        order.lines = order_lines
        session.add(order)
        session.flush()
        for res in reservations:
            res.order_id = order.id
            session.add(res)
        if customer is not None:  # what they ordered leaves their online cart
            take_from_cart(
                session, customer.id, ((ol.product_id, ol.quantity) for ol in order_lines)
            )
        session.flush()
        emit(session, shapes.order_changed("order.placed", order), *shapes.stock_of(reservations))
        return 201, _order_out(session, order)

    return run_idempotent(db, principal.key, idem, work)


@router.get("/endless-aisle/orders/{number}", response_model=OrderOut)
def get_order(number: str, db: DB, principal: Orderer) -> OrderOut:
    release_expired(db)
    with db.session() as s:
        return _order_out(s, _find_order(s, number, principal))


@router.post("/endless-aisle/orders/{number}/demo-pay", response_model=OrderOut)
def demo_pay(
    number: str,
    body: PayIn,
    db: DB,
    principal: DemoPayer,
    idem: Annotated[IdempotentRequest, Depends(idempotent_request)],
) -> JSONResponse:
    """Demo only: mark the order paid (what the till or the payment provider would do)."""
    release_expired(db)

    def work(session: Session) -> tuple[int, Any]:
        now = datetime.now(UTC)
        order = _find_order(session, number, principal)
        if order.status == "paid":
            return 200, _order_out(session, order)
        late = session.scalar(
            select(Reservation.id).where(
                Reservation.order_id == order.id,
                Reservation.status == "held",
                Reservation.expires_at < now,
            )
        )
        if order.status == "expired" or late is not None:
            raise Problem(
                409,
                "reservation-expired",
                "Reservation expired",
                f"Order {order.number} was not paid in time; its stock was released. "
                "Place the order again.",
            )
        paid = session.execute(
            update(Order)
            .where(Order.id == order.id, Order.status == "awaiting_payment")
            .values(status="paid", version=Order.version + 1)
        )
        if getattr(paid, "rowcount", 0) != 1:
            raise Problem(409, "conflict", "Conflict", f"Order {order.number} cannot be paid now.")
        session.execute(
            update(Reservation)
            .where(Reservation.order_id == order.id, Reservation.status == "held")
            .values(status="committed")
        )
        session.add(
            Tender(
                order_id=order.id,
                sequence=1,
                kind="card",
                amount=order.total,
                reference=f"{body.method}:{order.payment_reference}",
            )
        )
        session.flush()
        session.refresh(order)
        emit(session, shapes.order_changed("order.paid", order))
        return 200, _order_out(session, order)

    return run_idempotent(db, principal.key, idem, work)


@router.get("/endless-aisle/customers/{code}", response_model=CustomerSummaryOut)
def customer_summary(code: str, db: DB, principal: Orderer, sign: Signer) -> CustomerSummaryOut:
    """The customer to order for, masked (no addresses at a kiosk).

    ``code`` is the customer's signed ``LOY1`` code (any device: it proves the customer is
    there), or, for staff allowed to see customers (``customer.view``), a customer or loyalty
    number. A kiosk never attaches a customer by number: anyone could type a card number.
    """
    key = code.strip()
    if key.startswith(LOYALTY_CODE_PREFIX + "."):
        key = verified_number(key, sign)  # 403 invalid-loyalty-code: forged, expired...
    elif principal.mode == "kiosk":
        raise Problem(
            403,
            "forbidden",
            "Not allowed",
            "A kiosk identifies a customer only by the signed code of their app.",
        )
    else:
        check_scope(principal, "customers:read")  # staff sign-in and customer.view
    with db.session() as s:
        key = key.upper()
        customer = s.scalars(
            select(Customer).where(
                or_(Customer.customer_number == key, Customer.loyalty_number == key)
            )
        ).first()
        if customer is None:
            raise Problem(
                404, "not-found", "Customer not found", "No customer has this number or card."
            )
        addresses = [] if principal.mode == "kiosk" else customer.addresses
        return CustomerSummaryOut(
            customer_number=customer.customer_number,
            first_name=customer.first_name,
            last_name_initial=customer.last_name[:1],
            tier=customer.tier,
            email_masked=mask_email(customer.email),
            phone_masked=mask_phone(customer.phone),
            addresses=[
                CustomerAddressOut(
                    label=a.label,
                    line1=a.line1,
                    line2=a.line2,
                    postcode=a.postcode,
                    city=a.city,
                    country=a.country,
                )
                for a in addresses
            ],
        )


__all__ = ["release_expired", "reservation_ttl_s", "router"]
