"""Refund proration, in integer cents: the app shows the exact refund before confirming.

The central API (``central_api.returns.refunds``) is authoritative; these rules are the same, so the
quote on screen is the amount the server will refund (a test compares both on demo orders):

1. The order discount is spread over every line of the order by value (unit price ×
   quantity), rounded down to the cent, and the cents left over go to the lines with the
   largest remainders (ties: lowest line number) - the shares sum exactly to the discount.
2. A line's cost (value − its share) is spread over its units: ``divmod(cost, quantity)``,
   the first ``remainder`` units carry one more cent. Units are returned in order, so
   successive partial returns add up exactly to what the line cost.
3. Shipping is refunded only by the return that leaves no line of the order unreturned.
4. The money goes back to the original tenders - cards first (payment sequence), gift cards
   last, each at most its amount minus what it already refunded - or all to store credit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from kiosk_app.flows.returns.models import (
    LineRefund,
    RefundQuote,
    ReturnableOrder,
    Tender,
    TenderRefund,
)

CENT = Decimal("0.01")
#: Tender kinds in refund order; unknown kinds come last.
TENDER_ORDER = ("card", "gift_card", "store_credit")


class RefundTooLarge(ValueError):
    """The original tenders cannot take this refund."""


def cents(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_value())


def money(amount_cents: int) -> Decimal:
    return (Decimal(amount_cents) * CENT).quantize(CENT)


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` cents proportionally to ``weights``; the parts sum exactly to ``total``.

    Largest remainder: floor every share, then hand the missing cents to the largest
    fractional parts, lowest index first on ties.
    """
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0 for _ in weights]
    parts: list[int] = []
    remainders: list[tuple[int, int]] = []
    for i, weight in enumerate(weights):
        part, rest = divmod(total * weight, weight_sum)
        parts.append(part)
        remainders.append((-rest, i))
    for _, i in sorted(remainders)[: total - sum(parts)]:
        parts[i] += 1
    return parts


def cost_of_units(line_cost: int, quantity: int, already: int, count: int) -> int:
    """Cents paid for the ``count`` units after the first ``already`` of a line."""

    def paid_for_first(units: int) -> int:
        per_unit, extra = divmod(line_cost, quantity)
        return per_unit * units + min(units, extra)

    return paid_for_first(already + count) - paid_for_first(already)


def split_refund(total: int, tenders: Sequence[Tender], method: str) -> list[TenderRefund]:
    """Where ``total`` cents go back: original tenders in refund order, or store credit."""
    if total <= 0:
        return []
    if method == "store_credit":
        return [TenderRefund(sequence=None, kind="store_credit", reference="", amount=money(total))]

    def rank(tender: Tender) -> tuple[int, int]:
        kind = TENDER_ORDER.index(tender.kind) if tender.kind in TENDER_ORDER else len(TENDER_ORDER)
        return kind, tender.sequence

    left = total
    out: list[TenderRefund] = []
    for tender in sorted(tenders, key=rank):
        take = min(left, max(0, cents(tender.amount) - cents(tender.refunded)))
        if take:
            out.append(
                TenderRefund(
                    sequence=tender.sequence,
                    kind=tender.kind,
                    reference=tender.reference,
                    amount=money(take),
                )
            )
            left -= take
    if left:
        raise RefundTooLarge(f"{money(left)} cannot go back to the original tenders")
    return out


def line_costs(order: ReturnableOrder) -> dict[int, int]:
    """What each line cost in cents after its share of the order discount."""
    values = [cents(ln.unit_price) * ln.quantity for ln in order.lines]
    shares = allocate(cents(order.discount_total), values)
    return {
        ln.line_no: value - share
        for ln, value, share in zip(order.lines, values, shares, strict=True)
    }


def quote_return(
    order: ReturnableOrder, returning: Mapping[int, int], method: str = "original"
) -> RefundQuote:
    """Refund for returning ``returning[line_no]`` units per line (quantities checked before).

    ``approval_reasons`` is left empty: :func:`return_policy.approval_reasons` fills it.
    """
    costs = line_costs(order)
    lines: list[LineRefund] = []
    for ln in order.lines:
        count = returning.get(ln.line_no, 0)
        if count <= 0:
            continue
        refund = cost_of_units(costs[ln.line_no], ln.quantity, ln.returned_qty, count)
        gross = cents(ln.unit_price) * count
        lines.append(
            LineRefund(
                line_no=ln.line_no,
                quantity=count,
                gross=money(gross),
                discount=money(gross - refund),
                refund=money(refund),
            )
        )
    whole_order = bool(order.lines) and all(
        ln.returned_qty + returning.get(ln.line_no, 0) >= ln.quantity for ln in order.lines
    )
    shipping = cents(order.shipping_fee) if whole_order else 0
    total = sum(cents(x.refund) for x in lines) + shipping
    return RefundQuote(
        lines=lines,
        shipping_refund=money(shipping),
        total=money(total),
        tenders=split_refund(total, order.tenders, method),
    )
