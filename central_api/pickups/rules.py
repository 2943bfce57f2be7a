"""Server-side rules of click-and-collect pickups: the state machine and who may collect.

The app mirrors these rules in ``kiosk_app.flows.pickup.rules`` to guide the associate,
but the server decides: every transition is checked here and applied with a conditional
UPDATE, so two devices can never both complete one order.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from enum import StrEnum


class Status(StrEnum):
    PREPARING = "preparing"
    READY = "ready"
    CUSTOMER_WAITING = "customer_waiting"
    COLLECTED = "collected"
    PARTIALLY_COLLECTED = "partially_collected"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class Event(StrEnum):
    MARK_READY = "mark_ready"
    CHECK_IN = "check_in"
    COLLECT_ALL = "collect_all"
    COLLECT_PART = "collect_part"
    CANCEL = "cancel"
    EXPIRE = "expire"


ACTIVE = frozenset({Status.PREPARING, Status.READY, Status.CUSTOMER_WAITING})
COLLECTABLE = frozenset({Status.READY, Status.CUSTOMER_WAITING})
COMPLETED = frozenset({Status.COLLECTED, Status.PARTIALLY_COLLECTED})
TERMINAL = frozenset(set(Status) - ACTIVE)

TRANSITIONS: dict[tuple[Status, Event], Status] = {
    (Status.PREPARING, Event.MARK_READY): Status.READY,
    (Status.READY, Event.CHECK_IN): Status.CUSTOMER_WAITING,
    (Status.CUSTOMER_WAITING, Event.CHECK_IN): Status.CUSTOMER_WAITING,  # scanned twice
    (Status.READY, Event.COLLECT_ALL): Status.COLLECTED,
    (Status.CUSTOMER_WAITING, Event.COLLECT_ALL): Status.COLLECTED,
    (Status.READY, Event.COLLECT_PART): Status.PARTIALLY_COLLECTED,
    (Status.CUSTOMER_WAITING, Event.COLLECT_PART): Status.PARTIALLY_COLLECTED,
    (Status.PREPARING, Event.CANCEL): Status.CANCELLED,
    (Status.READY, Event.CANCEL): Status.CANCELLED,
    (Status.CUSTOMER_WAITING, Event.CANCEL): Status.CANCELLED,
    (Status.READY, Event.EXPIRE): Status.EXPIRED,
    (Status.CUSTOMER_WAITING, Event.EXPIRE): Status.EXPIRED,
}

# Verification: a pickup code and the signed QR both prove the customer holds the
# confirmation email; an ID check proves who they are (always accepted, the fallback when
# the phone is flat); an alternate person named on the order collects with their ID.
METHODS = ("pickup_code", "signed_qr", "id_check", "alternate_person")
ID_DOCUMENTS = ("id_card", "passport", "driving_licence", "residence_permit")
LINE_REASONS = ("missing", "damaged")

WAITING_TOO_LONG = timedelta(minutes=10)
EXPIRING_SOON = timedelta(days=2)


def accepted_methods(configured: str, has_alternate: bool) -> tuple[str, ...]:
    if configured == "id_check":
        methods: tuple[str, ...] = ("id_check",)
    else:
        methods = ("pickup_code", "signed_qr", "id_check")
    return (*methods, "alternate_person") if has_alternate else methods


def next_status(status: str, event: Event) -> Status | None:
    """The status after ``event``, or None when the state machine forbids it."""
    try:
        return TRANSITIONS.get((Status(status), event))
    except ValueError:
        return None


def effective_status(status: str, expires_at: datetime, now: datetime) -> str:
    """An active pickup past its expiry is expired, even before a job records it."""
    if status in ACTIVE and aware(expires_at) <= now:
        return Status.EXPIRED.value
    return status


def overdue_reason(
    status: str,
    promised_at: datetime,
    expires_at: datetime,
    checked_in_at: datetime | None,
    now: datetime,
) -> str | None:
    """Why a pickup needs attention first, or None.

    ``not_ready_late``: still being prepared after the promised time; ``waiting_long``: the
    customer checked in more than 10 minutes ago; ``expiring_soon``: ready but it goes back
    to stock within two days.
    """
    if status == Status.PREPARING and aware(promised_at) < now:
        return "not_ready_late"
    if (
        status == Status.CUSTOMER_WAITING
        and checked_in_at is not None
        and aware(checked_in_at) + WAITING_TOO_LONG < now
    ):
        return "waiting_long"
    if status == Status.READY and aware(expires_at) - EXPIRING_SOON < now:
        return "expiring_soon"
    return None


def aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were stored in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def pickup_code_digest(order_number: str, code: str) -> str:
    """What a device keeps to check a pickup code offline: a digest, never the code itself.

    Salted with the order number; the kiosk app computes the same (rules/pickup_state.py).
    A six-digit code's digest can be tried exhaustively, so devices keep it encrypted only.
    """
    text = f"omnistore-pickup-code\x00{order_number.strip().upper()}\x00{code.strip()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
