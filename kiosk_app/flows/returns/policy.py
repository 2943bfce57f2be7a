"""Return eligibility and manager-approval rules, applied to the policy the API publishes.

Pure functions: the return session uses them to show what can be returned and whether a
manager must approve before anything is sent; the server applies the same rules again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from kiosk_app.flows.returns.models import OrderLine, ReturnableOrder, ReturnPolicy

# Why a line cannot be returned (same codes as the API).
NOT_DELIVERED = "not_delivered"
FINAL_SALE = "final_sale"
HYGIENE = "hygiene"
WINDOW_CLOSED = "window_closed"
ALREADY_RETURNED = "already_returned"
# Why a manager must approve.
OUTSIDE_WINDOW = "outside_window"
ABOVE_THRESHOLD = "above_threshold"


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def outside_window(order: ReturnableOrder, policy: ReturnPolicy, now: datetime) -> bool:
    delivered = order.delivered_at
    return delivered is not None and now > _utc(delivered) + timedelta(days=policy.window_days)


def window_closed(order: ReturnableOrder, policy: ReturnPolicy, now: datetime) -> bool:
    delivered = order.delivered_at
    limit = timedelta(days=policy.extended_window_days)
    return delivered is not None and now > _utc(delivered) + limit


def line_block_reason(
    order: ReturnableOrder, line: OrderLine, policy: ReturnPolicy, now: datetime
) -> str | None:
    """Why no unit of ``line`` can be returned now, or None."""
    if order.status != "delivered" or order.delivered_at is None:
        return NOT_DELIVERED
    if line.final_sale and FINAL_SALE in policy.non_returnable:
        return FINAL_SALE
    if line.hygiene and HYGIENE in policy.non_returnable:
        return HYGIENE
    if window_closed(order, policy, now):
        return WINDOW_CLOSED
    if line.returned_qty >= line.quantity:
        return ALREADY_RETURNED
    return None


def returnable_qty(
    order: ReturnableOrder, line: OrderLine, policy: ReturnPolicy, now: datetime
) -> int:
    if line_block_reason(order, line, policy, now) is not None:
        return 0
    return line.quantity - line.returned_qty


def approval_reasons(
    order: ReturnableOrder, refund_total: Decimal, policy: ReturnPolicy, now: datetime
) -> list[str]:
    """Why this return needs a manager (empty: it does not)."""
    reasons: list[str] = []
    if policy.approval_outside_window and outside_window(order, policy, now):
        reasons.append(OUTSIDE_WINDOW)
    if refund_total > policy.approval_refund_above:
        reasons.append(ABOVE_THRESHOLD)
    return reasons


def condition_for_reason(reason: str, policy: ReturnPolicy) -> str:
    """The condition a reason suggests: a defective item is not as new (not restockable)."""
    condition = policy.default_condition.get(reason, "as_new")
    return condition if condition in policy.conditions else policy.conditions[0]


def default_disposition(condition: str, policy: ReturnPolicy) -> str:
    return policy.default_disposition.get(condition, "damaged")


def disposition_allowed(condition: str, disposition: str, policy: ReturnPolicy) -> bool:
    """Only a sellable item goes back to stock; anything may be written off or sent back."""
    if disposition == "back_to_stock":
        return condition in policy.sellable_conditions
    return disposition in policy.dispositions
