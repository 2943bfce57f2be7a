"""A store's pickups as the endpoints show them (summary, detail)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from central_api.orders.models import Order, OrderLine
from central_api.pickups.models import Pickup
from central_api.pickups.rules import (
    accepted_methods,
    aware,
    effective_status,
    overdue_reason,
)
from central_api.pickups.schemas import (
    PickupDetailOut,
    PickupLineOut,
)
from central_api.platform.auth import Principal
from central_api.platform.problems import Problem


def load(session: Session, order_number: str) -> Pickup | None:
    return session.scalars(
        select(Pickup)
        .join(Order, Pickup.order_id == Order.id)
        .where(Order.number == order_number.strip().upper())
        .options(
            joinedload(Pickup.order).selectinload(Order.lines).joinedload(OrderLine.product),
            joinedload(Pickup.order).joinedload(Order.customer),
            joinedload(Pickup.store),
        )
    ).first()


def for_store(session: Session, order_number: str, principal: Principal) -> Pickup:
    pickup = load(session, order_number)
    if pickup is None:
        raise Problem(
            404,
            "not-found",
            "Pickup not found",
            f"No pickup order has the number {order_number!r}.",
        )
    if pickup.store_id != principal.store_id:
        raise Problem(
            422,
            "pickup-other-store",
            "Order for another store",
            f"Order {pickup.order.number} is to be collected at {pickup.store.name} "
            f"({pickup.store.code}), not here.",
            store_code=pickup.store.code,
            store_name=pickup.store.name,
        )
    return pickup


def customer_name(pickup: Pickup) -> str:
    customer = pickup.order.customer
    if customer is None:
        return pickup.order.guest_email or "-"
    return f"{customer.first_name} {customer.last_name}"


def summary_fields(pickup: Pickup, now: datetime) -> dict[str, Any]:
    status = effective_status(pickup.status, pickup.expires_at, now)
    reason = overdue_reason(
        status, pickup.promised_at, pickup.expires_at, pickup.checked_in_at, now
    )
    return {
        "order_number": pickup.order.number,
        "store_code": pickup.store.code,
        "status": status,
        "customer_name": customer_name(pickup),
        "alternate_person": pickup.alternate_person,
        "verification_method": pickup.verification_method,
        "accepted_methods": list(
            accepted_methods(pickup.verification_method, pickup.alternate_person is not None)
        ),
        "item_count": sum(line.quantity for line in pickup.order.lines),
        "promised_at": aware(pickup.promised_at),
        "ready_at": pickup.ready_at and aware(pickup.ready_at),
        "expires_at": aware(pickup.expires_at),
        "checked_in_at": pickup.checked_in_at and aware(pickup.checked_in_at),
        "completed_at": pickup.completed_at and aware(pickup.completed_at),
        "overdue": reason is not None,
        "overdue_reason": reason,
        "version": pickup.version,
    }


def detail(pickup: Pickup, now: datetime) -> PickupDetailOut:
    completion: dict[str, Any] | None = json.loads(pickup.completion) if pickup.completion else None
    picked_by_line: dict[int, int] = {}
    if completion:
        for line in completion.get("lines", []):
            picked_by_line[int(line["line_no"])] = int(line["picked"])
        completion.pop("signature_svg_path", None)
    return PickupDetailOut(
        **summary_fields(pickup, now),
        currency=pickup.order.currency,
        total=pickup.order.total,
        lines=[
            PickupLineOut(
                line_no=line.line_no,
                sku=line.sku,
                gtin=line.product.gtin,
                name=line.name,
                quantity=line.quantity,
                unit_price=line.unit_price,
                picked=picked_by_line.get(line.line_no),
            )
            for line in pickup.order.lines
        ],
        completion=completion,
    )
