"""Per-action permissions of staff roles: ``allowed``, ``denied`` or ``manager_approval``.

The server is the authority: ``GET /v1/staff/me`` hands the app these decisions (the app
only uses them to show the right buttons), and every staff endpoint checks them again
through :func:`central_api.platform.auth.require`.

A device scope that is a *staff action* (``STAFF_SCOPE_ACTIONS``) needs, on an associate
device, a signed-in staff member whose role allows the action; a kiosk device never holds
those scopes at all, whoever signs in on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Decision = Literal["allowed", "denied", "manager_approval"]
ALLOWED: Decision = "allowed"
DENIED: Decision = "denied"
MANAGER_APPROVAL: Decision = "manager_approval"

ROLES = ("trainee", "associate", "manager")

#: every action the app may ask about, with what it means (shown in the OpenAPI docs)
ACTIONS: dict[str, str] = {
    "pickup.view": "see the store's click-and-collect queue and orders",
    "pickup.complete": "hand over a click-and-collect order",
    "return.view": "look up orders for a return",
    "return.create": "record a return and its refund",
    "return.over_threshold": "refund above the approval threshold",
    "return.outside_window": "accept a return after the return period",
    "return.approve": "approve another person's return (manager override)",
    "customer.view": "search customers and see their profile",
    "loyalty.issue": "issue a signed loyalty code",
    "payment.take": "take a (demo) payment",
    "endless_aisle.price_override": "change the price of an endless-aisle order line",
    "approval.give": "approve another person's action",
    "store.policy": "change the store's staff sign-in policy",
    "device.manage": "see the store's devices and revoke one (lost or stolen)",
    "kiosk.settings": "open the settings of a kiosk",
    "kiosk.exit": "leave kiosk mode on a kiosk",
}

#: device scopes that are staff actions, and the permission each needs
STAFF_SCOPE_ACTIONS: dict[str, str] = {
    "pickups:read": "pickup.view",
    "pickups:complete": "pickup.complete",
    "returns:read": "return.view",
    "returns:write": "return.create",
    "customers:read": "customer.view",
    "loyalty:issue": "loyalty.issue",
    "payments:demo": "payment.take",
}

_ASSOCIATE: dict[str, Decision] = {
    "pickup.view": ALLOWED,
    "pickup.complete": ALLOWED,
    "return.view": ALLOWED,
    "return.create": ALLOWED,
    "return.over_threshold": MANAGER_APPROVAL,
    "return.outside_window": MANAGER_APPROVAL,
    "customer.view": ALLOWED,
    "loyalty.issue": ALLOWED,
    "payment.take": ALLOWED,
    "endless_aisle.price_override": MANAGER_APPROVAL,
}
_TRAINEE: dict[str, Decision] = {
    # a trainee looks things up and learns; handing over goods or money needs a manager
    "pickup.view": DENIED,
    "pickup.complete": DENIED,
    "return.view": DENIED,
    "return.create": DENIED,
    "customer.view": DENIED,
    "loyalty.issue": DENIED,
    "payment.take": DENIED,
}

ROLE_DECISIONS: dict[str, Mapping[str, Decision]] = {
    "trainee": _TRAINEE,
    "associate": _ASSOCIATE,
    "manager": dict.fromkeys(ACTIONS, ALLOWED),
}

#: what a staff member may do on a kiosk device: only its maintenance
KIOSK_ACTIONS = frozenset({"kiosk.settings", "kiosk.exit"})


def decide(role: str, action: str, device_mode: str = "associate") -> Decision:
    """The decision for ``role`` doing ``action`` on a device in ``device_mode``.

    Unknown roles and actions are denied. On a kiosk, only kiosk maintenance is possible
    (and only for whom it is allowed): staff work happens on associate devices.
    """
    decision = ROLE_DECISIONS.get(role, {}).get(action, DENIED)
    if device_mode == "kiosk" and action not in KIOSK_ACTIONS:
        return DENIED
    return decision


def decisions(role: str, device_mode: str = "associate") -> dict[str, Decision]:
    """Every action's decision for ``role`` on a device in ``device_mode``."""
    return {action: decide(role, action, device_mode) for action in ACTIONS}


def may_approve(role: str, action: str) -> bool:
    """Whether ``role`` may approve someone else's ``action``."""
    return decide(role, "approval.give") == ALLOWED and decide(role, action) == ALLOWED
