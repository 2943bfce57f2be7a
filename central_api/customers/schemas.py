"""Bodies of the customer, loyalty, recommendation and batch-availability endpoints."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field, StrictInt

from central_api.catalog.schemas import ProductOut
from central_api.platform.schemas import WriteBody


class CustomerSummaryOut(BaseModel):
    """One search hit: enough to tell two customers apart."""

    customer_number: str
    loyalty_number: str
    first_name: str
    last_name: str
    email: str
    phone: str
    city: str | None
    tier: str
    points: int


class CustomerPageOut(BaseModel):
    items: list[CustomerSummaryOut]
    total: int
    limit: int
    offset: int


class AddressOut(BaseModel):
    label: str
    line1: str
    line2: str | None
    postcode: str
    city: str
    country: str


class ConsentsOut(BaseModel):
    email: bool
    sms: bool


class CustomerOut(BaseModel):
    """A customer's profile. ``masked`` is true when personal data was hidden (kiosk)."""

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
    consents: ConsentsOut
    preferred_store_code: str | None
    member_since: datetime
    addresses: list[AddressOut]
    masked: bool = False


class NearestStockOut(BaseModel):
    code: str
    name: str
    city: str
    distance_km: float
    available: int


class SkuAvailabilityOut(BaseModel):
    sku: str
    here: int
    nearest: NearestStockOut | None = Field(description="Nearest other store having it")
    warehouse: int


class AvailabilityBatchIn(WriteBody):
    skus: list[str] = Field(min_length=1, max_length=100)


class AvailabilityBatchOut(BaseModel):
    store_code: str
    items: list[SkuAvailabilityOut]
    unknown: list[str]


class CartLineOut(BaseModel):
    product: ProductOut
    quantity: int
    added_at: datetime
    line_total: Decimal
    availability: SkuAvailabilityOut


class CartOut(BaseModel):
    customer_number: str
    store_code: str
    lines: list[CartLineOut]
    item_count: int
    total: Decimal
    currency: str


class OrderLineBriefOut(BaseModel):
    sku: str
    name: str
    quantity: int
    unit_price: Decimal


class PickupBriefOut(BaseModel):
    status: str
    store_code: str
    store_name: str
    at_this_store: bool
    promised_at: datetime
    ready_at: datetime | None
    expires_at: datetime


class OrderSummaryOut(BaseModel):
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
    lines: list[OrderLineBriefOut]
    pickup: PickupBriefOut | None = None


class OrderPageOut(BaseModel):
    items: list[OrderSummaryOut]
    total: int
    limit: int
    offset: int


class RecommendationOut(BaseModel):
    product: ProductOut
    available_here: int
    score: float
    reason: str = Field(description="bought_together | your_history | popular")
    because_of: str | None = Field(description="Name of the product that led to it")


class RecommendationsOut(BaseModel):
    store_code: str
    basis: str = Field(description="customer | product")
    items: list[RecommendationOut]


class LoyaltyKeyOut(BaseModel):
    kid: str
    alg: str
    public_key: str = Field(description="Raw 32-byte Ed25519 public key, base64url, no padding")


class LoyaltyKeysOut(BaseModel):
    prefix: str
    keys: list[LoyaltyKeyOut]


class LoyaltyCodeIn(WriteBody):
    ttl_s: StrictInt = Field(default=120, ge=15, le=600)


class LoyaltyCodeOut(BaseModel):
    code: str
    kid: str
    issued_at: int
    expires_at: int
