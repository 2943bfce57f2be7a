"""A delivered order as returnable: each line's reason not to be returned, what the return
screen shows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.orders.models import Order, OrderLine
from central_api.platform.problems import not_found
from central_api.returns import policy
from central_api.returns.schemas import (
    OrderLineOut,
    OrderOut,
    TenderOut,
)


def load_order(session: Session, number: str) -> Order:
    order = session.scalars(select(Order).where(Order.number == number.strip().upper())).first()
    if order is None:
        raise not_found("Order", number)
    return order


def line_reason(order: Order, line: OrderLine, now: datetime) -> str | None:
    return policy.line_block_reason(
        order_status=order.status,
        delivered_at=order.delivered_at,
        final_sale=line.final_sale,
        hygiene=line.hygiene,
        quantity=line.quantity,
        returned_qty=line.returned_qty,
        now=now,
    )


def order_out(order: Order, now: datetime) -> OrderOut:
    lines = []
    for line in order.lines:
        reason = line_reason(order, line, now)
        lines.append(
            OrderLineOut(
                line_no=line.line_no,
                sku=line.sku,
                gtin=line.product.gtin,
                name=line.name,
                quantity=line.quantity,
                unit_price=line.unit_price,
                returned_qty=line.returned_qty,
                returnable_qty=0 if reason else line.quantity - line.returned_qty,
                not_returnable_reason=reason,
                final_sale=line.final_sale,
                hygiene=line.hygiene,
            )
        )
    customer = order.customer
    return OrderOut(
        number=order.number,
        channel=order.channel,
        status=order.status,
        created_at=policy.as_utc(order.created_at),
        delivered_at=policy.as_utc(order.delivered_at) if order.delivered_at else None,
        days_since_delivery=policy.days_since(order.delivered_at, now),
        within_window=order.delivered_at is not None
        and not policy.outside_window(order.delivered_at, now),
        currency=order.currency,
        subtotal=order.subtotal,
        discount_total=order.discount_total,
        shipping_fee=order.shipping_fee,
        total=order.total,
        promo_code=order.promo_code,
        customer_number=customer.customer_number if customer else None,
        customer_name=f"{customer.first_name} {customer.last_name}" if customer else None,
        lines=lines,
        tenders=[TenderOut.model_validate(t, from_attributes=True) for t in order.tenders],
    )
