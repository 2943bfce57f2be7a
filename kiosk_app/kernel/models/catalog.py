"""Stores, products, variants and stock."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Store(_Model):
    code: str
    name: str
    kind: str
    city: str
    postcode: str
    address: str
    latitude: float
    longitude: float


class Product(_Model):
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


class Variant(Product):
    available_here: int


class ProductPage(_Model):
    items: list[Product]
    total: int
    limit: int
    offset: int


class LocationStock(_Model):
    code: str
    name: str
    kind: str
    city: str
    distance_km: float
    available: int


class Availability(_Model):
    sku: str
    store_code: str
    here: int
    stores: list[LocationStock]
    warehouses: list[LocationStock]

    @property
    def total_elsewhere(self) -> int:
        return sum(s.available for s in self.stores) + sum(w.available for w in self.warehouses)


class DeviceInfo(_Model):
    device_id: str
    name: str
    mode: str
    store: Store
    scopes: list[str]


class Enrollment(DeviceInfo):
    token: str


class Health(_Model):
    status: str
    version: str
    time: str
