"""Return eligibility and manager-approval rules of the core."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from kiosk_app.flows.returns import policy as rules
from kiosk_app.flows.returns.models import ReturnableOrder, ReturnPolicy
from tests.flows.returns.test_refund_rules import make_order

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
POLICY = ReturnPolicy(
    window_days=30,
    extended_window_days=90,
    non_returnable=["final_sale", "hygiene"],
    shipping_refunded="whole_order_only",
    approval_outside_window=True,
    approval_refund_above=Decimal("150.00"),
    reason_codes=["wrong_size", "changed_mind"],
    conditions=["as_new", "damaged", "defective"],
    dispositions=["back_to_stock", "damaged", "return_to_vendor"],
    default_disposition={
        "as_new": "back_to_stock",
        "damaged": "damaged",
        "defective": "return_to_vendor",
    },
    sellable_conditions=["as_new"],
    refund_methods=["original", "store_credit"],
    tender_refund_order=["card", "gift_card", "store_credit"],
)


def delivered(days: float, status: str = "delivered") -> ReturnableOrder:
    order = make_order([(1, 1000, 0), (2, 2000, 2), (1, 500, 0)], 0, 0, blocked=frozenset({3}))
    return order.model_copy(update={"delivered_at": NOW - timedelta(days=days), "status": status})


def test_each_reason_a_line_is_not_returnable() -> None:
    order = delivered(3)
    one, two, three = order.lines
    assert rules.line_block_reason(order, one, POLICY, NOW) is None
    assert rules.returnable_qty(order, one, POLICY, NOW) == 1
    assert rules.line_block_reason(order, two, POLICY, NOW) == rules.ALREADY_RETURNED
    assert rules.line_block_reason(order, three, POLICY, NOW) == rules.FINAL_SALE
    hygiene = one.model_copy(update={"hygiene": True})
    assert rules.line_block_reason(order, hygiene, POLICY, NOW) == rules.HYGIENE
    old = delivered(91)
    assert rules.line_block_reason(old, old.lines[0], POLICY, NOW) == rules.WINDOW_CLOSED
    shipped = delivered(3, "shipped")
    assert rules.line_block_reason(shipped, shipped.lines[0], POLICY, NOW) == rules.NOT_DELIVERED


def test_manager_approval_outside_the_window_or_above_the_threshold() -> None:
    assert rules.approval_reasons(delivered(29), Decimal("150.00"), POLICY, NOW) == []
    assert rules.approval_reasons(delivered(31), Decimal("10"), POLICY, NOW) == [
        rules.OUTSIDE_WINDOW
    ]
    assert rules.approval_reasons(delivered(45), Decimal("150.01"), POLICY, NOW) == [
        rules.OUTSIDE_WINDOW,
        rules.ABOVE_THRESHOLD,
    ]


def test_only_items_as_new_go_back_to_stock() -> None:
    assert rules.default_disposition("damaged", POLICY) == "damaged"
    assert rules.disposition_allowed("as_new", "back_to_stock", POLICY)
    assert not rules.disposition_allowed("defective", "back_to_stock", POLICY)
    assert rules.disposition_allowed("defective", "return_to_vendor", POLICY)
