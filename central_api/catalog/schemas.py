"""Response and request bodies of the API (the contract the app's client mirrors)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: the most lines one request may carry
MAX_LINES = 100


class WriteBody(BaseModel):
    """The body of a write: an unknown field is refused, not silently ignored. Its numbers
    and booleans are ``StrictInt`` / ``StrictBool`` (``true`` or ``"1"`` is no quantity);
    money stays ``Decimal``, sent as a string."""

    model_config = ConfigDict(extra="forbid")


class StoreOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    kind: str
    city: str
    postcode: str
    address: str
    latitude: float
    longitude: float


class ProductOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    sku: str
    gtin: str
    style_code: str
    name: str
    brand: str
    department: str
    category: str
    description: str
    colour: str | None
    colour_hex: str | None
    size: str | None
    price: Decimal
    currency: str
    image_url: str | None


class ProductPage(BaseModel):
    items: list[ProductOut]
    total: int
    limit: int
    offset: int


class VariantOut(ProductOut):
    available_here: int


class LocationStock(BaseModel):
    code: str
    name: str
    kind: str
    city: str
    distance_km: float
    available: int


class AvailabilityOut(BaseModel):
    sku: str
    store_code: str
    here: int
    stores: list[LocationStock] = Field(description="Other stores, nearest first")
    warehouses: list[LocationStock]


class EnrollIn(WriteBody):
    enrollment_token: str = Field(min_length=1, max_length=200)
    store_code: str = Field(min_length=1, max_length=16)
    mode: Literal["associate", "kiosk"]
    device_name: str = Field(min_length=1, max_length=80)


class DeviceOut(BaseModel):
    device_id: str
    name: str
    mode: str
    store: StoreOut
    scopes: list[str]


class EnrollOut(DeviceOut):
    token: str


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str
    time: str
