"""What an endless-aisle order answers, and the order a device may read."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.endless_aisle.expiry import (
    LINK_STATUS,
    as_utc,
)
from central_api.endless_aisle.models import Reservation
from central_api.endless_aisle.schemas import (
    AddressIn,
    CustomerRefOut,
    OptionOut,
    OrderLineOut,
    OrderOut,
    PaymentOut,
)
from central_api.orders.models import Order
from central_api.platform.auth import Principal
from central_api.platform.masking import mask_email, mask_phone
from central_api.platform.problems import Problem


def order_out(session: Session, order: Order) -> OrderOut:
    meta: dict[str, Any] = json.loads(order.delivery_address or "{}")
    reservations = session.scalars(
        select(Reservation).where(Reservation.order_id == order.id)
    ).all()
    expires = max((as_utc(r.expires_at) for r in reservations), default=None)
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
        created_at=as_utc(order.created_at),
        recorded_at=as_utc(order.recorded_at or order.created_at),
        reservation_expires_at=expires if order.status == "awaiting_payment" else None,
    )


def find_order(session: Session, number: str, principal: Principal) -> Order:
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
