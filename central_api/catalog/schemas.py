"""Bodies of the catalogue and stock reads (the contract the app's client mirrors)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


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
