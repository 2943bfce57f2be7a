"""What the customer endpoints answer, put together from the reads: the profile (masked
for a kiosk), stock near the caller, recommendations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row

from central_api.catalog.schemas import ProductOut
from central_api.customers import rules
from central_api.customers.queries import (
    ADDRESSES,
    STOCK_OF_PRODUCTS,
    CustomerRow,
)
from central_api.customers.recommendations import Recommendation
from central_api.customers.schemas import (
    AddressOut,
    ConsentsOut,
    CustomerOut,
    NearestStockOut,
    RecommendationOut,
    RecommendationsOut,
    SkuAvailabilityOut,
)
from central_api.platform import masking
from central_api.platform.db import Reader
from central_api.platform.geo import distance_km
from central_api.stores.queries import places


def profile(reader: Reader, customer: CustomerRow, masked: bool) -> CustomerOut:
    store = places(reader).by_id.get(customer.preferred_store_id or 0)
    addresses = (  # a kiosk never gets them
        [] if masked else reader.execute(ADDRESSES, {"customer_id": customer.id}).all()
    )
    next_tier, to_next = rules.next_tier(customer.points)
    out = CustomerOut(
        customer_number=customer.customer_number,
        loyalty_number=customer.loyalty_number,
        first_name=customer.first_name,
        last_name=customer.last_name,
        email=customer.email,
        phone=customer.phone,
        tier=customer.tier,
        points=customer.points,
        next_tier=next_tier,
        points_to_next_tier=to_next,
        consents=ConsentsOut(email=customer.consent_email, sms=customer.consent_sms),
        preferred_store_code=store.code if store else None,
        member_since=customer.created_at,
        addresses=[AddressOut(**a._mapping) for a in addresses],
    )
    if masked:  # the server never sends a kiosk more than the customer's screen may show
        out = out.model_copy(
            update={
                "customer_number": "",
                "loyalty_number": masking.mask_card_number(customer.loyalty_number),
                "last_name": masking.mask_last_name(customer.last_name),
                "email": masking.mask_email(customer.email),
                "phone": masking.mask_phone(customer.phone),
                "addresses": [],
                "masked": True,
            }
        )
    return out


def availability_for(
    reader: Reader, here_id: int, products: Sequence[Row[Any]]
) -> dict[int, SkuAvailabilityOut]:
    """Stock here, the nearest other store having it and the warehouse, for many products
    (rows with their ``id`` and ``sku``).

    One query of plain stock columns; where each location is comes from ``places``.
    """
    ids = [p.id for p in products]
    if not ids:
        return {}
    rows = reader.execute(STOCK_OF_PRODUCTS, {"product_ids": ids}).all()
    known = places(reader).by_id
    here = known[here_id]
    here_qty: dict[int, int] = {}
    warehouse: dict[int, int] = {}
    nearest: dict[int, NearestStockOut] = {}
    distances: dict[int, float] = {}
    for product_id, location_id, avail in rows:
        qty = max(0, int(avail))
        loc = known.get(location_id)
        if location_id == here_id:
            here_qty[product_id] = qty
        elif loc is None:
            continue
        elif loc.kind == "warehouse":
            warehouse[product_id] = warehouse.get(product_id, 0) + qty
        elif qty > 0:
            km = distances.setdefault(
                loc.id, distance_km(here.latitude, here.longitude, loc.latitude, loc.longitude)
            )
            current = nearest.get(product_id)
            if current is None or (km, loc.code) < (current.distance_km, current.code):
                nearest[product_id] = NearestStockOut(
                    code=loc.code, name=loc.name, city=loc.city, distance_km=km, available=qty
                )
    return {
        p.id: SkuAvailabilityOut(
            sku=p.sku,
            here=here_qty.get(p.id, 0),
            nearest=_rounded(nearest.get(p.id)),
            warehouse=warehouse.get(p.id, 0),
        )
        for p in products
    }


def _rounded(stock: NearestStockOut | None) -> NearestStockOut | None:
    if stock is None:
        return None
    return stock.model_copy(update={"distance_km": round(stock.distance_km, 1)})


def recommendations_out(
    store_code: str, basis: str, recs: list[Recommendation]
) -> RecommendationsOut:
    return RecommendationsOut(
        store_code=store_code,
        basis=basis,
        items=[
            RecommendationOut(
                product=ProductOut.model_validate(r.product),
                available_here=r.available_here,
                score=r.score,
                reason=r.reason,
                because_of=r.because_of,
            )
            for r in recs
        ],
    )
