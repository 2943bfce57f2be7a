"""Customers, loyalty, online carts, orders and recommendations as the API answers them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from kiosk_app.kernel.models.catalog import Product


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class CustomerSummary(_Model):
    customer_number: str
    loyalty_number: str
    first_name: str
    last_name: str
    email: str
    phone: str
    city: str | None
    tier: str
    points: int


class CustomerPage(_Model):
    items: list[CustomerSummary]
    total: int
    limit: int
    offset: int


class Address(_Model):
    label: str
    line1: str
    line2: str | None
    postcode: str
    city: str
    country: str


class Consents(_Model):
    email: bool
    sms: bool


class CustomerProfile(_Model):
    customer_number: str
    loyalty_number: str
    first_name: str
    last_name: str
    email: str
    phone: str
    tier: str
    points: int
    next_tier: str | None
    points_to_next_tier: int | None
    consents: Consents
    preferred_store_code: str | None
    member_since: datetime
    addresses: list[Address]
    masked: bool = False


class NearestStock(_Model):
    code: str
    name: str
    city: str
    distance_km: float
    available: int


class SkuAvailability(_Model):
    sku: str
    here: int
    nearest: NearestStock | None
    warehouse: int


class AvailabilityBatch(_Model):
    store_code: str
    items: list[SkuAvailability]
    unknown: list[str]


class CartLine(_Model):
    product: Product
    quantity: int
    added_at: datetime
    line_total: Decimal
    availability: SkuAvailability


class Cart(_Model):
    customer_number: str
    store_code: str
    lines: list[CartLine]
    item_count: int
    total: Decimal
    currency: str


class OrderLineBrief(_Model):
    sku: str
    name: str
    quantity: int
    unit_price: Decimal


class PickupBrief(_Model):
    status: str
    store_code: str
    store_name: str
    at_this_store: bool
    promised_at: datetime
    ready_at: datetime | None
    expires_at: datetime

    @property
    def collectable_here(self) -> bool:
        """A pickup the associate can hand over now, in this store."""
        return self.at_this_store and self.status in ("ready", "customer_waiting")


class OrderSummary(_Model):
    number: str
    channel: str
    status: str
    fulfilment: str
    created_at: datetime
    total: Decimal
    currency: str
    store_code: str | None
    store_name: str | None
    item_count: int
    lines: list[OrderLineBrief]
    pickup: PickupBrief | None = None


class OrderPage(_Model):
    items: list[OrderSummary]
    total: int
    limit: int
    offset: int


class Recommendation(_Model):
    product: Product
    available_here: int
    score: float
    reason: str  # bought_together | your_history | popular
    because_of: str | None


class Recommendations(_Model):
    store_code: str
    basis: str
    items: list[Recommendation]


class LoyaltyKey(_Model):
    kid: str
    alg: str
    public_key: str


class LoyaltyKeys(_Model):
    prefix: str
    keys: list[LoyaltyKey]


class LoyaltyCodeIssued(_Model):
    code: str
    kid: str
    issued_at: int
    expires_at: int
