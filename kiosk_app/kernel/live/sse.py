"""Server-Sent Events, as ``GET /v1/events`` sends them: parsed line by line.

Each event is ``id: <n>``, ``event: <type>``, ``data: {json}`` then a blank line; lines
starting with ``:`` are comments (``: heartbeat``); ``retry: <ms>`` is the server's advice
on when to reconnect. See the README, *Live events*.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

#: the event the server sends when it cannot resume from a cursor: reload what is shown
RESYNC = "resync"


@dataclass(frozen=True)
class LiveEvent:
    """One event of the stream. ``payload`` is the event's data (for ``resync``: the
    server's ``reason``, ``after``, ``oldest_available``)."""

    id: int
    type: str
    subject: str = ""
    created_at: str = ""
    payload: Mapping[str, Any] = field(default_factory=dict)

    @property
    def family(self) -> str:
        """``pickup`` for ``pickup.checked_in``: what a screen subscribes to."""
        return self.type.split(".", 1)[0]


def _event(event_id: str, type_: str, data: str) -> LiveEvent | None:
    """The event of one frame, or None (and a warning) for a frame that makes no sense."""
    try:
        number = int(event_id)
        body = json.loads(data)
    except ValueError:
        log.warning("live events: unreadable frame skipped (id %r)", event_id[:40])
        return None
    if not isinstance(body, dict):
        log.warning("live events: frame %d is not an object; skipped", number)
        return None
    if type_ == RESYNC:
        return LiveEvent(number, RESYNC, payload=body)
    payload = body.get("payload")
    return LiveEvent(
        number,
        str(body.get("type") or type_),
        subject=str(body.get("subject") or ""),
        created_at=str(body.get("created_at") or ""),
        payload=payload if isinstance(payload, dict) else {},
    )


class SseParser:
    """Feed it lines (without their line ending); it returns each complete event."""

    def __init__(self) -> None:
        self._fields: dict[str, str] = {}
        self.retry_ms: int | None = None
        self.comments = 0

    def feed(self, line: str) -> LiveEvent | None:
        if line.startswith(":"):
            self.comments += 1
            return None
        if line:
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "retry":
                if value.isdigit():
                    self.retry_ms = int(value)
            elif name in ("id", "event", "data"):
                known = self._fields.get(name)
                joined = known is not None and name == "data"  # data lines add up
                self._fields[name] = f"{known}\n{value}" if joined else value
            return None
        fields, self._fields = self._fields, {}
        if "data" not in fields:
            return None
        if "id" not in fields:
            log.warning("live events: a frame without an id was skipped")
            return None
        return _event(fields["id"], fields.get("event", "message"), fields["data"])
