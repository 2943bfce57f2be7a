"""Enrolled devices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from central_api.platform.db import Base
from central_api.stores.models import Location


class Device(Base):
    """An enrolled tablet or kiosk; its bearer token is stored only as a hash."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    mode: Mapped[str] = mapped_column(String(16))  # "associate" | "kiosk"
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(default=False)

    location: Mapped[Location] = relationship()
