"""What the app says about working offline: the gate's message, the sync page's list.

One place, so the offline gate (a flow starting or confirming), the sync page's "What works
offline" card and the policy itself (:mod:`kiosk_app.kernel.offline.policy`) say the same
thing, flow by flow.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk_app.kernel.offline.policy import Decision, OfflineFlow, Reason

_PICKUP_FLOWS = frozenset(
    {OfflineFlow.PICKUP_SIGNED_QR, OfflineFlow.PICKUP_CODE, OfflineFlow.PICKUP_ID}
)


def offline_decision_text(decision: Decision) -> str | None:
    """What to tell the user about ``may_run_offline``'s answer (None: nothing to say)."""
    if decision.reason is Reason.ONLINE:
        return None
    if decision.allowed:
        if decision.flow in _PICKUP_FLOWS:
            return QCoreApplication.translate(
                "OfflinePolicy",
                "Offline: only pickups already in this device's queue can be handed over "
                "(QR code, pickup code or ID document). The hand-over is kept on this device "
                "and sent to the central system when the network is back.",
            )
        return QCoreApplication.translate(
            "OfflinePolicy",
            "Offline: you can go on. This is kept on the device and sent to the central "
            "system when the network is back.",
        )
    if decision.reason is Reason.DENIED_OFFLINE:
        if decision.flow == OfflineFlow.RETURN:
            return QCoreApplication.translate(
                "OfflinePolicy",
                "Not available offline: returns need the central system (order and refund "
                "quote). Try again when the network is back.",
            )
        if decision.flow == OfflineFlow.ENDLESS_AISLE:
            return QCoreApplication.translate(
                "OfflinePolicy",
                "Not available offline: endless-aisle orders need the central system (stock "
                "and delivery options). Try again when the network is back.",
            )
        return QCoreApplication.translate(
            "OfflinePolicy",
            "Not available offline: this needs the central system (for example for a refund "
            "quote). Try again when the network is back.",
        )
    return QCoreApplication.translate(
        "OfflinePolicy", "Not available offline on this device. Try again when the network is back."
    )


def not_confirmed_offline_text(flow: OfflineFlow) -> str:
    """A flow that needs the network was confirmed just after the network went away."""
    if flow == OfflineFlow.RETURN:
        return QCoreApplication.translate(
            "OfflinePolicy",
            "No connection to the central system: the return was not recorded and nothing "
            "was refunded. Everything you entered is still here: confirm again when the "
            "network is back.",
        )
    if flow == OfflineFlow.ENDLESS_AISLE:
        return QCoreApplication.translate(
            "OfflinePolicy",
            "No connection to the central system: the order was not placed. The basket is "
            "still here: confirm again when the network is back.",
        )
    return QCoreApplication.translate(
        "OfflinePolicy",
        "No connection to the central system: nothing was recorded. Confirm again when the "
        "network is back.",
    )


def saved_offline_text() -> str:
    """A confirmed write is in the outbox but the network failed before the answer."""
    return QCoreApplication.translate(
        "OfflinePolicy",
        "Saved on this device; it will be sent when the network is back. You can go on with "
        "the next customer: the Sync page shows when it has been sent.",
    )


def flow_names() -> dict[OfflineFlow, str]:
    """Each flow as the sync page lists it, saying exactly what it covers."""
    return {
        OfflineFlow.PICKUP_SIGNED_QR: QCoreApplication.translate(
            "OfflinePolicy", "Pickups already in this device's queue: with the customer's QR code"
        ),
        OfflineFlow.PICKUP_CODE: QCoreApplication.translate(
            "OfflinePolicy", "Pickups already in this device's queue: with the pickup code"
        ),
        OfflineFlow.PICKUP_ID: QCoreApplication.translate(
            "OfflinePolicy", "Pickups already in this device's queue: with an ID document"
        ),
        OfflineFlow.PICKUP_CHECK_IN: QCoreApplication.translate(
            "OfflinePolicy", "Kiosk check-in with the customer's QR code"
        ),
        OfflineFlow.RETURN: QCoreApplication.translate("OfflinePolicy", "Returns and refunds"),
        OfflineFlow.ENDLESS_AISLE: QCoreApplication.translate(
            "OfflinePolicy", "Endless-aisle orders (stock and delivery options)"
        ),
    }


__all__ = [
    "flow_names",
    "not_confirmed_offline_text",
    "offline_decision_text",
    "saved_offline_text",
]
