"""The store return policy of the reference API, and the rules that apply it to an order.

* A delivered order may be returned within ``WINDOW_DAYS`` of delivery. From then until
  ``EXTENDED_WINDOW_DAYS`` a return needs a manager's approval; after that it is refused.
* Final-sale (clearance) and hygiene lines are never returnable.
* Shipping is refunded only by the return that makes the whole order returned.
* A refund above ``APPROVAL_REFUND_ABOVE`` needs a manager's approval.
* Only an item returned ``as_new`` may go back to stock.

The app's core holds the same rules (``kiosk_app.flows.returns.policy``) so it can show
the quote instantly; this module is authoritative.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

WINDOW_DAYS = 30
EXTENDED_WINDOW_DAYS = 90
APPROVAL_REFUND_ABOVE = Decimal("150.00")
NON_RETURNABLE_FLAGS = ("final_sale", "hygiene")
REASON_CODES = (
    "wrong_size",
    "not_as_described",
    "defective",
    "wrong_item_sent",
    "changed_mind",
    "arrived_late",
)
CONDITIONS = ("as_new", "damaged", "defective")
DISPOSITIONS = ("back_to_stock", "damaged", "return_to_vendor")
DEFAULT_DISPOSITION = {
    "as_new": "back_to_stock",
    "damaged": "damaged",
    "defective": "return_to_vendor",
}
#: the condition a reason suggests until the associate picks one (a defect is not as new)
DEFAULT_CONDITION = {"defective": "defective"}
FALLBACK_CONDITION = "as_new"
SELLABLE_CONDITIONS = ("as_new",)
REFUND_METHODS = ("original", "store_credit")
#: Refund order over the original tenders: cards first (by payment sequence), then gift
#: cards and store credit. Money goes back to the customer's bank first; the gift card value
#: is restored only for what the cards cannot take.
TENDER_REFUND_ORDER = ("card", "gift_card", "store_credit")

# Why a line (or order) cannot be returned; stable codes the app translates.
NOT_DELIVERED = "not_delivered"
FINAL_SALE = "final_sale"
HYGIENE = "hygiene"
WINDOW_CLOSED = "window_closed"
ALREADY_RETURNED = "already_returned"

OUTSIDE_WINDOW = "outside_window"
ABOVE_THRESHOLD = "above_threshold"


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes: they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def days_since(delivered_at: datetime | None, now: datetime) -> int | None:
    if delivered_at is None:
        return None
    return (now - as_utc(delivered_at)).days


def outside_window(delivered_at: datetime | None, now: datetime) -> bool:
    return delivered_at is not None and now > as_utc(delivered_at) + timedelta(days=WINDOW_DAYS)


def window_closed(delivered_at: datetime | None, now: datetime) -> bool:
    return delivered_at is not None and now > as_utc(delivered_at) + timedelta(
        days=EXTENDED_WINDOW_DAYS
    )


def line_block_reason(
    *,
    order_status: str,
    delivered_at: datetime | None,
    final_sale: bool,
    hygiene: bool,
    quantity: int,
    returned_qty: int,
    now: datetime,
) -> str | None:
    """Why no unit of this line can be returned now, or None when some can."""
    if order_status != "delivered" or delivered_at is None:
        return NOT_DELIVERED
    if final_sale:
        return FINAL_SALE
    if hygiene:
        return HYGIENE
    if window_closed(delivered_at, now):
        return WINDOW_CLOSED
    if returned_qty >= quantity:
        return ALREADY_RETURNED
    return None


def approval_reasons(
    delivered_at: datetime | None, refund_total: Decimal, now: datetime
) -> list[str]:
    reasons = []
    if outside_window(delivered_at, now):
        reasons.append(OUTSIDE_WINDOW)
    if refund_total > APPROVAL_REFUND_ABOVE:
        reasons.append(ABOVE_THRESHOLD)
    return reasons
