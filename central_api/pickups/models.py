"""Click-and-collect state of a web order at a store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from central_api.orders.models import Order
from central_api.platform.db import Base
from central_api.stores.models import Location


class Pickup(Base):
    """Click-and-collect state of a web order at a store.

    Statuses: preparing, ready, customer_waiting, collected, partially_collected,
    cancelled, expired. ``version`` guards concurrent completion (compare-and-set).
    """

    __tablename__ = "pickups"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    status: Mapped[str] = mapped_column(String(24), index=True)
    pickup_code: Mapped[str] = mapped_column(String(6))
    verification_method: Mapped[str] = mapped_column(
        String(20)
    )  # pickup_code | signed_qr | id_check
    alternate_person: Mapped[str | None] = mapped_column(String(120))
    promised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ready_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: when it was handed over (on the device); ``completion_recorded_at``: when the server
    #: received it (the device may have been offline meanwhile)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completion_recorded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    completion: Mapped[str | None] = mapped_column(Text)  # JSON: lines, verification, staff
    version: Mapped[int] = mapped_column(Integer, default=1)

    order: Mapped[Order] = relationship()
    store: Mapped[Location] = relationship()
