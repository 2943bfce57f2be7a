"""Endless-aisle order numbers (``E00000042``), a sequence on PostgreSQL
(``central_api.platform.numbering``)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central_api.orders.models import Order
from central_api.platform.numbering import next_serial, serial_sequence

ORDER_PREFIX = "E"


def _last_order_serial(session: Session) -> int:
    last = session.scalar(
        select(func.max(Order.number)).where(
            Order.channel == "endless_aisle", Order.number.like(ORDER_PREFIX + "%")
        )
    )
    return int(last[1:]) if last and last[1:].isdigit() else 0


ORDER_SERIALS = serial_sequence("endless_aisle_order_serial", _last_order_serial)


def next_order_number(session: Session) -> str:
    return f"{ORDER_PREFIX}{next_serial(session, ORDER_SERIALS):08d}"
