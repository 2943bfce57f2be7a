"""The outbox in plain words: what each queued write is, how old, what went wrong, what to do.

Used by the Sync page and by ``kiosk-app outbox``. Texts here are English for the command
line; the UI translates the :class:`OpKind` and :class:`Advice` codes itself.
"""

from __future__ import annotations

import enum
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk_app.kernel.outbox import EntryStatus, Outbox, OutboxEntry, SyncEngine
from kiosk_app.kernel.outbox.entry import ATTENTION_STATUSES, UNSENT_STATUSES

PROBLEM_MARK = "/problems/"


class OpKind(enum.StrEnum):
    PICKUP_COMPLETE = "pickup_complete"
    PICKUP_CHECK_IN = "pickup_check_in"
    RETURN = "return"
    ENDLESS_AISLE_ORDER = "endless_aisle_order"
    ENDLESS_AISLE_PAYMENT = "endless_aisle_payment"
    DEVICE_ENROLL = "device_enroll"
    OTHER = "other"


_OP_KINDS = {
    "pickup.complete": OpKind.PICKUP_COMPLETE,
    "pickup.check_in": OpKind.PICKUP_CHECK_IN,
    "returns.create": OpKind.RETURN,
    "endless_aisle.create_order": OpKind.ENDLESS_AISLE_ORDER,
    "endless_aisle.demo_pay": OpKind.ENDLESS_AISLE_PAYMENT,
    "devices.enroll": OpKind.DEVICE_ENROLL,
}

OP_TEXT = {
    OpKind.PICKUP_COMPLETE: "Pickup handed over",
    OpKind.PICKUP_CHECK_IN: "Pickup check-in",
    OpKind.RETURN: "Return and refund",
    OpKind.ENDLESS_AISLE_ORDER: "Endless-aisle order",
    OpKind.ENDLESS_AISLE_PAYMENT: "Endless-aisle payment",
    OpKind.DEVICE_ENROLL: "Device enrollment",
    OpKind.OTHER: "Other operation",
}


class Advice(enum.StrEnum):
    """What the associate (or IT) should do about an entry."""

    WILL_SEND = "will_send"  # pending, nothing wrong yet
    WAITING_FOR_NETWORK = "waiting_for_network"  # not sent: network or server down
    ANSWER_UNKNOWN = "answer_unknown"  # sent, no answer: replayed safely with the same key
    DONE_ELSEWHERE = "done_elsewhere"  # 409: already done on another device / by the customer
    STATE_CHANGED = "state_changed"  # 409: cancelled, expired, stock gone…
    REDO = "redo"  # 422/400: the server refused the data
    CALL_IT = "call_it"  # 401/403/key reused/unknown: a device or software problem


ADVICE_TEXT = {
    Advice.WILL_SEND: "Will be sent in a moment. Nothing to do.",
    Advice.WAITING_FOR_NETWORK: (
        "Waiting for the network; it is sent automatically when the central system answers. "
        "Nothing to do."
    ),
    Advice.ANSWER_UNKNOWN: (
        "Sent, but no answer came back. It is re-sent safely with the same key: it can "
        "never be applied twice. Nothing to do."
    ),
    Advice.DONE_ELSEWHERE: (
        "Already done elsewhere (another device or the customer). Check the order; if "
        "nothing is missing, dismiss with a note."
    ),
    Advice.STATE_CHANGED: (
        "The order changed meanwhile (cancelled, expired or stock gone). Check it, tell "
        "the customer, then dismiss with a note saying what you did."
    ),
    Advice.REDO: (
        "The central system refused the data. Redo the operation from its screen, then "
        "dismiss this one with a note."
    ),
    Advice.CALL_IT: (
        "This device was refused (rights, token or software). Call IT support; retry "
        "once they have fixed it."
    ),
}

_DONE_ELSEWHERE = frozenset({"pickup-already-completed", "quantity-exceeds-returnable"})
_IT_SLUGS = frozenset(
    {"unauthorized", "invalid-token", "forbidden", "idempotency-key-reused", "wrong-store"}
)
_REFERENCE_IN_PATH = re.compile(r"/(?:pickups|orders|returns)/([A-Za-z0-9-]+)")


def op_kind(op: str) -> OpKind:
    return _OP_KINDS.get(op, OpKind.OTHER)


def reference_of(entry: OutboxEntry) -> str | None:
    """The order (or return) number the entry is about, from its body or its path."""
    for key in ("order_number", "number", "return_number"):
        value = entry.body.get(key)
        if isinstance(value, str) and value:
            return value
    match = _REFERENCE_IN_PATH.search(entry.path)
    return match.group(1) if match else None


def problem_slug(entry: OutboxEntry) -> str | None:
    if entry.problem is None or PROBLEM_MARK not in entry.problem.type:
        return None
    return entry.problem.type.rsplit(PROBLEM_MARK, 1)[1] or None


