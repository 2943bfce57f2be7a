"""Fulfilment options of an endless-aisle basket: where it ships from, when, at what fee.

Pure computation over one database session (no writes). Lead times are in working days
(Monday to Friday) from today:

* warehouse → home 2–4, warehouse → store 2–4
* store → home 3–5, store → store 2–3
* the destination store itself holds everything → ready now (pickup today)

Home delivery costs ``HOME_DELIVERY_FEE`` below ``FREE_DELIVERY_THRESHOLD`` of goods; delivery
to a store and pickup are free. Every line ships from a single location; when no one
location holds the whole basket, a "split" option sends each line from its best source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.catalog.models import Product, Stock
from central_api.endless_aisle.schemas import (
    OptionLineOut,
    OptionOut,
    PricedLineOut,
    PromiseOut,
    SourceOut,
)
from central_api.platform.geo import distance_km
from central_api.platform.problems import Problem
from central_api.stores.models import Location

HOME_DELIVERY_FEE = Decimal("4.90")
FREE_DELIVERY_THRESHOLD = Decimal("60.00")
CURRENCY = "EUR"
MAX_PICKUP_STORES = 3

LEAD_DAYS: dict[tuple[str, str], tuple[int, int]] = {
    ("warehouse", "home"): (2, 4),
    ("warehouse", "store"): (2, 4),
    ("store", "home"): (3, 5),
    ("store", "store"): (2, 3),
}


def add_working_days(start: date, days: int) -> date:
    """``start`` plus ``days`` working days (Mon–Fri); 0 days on a weekend is next Monday."""
    current = start
    while current.weekday() >= 5:
        current += timedelta(days=1)
    added = 0
    while added < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


@dataclass(frozen=True)
class BasketLine:
    product: Product
    quantity: int


@dataclass
class StockMap:
    """Available units (on hand − reserved) per (location id, product id)."""

    locations: dict[int, Location]
    available: dict[tuple[int, int], int]

    def qty(self, location: Location, product: Product) -> int:
        return self.available.get((location.id, product.id), 0)

    def holds_all(self, location: Location, lines: Sequence[BasketLine]) -> bool:
        return all(self.qty(location, ln.product) >= ln.quantity for ln in lines)

    def best_single(self, product: Product) -> int:
        return max((self.qty(loc, product) for loc in self.locations.values()), default=0)


def load_stock(session: Session, products: Sequence[Product]) -> StockMap:
    locations = {loc.id: loc for loc in session.scalars(select(Location)).all()}
    rows = session.execute(
        select(Stock.location_id, Stock.product_id, Stock.on_hand - Stock.reserved).where(
            Stock.product_id.in_([p.id for p in products])
        )
    )
    return StockMap(locations, {(loc, pid): max(0, int(av)) for loc, pid, av in rows})


def resolve_lines(session: Session, lines: Sequence[tuple[str, int]]) -> list[BasketLine]:
    """Products of the requested SKUs (merged when repeated); unknown SKUs are refused."""
    merged: dict[str, int] = {}
    for sku, qty in lines:
        key = sku.strip().upper()
        merged[key] = merged.get(key, 0) + qty
    products = {
        p.sku.upper(): p
        for p in session.scalars(select(Product).where(Product.sku.in_(list(merged)))).all()
    }
    unknown = [sku for sku in merged if sku not in products]
    if unknown:
        raise Problem(
            422,
            "unknown-product",
            "Unknown product",
            f"No product has the SKU {unknown[0]!r}.",
            sku=unknown[0],
        )
    return [BasketLine(products[sku], qty) for sku, qty in merged.items()]


def check_quantities(stock: StockMap, lines: Sequence[BasketLine]) -> None:
    for ln in lines:
        best = stock.best_single(ln.product)
        if ln.quantity > best:
            raise Problem(
                422,
                "insufficient-stock",
                "Not enough stock",
                f"Only {best} of {ln.product.sku} can be sent from one location; "
                f"{ln.quantity} asked.",
                sku=ln.product.sku,
                available=best,
            )


def priced_lines(stock: StockMap, lines: Sequence[BasketLine]) -> list[PricedLineOut]:
    return [
        PricedLineOut(
            sku=ln.product.sku,
            name=ln.product.name,
            colour=ln.product.colour,
            size=ln.product.size,
            quantity=ln.quantity,
            unit_price=ln.product.price,
            line_total=ln.product.price * ln.quantity,
            available=stock.best_single(ln.product),
        )
        for ln in lines
    ]


def subtotal_of(lines: Sequence[BasketLine]) -> Decimal:
    return sum((ln.product.price * ln.quantity for ln in lines), Decimal("0.00"))


def _source(loc: Location) -> SourceOut:
    return SourceOut(code=loc.code, name=loc.name, kind=loc.kind, city=loc.city)


class OptionBuilder:
    def __init__(
        self,
        stock: StockMap,
        lines: Sequence[BasketLine],
        here: Location,
        today: date,
    ) -> None:
        self.stock = stock
        self.lines = lines
        self.here = here
        self.today = today
        self.subtotal = subtotal_of(lines)

    def _by_distance(self, origin: Location, kind: str) -> list[Location]:
        found = [loc for loc in self.stock.locations.values() if loc.kind == kind]
        return sorted(
            found,
            key=lambda loc: (
                distance_km(origin.latitude, origin.longitude, loc.latitude, loc.longitude),
                loc.code,
            ),
        )

    def _option(
        self,
        kind: str,
        target: Location | None,
        assignment: list[tuple[BasketLine, Location]],
    ) -> OptionOut:
        to = "home" if target is None else "store"
        ready_now = target is not None and all(src.id == target.id for _, src in assignment)
        lo = hi = 0
        if not ready_now:
            spans = [
                LEAD_DAYS[(src.kind, to)]
                for _, src in assignment
                if target is None or src.id != target.id
            ]
            lo = max(s[0] for s in spans)
            hi = max(s[1] for s in spans)
        sources: dict[str, Location] = {}
        for _, src in assignment:
            sources.setdefault(src.code, src)
        fee = Decimal("0.00")
        if target is None and self.subtotal < FREE_DELIVERY_THRESHOLD:
            fee = HOME_DELIVERY_FEE
        target_code = "home" if target is None else target.code
        return OptionOut(
            id=f"{kind}:{target_code}:{'+'.join(sorted(sources))}",
            kind=kind,
            destination_store=None if target is None else _source(target),
            sources=[_source(s) for s in sources.values()],
            lines=[
                OptionLineOut(sku=ln.product.sku, quantity=ln.quantity, source_code=src.code)
                for ln, src in assignment
            ],
            promise=PromiseOut(
                earliest=add_working_days(self.today, lo),
                latest=add_working_days(self.today, hi),
                ready_now=ready_now,
            ),
            fee=fee,
            currency=CURRENCY,
        )

    def _whole(self, loc: Location) -> list[tuple[BasketLine, Location]] | None:
        if self.stock.holds_all(loc, self.lines):
            return [(ln, loc) for ln in self.lines]
        return None

    def _split(
        self, origin: Location, target: Location | None
    ) -> list[tuple[BasketLine, Location]] | None:
        """Each line from the target itself, else the warehouse, else the nearest store."""
        order = ([target] if target else []) + self._by_distance(origin, "warehouse")
        order += [s for s in self._by_distance(origin, "store") if s not in order]
        assignment = []
        for ln in self.lines:
            fits = (loc for loc in order if self.stock.qty(loc, ln.product) >= ln.quantity)
            src = next(fits, None)
            if src is None:
                return None
            assignment.append((ln, src))
        return assignment

    def to_target(self, kind: str, target: Location | None) -> list[OptionOut]:
        """Options to deliver to ``target`` (None: the customer's home)."""
        origin = target or self.here
        options: list[OptionOut] = []
        if target is not None and (whole := self._whole(target)):
            options.append(self._option("pickup", target, whole))
        for wh in self._by_distance(origin, "warehouse"):
            if whole := self._whole(wh):
                options.append(self._option(kind, target, whole))
                break
        for store in self._by_distance(origin, "store"):
            if target is not None and store.id == target.id:
                continue
            if whole := self._whole(store):
                options.append(self._option(kind, target, whole))
                break
        if not options and (split := self._split(origin, target)):
            options.append(self._option(kind, target, split))
        return options

    def pickup_elsewhere(self) -> list[OptionOut]:
        """Stores other than this one that hold the whole basket now, nearest first."""
        options = []
        for store in self._by_distance(self.here, "store"):
            if store.id == self.here.id:
                continue
            if whole := self._whole(store):
                options.append(self._option("pickup", store, whole))
            if len(options) >= MAX_PICKUP_STORES:
                break
        return options


def compute_options(
    session: Session,
    stock: StockMap,
    lines: Sequence[BasketLine],
    here: Location,
    destination_type: str,
    store_code: str | None,
    today: date,
) -> list[OptionOut]:
    builder = OptionBuilder(stock, lines, here, today)
    if destination_type == "home":
        return builder.to_target("home_delivery", None)
    if destination_type == "this_store":
        return builder.to_target("ship_to_store", here)
    if store_code:
        target = session.scalars(
            select(Location).where(Location.code == store_code.strip().upper())
        ).first()
        if target is None or target.kind != "store":
            raise Problem(
                422, "unknown-store", "Unknown store", f"No store has the code {store_code!r}."
            )
        return builder.to_target("ship_to_store", target)
    return builder.pickup_elsewhere()
