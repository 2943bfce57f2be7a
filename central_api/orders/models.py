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


# --- customers --------------------------------------------------------------------------


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_number: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    loyalty_number: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    first_name: Mapped[str] = mapped_column(String(60))
    last_name: Mapped[str] = mapped_column(String(60), index=True)
    email: Mapped[str] = mapped_column(String(120), unique=True, index=True)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    tier: Mapped[str] = mapped_column(String(16))  # bronze | silver | gold | platinum
    points: Mapped[int] = mapped_column(Integer, default=0)
    consent_email: Mapped[bool] = mapped_column(default=False)
    consent_sms: Mapped[bool] = mapped_column(default=False)
    preferred_store_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    addresses: Mapped[list[Address]] = relationship(
        back_populates="customer", order_by="Address.id"
    )


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    label: Mapped[str] = mapped_column(String(40))  # "Domicile", "Travail"
    line1: Mapped[str] = mapped_column(String(120))
    line2: Mapped[str | None] = mapped_column(String(120))
    postcode: Mapped[str] = mapped_column(String(16))
    city: Mapped[str] = mapped_column(String(80))
    country: Mapped[str] = mapped_column(String(2), default="FR")

    customer: Mapped[Customer] = relationship(back_populates="addresses")


class CartLine(Base):
    """A line of the customer's online cart (one cart per customer)."""

    __tablename__ = "cart_lines"
    __table_args__ = (UniqueConstraint("customer_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    product: Mapped[Product] = relationship()


# --- orders ------------------------------------------------------------------------------


class Order(Base):
    """Any sale: web order (W…), in-store sale (R-<store>-…) or endless-aisle order (E…).

    Money is Decimal. ``discount_total`` is an order-level discount (promo code) that a
    refund prorates over the lines; ``shipping_fee`` is charged on top of the lines.
    """

    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True, index=True)
    channel: Mapped[str] = mapped_column(String(16))  # web | store | endless_aisle
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    # placed | awaiting_payment | paid | shipped | delivered | cancelled
    status: Mapped[str] = mapped_column(String(20), index=True)
    fulfilment: Mapped[str] = mapped_column(String(20))  # home_delivery | pickup | in_store
    #: when it was placed (on the device, for an order sent through its outbox)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    #: when the server received it (None: demo data, placed and recorded at once)
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    subtotal: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    discount_total: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0.00"))
    shipping_fee: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0.00"))
    total: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    promo_code: Mapped[str | None] = mapped_column(String(24))
    guest_email: Mapped[str | None] = mapped_column(String(120))
    guest_phone: Mapped[str | None] = mapped_column(String(20))
    delivery_address: Mapped[str | None] = mapped_column(Text)  # JSON
    payment_reference: Mapped[str | None] = mapped_column(String(40), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    customer: Mapped[Customer | None] = relationship()
    store: Mapped[Location | None] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", order_by="OrderLine.line_no"
    )
    tenders: Mapped[list[Tender]] = relationship(back_populates="order", order_by="Tender.sequence")


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no"),
        CheckConstraint("returned_qty >= 0 AND returned_qty <= quantity", name="returned_le_qty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    sku: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(160))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    final_sale: Mapped[bool] = mapped_column(default=False)  # clearance: not returnable
    hygiene: Mapped[bool] = mapped_column(default=False)  # not returnable once opened
    returned_qty: Mapped[int] = mapped_column(Integer, default=0)
    source_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))

    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


class Tender(Base):
    """How an order was paid; refunds go back to tenders in ``sequence`` order."""

    __tablename__ = "tenders"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # card | gift_card | store_credit
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    refunded: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0.00"))
    reference: Mapped[str] = mapped_column(String(40))  # masked card / gift card number

    order: Mapped[Order] = relationship(back_populates="tenders")


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
