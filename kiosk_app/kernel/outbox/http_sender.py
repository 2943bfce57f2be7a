"""Sends outbox entries with httpx and sorts every possible answer into a :class:`SendOutcome`.

The one distinction that matters for exactly-once delivery is whether the request may have
reached the server: a connect failure never did (``NOT_SENT``), while a timeout, reset or
garbled answer after the request was written might have been applied (``UNKNOWN``). Both are
retried with the same idempotency key, so the server applies the operation at most once.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from kiosk_app.kernel.outbox.entry import OutboxEntry, Problem
from kiosk_app.kernel.outbox.outcome import OutcomeKind, SendOutcome

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
#: when the write happened here (the entry's creation), so that the server records that
#: rather than when the write reached it
OCCURRED_AT_HEADER = "Occurred-At"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_REUSED_SUFFIX = "/idempotency-key-reused"
IN_PROGRESS_SUFFIX = "/idempotency-in-progress"
_RETRYABLE_4XX = frozenset({408, 425, 429})
# Failures raised before a single byte of the request left the device.
_NOT_SENT_ERRORS = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.UnsupportedProtocol,
)


class HttpxSender:
    """POSTs ``entry.path`` with the JSON body, the entry's ``Idempotency-Key`` and its
    creation time as ``Occurred-At``.

    ``client`` is the app's shared client (its base URL, timeouts and pool are used). With
    ``base_url_relative`` (the default) entry paths must be relative to that base URL.
    ``headers`` is asked for extra headers (e.g. ``Authorization``) on every send.
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        base_url_relative: bool = True,
        *,
        headers: Callable[[], Mapping[str, str]] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._relative = base_url_relative
        self._headers = headers
        self._clock = clock

    async def send(self, entry: OutboxEntry) -> SendOutcome:
        target = urlsplit(entry.path)
        if self._relative and (target.scheme or target.netloc):
            problem = Problem(title="Absolute URL in a relative outbox entry", detail=entry.path)
            return SendOutcome(OutcomeKind.REJECTED, problem=problem, error="bad entry path")
        headers = dict(self._headers() if self._headers else {})
        headers[IDEMPOTENCY_KEY_HEADER] = entry.idempotency_key
        headers[OCCURRED_AT_HEADER] = occurred_at(entry.created_at)
        try:
            response = await self._client.request(
                entry.method, entry.path, json=entry.body, headers=headers
            )
        except _NOT_SENT_ERRORS as exc:
            return SendOutcome(OutcomeKind.NOT_SENT, error=_describe(exc))
        except httpx.RequestError as exc:  # timeouts, resets, protocol errors after sending
            return SendOutcome(OutcomeKind.UNKNOWN, error=_describe(exc))
        return classify_response(response, now=self._clock())


def occurred_at(created_at: float) -> str:
    """An entry's creation time (epoch seconds) as RFC 3339 UTC, to the millisecond."""
    moment = datetime.fromtimestamp(created_at, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def classify_response(response: httpx.Response, *, now: float) -> SendOutcome:
    status = response.status_code
    body, is_json = _read_body(response)
    retry_after = parse_retry_after(response.headers.get("Retry-After"), now=now)
    if 200 <= status < 300:
        if not is_json:  # e.g. a captive portal's login page: not our API, not delivered
            return SendOutcome(
                OutcomeKind.RETRY_LATER, status_code=status, error="2xx answer that is not JSON"
            )
        replayed = response.headers.get(REPLAYED_HEADER, "").lower() == "true"
        return SendOutcome(OutcomeKind.DELIVERED, status_code=status, body=body, replayed=replayed)
    problem = Problem.from_body(status, body)
    if status == 409 and problem.type.endswith(IN_PROGRESS_SUFFIX):
        # The same key is being processed right now (another process sent it too): the
        # server will have one answer for it shortly; ask again, it is not a conflict.
        return SendOutcome(OutcomeKind.RETRY_LATER, status_code=status, body=body, problem=problem)
    if status == 409:
        return SendOutcome(OutcomeKind.CONFLICT, status_code=status, body=body, problem=problem)
    if status in _RETRYABLE_4XX or status >= 500 or status < 400:
        # 3xx: something (a captive portal, a proxy) redirected us; the API never does.
        return SendOutcome(
            OutcomeKind.RETRY_LATER,
            status_code=status,
            body=body,
            problem=problem,
            retry_after=retry_after,
        )
    error = None
    if problem.type.endswith(KEY_REUSED_SUFFIX):
        error = "the server holds this idempotency key for a different request"
    return SendOutcome(
        OutcomeKind.REJECTED, status_code=status, body=body, problem=problem, error=error
    )


def parse_retry_after(value: str | None, *, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # HTTP dates are always GMT
        return None
    return max(0.0, when.timestamp() - now)


def _read_body(response: httpx.Response) -> tuple[Any, bool]:
    """(body, is_json): parsed JSON when the answer is JSON, else its text (or None)."""
    if not response.content:
        return None, True
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media_type == "application/json" or media_type.endswith("+json"):
        try:
            return response.json(), True
        except ValueError:
            pass
    return response.text[:2000], False


def _describe(exc: Exception) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
