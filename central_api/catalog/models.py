"""The catalogue (one row a sellable variant) and the stock of each location."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from central_api.platform.db import Base
from central_api.stores.models import Location


class Product(Base):
    """A sellable variant (one GTIN). Variants of one style share ``style_code``."""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    gtin: Mapped[str] = mapped_column(String(14), unique=True, index=True)  # GTIN-14
    style_code: Mapped[str] = mapped_column(String(24), index=True)
    name: Mapped[str] = mapped_column(String(160), index=True)
    brand: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(80), index=True)
    department: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text)
    colour: Mapped[str | None] = mapped_column(String(40))
    colour_hex: Mapped[str | None] = mapped_column(String(7))
    size: Mapped[str | None] = mapped_column(String(16))
    size_rank: Mapped[int] = mapped_column(Integer, default=0)
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    image_url: Mapped[str | None] = mapped_column(String(300))


class Stock(Base):
    __tablename__ = "stock"
    __table_args__ = (
        UniqueConstraint("location_id", "product_id"),
        CheckConstraint("on_hand >= 0", name="stock_on_hand_non_negative"),
        CheckConstraint("reserved >= 0", name="stock_reserved_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    location: Mapped[Location] = relationship()
    product: Mapped[Product] = relationship()
