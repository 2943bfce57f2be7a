"""Money as Decimal, formatted per locale; never float."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")
NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def format_money(amount: Decimal, currency: str = "EUR", language: str = "fr") -> str:
    """``12,99 €`` in French, ``€12.99`` in English (EUR); other currencies by code."""
    q = amount.quantize(CENT, rounding=ROUND_HALF_EVEN)
    sign = "-" if q < 0 else ""
    whole, _, cents = f"{abs(q):.2f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    symbol = "€" if currency == "EUR" else currency
    if language == "fr":
        return f"{sign}{NARROW_NBSP.join(groups)},{cents}{NBSP}{symbol}"
    prefix = symbol if currency == "EUR" else f"{symbol}{NBSP}"
    return f"{sign}{prefix}{','.join(groups)}.{cents}"
