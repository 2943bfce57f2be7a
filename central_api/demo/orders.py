"""Order history (web and in store), with realistic co-purchase, returns and pickups.

Orders are built around a first style, then complementary families are added with fixed
affinities (jeans with t-shirts and sneakers, dresses with bags and ankle boots…), so that
recommendations computed from this history have something real to find.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from central_api.catalog.models import Product
from central_api.customers.models import Customer
from central_api.orders.models import Order, OrderLine, Tender
from central_api.pickups.models import Pickup
from central_api.stores.models import Location

AFFINITY: dict[str, tuple[str, ...]] = {
    "Jeans": ("T-shirts", "Baskets", "Sacs"),
    "T-shirts": ("Jeans", "Pantalons", "Baskets"),
    "Robes": ("Sacs", "Bottines", "Soins"),
    "Chemises": ("Pantalons", "Pulls", "Bottines"),
    "Pulls": ("Chemises", "Pantalons", "Jeans"),
    "Pantalons": ("Chemises", "Pulls", "Baskets"),
    "Baskets": ("Running", "T-shirts", "Jeans"),
    "Bottines": ("Robes", "Jeans", "Sacs"),
    "Running": ("Baskets", "T-shirts"),
    "Vêtements enfant": ("Vêtements enfant", "Décoration"),
    "Linge de lit": ("Décoration",),
    "Décoration": ("Linge de lit", "Soins"),
    "Sacs": ("Robes", "Bottines"),
    "Soins": ("Soins", "Décoration"),
}
HYGIENE_CATEGORIES = {"Soins"}
CENT = Decimal("0.01")
PICKUP_STATUS_PLAN = (
    ("ready", 6),
    ("preparing", 3),
    ("customer_waiting", 2),
    ("collected", 3),
    ("partially_collected", 1),
    ("cancelled", 1),
    ("expired", 1),
)


class OrderNumbers:
    def __init__(self) -> None:
        self.web = 10000
        self.store: dict[str, int] = defaultdict(int)

    def next_web(self) -> str:
        self.web += 1
        return f"W{self.web:08d}"

    def next_receipt(self, store_code: str) -> str:
        self.store[store_code] += 1
        return f"R-{store_code}-{self.store[store_code]:08d}"


def _pick_lines(rng: random.Random, by_category: dict[str, list[Product]]) -> list[Product]:
    first_category = rng.choice(list(AFFINITY))
    chosen = [rng.choice(by_category[first_category])]
    for category in AFFINITY[first_category]:
        if rng.random() < 0.45 and by_category.get(category):
            chosen.append(rng.choice(by_category[category]))
    return list(dict.fromkeys(chosen))  # no duplicate product


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _build_order(
    rng: random.Random,
    number: str,
    channel: str,
    customer: Customer | None,
    store: Location | None,
    products: list[Product],
    created_at: datetime,
    fulfilment: str,
) -> Order:
    lines = []
    for i, product in enumerate(products, start=1):
        qty = 1 if rng.random() < 0.85 else 2
        lines.append(
            OrderLine(
                line_no=i,
                product_id=product.id,
                sku=product.sku,
                name=f"{product.name} {product.colour or ''} {product.size or ''}".strip(),
                quantity=qty,
                unit_price=product.price,
                final_sale=rng.random() < 0.08,
                hygiene=product.category in HYGIENE_CATEGORIES,
            )
        )
    subtotal = sum((ln.unit_price * ln.quantity for ln in lines), Decimal("0"))
    discount = Decimal("0.00")
    promo = None
    if channel == "web" and rng.random() < 0.22:
        if subtotal >= 100 and rng.random() < 0.5:
            discount, promo = Decimal("15.00"), "MOINS15"
        else:
            discount, promo = _money(subtotal * Decimal("0.10")), "BIENVENUE10"
    shipping = (
        Decimal("4.90")
        if fulfilment == "home_delivery" and subtotal - discount < 60
        else Decimal("0.00")
    )
    total = _money(subtotal - discount + shipping)
    order = Order(
        number=number,
        channel=channel,
        customer_id=customer.id if customer else None,
        store_id=store.id if store else None,
        status="delivered",
        fulfilment=fulfilment,
        created_at=created_at,
        subtotal=_money(subtotal),
        discount_total=discount,
        shipping_fee=shipping,
        total=total,
        promo_code=promo,
    )
    order.lines = lines
    if rng.random() < 0.12 and total > 30:
        gift = _money(Decimal(rng.choice((20, 25, 30))))
        order.tenders = [
            Tender(
                sequence=1,
                kind="gift_card",
                amount=gift,
                reference=f"GC••••{rng.randint(1000, 9999)}",
            ),
            Tender(
                sequence=2,
                kind="card",
                amount=total - gift,
                reference=f"VISA••••{rng.randint(1000, 9999)}",
            ),
        ]
    else:
        order.tenders = [
            Tender(
                sequence=1,
                kind="card",
                amount=total,
                reference=f"{rng.choice(('VISA', 'MC', 'CB'))}••••{rng.randint(1000, 9999)}",
            )
        ]
    return order


def generate_orders(
    session: Session,
    rng: random.Random,
    now: datetime,
    customers: list[Customer],
    stores: list[Location],
    products: list[Product],
) -> None:
    by_category: dict[str, list[Product]] = defaultdict(list)
    for product in products:
        by_category[product.category].append(product)
    numbers = OrderNumbers()
    store_by_id = {s.id: s for s in stores}
    for customer in customers:
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8))):
            created = now - timedelta(days=rng.uniform(3, 400))
            if rng.random() < 0.6:
                order = _build_order(
                    rng,
                    numbers.next_web(),
                    "web",
                    customer,
                    None,
                    _pick_lines(rng, by_category),
                    created,
                    "home_delivery",
                )
                roll = rng.random()
                if roll < 0.05:
                    order.status = "cancelled"
                else:
                    order.delivered_at = created + timedelta(days=rng.randint(2, 5))
                    if order.delivered_at > now:
                        order.status, order.delivered_at = "shipped", None
                    elif rng.random() < 0.1:  # partly returned already
                        order.lines[0].returned_qty = 1
            else:
                store = store_by_id.get(customer.preferred_store_id or 0) or rng.choice(stores)
                order = _build_order(
                    rng,
                    numbers.next_receipt(store.code),
                    "store",
                    customer,
                    store,
                    _pick_lines(rng, by_category),
                    created,
                    "in_store",
                )
                order.delivered_at = created
            session.add(order)
    # Recent web orders delivered inside the 30-day return window, for the returns flow.
    for customer in rng.sample(customers, 40):
        created = now - timedelta(days=rng.uniform(3, 25))
        order = _build_order(
            rng,
            numbers.next_web(),
            "web",
            customer,
            None,
            _pick_lines(rng, by_category),
            created,
            "home_delivery",
        )
        order.delivered_at = min(now - timedelta(hours=6), created + timedelta(days=2))
        session.add(order)
    _generate_pickups(session, rng, now, customers, stores, by_category, numbers)


def _generate_pickups(
    session: Session,
    rng: random.Random,
    now: datetime,
    customers: list[Customer],
    stores: list[Location],
    by_category: dict[str, list[Product]],
    numbers: OrderNumbers,
) -> None:
    for store in stores:
        scale = 1 if store.code == "PAR01" else 0.5
        for status, count in PICKUP_STATUS_PLAN:
            for _ in range(max(1, round(count * scale))):
                customer = rng.choice(customers)
                created = now - timedelta(days=rng.uniform(1, 9))
                order = _build_order(
                    rng,
                    numbers.next_web(),
                    "web",
                    customer,
                    store,
                    _pick_lines(rng, by_category),
                    created,
                    "pickup",
                )
                order.status = {
                    "collected": "delivered",
                    "partially_collected": "delivered",
                    "cancelled": "cancelled",
                    "expired": "cancelled",
                }.get(status, "paid")
                promised = created + timedelta(days=2)
                ready_at = promised - timedelta(hours=rng.randint(1, 20))
                pickup = Pickup(
                    store_id=store.id,
                    status=status,
                    pickup_code=str(rng.randint(0, 999999)).zfill(6),
                    verification_method=rng.choice(
                        ("pickup_code", "pickup_code", "signed_qr", "id_check")
                    ),
                    alternate_person=(
                        f"{rng.choice(('Jean', 'Anne', 'Paul'))} "
                        f"{rng.choice(('Morel', 'Roux', 'Blanc'))}"
                        if rng.random() < 0.15
                        else None
                    ),
                    promised_at=promised,
                    ready_at=None if status == "preparing" else ready_at,
                    expires_at=(now - timedelta(days=1))
                    if status == "expired"
                    else promised + timedelta(days=10),
                    checked_in_at=now - timedelta(minutes=rng.randint(2, 15))
                    if status == "customer_waiting"
                    else None,
                    completed_at=now - timedelta(days=rng.uniform(0, 1))
                    if status in ("collected", "partially_collected")
                    else None,
                )
                if status in ("collected", "partially_collected"):
                    order.delivered_at = pickup.completed_at
                pickup.order = order
                session.add(order)
                session.add(pickup)
