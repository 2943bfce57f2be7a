"""ORM tables of returns: one Return per confirmed return, one ReturnLine per order line."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from central_api.orders.models import Order, OrderLine
from central_api.platform.db import Base
from central_api.stores.models import Location


class Return(Base):
    """A confirmed return. ``receipt`` is the JSON answered to the device (reprints)."""

    __tablename__ = "returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(40))
    #: the staff member signed in on the device (None: a store without staff sign-in)
    staff_id: Mapped[str | None] = mapped_column(String(16))
    #: when the return was made (on the device); ``recorded_at``: when the server received it
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    refund_method: Mapped[str] = mapped_column(String(16))  # original | store_credit
    lines_refund: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    shipping_refund: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    total: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    approved_by: Mapped[str | None] = mapped_column(String(16))  # manager staff id
    approval_reasons: Mapped[str | None] = mapped_column(String(80))  # comma-separated
    receipt: Mapped[str] = mapped_column(Text)  # JSON

    order: Mapped[Order] = relationship()
    store: Mapped[Location] = relationship()
    lines: Mapped[list[ReturnLine]] = relationship(
        back_populates="return_", order_by="ReturnLine.line_no"
    )


class ReturnLine(Base):
    __tablename__ = "return_lines"
    __table_args__ = (CheckConstraint("quantity > 0", name="return_line_qty_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(24))
    condition: Mapped[str] = mapped_column(String(16))
    disposition: Mapped[str] = mapped_column(String(20))
    refund: Mapped[Decimal] = mapped_column(Numeric(10, 2))

    return_: Mapped[Return] = relationship(back_populates="lines")
    order_line: Mapped[OrderLine] = relationship()
