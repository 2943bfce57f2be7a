"""ORM tables of the reference central API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from central_api.db import Base


class Location(Base):
    """A store or a warehouse: anything that holds stock."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))  # "store" | "warehouse"
    city: Mapped[str] = mapped_column(String(80))
    postcode: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(200))
    latitude: Mapped[float]
    longitude: Mapped[float]
    timezone: Mapped[str] = mapped_column(String(40), default="Europe/Paris")


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


class IdempotencyRecord(Base):
    """First response to a POST, replayed for any retry with the same key."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("principal", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    principal: Mapped[str] = mapped_column(String(80))
    key: Mapped[str] = mapped_column(String(128))
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(300))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    response_body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
