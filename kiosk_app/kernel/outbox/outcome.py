"""What happened when one entry was sent, as seen by the sync engine."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from kiosk_app.kernel.outbox.entry import Problem


class OutcomeKind(enum.StrEnum):
    DELIVERED = "delivered"  # 2xx: applied (or replayed) by the server
    CONFLICT = "conflict"  # 409: business conflict, needs a person
    REJECTED = "rejected"  # other 4xx: permanent failure, needs a person
    RETRY_LATER = "retry_later"  # the server answered "not now" (5xx, 408, 425, 429, …)
    NOT_SENT = "not_sent"  # never left the device (connect failed)
    UNKNOWN = "unknown"  # sent, no answer: may have been applied, replay with the same key


class LinkOutcome(enum.StrEnum):
    """How the link to the central API looked on one attempt.

    Same vocabulary as ``RequestOutcome.kind`` of the API client, so the connection monitor
    can fold both.
    """

    OK = "ok"
    HTTP_ERROR = "http_error"  # the server answered with a 4xx
    SERVER_ERROR = "server_error"  # 5xx, throttling or an answer that is not the API's
    TIMEOUT = "timeout"  # sent but no (complete) answer
    UNREACHABLE = "unreachable"


@dataclass(frozen=True, slots=True)
class SendOutcome:
    kind: OutcomeKind
    status_code: int | None = None
    body: Any = None
    problem: Problem | None = None
    retry_after: float | None = None  # seconds, from the server's Retry-After
    error: str | None = None
    replayed: bool = False  # the server answered from its idempotency store

    @property
    def retryable(self) -> bool:
        return self.kind in (OutcomeKind.RETRY_LATER, OutcomeKind.NOT_SENT, OutcomeKind.UNKNOWN)

    @property
    def maybe_applied(self) -> bool:
        """Retryable, but the server may already have applied it (no or a 5xx answer)."""
        if self.kind is OutcomeKind.UNKNOWN:
            return True
        return self.kind is OutcomeKind.RETRY_LATER and (self.status_code or 0) >= 500

    @property
    def link(self) -> LinkOutcome:
        if self.kind is OutcomeKind.NOT_SENT:
            return LinkOutcome.UNREACHABLE
        if self.kind is OutcomeKind.UNKNOWN:
            return LinkOutcome.TIMEOUT
        if self.kind is OutcomeKind.RETRY_LATER:
            return LinkOutcome.SERVER_ERROR
        if self.kind is OutcomeKind.DELIVERED:
            return LinkOutcome.OK
        return LinkOutcome.HTTP_ERROR

    def describe(self) -> str:
        """One line for ``last_error`` and logs."""
        if self.problem is not None:
            text = self.problem.summary()
        elif self.status_code is not None:
            text = f"HTTP {self.status_code}"
        else:
            text = self.kind.value
        return f"{text} ({self.error})" if self.error else text
