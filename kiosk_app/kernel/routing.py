"""Where a scan should take the user: one decision, shared by the GUI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk_app.kernel.scan import MAX_SCAN_LENGTH, classify
from kiosk_app.kernel.scan.results import ScanKind, ScanResult


@dataclass(frozen=True)
class Destination:
    """``flow`` is one of: product, customer, pickup, return, search, unrecognised."""

    flow: str
    key: str  # GTIN-14, loyalty number/token, order number, pickup code, receipt, or text
    scan: ScanResult | None


def route(text: str, *, allow_search: bool = True) -> Destination:
    """Classify ``text`` and pick the flow. Free text (letters) becomes a catalogue search."""
    result = classify(text)
    if isinstance(text, str) and len(text) > MAX_SCAN_LENGTH:
        return Destination("unrecognised", "", result)  # refused on its length, never read
    kind = result.kind
    gtin = getattr(result, "gtin14", None)
    if kind in (ScanKind.PRODUCT, ScanKind.VARIABLE_MEASURE) and gtin:
        return Destination("product", gtin, result)
    if kind is ScanKind.GS1:
        gsrn = getattr(result, "gsrn", None)
        if gtin:
            return Destination("product", gtin, result)
        if gsrn:
            return Destination("customer", gsrn, result)
    if kind is ScanKind.LOYALTY_CARD:
        return Destination("customer", getattr(result, "number", ""), result)
    if kind is ScanKind.LOYALTY_SIGNED:
        return Destination("customer", getattr(result, "token", ""), result)
    if kind is ScanKind.PICKUP_QR:
        return Destination("pickup", getattr(result, "order_number", ""), result)
    if kind is ScanKind.PICKUP_CODE:
        return Destination("pickup", getattr(result, "code", ""), result)
    if kind is ScanKind.ORDER_NUMBER:
        return Destination("order", getattr(result, "number", ""), result)
    if kind is ScanKind.RECEIPT:
        return Destination("return", getattr(result, "number", ""), result)
    stripped = text.strip()
    reason = getattr(result, "reason", None)
    looks_like_words = any(ch.isalpha() for ch in stripped) and not stripped.startswith("]")
    if (
        allow_search
        and looks_like_words
        and 2 <= len(stripped) <= 100
        and reason
        in (
            "unknown_format",
            "unknown_url",
            None,
        )
        and "://" not in stripped
    ):
        return Destination("search", stripped, result)
    return Destination("unrecognised", stripped, result)
