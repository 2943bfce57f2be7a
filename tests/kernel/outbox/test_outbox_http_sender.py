"""HttpxSender sorts every answer (and every failure) into the right outcome."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from kiosk_app.kernel.outbox import (
    EntryStatus,
    HttpxSender,
    LinkOutcome,
    OutboxEntry,
    OutcomeKind,
    SendOutcome,
    parse_retry_after,
)

NOW = 1_700_000_000.0  # 2023-11-14T22:13:20Z
PROBLEM = "application/problem+json"
Handler = Callable[[httpx.Request], httpx.Response]


def _entry(path: str = "/v1/pickups/o-1/complete") -> OutboxEntry:
    return OutboxEntry(
        id=7,
        op="pickup.complete",
        method="POST",
        path=path,
        body={"order_id": "o-1", "qty": 2},
        idempotency_key="5b0c6a2e-3f0e-4f57-9a55-7a4c3c2f6a11",
        status=EntryStatus.IN_FLIGHT,
        created_at=NOW,
    )


def _send(handler: Handler, entry: OutboxEntry | None = None, **kwargs: Any) -> SendOutcome:
    async def go() -> SendOutcome:
        transport = httpx.MockTransport(handler)
        async with httpx.AsyncClient(base_url="https://api.test/", transport=transport) as client:
            sender = HttpxSender(client, clock=lambda: NOW, **kwargs)
            return await sender.send(entry or _entry())

    return asyncio.run(go())


def _answer(
    status: int, body: Any = None, *, media: str = "application/json", **headers: str
) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        content = b"" if body is None else json.dumps(body).encode()
        return httpx.Response(status, content=content, headers={"Content-Type": media, **headers})

    return handler


def _raise(exc: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def test_posts_the_json_body_with_the_idempotency_key_and_extra_headers() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"ok": True})

    outcome = _send(handler, headers=lambda: {"Authorization": "Bearer t"})
    assert outcome.kind is OutcomeKind.DELIVERED
    request = seen[0]
    assert request.method == "POST"
    assert str(request.url) == "https://api.test/v1/pickups/o-1/complete"
    assert request.headers["Idempotency-Key"] == _entry().idempotency_key
    assert request.headers["Authorization"] == "Bearer t"
    assert json.loads(request.content) == {"order_id": "o-1", "qty": 2}
    # when the write happened here (the entry's creation), not when it is sent
    occurred = datetime.fromisoformat(request.headers["Occurred-At"])
    assert occurred.tzinfo is not None and occurred.timestamp() == pytest.approx(NOW, abs=1e-3)


def test_2xx_is_delivered_with_status_and_json() -> None:
    outcome = _send(_answer(201, {"pickup": "done"}))
    assert (outcome.kind, outcome.status_code, outcome.body) == (
        OutcomeKind.DELIVERED,
        201,
        {"pickup": "done"},
    )
    assert not outcome.replayed
    assert outcome.link is LinkOutcome.OK


def test_a_replayed_answer_is_flagged() -> None:
    outcome = _send(_answer(201, {"pickup": "done"}, **{"Idempotent-Replayed": "true"}))
    assert outcome.kind is OutcomeKind.DELIVERED
    assert outcome.replayed


def test_204_without_body_is_delivered() -> None:
    outcome = _send(_answer(204))
    assert (outcome.kind, outcome.body) == (OutcomeKind.DELIVERED, None)


def test_a_2xx_page_that_is_not_json_is_not_taken_for_delivery() -> None:
    def portal(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>Store Wi-Fi login</html>")

    outcome = _send(portal)
    assert outcome.kind is OutcomeKind.RETRY_LATER
    assert not outcome.maybe_applied


def test_409_is_a_conflict_with_the_problem_details() -> None:
    problem = {
        "type": "https://api.test/problems/already-collected",
        "title": "Already collected",
        "status": 409,
        "detail": "Collected at store PAR02",
        "collected_by": "PAR02",
    }
    outcome = _send(_answer(409, problem, media=PROBLEM))
    assert outcome.kind is OutcomeKind.CONFLICT
    assert outcome.problem is not None
    assert outcome.problem.type.endswith("/already-collected")
    assert outcome.problem.detail == "Collected at store PAR02"
    assert outcome.problem.extensions == {"collected_by": "PAR02"}
    assert outcome.link is LinkOutcome.HTTP_ERROR


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_other_4xx_are_permanent_failures(status: int) -> None:
    outcome = _send(_answer(status, {"type": "about:blank", "title": "No", "status": status}))
    assert outcome.kind is OutcomeKind.REJECTED
    assert outcome.problem is not None
    assert outcome.problem.status == status


def test_key_reused_is_a_permanent_failure_that_says_so() -> None:
    body = {"type": "https://api.test/problems/idempotency-key-reused", "status": 422}
    outcome = _send(_answer(422, body, media=PROBLEM))
    assert outcome.kind is OutcomeKind.REJECTED
    assert outcome.error is not None
    assert "different request" in outcome.error


@pytest.mark.parametrize("status", [408, 425, 429])
def test_retryable_4xx_honour_retry_after_seconds(status: int) -> None:
    outcome = _send(_answer(status, {"status": status}, media=PROBLEM, **{"Retry-After": "17"}))
    assert outcome.kind is OutcomeKind.RETRY_LATER
    assert outcome.retry_after == 17.0
    assert not outcome.maybe_applied


def test_retry_after_as_an_http_date() -> None:
    headers = {"Retry-After": "Tue, 14 Nov 2023 22:15:20 GMT"}
    outcome = _send(_answer(503, None, **headers))
    assert outcome.kind is OutcomeKind.RETRY_LATER
    assert outcome.retry_after == 120.0


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_are_retried_and_may_have_been_applied(status: int) -> None:
    outcome = _send(_answer(status, {"status": status}, media=PROBLEM))
    assert outcome.kind is OutcomeKind.RETRY_LATER
    assert outcome.maybe_applied
    assert outcome.link is LinkOutcome.SERVER_ERROR


def test_a_redirect_is_retried_not_followed() -> None:
    outcome = _send(_answer(302, None, Location="https://portal.test/login"))
    assert outcome.kind is OutcomeKind.RETRY_LATER


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow handshake"),
        httpx.PoolTimeout("pool full"),
    ],
)
def test_failures_before_sending_are_not_sent(exc: Exception) -> None:
    outcome = _send(_raise(exc))
    assert outcome.kind is OutcomeKind.NOT_SENT
    assert outcome.retryable
    assert not outcome.maybe_applied
    assert outcome.link is LinkOutcome.UNREACHABLE


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ReadTimeout("no answer"),
        httpx.ReadError("connection reset by peer"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.WriteTimeout("stuck"),
        httpx.WriteError("broken pipe"),
    ],
)
def test_failures_after_sending_are_unknown(exc: Exception) -> None:
    outcome = _send(_raise(exc))
    assert outcome.kind is OutcomeKind.UNKNOWN
    assert outcome.retryable
    assert outcome.maybe_applied
    assert outcome.link is LinkOutcome.TIMEOUT
    assert outcome.error is not None
    assert type(exc).__name__ in outcome.error


@pytest.mark.parametrize("path", ["https://elsewhere.test/steal", "//elsewhere.test/steal"])
def test_an_absolute_url_in_a_relative_sender_is_rejected_unsent(path: str) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={})

    outcome = _send(handler, _entry(path))
    assert outcome.kind is OutcomeKind.REJECTED
    assert seen == []


def test_absolute_urls_are_allowed_when_not_relative() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={})

    outcome = _send(handler, _entry("https://other.test/v1/x"), base_url_relative=False)
    assert outcome.kind is OutcomeKind.DELIVERED
    assert seen == ["https://other.test/v1/x"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("0", 0.0),
        (" 30 ", 30.0),
        ("Tue, 14 Nov 2023 22:13:50 GMT", 30.0),
        ("Tue, 14 Nov 2023 22:00:00 GMT", 0.0),  # in the past
        ("soon", None),
        ("-5", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == expected
