"""Refund proration and tender split of the core (property-based for the rounding)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk_app.flows.returns.models import ReturnableOrder, Tender
from kiosk_app.flows.returns.refund import (
    RefundTooLarge,
    allocate,
    cents,
    cost_of_units,
    money,
    quote_return,
    split_refund,
)

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def make_order(
    lines: list[tuple[int, int, int]],  # (quantity, unit price cents, already returned)
    discount: int,
    shipping: int,
    gift: int = 0,
    blocked: frozenset[int] = frozenset(),
) -> ReturnableOrder:
    subtotal = sum(q * p for q, p, _ in lines)
    total = subtotal - discount + shipping
    tenders: list[dict[str, Any]] = []
    if gift:
        tenders.append(
            {
                "sequence": 1,
                "kind": "gift_card",
                "reference": "GC",
                "amount": money(gift),
                "refunded": "0",
            }
        )
    tenders.append(
        {
            "sequence": len(tenders) + 1,
            "kind": "card",
            "reference": "VISA",
            "amount": money(total - gift),
            "refunded": "0",
        }
    )
    return ReturnableOrder.model_validate(
        {
            "number": "W1",
            "channel": "web",
            "status": "delivered",
            "created_at": NOW - timedelta(days=5),
            "delivered_at": NOW - timedelta(days=3),
            "days_since_delivery": 3,
            "within_window": True,
            "currency": "EUR",
            "subtotal": money(subtotal),
            "discount_total": money(discount),
            "shipping_fee": money(shipping),
            "total": money(total),
            "promo_code": None,
            "customer_number": None,
            "customer_name": None,
            "lines": [
                {
                    "line_no": i,
                    "sku": f"S{i}",
                    "gtin": f"{i:014d}",
                    "name": f"Item {i}",
                    "quantity": q,
                    "unit_price": money(p),
                    "returned_qty": r,
                    "returnable_qty": 0 if i in blocked else q - r,
                    "not_returnable_reason": "final_sale" if i in blocked else None,
                    "final_sale": i in blocked,
                    "hygiene": False,
                }
                for i, (q, p, r) in enumerate(lines, start=1)
            ],
            "tenders": tenders,
        }
    )


def test_worked_example_discount_prorated_by_value() -> None:
    # 19.87 off 82.99 + 47.90 + 2 × 33.90: shares 8.30 / 4.79 / 6.78 (sum 19.87)
    order = make_order([(1, 8299, 0), (1, 4790, 0), (2, 3390, 0)], discount=1987, shipping=0)
    quote = quote_return(order, {1: 1, 2: 1})
    assert [(x.line_no, x.discount, x.refund) for x in quote.lines] == [
        (1, Decimal("8.30"), Decimal("74.69")),
        (2, Decimal("4.79"), Decimal("43.11")),
    ]
    assert quote.total == Decimal("117.80") and quote.shipping_refund == 0
    rest = quote_return(order, {1: 1, 2: 1, 3: 2})
    assert rest.total == order.total  # the whole order: everything paid comes back


def test_shipping_only_when_the_whole_order_comes_back() -> None:
    order = make_order([(1, 3090, 0)], discount=309, shipping=490)
    assert quote_return(order, {1: 1}).shipping_refund == Decimal("4.90")
    assert quote_return(order, {1: 1}).total == Decimal("32.71") == order.total
    two = make_order([(1, 1000, 0), (1, 2000, 0)], discount=0, shipping=490)
    assert quote_return(two, {1: 1}).shipping_refund == 0
    partly_done = make_order([(1, 1000, 1), (1, 2000, 0)], discount=0, shipping=490)
    assert quote_return(partly_done, {2: 1}).shipping_refund == Decimal("4.90")


def test_cards_first_gift_card_last_or_store_credit() -> None:
    order = make_order([(1, 4000, 0), (1, 6000, 0)], discount=0, shipping=0, gift=2500)
    first = quote_return(order, {2: 1})  # 60.00: card holds 75.00
    assert [(t.kind, t.amount) for t in first.tenders] == [("card", Decimal("60.00"))]
    tenders = [
        Tender(
            sequence=1, kind="gift_card", reference="GC", amount=Decimal(25), refunded=Decimal(0)
        ),
        Tender(sequence=2, kind="card", reference="V", amount=Decimal(75), refunded=Decimal(60)),
    ]
    split = split_refund(4000, tenders, "original")
    assert [(t.kind, t.amount) for t in split] == [
        ("card", Decimal("15.00")),
        ("gift_card", Decimal("25.00")),
    ]
    credit = quote_return(order, {1: 1}, "store_credit")
    assert [(t.kind, t.amount) for t in credit.tenders] == [("store_credit", Decimal("40.00"))]
    with pytest.raises(RefundTooLarge):
        split_refund(4001, tenders, "original")


@given(
    total=st.integers(0, 10**7),
    weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=12),
)
def test_allocate_sums_exactly_and_stays_within_a_cent(total: int, weights: list[int]) -> None:
    parts = allocate(total, weights)
    if sum(weights) == 0:
        assert parts == [0] * len(weights)
        return
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        exact = Decimal(total * weight) / Decimal(sum(weights))
        assert part >= 0 and abs(Decimal(part) - exact) < 1


@given(
    cost=st.integers(0, 10**6),
    quantity=st.integers(1, 6),
    data=st.data(),
)
def test_units_refunded_in_any_chunks_sum_to_the_line_cost(
    cost: int, quantity: int, data: st.DataObject
) -> None:
    done, paid = 0, 0
    while done < quantity:
        count = data.draw(st.integers(1, quantity - done))
        part = cost_of_units(cost, quantity, done, count)
        assert part >= 0
        paid += part
        done += count
    assert paid == cost


orders = st.builds(
    lambda lines, discount_ratio, shipping, gift_ratio, blocked: (
        lines,
        discount_ratio,
        shipping,
        gift_ratio,
        blocked,
    ),
    st.lists(
        st.tuples(st.integers(1, 3), st.integers(1, 50_000), st.integers(0, 3)),
        min_size=1,
        max_size=6,
    ),
    st.integers(0, 100),
    st.sampled_from((0, 490)),
    st.integers(0, 100),
    st.sets(st.integers(1, 6), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(spec=orders, data=st.data())
def test_successive_returns_refund_exactly_what_was_paid(spec: Any, data: st.DataObject) -> None:
    raw_lines, discount_ratio, shipping, gift_ratio, blocked = spec
    lines = [(q, p, 0) for q, p, _ in raw_lines]
    subtotal = sum(q * p for q, p, _ in lines)
    discount = subtotal * discount_ratio // 200  # up to half off
    total_paid = subtotal - discount + shipping
    gift = total_paid * gift_ratio // 100 if gift_ratio > 50 else 0
    order = make_order(lines, discount, shipping, gift, frozenset(blocked))
    returnable = {ln.line_no: ln.returnable_qty for ln in order.lines if ln.returnable_qty}
    refunded_per_tender = {t.sequence: Decimal(0) for t in order.tenders}
    refunded = Decimal(0)
    returned = {ln.line_no: 0 for ln in order.lines}
    # return every returnable unit, in random chunks over several visits to the store
    while any(returned[n] < q for n, q in returnable.items()):
        current = order.model_copy(
            update={
                "lines": [
                    ln.model_copy(update={"returned_qty": returned[ln.line_no]})
                    for ln in order.lines
                ],
                "tenders": [
                    t.model_copy(update={"refunded": refunded_per_tender[t.sequence]})
                    for t in order.tenders
                ],
            }
        )
        visit: dict[int, int] = {}
        for line_no, qty in returnable.items():
            left = qty - returned[line_no]
            if left:
                visit[line_no] = data.draw(st.integers(0, left))
        if not any(visit.values()):
            line_no = next(n for n, q in returnable.items() if returned[n] < q)
            visit[line_no] = 1
        quote = quote_return(current, visit)
        assert quote.total >= 0 and all(x.refund >= 0 for x in quote.lines)
        assert all(x.refund <= x.gross for x in quote.lines)
        assert sum(t.amount for t in quote.tenders) == quote.total
        for tender in quote.tenders:
            assert tender.sequence is not None
            refunded_per_tender[tender.sequence] += tender.amount
        refunded += quote.total
        for line_no, qty in visit.items():
            returned[line_no] += qty
    # what all returnable lines cost, discount share included
    values = [q * p for q, p, _ in lines]
    shares = allocate(discount, values)
    paid_for_returnable = sum(
        v - s
        for i, (v, s) in enumerate(zip(values, shares, strict=True), start=1)
        if i in returnable
    )
    whole = len(returnable) == len(lines)
    assert cents(refunded) == paid_for_returnable + (shipping if whole else 0)
    for tender in order.tenders:
        assert 0 <= refunded_per_tender[tender.sequence] <= tender.amount
    if whole:
        assert refunded == order.total
