"""Stock reads shared by the product and availability endpoints."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from central_api.geo import distance_km
from central_api.locations import Place, places
from central_api.models import Stock
from central_api.schemas import AvailabilityOut, LocationStock


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
    """``product``: a row with its ``id`` and ``sku`` (``routers.products.find_product``)."""
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
