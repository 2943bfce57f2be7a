"""What one queued write looks like, and the problem details kept when it cannot be sent."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class EntryStatus(enum.StrEnum):
    """Life cycle: pending → in_flight → done | failed | conflict; failed/conflict → dismissed."""

    PENDING = "pending"
    IN_FLIGHT = "in_flight"  # sent (or about to be), answer unknown: replay with the same key
    DONE = "done"
    FAILED = "failed"  # permanent error: needs a person
    CONFLICT = "conflict"  # 409 business conflict: needs a person
    DISMISSED = "dismissed"  # a person looked at a failed/conflict entry and closed it


#: Entries the sync engine still has to send.
UNSENT_STATUSES = (EntryStatus.PENDING, EntryStatus.IN_FLIGHT)
#: Entries shown in the "needs attention" list.
ATTENTION_STATUSES = (EntryStatus.FAILED, EntryStatus.CONFLICT)


@dataclass(frozen=True, slots=True)
class Problem:
    """RFC 9457 problem details (or the closest we could make of a non-problem answer)."""

    type: str = "about:blank"
    title: str | None = None
    status: int | None = None
    detail: str | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_body(cls, status: int | None, body: Any) -> Problem:
        if not isinstance(body, Mapping):
            text = None if body is None else str(body)[:500]
            return cls(status=status, detail=text or None)
        known = {"type", "title", "status", "detail"}
        raw_status = body.get("status")
        if status is None and isinstance(raw_status, int):
            status = raw_status  # the body's status is only advisory next to the HTTP one
        return cls(
            type=str(body.get("type") or "about:blank"),
            title=_str_or_none(body.get("title")),
            status=status,
            detail=_str_or_none(body.get("detail")),
            extensions={k: v for k, v in body.items() if k not in known},
        )

    def to_json(self) -> dict[str, Any]:
        return {
            **self.extensions,
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Problem:
        return cls.from_body(None, data)

    def summary(self) -> str:
        """One line for logs and the needs-attention list."""
        head = f"{self.status or '?'} {self.title or self.type}"
        return f"{head}: {self.detail}" if self.detail else head


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One write waiting for (or past) delivery. ``id`` is also the send order."""

    id: int
    op: str
    method: str
    path: str
    body: dict[str, Any] = field(repr=False)  # personal data: never in a log line
    idempotency_key: str
    status: EntryStatus
    created_at: float
    attempts: int = 0
    last_attempt_at: float | None = None
    next_attempt_at: float | None = None
    last_error: str | None = None
    problem: Problem | None = None
    response_status: int | None = None
    response_body: Any = field(default=None, repr=False)
    resolved_at: float | None = None
    note: str | None = None

    @property
    def seq(self) -> int:
        """The sequence number (entries are sent in ascending ``seq``)."""
        return self.id

    def age(self, now: float) -> float:
        """Seconds since the entry was appended."""
        return max(0.0, now - self.created_at)

    @property
    def needs_attention(self) -> bool:
        return self.status in ATTENTION_STATUSES
