"""Translated sentences for the pickup core's message codes, statuses and methods."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk_app.flows.pickup.session import PickupMessage
from kiosk_app.ui.offline_text import saved_offline_text


def status_text(status: str) -> str:
    texts = {
        "preparing": QCoreApplication.translate("Pickups", "Being prepared"),
        "ready": QCoreApplication.translate("Pickups", "Ready"),
        "customer_waiting": QCoreApplication.translate("Pickups", "Customer waiting"),
        "collected": QCoreApplication.translate("Pickups", "Collected"),
        "partially_collected": QCoreApplication.translate("Pickups", "Partially collected"),
        "cancelled": QCoreApplication.translate("Pickups", "Cancelled"),
        "expired": QCoreApplication.translate("Pickups", "Expired"),
    }
    return texts.get(status, status)


def overdue_text(reason: str | None) -> str:
    texts = {
        "not_ready_late": QCoreApplication.translate(
            "Pickups", "Late: promised time passed, not ready"
        ),
        "waiting_long": QCoreApplication.translate("Pickups", "Waiting for more than 10 minutes"),
        "expiring_soon": QCoreApplication.translate("Pickups", "Goes back to stock soon"),
    }
    return texts.get(reason or "", "")


def method_text(method: str) -> str:
    texts = {
        "pickup_code": QCoreApplication.translate("Pickups", "Pickup code"),
        "signed_qr": QCoreApplication.translate("Pickups", "QR code from the email"),
        "id_check": QCoreApplication.translate("Pickups", "ID document"),
        "alternate_person": QCoreApplication.translate("Pickups", "Person named on the order"),
    }
    return texts.get(method, method)


def verification_hint(asked: str, accepted: list[str]) -> str:
    """What to ask the customer for, each method said once: "Ask for: ID document." when it
    is the only one accepted, the others after it when there are more."""
    others = [method_text(m) for m in accepted if m != asked]
    if asked not in accepted:
        return QCoreApplication.translate("Pickups", "Accepted: %1.").replace(
            "%1", ", ".join(others)
        )
    if not others:
        return QCoreApplication.translate("Pickups", "Ask for: %1.").replace(
            "%1", method_text(asked)
        )
    return (
        QCoreApplication.translate("Pickups", "Ask for: %1. Also accepted: %2.")
        .replace("%1", method_text(asked))
        .replace("%2", ", ".join(others))
    )


def document_text(document: str) -> str:
    texts = {
        "id_card": QCoreApplication.translate("Pickups", "ID card"),
        "passport": QCoreApplication.translate("Pickups", "Passport"),
        "driving_licence": QCoreApplication.translate("Pickups", "Driving licence"),
        "residence_permit": QCoreApplication.translate("Pickups", "Residence permit"),
    }
    return texts.get(document, document)


def message_text(message: PickupMessage) -> str:
    """The sentence for ``message`` (the code itself when unknown, never an exception)."""
    a = message.args
    code = message.code
    if code == "qr_expired":
        return QCoreApplication.translate(
            "Pickups", "This QR code has expired. Ask the customer for their pickup code."
        )
    if code == "qr_forged":
        return QCoreApplication.translate(
            "Pickups", "This QR code was not issued by us (or was altered). It cannot be used."
        )
    if code == "qr_malformed":
        return QCoreApplication.translate("Pickups", "This is not a pickup QR code.")
    if code == "qr_clock":
        return QCoreApplication.translate(
            "Pickups", "This QR code is dated in the future: check the device's clock."
        )
    if code == "qr_no_keys":
        return QCoreApplication.translate(
            "Pickups",
            "QR codes cannot be checked yet (no connection since start). Use the pickup code.",
        )
    if code == "qr_other_store":
        return (
            QCoreApplication.translate(
                "Pickups", "Order %1 is to be collected at another store (%2), not here."
            )
            .replace("%1", a.get("order", ""))
            .replace("%2", a.get("store", ""))
        )
    if code == "qr_wrong_order":
        return QCoreApplication.translate(
            "Pickups", "This QR code is for another order (%1)."
        ).replace("%1", a.get("order", ""))
    if code in ("wrong_code", "wrong-pickup-code"):
        return QCoreApplication.translate(
            "Pickups",
            "Wrong pickup code. Nothing was changed; ask the customer to check their email.",
        )
    if code == "order_not_found":
        return QCoreApplication.translate("Pickups", "No pickup order matches %1.").replace(
            "%1", a.get("what", "")
        )
    if code == "not_a_pickup":
        return QCoreApplication.translate(
            "Pickups", "%1 is not a pickup QR, pickup code or order number."
        ).replace("%1", a.get("text", ""))
    if code == "pickup-other-store":
        return QCoreApplication.translate(
            "Pickups", "This order is to be collected at another store: %1"
        ).replace("%1", a.get("detail", ""))
    if code == "collected_elsewhere":
        return QCoreApplication.translate(
            "Pickups",
            "Order %1 was just handed over on another device. Stop here: give nothing more "
            "and tell the customer it has been collected.",
        ).replace("%1", a.get("order", ""))
    if code == "cancelled_elsewhere":
        return QCoreApplication.translate(
            "Pickups",
            "Order %1 was just cancelled. Stop here: give nothing and send the customer to "
            "customer service.",
        ).replace("%1", a.get("order", ""))
    if code == "expired_elsewhere":
        return QCoreApplication.translate(
            "Pickups",
            "Order %1 has just expired and can no longer be collected. Stop here: give "
            "nothing and send the customer to customer service.",
        ).replace("%1", a.get("order", ""))
    if code == "pickup-already-completed":
        return QCoreApplication.translate(
            "Pickups",
            "Already collected: this order was handed over on another device. Do not hand "
            "anything over.",
        )
    if code == "pickup-expired":
        return QCoreApplication.translate(
            "Pickups", "This order has expired and can no longer be collected. Nothing was changed."
        )
    if code == "pickup-cancelled":
        return QCoreApplication.translate(
            "Pickups", "This order was cancelled and cannot be collected."
        )
    if code == "pickup-not-ready":
        return QCoreApplication.translate(
            "Pickups", "This order is still being prepared. It cannot be handed over yet."
        )
    if code == "method_not_accepted":
        return QCoreApplication.translate("Pickups", "This order needs another check: %1").replace(
            "%1", a.get("methods", "")
        )
    if code == "verification-method-not-allowed":
        return QCoreApplication.translate("Pickups", "This order needs another identity check.")
    if code == "id_document_required":
        return QCoreApplication.translate("Pickups", "Choose the identity document you checked.")
    if code in ("alternate_person_mismatch", "alternate-person-mismatch"):
        return QCoreApplication.translate(
            "Pickups", "The name does not match the person named on the order."
        )
    if code == "verified_pickup_code":
        return QCoreApplication.translate("Pickups", "Pickup code checked.")
    if code == "verified_signed_qr":
        return QCoreApplication.translate("Pickups", "QR code checked.")
    if code == "verified_id_check":
        return QCoreApplication.translate("Pickups", "Identity document checked.")
    if code == "verified_alternate_person":
        return QCoreApplication.translate("Pickups", "Person named on the order, identity checked.")
    if code == "not_an_item":
        return QCoreApplication.translate(
            "Pickups", "%1 is not an item barcode. Scan the item's label."
        ).replace("%1", a.get("text", ""))
    if code == "wrong_item":
        return QCoreApplication.translate(
            "Pickups", "Wrong item: %1 is not in this order. Nothing was counted."
        ).replace("%1", a.get("gtin", ""))
    if code == "item_already_done":
        return QCoreApplication.translate(
            "Pickups", "All units of %1 are already checked."
        ).replace("%1", a.get("name", ""))
    if code == "item_counted":
        return (
            QCoreApplication.translate("Pickups", "%1 checked. %2 left on this line.")
            .replace("%1", a.get("name", ""))
            .replace("%2", a.get("left", ""))
        )
    if code == "all_items_checked":
        return QCoreApplication.translate(
            "Pickups", "All items checked. Continue to the hand-over."
        )
    if code == "reason_required":
        return QCoreApplication.translate("Pickups", "Choose a reason.")
    if code == "nothing_to_mark":
        return QCoreApplication.translate("Pickups", "Nothing left to mark on %1.").replace(
            "%1", a.get("name", "")
        )
    if code == "marked_missing":
        return (
            QCoreApplication.translate("Pickups", "%2 × %1 marked missing.")
            .replace("%1", a.get("name", ""))
            .replace("%2", a.get("count", ""))
        )
    if code == "marked_damaged":
        return (
            QCoreApplication.translate("Pickups", "%2 × %1 marked damaged.")
            .replace("%1", a.get("name", ""))
            .replace("%2", a.get("count", ""))
        )
    if code == "items_left":
        return QCoreApplication.translate(
            "Pickups", "Some items are neither scanned nor marked missing or damaged."
        )
    if code == "nothing_picked":
        return QCoreApplication.translate(
            "Pickups", "Nothing to hand over: at least one item must be scanned."
        )
    if code == "sending":
        return QCoreApplication.translate(
            "Pickups", "Saved on this device; sending to the central system…"
        )
    if code == "saved_offline":
        return saved_offline_text()
    if code == "done":
        return QCoreApplication.translate("Pickups", "Handed over. The order is collected.")
    if code == "partial_done":
        return QCoreApplication.translate(
            "Pickups", "Handed over in part. Missing and damaged items are recorded."
        )
    if code == "no_outbox":
        return QCoreApplication.translate(
            "Pickups", "This device cannot record changes (no local storage)."
        )
    if code == "invalid-pickup-qr":
        return QCoreApplication.translate(
            "Pickups", "The central system refused the QR code for this order."
        )
    if code == "offline":
        return QCoreApplication.translate(
            "Pickups", "No connection to the central system. Check the network and try again."
        )
    if code == "offline_not_kept":
        return QCoreApplication.translate(
            "Pickups",
            "No connection to the central system, and %1 is not among the pickups this device "
            "keeps for offline use (its queue as of the last refresh). Try again when the "
            "network is back.",
        ).replace("%1", a.get("what", ""))
    if code == "handed_over_here":
        return QCoreApplication.translate(
            "Pickups",
            "Order %1 was already handed over on this device; it waits to be sent (Sync page).",
        ).replace("%1", a.get("order", ""))
    if code == "check_in_offline":
        return QCoreApplication.translate(
            "Pickups", "The team could not be told you are here: the network is down."
        )
    if code == "kiosk_scan_qr":
        return QCoreApplication.translate(
            "Pickups", "Please scan the QR code from your confirmation email."
        )
    detail = a.get("detail", "")
    return QCoreApplication.translate("Pickups", "The central system refused: %1").replace(
        "%1", detail or code
    )
