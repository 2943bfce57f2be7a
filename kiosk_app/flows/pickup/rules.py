"""The pickup state machine and the verification policy, as pure functions.

The central API enforces the same rules (``central_api/pickups/rules.py``); the app uses them
to guide the associate (what the next step is, why an order cannot be handed over) before
anything is sent.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum


class PickupStatus(StrEnum):
    PREPARING = "preparing"
    READY = "ready"
    CUSTOMER_WAITING = "customer_waiting"
    COLLECTED = "collected"
    PARTIALLY_COLLECTED = "partially_collected"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class PickupEvent(StrEnum):
    MARK_READY = "mark_ready"
    CHECK_IN = "check_in"
    COLLECT_ALL = "collect_all"
    COLLECT_PART = "collect_part"
    CANCEL = "cancel"
    EXPIRE = "expire"


class VerificationMethod(StrEnum):
    PICKUP_CODE = "pickup_code"
    SIGNED_QR = "signed_qr"
    ID_CHECK = "id_check"
    ALTERNATE_PERSON = "alternate_person"


ID_DOCUMENTS: tuple[str, ...] = ("id_card", "passport", "driving_licence", "residence_permit")

ACTIVE = frozenset({PickupStatus.PREPARING, PickupStatus.READY, PickupStatus.CUSTOMER_WAITING})
COLLECTABLE = frozenset({PickupStatus.READY, PickupStatus.CUSTOMER_WAITING})
COMPLETED = frozenset({PickupStatus.COLLECTED, PickupStatus.PARTIALLY_COLLECTED})
TERMINAL = frozenset(set(PickupStatus) - ACTIVE)

TRANSITIONS: dict[tuple[PickupStatus, PickupEvent], PickupStatus] = {
    (PickupStatus.PREPARING, PickupEvent.MARK_READY): PickupStatus.READY,
    (PickupStatus.READY, PickupEvent.CHECK_IN): PickupStatus.CUSTOMER_WAITING,
    (PickupStatus.CUSTOMER_WAITING, PickupEvent.CHECK_IN): PickupStatus.CUSTOMER_WAITING,
    (PickupStatus.READY, PickupEvent.COLLECT_ALL): PickupStatus.COLLECTED,
    (PickupStatus.CUSTOMER_WAITING, PickupEvent.COLLECT_ALL): PickupStatus.COLLECTED,
    (PickupStatus.READY, PickupEvent.COLLECT_PART): PickupStatus.PARTIALLY_COLLECTED,
    (PickupStatus.CUSTOMER_WAITING, PickupEvent.COLLECT_PART): PickupStatus.PARTIALLY_COLLECTED,
    (PickupStatus.PREPARING, PickupEvent.CANCEL): PickupStatus.CANCELLED,
    (PickupStatus.READY, PickupEvent.CANCEL): PickupStatus.CANCELLED,
    (PickupStatus.CUSTOMER_WAITING, PickupEvent.CANCEL): PickupStatus.CANCELLED,
    (PickupStatus.READY, PickupEvent.EXPIRE): PickupStatus.EXPIRED,
    (PickupStatus.CUSTOMER_WAITING, PickupEvent.EXPIRE): PickupStatus.EXPIRED,
}


class TransitionRefused(Exception):
    """The state machine forbids ``event`` in ``status``."""

    def __init__(self, status: PickupStatus, event: PickupEvent) -> None:
        super().__init__(f"{event.value} is not allowed when a pickup is {status.value}")
        self.status = status
        self.event = event


def parse_status(value: str) -> PickupStatus:
    """ValueError for a status this app does not know."""
    return PickupStatus(value)


def can(status: PickupStatus, event: PickupEvent) -> bool:
    return (status, event) in TRANSITIONS


def apply(status: PickupStatus, event: PickupEvent) -> PickupStatus:
    """The status after ``event``; TransitionRefused when not allowed."""
    target = TRANSITIONS.get((status, event))
    if target is None:
        raise TransitionRefused(status, event)
    return target


def allowed_events(status: PickupStatus) -> frozenset[PickupEvent]:
    return frozenset(event for (source, event) in TRANSITIONS if source is status)


def collect_event(picked_units: int, ordered_units: int) -> PickupEvent:
    """Collecting everything or only part of the order."""
    if not 0 < picked_units <= ordered_units:
        raise ValueError("between one unit and the ordered quantity must be handed over")
    return PickupEvent.COLLECT_ALL if picked_units == ordered_units else PickupEvent.COLLECT_PART


def accepted_methods(configured: str, has_alternate: bool) -> tuple[VerificationMethod, ...]:
    """How the person may prove the order is theirs.

    The pickup code and the signed QR both prove they hold the confirmation email; an ID
    check is always accepted, and is the only way for orders configured with ``id_check``;
    a person named on the order as alternate collects with their own ID.
    """
    if configured == VerificationMethod.ID_CHECK:
        methods: tuple[VerificationMethod, ...] = (VerificationMethod.ID_CHECK,)
    else:
        methods = (
            VerificationMethod.PICKUP_CODE,
            VerificationMethod.SIGNED_QR,
            VerificationMethod.ID_CHECK,
        )
    if has_alternate:
        methods = (*methods, VerificationMethod.ALTERNATE_PERSON)
    return methods


def same_person_name(given: str, expected: str) -> bool:
    """Names match ignoring case and extra spaces (the server compares the same way)."""
    left = " ".join(given.lower().split())
    return bool(left) and left == " ".join(expected.lower().split())


def pickup_code_digest(order_number: str, code: str) -> str:
    """The digest the central API sends for offline pickup-code checks (same recipe as
    ``central_api.pickups.rules.pickup_code_digest``): compared, the code is never stored."""
    text = f"omnistore-pickup-code\x00{order_number.strip().upper()}\x00{code.strip()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
