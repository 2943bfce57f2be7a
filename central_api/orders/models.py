"""Orders (web, in-store and endless-aisle sales), their lines and how they were paid."""

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

from central_api.catalog.models import Product
from central_api.customers.models import Customer
from central_api.platform.db import Base
from central_api.stores.models import Location


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
