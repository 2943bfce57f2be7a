"""Translated words of the returns flow: reasons, conditions, refusals (shared with the PDF)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk_app.flows.returns.session import ItemScan, Missing, ScanResultCode
from kiosk_app.kernel.outbox import Problem

PROBLEM_BASE = "https://api.omnistore.example/problems/"


def reason_label(code: str) -> str:
    labels = {
        "wrong_size": QCoreApplication.translate("Returns", "Wrong size"),
        "not_as_described": QCoreApplication.translate("Returns", "Not as described"),
        "defective": QCoreApplication.translate("Returns", "Defective"),
        "wrong_item_sent": QCoreApplication.translate("Returns", "Wrong item sent"),
        "changed_mind": QCoreApplication.translate("Returns", "Changed mind"),
        "arrived_late": QCoreApplication.translate("Returns", "Arrived too late"),
    }
    return labels.get(code, code)


def condition_label(code: str) -> str:
    labels = {
        "as_new": QCoreApplication.translate("Returns", "As new"),
        "damaged": QCoreApplication.translate("Returns", "Damaged"),
        "defective": QCoreApplication.translate("Returns", "Defective"),
    }
    return labels.get(code, code)


def disposition_label(code: str) -> str:
    labels = {
        "back_to_stock": QCoreApplication.translate("Returns", "Back to stock"),
        "damaged": QCoreApplication.translate("Returns", "Written off (damaged)"),
        "return_to_vendor": QCoreApplication.translate("Returns", "Return to vendor"),
    }
    return labels.get(code, code)


def block_reason_label(code: str | None) -> str:
    labels = {
        "not_delivered": QCoreApplication.translate("Returns", "Not delivered yet"),
        "final_sale": QCoreApplication.translate("Returns", "Final sale: not returnable"),
        "hygiene": QCoreApplication.translate("Returns", "Hygiene product: not returnable"),
        "window_closed": QCoreApplication.translate("Returns", "Return period is over"),
        "already_returned": QCoreApplication.translate("Returns", "Already returned"),
    }
    return labels.get(code or "", code or "")


def approval_reason_label(code: str) -> str:
    labels = {
        "outside_window": QCoreApplication.translate("Returns", "delivered more than 30 days ago"),
        "above_threshold": QCoreApplication.translate("Returns", "refund above the limit"),
    }
    return labels.get(code, code)


def tender_label(kind: str) -> str:
    labels = {
        "card": QCoreApplication.translate("Returns", "Card"),
        "gift_card": QCoreApplication.translate("Returns", "Gift card"),
        "store_credit": QCoreApplication.translate("Returns", "Store credit"),
    }
    return labels.get(kind, kind)


def missing_label(missing: Missing) -> str:
    if missing is Missing.ITEMS:
        return QCoreApplication.translate("Returns", "Scan each item the customer brings back.")
    if missing is Missing.REASON:
        return QCoreApplication.translate("Returns", "Choose a reason for every item.")
    return QCoreApplication.translate("Returns", "A manager must approve this return.")


def scan_message(scan: ItemScan) -> str:
    name = scan.name or ""
    if scan.code is ScanResultCode.MATCHED:
        return QCoreApplication.translate("Returns", "Matched: %1").replace("%1", name)
    if scan.code is ScanResultCode.NOT_IN_ORDER:
        return QCoreApplication.translate(
            "Returns", "This item (%1) is not in this order. Do not take it back."
        ).replace("%1", scan.text)
    if scan.code is ScanResultCode.NOT_RETURNABLE:
        return (
            QCoreApplication.translate("Returns", "%1 cannot be returned: %2")
            .replace("%1", name)
            .replace("%2", block_reason_label(scan.block_reason))
        )
    if scan.code is ScanResultCode.ALL_SCANNED:
        return QCoreApplication.translate(
            "Returns", "Every returnable unit of %1 is already scanned."
        ).replace("%1", name)
    if scan.code is ScanResultCode.NOT_A_PRODUCT:
        return QCoreApplication.translate(
            "Returns", "Not a product barcode (%1). Scan the item's label."
        ).replace("%1", scan.text)
    return QCoreApplication.translate("Returns", "Find the order first.")


def problem_message(problem: Problem) -> str:
    """The server's refusal of a return, in words the associate can act on."""
    slug = problem.type.removeprefix(PROBLEM_BASE)
    messages = {
        "quantity-exceeds-returnable": QCoreApplication.translate(
            "Returns",
            "These items were already returned (perhaps at another till). Nothing was refunded.",
        ),
        "line-not-returnable": QCoreApplication.translate(
            "Returns", "An item of this return is not returnable. Nothing was refunded."
        ),
        "manager-approval-required": QCoreApplication.translate(
            "Returns", "A manager must approve this return. Nothing was refunded."
        ),
        "invalid-approval": QCoreApplication.translate(
            "Returns", "The manager approval has expired. Ask again. Nothing was refunded."
        ),
        "refund-changed": QCoreApplication.translate(
            "Returns",
            "The refund amount changed meanwhile. Check the new amount and confirm again.",
        ),
        "disposition-not-allowed": QCoreApplication.translate(
            "Returns", "Only an item as new can go back to stock."
        ),
        "not-found": QCoreApplication.translate("Returns", "The order was not found."),
        "forbidden": QCoreApplication.translate("Returns", "This device may not record returns."),
    }
    text = messages.get(slug)
    if text is None:
        text = QCoreApplication.translate("Returns", "The central system refused the return: %1")
        text = text.replace("%1", problem.detail or problem.title or str(problem.status))
    return text
