"""The endless-aisle use cases behind the router: fulfilment options, placing an order
(reserving its stock), what an order answers."""

from __future__ import annotations

import json
import re
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from central_api.catalog.models import Stock
from central_api.customers.carts import take_from_cart
from central_api.customers.loyalty import LOYALTY_CODE_PREFIX, LoyaltySigner
from central_api.customers.models import Customer
from central_api.endless_aisle.expiry import (
    BASKET_GRACE_S,
    PAYMENT_LINK_BASE,
    POSTCODE_PATTERNS,
)
from central_api.endless_aisle.fulfilment import (
    CURRENCY,
    BasketLine,
    compute_options,
    load_stock,
    resolve_lines,
    subtotal_of,
)
from central_api.endless_aisle.models import Reservation
from central_api.endless_aisle.numbering import next_order_number

# -- helpers --------------------------------------------------------------------------------
from central_api.endless_aisle.queries import order_out
from central_api.endless_aisle.schemas import (
    AddressIn,
    CustomerIn,
    GuestIn,
    OptionOut,
    OptionsIn,
    OrderIn,
)
from central_api.events import shapes
from central_api.events.log import emit
from central_api.orders.models import Order, OrderLine
from central_api.platform.auth import Principal
from central_api.platform.masking import mask_email, mask_phone
from central_api.platform.occurred import Occurred
from central_api.platform.problems import Problem
from central_api.stores.models import Location


def store_here(session: Session, principal: Principal) -> Location:
    return session.get_one(Location, principal.store_id)


def check_address(address: AddressIn) -> None:
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


def with_recipient(
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


def options_for(
    session: Session, body: OptionsIn, here: Location, today: date
) -> tuple[list[BasketLine], Any, list[OptionOut]]:
    lines = resolve_lines(session, [(ln.sku, ln.quantity) for ln in body.lines])
    stock = load_stock(session, [ln.product for ln in lines])
    dest = body.destination
    if dest.type == "home" and dest.address is not None:
        check_address(dest.address)
    options = compute_options(session, stock, lines, here, dest.type, dest.store_code, today)
    return lines, stock, options


def next_number(session: Session) -> str:
    return next_order_number(
        session
    )  # a sequence on PostgreSQL (``central_api.endless_aisle.numbering``)


def payment_reference(session: Session) -> str:
    while True:
        ref = "PAY-" + "".join(str(secrets.randbelow(10)) for _ in range(10))
        if session.scalar(select(Order.id).where(Order.payment_reference == ref)) is None:
            return ref


def unavailable(
    session: Session, body: OptionsIn, here: Location, today: date, detail: str
) -> Problem:
    session.rollback()  # forget our own partial reservations before looking again
    _lines, _stock, options = options_for(session, body, here, today)
    return Problem(
        409,
        "stock-unavailable",
        "No longer available",
        detail,
        next_option=options[0].model_dump(mode="json") if options else None,
        options=[o.model_dump(mode="json") for o in options],
    )


def ordering_customer(
    who: CustomerIn, principal: Principal, occurred: Occurred, sign: LoyaltySigner
) -> str | None:
    """The loyalty number an order is placed on: the one the customer's signed code names
    (shown within ``BASKET_GRACE_S`` of the order), or the one an associate typed; a kiosk
    needs the signed code."""
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

    return loyalty_number


def place_order(
    session: Session,
    body: OrderIn,
    principal: Principal,
    loyalty_number: str | None,
    occurred: Occurred,
    ttl: float,
) -> tuple[int, Any]:
    """Reserve the stock of the chosen option and create the order, awaiting payment (the
    transaction of ``POST /v1/endless-aisle/orders``)."""
    now = datetime.now(UTC)
    today = now.date()
    here = store_here(session, principal)
    customer, guest = _order_customer(session, body, loyalty_number), body.customer.guest
    address = with_recipient(body.destination.address, customer, principal)
    lines, _stock, options = options_for(session, body, here, today)
    chosen = next((o for o in options if o.id == body.option_id), None)
    if chosen is None:
        raise unavailable(
            session,
            body,
            here,
            today,
            "The chosen fulfilment option is no longer available (stock changed).",
        )
    order_lines, reservations, sources = _reserve(session, body, here, chosen, lines, now, ttl)
    subtotal = subtotal_of(lines)
    sent_to = _link_sent_to(guest, customer)
    meta = {
        "option": chosen.model_dump(mode="json"),
        "address": address.model_dump(mode="json") if address else None,
        "guest_consent": bool(guest and guest.consent),
        "link_url": PAYMENT_LINK_BASE + secrets.token_urlsafe(12),
        "link_sent_to": sent_to,
        "sources": sources,
    }
    order = Order(
        number=next_number(session),
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
        payment_reference=payment_reference(session),
    )
    order.lines = order_lines
    session.add(order)
    session.flush()
    for res in reservations:
        res.order_id = order.id
        session.add(res)
    if customer is not None:  # what they ordered leaves their online cart
        take_from_cart(session, customer.id, ((ol.product_id, ol.quantity) for ol in order_lines))
    session.flush()
    emit(session, shapes.order_changed("order.placed", order), *shapes.stock_of(reservations))
    return 201, order_out(session, order)


def _order_customer(session: Session, body: OrderIn, loyalty_number: str | None) -> Customer | None:
    """The customer the order is on (by customer or loyalty number), or None for a guest;
    422 ``unknown-customer`` for a number nobody has."""
    customer = None
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
    return customer


def _reserve(
    session: Session,
    body: OrderIn,
    here: Location,
    chosen: OptionOut,
    lines: list[BasketLine],
    now: datetime,
    ttl: float,
) -> tuple[list[OrderLine], list[Reservation], dict[str, str]]:
    """Hold each line's units at its source (409 when another device took them first): the
    order's lines, their reservations and each line's source store."""
    today = now.date()
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
            select(Stock.id).where(Stock.location_id == src.id, Stock.product_id == ln.product.id)
        )
        won = session.execute(
            update(Stock)
            .where(Stock.id == stock_id, Stock.on_hand - Stock.reserved >= ln.quantity)
            .values(reserved=Stock.reserved + ln.quantity, updated_at=now)
        )
        if stock_id is None or getattr(won, "rowcount", 0) != 1:
            raise unavailable(
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
    return order_lines, reservations, sources


def _link_sent_to(guest: GuestIn | None, customer: Customer | None) -> str:
    """Where the payment link goes, masked."""
    if guest is not None:
        return mask_email(guest.email) if guest.email else mask_phone(guest.phone or "")
    assert customer is not None
    return mask_email(customer.email)
