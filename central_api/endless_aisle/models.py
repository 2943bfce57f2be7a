"""Stock reservations held by endless-aisle orders until they are paid (or released)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from central_api.catalog.models import Product
from central_api.orders.models import Order
from central_api.platform.db import Base
from central_api.stores.models import Location


class Reservation(Base):
    """Units set aside at one source location for one order line.

    Statuses: ``held`` (counted in ``Stock.reserved``, expires at ``expires_at`` unless the
    order is paid), ``committed`` (the order was paid: the units stay reserved for shipping)
    and ``released`` (given back to the shelf; no longer counted).
    """

    __tablename__ = "reservations"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="reservation_quantity_positive"),
        Index("ix_reservations_status_expires", "status", "expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # held | committed | released
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    order: Mapped[Order] = relationship()
    location: Mapped[Location] = relationship()
    product: Mapped[Product] = relationship()
