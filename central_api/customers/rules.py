"""Customer references, open orders and loyalty tiers."""

from __future__ import annotations

import re

CUSTOMER_NUMBER = re.compile(r"C[0-9]{7}")
LOYALTY_NUMBER = re.compile(r"[0-9]{16}")
OPEN_ORDER_STATUSES = ("placed", "awaiting_payment", "paid", "shipped")
OPEN_PICKUP_STATUSES = ("preparing", "ready", "customer_waiting")
#: loyalty tiers and the points from which a customer holds each (the demo data and the
#: "points to next tier" of a profile both read them here)
TIER_FLOORS = (("bronze", 0), ("silver", 1000), ("gold", 3000), ("platinum", 8000))


def tier_for(points: int) -> str:
    """The tier ``points`` reach."""
    return [name for name, floor in TIER_FLOORS if points >= floor][-1]


def next_tier(points: int) -> tuple[str | None, int | None]:
    """The next tier up and the points still missing (None, None at the top)."""
    for name, floor in TIER_FLOORS:
        if points < floor:
            return name, floor - points
    return None, None
