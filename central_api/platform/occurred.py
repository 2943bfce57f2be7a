"""When a write happened on the device, next to when the server received it.

Writes go through the app's outbox and may reach the server long after they happened (a
pickup handed over offline, synced an hour later). The app sends the moment the outbox entry
was written as ``Occurred-At`` (RFC 3339, with a time zone); the server keeps both: the
business time (``completed_at``, ``created_at``) is when it happened, ``recorded_at`` when the
server got it. Without the header both are the server's time.

A moment more than ``MAX_FUTURE_SKEW`` ahead of the server's clock (a device clock far off)
or older than ``MAX_AGE`` (longer than idempotency keys are kept: a replay that old could no
longer be recognised) is refused with 422 ``invalid-occurred-at``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Header

from central_api.platform.idempotency import RETENTION
from central_api.platform.problems import Problem

HEADER = "Occurred-At"
MAX_FUTURE_SKEW = timedelta(minutes=5)
MAX_AGE = RETENTION


@dataclass(frozen=True)
class WriteTime:
    """When the write happened on the device, if it said (``Occurred-At``)."""

    on_device: datetime | None = None

    def or_now(self, now: datetime) -> datetime:
        """When it happened: the device's time, else ``now`` (the server's)."""
        return self.on_device or now


def parse_occurred_at(text: str | None, now: datetime | None = None) -> WriteTime:
    """Parse and check an ``Occurred-At`` value against the server's clock."""
    received = now or datetime.now(UTC)
    if text is None or not text.strip():
        return WriteTime()
    try:
        occurred = datetime.fromisoformat(text.strip())
    except ValueError:
        raise _invalid(f"{text.strip()[:40]!r} is not an RFC 3339 date and time.") from None
    if occurred.tzinfo is None:
        raise _invalid("The time needs a time zone (e.g. 2026-05-04T09:30:00Z).")
    occurred = occurred.astimezone(UTC)
    if occurred > received + MAX_FUTURE_SKEW:
        raise _invalid(
            f"{occurred.isoformat()} is in the future for the server "
            f"({received.replace(microsecond=0).isoformat()}): check the device's clock."
        )
    if occurred < received - MAX_AGE:
        raise _invalid(
            f"{occurred.isoformat()} is more than {MAX_AGE.days} days ago: too old to be recorded."
        )
    return WriteTime(occurred)


def _invalid(detail: str) -> Problem:
    return Problem(422, "invalid-occurred-at", f"Invalid {HEADER} time", detail, header=HEADER)


async def occurred_at(
    value: Annotated[
        str | None,
        Header(
            alias=HEADER,
            description="When the write happened on the device (RFC 3339); default: now",
        ),
    ] = None,
) -> WriteTime:
    """FastAPI dependency: when the write happened (refusals are 422 ``invalid-occurred-at``)."""
    return parse_occurred_at(value)


Occurred = Annotated[WriteTime, Depends(occurred_at)]

__all__ = ["HEADER", "MAX_AGE", "MAX_FUTURE_SKEW", "Occurred", "WriteTime", "parse_occurred_at"]
