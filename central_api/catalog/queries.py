"""Catalogue and stock reads shared by the product, availability and customer endpoints."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, bindparam, func, select
from sqlalchemy.orm import Session

from central_api.catalog.models import Product, Stock
from central_api.catalog.schemas import AvailabilityOut, LocationStock
from central_api.platform.db import Reader
from central_api.platform.geo import distance_km
from central_api.platform.problems import not_found
from central_api.stores.queries import Place, places

# Built once, with a bound parameter: the product screen and "goes well with" read it.
PRODUCT_BY_SKU = select(Product.__table__).where(func.upper(Product.sku) == bindparam("sku"))


def find_product(reader: Reader, sku: str) -> Row[Any]:
    """The product a SKU names (any case), as a row of its columns, or 404."""
    product = reader.execute(PRODUCT_BY_SKU, {"sku": sku.strip().upper()}).first()
    if product is None:
        raise not_found("Product", sku)
    return product


def available_by_product(
    session: Session, location_id: int, product_ids: list[int]
) -> dict[int, int]:
    rows = session.execute(
        select(Stock.product_id, Stock.on_hand - Stock.reserved).where(
            Stock.location_id == location_id, Stock.product_id.in_(product_ids)
        )
    )
    return {pid: max(0, int(avail)) for pid, avail in rows}


def availability(session: Session, product: Row[Any], here: Place) -> AvailabilityOut:
    """``product``: a row with its ``id`` and ``sku`` (``find_product``)."""
    rows = session.execute(
        select(Stock.location_id, Stock.on_hand - Stock.reserved).where(
            Stock.product_id == product.id
        )
    ).all()
    known = places(session).by_id
    here_qty = 0
    stores: list[LocationStock] = []
    warehouses: list[LocationStock] = []
    for location_id, avail in rows:
        qty = max(0, int(avail))
        if location_id == here.id:
            here_qty = qty
            continue
        loc = known.get(location_id)
        if loc is None:
            continue
        entry = LocationStock(
            code=loc.code,
            name=loc.name,
            kind=loc.kind,
            city=loc.city,
            distance_km=round(
                distance_km(here.latitude, here.longitude, loc.latitude, loc.longitude), 1
            ),
            available=qty,
        )
        (warehouses if loc.kind == "warehouse" else stores).append(entry)
    stores.sort(key=lambda e: (e.distance_km, e.code))
    warehouses.sort(key=lambda e: (e.distance_km, e.code))
    return AvailabilityOut(
        sku=product.sku, store_code=here.code, here=here_qty, stores=stores, warehouses=warehouses
    )
