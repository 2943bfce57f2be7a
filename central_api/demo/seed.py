"""Fill a fresh database with deterministic demo data."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from central_api.catalog.models import Product, Stock
from central_api.demo.catalogue import generate_catalogue
from central_api.demo.customers import generate_customers
from central_api.demo.locations import LOCATIONS
from central_api.demo.orders import generate_orders
from central_api.platform.db import Database
from central_api.platform.keys import KeyRing
from central_api.stores.models import Location


def _store_quantity(rng: random.Random, assortment: float) -> int:
    """Shelf stock: often a handful, sometimes nothing (what endless aisle is for)."""
    if rng.random() > assortment:
        return 0
    return rng.choice((0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 12))


def seed_database(db: Database, seed: int, keys: KeyRing, staff_sign_in: str = "required") -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with db.session() as session:
        locations = [Location(**loc._asdict()) for loc in LOCATIONS]
        session.add_all(locations)
        products = [
            Product(
                sku=p.sku,
                gtin=p.gtin14,
                style_code=p.style_code,
                name=p.name,
                brand=p.brand,
                category=p.category,
                department=p.department,
                description=p.description,
                colour=p.colour,
                colour_hex=p.colour_hex,
                size=p.size,
                size_rank=p.size_rank,
                price=p.price,
            )
            for p in generate_catalogue(rng)
        ]
        session.add_all(products)
        session.flush()
        assortment = {loc.code: rng.uniform(0.55, 0.9) for loc in locations}
        rows = []
        for product in products:
            for loc in locations:
                if loc.kind == "warehouse":
                    qty = 0 if rng.random() < 0.08 else rng.randint(5, 80)
                else:
                    qty = _store_quantity(rng, assortment[loc.code])
                rows.append(
                    Stock(location_id=loc.id, product_id=product.id, on_hand=qty, updated_at=now)
                )
        session.add_all(rows)
        stores = [loc for loc in locations if loc.kind == "store"]
        customers = generate_customers(session, rng, now, stores, products)
        generate_orders(session, rng, now, customers, stores, products)
        from central_api.demo.staff import generate_staff  # staff, badges, PINs

        generate_staff(session, now, keys, staff_sign_in)
        session.commit()
