"""Typed views of the endless-aisle answers: fulfilment options, orders, payment."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Promise(_Model):
    earliest: date
    latest: date
    ready_now: bool


class Source(_Model):
    code: str
    name: str
    kind: str  # "store" | "warehouse"
    city: str


class OptionLine(_Model):
    sku: str
    quantity: int
    source_code: str


class FulfilmentOption(_Model):
    id: str
    kind: Literal["home_delivery", "ship_to_store", "pickup"]
    destination_store: Source | None
    sources: list[Source]
    lines: list[OptionLine]
    promise: Promise
    fee: Decimal
    currency: str

    @property
    def split(self) -> bool:
        return len(self.sources) > 1


class PricedLine(_Model):
    sku: str
    name: str
    colour: str | None
    size: str | None
    quantity: int
    unit_price: Decimal
    line_total: Decimal
    available: int


class FulfilmentOptions(_Model):
    lines: list[PricedLine]
    subtotal: Decimal
    currency: str
    free_delivery_threshold: Decimal
    options: list[FulfilmentOption]


class DeliveryAddress(_Model):
    name: str
    line1: str
    line2: str | None = None
    postcode: str
    city: str
    country: str


class OrderLine(_Model):
    line_no: int
    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    source_code: str | None


class Payment(_Model):
    status: Literal["awaiting_payment", "paid", "expired"]
    reference: str
    link_url: str
    link_status: Literal["sent", "paid", "expired"]
    link_sent_to: str | None
    paid_by: Literal["till", "link"] | None


class CustomerRef(_Model):
    customer_number: str | None
    display_name: str | None
    contact: str | None
    guest: bool
    consent: bool


class EndlessAisleOrder(_Model):
    number: str
    status: str  # awaiting_payment | paid | expired
    channel: str
    fulfilment: str
    store_code: str | None
    option: FulfilmentOption
    delivery_address: DeliveryAddress | None
    lines: list[OrderLine]
    subtotal: Decimal
    shipping_fee: Decimal
    total: Decimal
    currency: str
    customer: CustomerRef
    payment: Payment
    created_at: datetime
    reservation_expires_at: datetime | None

    @property
    def settled(self) -> bool:
        """Nothing more will happen to it on its own (paid or released)."""
        return self.payment.status != "awaiting_payment"


class CustomerAddress(_Model):
    label: str
    line1: str
    line2: str | None
    postcode: str
    city: str
    country: str


class CustomerSummary(_Model):
    customer_number: str
    first_name: str
    last_name_initial: str
    tier: str
    email_masked: str
    phone_masked: str
    addresses: list[CustomerAddress]

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name_initial}."


class CartItem(_Model):
    """One line of a customer's online cart, as far as ordering needs it."""

    sku: str
    quantity: int
