"""The product screen's stock kept current by ``stock.changed`` events.

An event carries one stock row (``sku``, ``location``, ``available``): a change of the
product shown (here, another store, a warehouse) or of one of its variants (the stock here
on the size chips) is applied to what is shown, without a request; a row the screen did not
list (a location that never had it) fetches the product's stock again in the background.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from kiosk_app.flows.product.lookup import ProductDetails
from kiosk_app.kernel.models.catalog import Availability, LocationStock

#: the event type (``README``, *Live events*)
STOCK_CHANGED = "stock.changed"


class NotShown(Exception):
    """The change is about the product shown, at a location the screen does not list."""


def _located(rows: list[LocationStock], location: str, available: int) -> list[LocationStock]:
    if not any(row.code == location for row in rows):
        raise NotShown(location)
    return [
        row.model_copy(update={"available": available}) if row.code == location else row
        for row in rows
    ]


def apply_stock(details: ProductDetails, payload: Mapping[str, Any]) -> ProductDetails:
    """``details`` with the stock row of ``payload`` in it; ``details`` itself when the
    change is not about what is shown. Raises ``NotShown`` (fetch again)."""
    sku, location = payload.get("sku"), payload.get("location")
    available = payload.get("available")
    if not isinstance(sku, str) or not isinstance(location, str) or not isinstance(available, int):
        return details
    available = max(0, available)
    stock = details.availability
    here = location == stock.store_code
    variants = details.variants
    if here and any(v.sku == sku for v in variants):
        variants = [
            v.model_copy(update={"available_here": available}) if v.sku == sku else v
            for v in variants
        ]
    if sku == stock.sku:
        stock = _moved(stock, location, available)
    if stock is details.availability and variants is details.variants:
        return details
    return replace(details, variants=variants, availability=stock)


def _moved(stock: Availability, location: str, available: int) -> Availability:
    if location == stock.store_code:
        return stock.model_copy(update={"here": available})
    if any(w.code == location for w in stock.warehouses):
        return stock.model_copy(
            update={"warehouses": _located(stock.warehouses, location, available)}
        )
    return stock.model_copy(update={"stores": _located(stock.stores, location, available)})
