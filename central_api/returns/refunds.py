"""Refund arithmetic of the reference API, in integer cents (authoritative).

1. The order-level discount is prorated over *all* lines of the order by their value
   (unit price × quantity): each line gets ``discount × value / subtotal`` cents rounded
   down, and the cents left over go one by one to the lines with the largest remainders
   (ties: lowest line number). The line discounts sum exactly to the order discount.
2. What a line cost (value − its discount share) is spread over its units the same way:
   ``divmod(line_net, quantity)``, the first ``remainder`` units carry one more cent. Units
   are refunded in order, so returning k units after r were already returned refunds
   ``cum(r + k) − cum(r)``: successive partial returns add up exactly to the line's cost.
3. Shipping is refunded only by the return that makes every line of the order returned.
4. The refund goes back to the original tenders, cards first (by payment sequence) and gift
   cards last, never more than a tender's amount minus what it already refunded; or all of
   it as store credit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from central_api.returns.policy import TENDER_REFUND_ORDER

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_value())


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) * CENT).quantize(CENT)


@dataclass(frozen=True)
class LineFacts:
    line_no: int
    quantity: int
    unit_price: Decimal
    returned_qty: int


@dataclass(frozen=True)
class TenderFacts:
    sequence: int
    kind: str
    reference: str
    amount: Decimal
    refunded: Decimal


@dataclass(frozen=True)
class LineRefund:
    line_no: int
    quantity: int
    gross: Decimal
    discount: Decimal
    refund: Decimal


@dataclass(frozen=True)
class TenderRefund:
    sequence: int | None
    kind: str
    reference: str
    amount: Decimal


@dataclass(frozen=True)
class Quote:
    lines: list[LineRefund]
    shipping_refund: Decimal
    total: Decimal
    tenders: list[TenderRefund]
    whole_order: bool


class RefundExceedsTenders(ValueError):
    """The tenders cannot take the refund (an earlier refund was not recorded right)."""


def discount_shares(values: Sequence[int], discount: int) -> list[int]:
    """Split ``discount`` cents over ``values`` (cents) by value; largest remainder."""
    total = sum(values)
    if total <= 0 or discount <= 0:
        return [0] * len(values)
    shares = [discount * v // total for v in values]
    remainders = [discount * v % total for v in values]
    left = discount - sum(shares)
    for i in sorted(range(len(values)), key=lambda i: (-remainders[i], i))[:left]:
        shares[i] += 1
    return shares


def units_cost(line_net: int, quantity: int, first: int, count: int) -> int:
    """Cents paid for units ``first`` .. ``first + count - 1`` of a line."""
    base, extra = divmod(line_net, quantity)

    def cumulative(units: int) -> int:
        return base * units + min(units, extra)

    return cumulative(first + count) - cumulative(first)


def split_over_tenders(
    total: int, tenders: Sequence[TenderFacts], method: str
) -> list[TenderRefund]:
    if total <= 0:
        return []
    if method == "store_credit":
        return [TenderRefund(None, "store_credit", "", from_cents(total))]
    rank = {kind: i for i, kind in enumerate(TENDER_REFUND_ORDER)}
    ordered = sorted(tenders, key=lambda t: (rank.get(t.kind, len(rank)), t.sequence))
    left = total
    out = []
    for tender in ordered:
        room = to_cents(tender.amount) - to_cents(tender.refunded)
        take = min(left, max(0, room))
        if take > 0:
            out.append(
                TenderRefund(tender.sequence, tender.kind, tender.reference, from_cents(take))
            )
            left -= take
    if left > 0:
        raise RefundExceedsTenders(f"{from_cents(left)} cannot go back to any tender")
    return out


def quote(
    lines: Sequence[LineFacts],
    discount_total: Decimal,
    shipping_fee: Decimal,
    tenders: Sequence[TenderFacts],
    returning: Mapping[int, int],
    method: str,
) -> Quote:
    """Refund for returning ``returning[line_no]`` units of each line (validated before)."""
    values = [to_cents(ln.unit_price) * ln.quantity for ln in lines]
    shares = discount_shares(values, to_cents(discount_total))
    out: list[LineRefund] = []
    for line, value, share in zip(lines, values, shares, strict=True):
        count = returning.get(line.line_no, 0)
        if count <= 0:
            continue
        refund = units_cost(value - share, line.quantity, line.returned_qty, count)
        gross = to_cents(line.unit_price) * count
        out.append(
            LineRefund(
                line.line_no,
                count,
                from_cents(gross),
                from_cents(gross - refund),
                from_cents(refund),
            )
        )
    whole = bool(lines) and all(
        ln.returned_qty + returning.get(ln.line_no, 0) >= ln.quantity for ln in lines
    )
    shipping = to_cents(shipping_fee) if whole else 0
    total = sum(to_cents(x.refund) for x in out) + shipping
    return Quote(
        lines=out,
        shipping_refund=from_cents(shipping),
        total=from_cents(total),
        tenders=split_over_tenders(total, tenders, method),
        whole_order=whole,
    )