def advice_for(entry: OutboxEntry) -> Advice:
    if entry.status in UNSENT_STATUSES:
        if entry.status is EntryStatus.PENDING and entry.problem is not None:
            return Advice.WILL_SEND  # a person sent a refused entry again
        if entry.status is EntryStatus.IN_FLIGHT and entry.last_error:
            return Advice.ANSWER_UNKNOWN
        return Advice.WAITING_FOR_NETWORK if entry.last_error else Advice.WILL_SEND
    slug = problem_slug(entry) or ""
    status = entry.problem.status if entry.problem else entry.response_status
    if entry.status is EntryStatus.CONFLICT or status == 409:
        return Advice.DONE_ELSEWHERE if slug in _DONE_ELSEWHERE else Advice.STATE_CHANGED
    if slug in _IT_SLUGS or status in (401, 403) or status is None:
        return Advice.CALL_IT
    if status in (400, 404, 422):
        return Advice.REDO
    return Advice.CALL_IT


@dataclass(frozen=True, slots=True)
class EntryView:
    id: int
    op: str
    kind: OpKind
    reference: str | None
    status: EntryStatus
    age_s: float
    attempts: int
    problem_title: str | None
    problem_detail: str | None
    problem_slug: str | None
    last_error: str | None
    advice: Advice
    note: str | None

    @property
    def can_retry(self) -> bool:
        """Retry now: a failed entry goes back to the queue; a waiting one skips its timer.

        A conflict cannot be retried: the server would answer the same 409 to the same key.
        """
        return self.status in (EntryStatus.FAILED, *UNSENT_STATUSES)

    @property
    def can_dismiss(self) -> bool:
        return self.status in ATTENTION_STATUSES

    @property
    def title(self) -> str:
        """English one-liner (command line)."""
        what = OP_TEXT[self.kind] if self.kind is not OpKind.OTHER else self.op
        return f"{what} {self.reference}" if self.reference else what

    @property
    def problem_text(self) -> str | None:
        """The problem in the server's words (title: detail), if any."""
        if self.problem_title and self.problem_detail:
            return f"{self.problem_title}: {self.problem_detail}"
        return self.problem_detail or self.problem_title or self.last_error


def describe_entry(entry: OutboxEntry, now: float) -> EntryView:
    problem = entry.problem
    return EntryView(
        id=entry.id,
        op=entry.op,
        kind=op_kind(entry.op),
        reference=reference_of(entry),
        status=entry.status,
        age_s=entry.age(now),
        attempts=entry.attempts,
        problem_title=problem.title if problem else None,
        problem_detail=problem.detail if problem else None,
        problem_slug=problem_slug(entry),
        last_error=entry.last_error,
        advice=advice_for(entry),
        note=entry.note,
    )


def format_age(seconds: float) -> str:
    """Compact English age: 45 s, 12 min, 3 h 05, 2 d 4 h."""
    s = int(max(0, seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    if s < 86400:
        return f"{s // 3600} h {s % 3600 // 60:02d}"
    return f"{s // 86400} d {s % 86400 // 3600} h"


@dataclass(frozen=True, slots=True)
class QueueSnapshot:
    pending: tuple[EntryView, ...]
    attention: tuple[EntryView, ...]
    dismissed: tuple[EntryView, ...]  # most recent first; kept with their note
    taken_at: float


class SyncQueue:
    """What a person can do with the outbox: look, retry, retry all, dismiss with a note.

    Every action wakes the sync engine (skipping its backoff), so "Retry now" means now.
    """

    def __init__(
        self,
        outbox: Outbox,
        sync: SyncEngine | None = None,
        *,
        clock: Callable[[], float] = time.time,
        dismissed_shown: int = 20,
    ) -> None:
        self.outbox = outbox
        self._sync = sync
        self._clock = clock
        self._dismissed_shown = dismissed_shown

    def snapshot(self) -> QueueSnapshot:
        now = self._clock()
        pending = self.outbox.list_by_status(list(UNSENT_STATUSES))
        attention = self.outbox.needs_attention()
        dismissed = self.outbox.list_by_status(EntryStatus.DISMISSED)[-self._dismissed_shown :]
        return QueueSnapshot(
            pending=tuple(describe_entry(e, now) for e in pending),
            attention=tuple(describe_entry(e, now) for e in attention),
            dismissed=tuple(describe_entry(e, now) for e in reversed(dismissed)),
            taken_at=now,
        )

    def retry(self, entry_id: int) -> OutboxEntry:
        entry = self.outbox.retry_now(entry_id)
        self._wake()
        return entry

    def retry_all(self) -> int:
        moved = self.outbox.retry_all()
        self._wake()
        return moved

    def dismiss(self, entry_id: int, note: str) -> OutboxEntry:
        """Close a failed/conflict entry; ``note`` (required) says what was done about it."""
        return self.outbox.dismiss(entry_id, note)

    def _wake(self) -> None:
        if self._sync is not None:
            self._sync.wake(skip_backoff=True)
