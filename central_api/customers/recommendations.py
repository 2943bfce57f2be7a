"""Recommendations computed from the order history (deterministic, never random).

Work is done at the style level (a style is one model in every size and colour): orders are
baskets of styles; two styles bought in the same order count one co-purchase.

* For a product: the styles most often bought with its style.
* For a customer: co-purchase scores summed over the styles they bought (weighted by how
  often) and have in their online cart, plus a small boost for the categories they buy most
  (their own history); styles they already bought or have in the cart are excluded. Gaps are
  filled with best sellers.

Ties break on popularity, then style code, so the same data always gives the same list.
For each recommended style the variant shown is the one with the most stock here.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, and_, bindparam, func, select

from central_api.catalog.models import Product, Stock
from central_api.customers.models import CartLine
from central_api.orders.models import Order, OrderLine
from central_api.platform.db import Reader, database_key

CATEGORY_BOOST = 0.25


# Built once, with bound parameters (see ``customers.queries``): the customer screen runs
# these on every scan.
HISTORY_VERSION = select(
    select(func.max(OrderLine.id)).scalar_subquery(),
    select(func.count(Order.id)).where(Order.status == "cancelled").scalar_subquery(),
)
CART_STYLES = (
    select(Product.style_code)
    .join(CartLine, CartLine.product_id == Product.id)
    .where(CartLine.customer_id == bindparam("customer_id"))
)
VARIANTS_WITH_STOCK_HERE = (
    select(
        Product.id,
        Product.style_code,
        Product.sku,
        func.coalesce(Stock.on_hand - Stock.reserved, 0),
    )
    .outerjoin(
        Stock, and_(Stock.product_id == Product.id, Stock.location_id == bindparam("store_id"))
    )
    .where(Product.style_code.in_(bindparam("styles", expanding=True)))
)
PRODUCTS_BY_ID = select(Product.__table__).where(
    Product.id.in_(bindparam("product_ids", expanding=True))
)


@dataclass(frozen=True)
class Recommendation:
    product: Row[Any]  # the product's columns
    available_here: int
    score: float
    reason: str  # bought_together | your_history | popular
    because_of: str | None


@dataclass(frozen=True)
class History:
    popularity: Counter[str]  # style -> number of orders
    style_name: dict[str, str]
    style_category: dict[str, str]
    pairs: dict[str, Counter[str]]  # style -> styles bought in the same orders, with counts
    bought: dict[int, Counter[str]]  # customer id -> styles of their order lines, with counts


_cache: dict[str, tuple[tuple[int, ...], History]] = {}
_cache_lock = threading.Lock()


def load_history(session: Reader) -> History:
    """The order history as style baskets with co-purchase counts, cached per database.

    The cache is keyed by the highest order line id and the number of cancelled orders, so
    a new order (a sale, an endless-aisle order) or a cancellation (an unpaid endless-aisle
    order expiring) invalidates it on the next request. Order lines are never deleted, so
    the highest id moves with every new one (an index lookup; counting them scanned the
    table on every recommendations request).
    """
    version = tuple(int(v or 0) for v in session.execute(HISTORY_VERSION).one())
    key = database_key(session)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    history = _compute_history(session)
    with _cache_lock:
        _cache[key] = (version, history)
    return history


def _compute_history(session: Reader) -> History:
    rows = session.execute(
        select(
            OrderLine.order_id,
            Order.customer_id,
            Product.style_code,
            Product.name,
            Product.category,
        )
        .join(Product, Product.id == OrderLine.product_id)
        .join(Order, Order.id == OrderLine.order_id)
        .where(Order.status != "cancelled")
    ).all()
    baskets: dict[int, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    categories: dict[str, str] = {}
    bought: dict[int, Counter[str]] = defaultdict(Counter)
    for order_id, customer_id, style, name, category in rows:
        baskets[order_id].add(style)
        names[style] = name
        categories[style] = category
        if customer_id is not None:
            bought[customer_id][style] += 1
    popularity: Counter[str] = Counter()
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    for styles in baskets.values():
        popularity.update(styles)
        for style in styles:
            pairs[style].update(s for s in styles if s != style)
    return History(popularity, names, categories, dict(pairs), dict(bought))


def co_purchases(history: History, anchor: str) -> Counter[str]:
    return history.pairs.get(anchor, Counter())


def _materialise(
    session: Reader,
    store_id: int,
    ranked: list[tuple[str, float, str, str | None]],
    limit: int,
) -> list[Recommendation]:
    """Pick each style's variant with the most stock here; keep ``limit`` of them.

    The choice is made on plain columns (variant id, style, SKU, stock here) in one query;
    only the chosen products are then read whole: loading every variant of every candidate
    style as entities cost most of the customer recommendations request.
    """
    chosen: list[tuple[str, float, str, str | None, int, int]] = []
    start = 0
    while len(chosen) < limit and start < len(ranked):
        # every style in the history has variants: ``limit`` styles nearly always suffice
        batch = ranked[start : start + limit - len(chosen)]
        start += len(batch)
        rows = session.execute(
            VARIANTS_WITH_STOCK_HERE,
            {"store_id": store_id, "styles": [style for style, *_ in batch]},
        ).all()
        best: dict[str, tuple[int, str, int]] = {}  # style -> (-stock, sku, product id)
        for product_id, style, sku, avail in rows:
            candidate = (-max(0, int(avail)), sku, product_id)
            if style not in best or candidate < best[style]:
                best[style] = candidate
        for style, score, reason, because in batch:
            if style in best:
                neg_stock, _sku, product_id = best[style]
                chosen.append((style, score, reason, because, product_id, -neg_stock))
    if not chosen:
        return []
    ids = [product_id for *_, product_id, _stock in chosen]
    products = {p.id: p for p in session.execute(PRODUCTS_BY_ID, {"product_ids": ids})}
    return [
        Recommendation(products[product_id], stock, round(score, 3), reason, because)
        for _style, score, reason, because, product_id, stock in chosen
    ]


def _rank(scores: dict[str, float], history: History) -> list[str]:
    return sorted(scores, key=lambda s: (-scores[s], -history.popularity[s], s))


def for_product(
    session: Reader, product: Row[Any], store_id: int, limit: int = 8
) -> list[Recommendation]:
    """Styles bought with ``product``'s (a row of its columns), then its category's best
    sellers."""
    history = load_history(session)
    counts = co_purchases(history, product.style_code)
    scores = {s: float(c) for s, c in counts.items()}
    ranked: list[tuple[str, float, str, str | None]] = [
        (s, scores[s], "bought_together", product.name) for s in _rank(scores, history)
    ]
    if len(ranked) < limit:
        taken = {s for s, *_ in ranked} | {product.style_code}
        by_popularity = sorted(history.popularity.items(), key=lambda kv: (-kv[1], kv[0]))
        for style, _count in by_popularity:
            if style not in taken and history.style_category.get(style) == product.category:
                ranked.append((style, 0.0, "popular", None))
    return _materialise(session, store_id, ranked, limit)


def for_customer(
    session: Reader, customer_id: int, store_id: int, limit: int = 8
) -> list[Recommendation]:
    history = load_history(session)
    bought = history.bought.get(customer_id, Counter())
    in_cart = set(session.scalars(CART_STYLES, {"customer_id": customer_id}).all())
    owned = set(bought) | in_cart
    scores: dict[str, float] = defaultdict(float)
    best_anchor: dict[str, tuple[float, str]] = {}
    anchors = Counter(bought)
    for style in in_cart:
        anchors[style] += 1
    for anchor in sorted(anchors):
        weight = anchors[anchor]
        for style, count in co_purchases(history, anchor).items():
            if style in owned:
                continue
            contribution = float(weight * count)
            scores[style] += contribution
            if contribution > best_anchor.get(style, (0.0, ""))[0]:
                best_anchor[style] = (contribution, anchor)
    favourite = Counter(history.style_category.get(s, "") for s in bought.elements())
    for style in list(scores):
        scores[style] += CATEGORY_BOOST * favourite.get(history.style_category.get(style, ""), 0)
    ranked: list[tuple[str, float, str, str | None]] = [
        (
            style,
            scores[style],
            "bought_together",
            history.style_name.get(best_anchor[style][1]) if style in best_anchor else None,
        )
        for style in _rank(dict(scores), history)
    ]
    if len(ranked) < limit:
        taken = owned | {s for s, *_ in ranked}
        by_popularity = sorted(history.popularity.items(), key=lambda kv: (-kv[1], kv[0]))
        preferred = [s for s, _ in by_popularity if history.style_category.get(s) in favourite]
        others = [s for s, _ in by_popularity if s not in preferred]
        for style in preferred + others:
            if style not in taken:
                reason = "your_history" if style in preferred else "popular"
                ranked.append((style, 0.0, reason, None))
    return _materialise(session, store_id, ranked, limit)
