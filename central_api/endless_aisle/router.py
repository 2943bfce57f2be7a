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

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from central_api.customers.access import Signer, verified_number
from central_api.customers.loyalty import LOYALTY_CODE_PREFIX
from central_api.customers.models import Customer
from central_api.endless_aisle.expiry import (
    lifespan,
    release_expired,
    reservation_ttl_s,
)
from central_api.endless_aisle.fulfilment import (
    CURRENCY,
    FREE_DELIVERY_THRESHOLD,
    check_quantities,
    priced_lines,
    subtotal_of,
)
from central_api.endless_aisle.models import Reservation
from central_api.endless_aisle.queries import find_order, order_out
from central_api.endless_aisle.schemas import (
    CustomerAddressOut,
    CustomerSummaryOut,
    OptionsIn,
    OptionsOut,
    OrderIn,
    OrderOut,
    PayIn,
)
from central_api.endless_aisle.service import (
    options_for,
    ordering_customer,
    place_order,
    store_here,
)
from central_api.events import shapes
from central_api.events.log import emit
from central_api.orders.models import Order, Tender
from central_api.platform.auth import Principal, check_scope, require
from central_api.platform.deps import DB
from central_api.platform.idempotency import IdempotentRequest, idempotent_request, run_idempotent
from central_api.platform.inline_reads import InlineReadRoute
from central_api.platform.masking import mask_email, mask_phone
from central_api.platform.occurred import Occurred
from central_api.platform.problems import Problem

router = APIRouter(
    route_class=InlineReadRoute, prefix="/v1", tags=["endless-aisle"], lifespan=lifespan
)
Orderer = Annotated[Principal, Depends(require("endless-aisle:order"))]
DemoPayer = Annotated[Principal, Depends(require("payments:demo"))]


# -- endpoints ------------------------------------------------------------------------------


@router.post("/fulfilment-options", response_model=OptionsOut)
def fulfilment_options(body: OptionsIn, db: DB, principal: Orderer) -> OptionsOut:
    """Where the basket can ship from, when it arrives and what it costs (a read)."""
    release_expired(db)
    today = datetime.now(UTC).date()
    with db.session() as s:
        here = store_here(s, principal)
        lines, stock, options = options_for(s, body, here, today)
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
    loyalty_number = ordering_customer(body.customer, principal, occurred, sign)
    return run_idempotent(
        db,
        principal.key,
        idem,
        lambda session: place_order(session, body, principal, loyalty_number, occurred, ttl),
    )


@router.get("/endless-aisle/orders/{number}", response_model=OrderOut)
def get_order(number: str, db: DB, principal: Orderer) -> OrderOut:
    release_expired(db)
    with db.session() as s:
        return order_out(s, find_order(s, number, principal))


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
        order = find_order(session, number, principal)
        if order.status == "paid":
            return 200, order_out(session, order)
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
        return 200, order_out(session, order)

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
                CustomerAddressOut.model_validate(a, from_attributes=True) for a in addresses
            ],
        )
