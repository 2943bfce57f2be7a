"""Plain-Python notifications from the sync engine (the UI subscribes; no Qt here)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.outbox.entry import OutboxEntry
from kiosk_app.kernel.outbox.outcome import LinkOutcome

T = TypeVar("T")
log = logging.getLogger(__name__)


class EventStream(Generic[T]):
    """Fan-out of events to subscribers; a failing subscriber is logged and skipped."""

    def __init__(self) -> None:
        self._subscribers: list[Callable[[T], None]] = []

    def subscribe(self, callback: Callable[[T], None]) -> Callable[[], None]:
        """Call ``callback`` for every event; returns the unsubscribe function."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def emit(self, event: T) -> None:
        for callback in list(self._subscribers):
            try:
                callback(event)
            except Exception:
                log.exception("outbox event subscriber failed")


@dataclass(frozen=True, slots=True)
class QueueCounts:
    pending: int  # waiting to be sent (including in flight)
    needs_attention: int  # failed + conflict


@dataclass(frozen=True, slots=True)
class ConnectionReport:
    """How one attempt went; ``ok``/``kind``/``elapsed_s`` match the API client's outcome."""

    ok: bool
    kind: LinkOutcome
    elapsed_s: float
    entry_id: int
    detail: str | None = None


@dataclass(frozen=True)
class SyncEvents:
    queue_counts: Observable[QueueCounts]
    delivered: EventStream[OutboxEntry] = field(default_factory=EventStream)
    needs_attention: EventStream[OutboxEntry] = field(default_factory=EventStream)
    connection: EventStream[ConnectionReport] = field(default_factory=EventStream)
