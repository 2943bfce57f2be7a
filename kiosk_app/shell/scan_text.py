"""Sentences about scans the current screens cannot act on (yet) or do not recognise."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk_app.kernel.routing import Destination


def describe_unhandled(destination: Destination) -> str:
    shown = destination.key if len(destination.key) <= 60 else destination.key[:57] + "…"
    if destination.flow == "unrecognised":
        reason = getattr(destination.scan, "reason", None)
        if reason == "bad_check_digit":
            text = QCoreApplication.translate(
                "ScanText", "“%1” looks like a barcode but its check digit is wrong. Scan again."
            )
        elif reason == "empty":
            text = QCoreApplication.translate("ScanText", "Nothing was read. Scan again.")
        else:
            text = QCoreApplication.translate(
                "ScanText",
                "Code not recognised: “%1”. It is not a product, loyalty, order or receipt code.",
            )
        return text.replace("%1", shown)
    flows = {
        "customer": QCoreApplication.translate(
            "ScanText",
            "Loyalty code read (%1). Customer accounts cannot be opened on this device.",
        ),
        "pickup": QCoreApplication.translate(
            "ScanText", "Pickup code read (%1). Pickups cannot be handled on this device."
        ),
        "order": QCoreApplication.translate(
            "ScanText",
            "Order number read (%1). Please ask at the counter: orders are handled there.",
        ),
        "return": QCoreApplication.translate(
            "ScanText", "Receipt read (%1). Please ask at the counter: returns are handled there."
        ),
    }
    return flows.get(destination.flow, "%1").replace("%1", shown)
