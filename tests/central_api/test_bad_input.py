"""Bad input gets a clear 4xx problem on both engines, never a 500 nor a huge answer.

On PostgreSQL a NUL byte in a path id or a search was a 500 and a dropped connection, and a
POST path over 300 characters a 500 (the replay record could not hold it); a 7.8 MB invalid
body froze the server and was answered with 52 MB of errors; line lists had no maximum.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.engines import ENGINES, device_client, engine_server, key, slug


@pytest.fixture(scope="module", params=ENGINES)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoServer]:
    with engine_server(request.param, tmp_path_factory.mktemp("bad-input")) as server:
        yield server


@pytest.fixture(scope="module")
def http(server: DemoServer) -> Iterator[httpx.Client]:
    with device_client(server) as client:
        yield client


def operations(http: httpx.Client) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every (method, path template, operation) of the server's OpenAPI document."""
    for path, ops in http.get("/openapi.json").json()["paths"].items():
        for method, op in ops.items():
            yield method.upper(), path, op


def filled(path: str, value: str = "X1") -> str:
    return re.sub(r"\{[^}]+\}", value, path)


def test_nul_in_any_path_parameter_is_a_clear_400(http: httpx.Client) -> None:
    walked = 0
    for method, path, op in operations(http):
        names = [p["name"] for p in op.get("parameters", []) if p["in"] == "path"]
        for name in names:
            url = filled(path.replace("{" + name + "}", "A%00B"))
            answer = http.request(method, url, json={}, headers=key())
            assert answer.status_code == 400, (method, url, answer.status_code, answer.text)
            assert slug(answer) == "invalid-character"
            walked += 1
    assert walked >= 20
    assert http.get("/v1/stores").status_code == 200  # the connection still serves


def test_nul_in_any_query_string_is_a_clear_400(http: httpx.Client) -> None:
    walked = 0
    for method, path, op in operations(http):
        for param in op.get("parameters", []):
            if param["in"] != "query" or param["schema"].get("type") == "integer":
                continue
            answer = http.request(method, filled(path), params={param["name"]: "mar\x00tin"})
            assert answer.status_code == 400, (method, path, param["name"], answer.text)
            assert slug(answer) == "invalid-character"
            walked += 1
    assert walked >= 10


def test_nul_in_a_body_string_is_a_clear_400(http: httpx.Client) -> None:
    body = {"order_number": "W00010001\u0000", "lines": [{"line_no": 1, "quantity": 1}]}
    answer = http.post("/v1/returns/approvals", json=body, headers=key())
    assert answer.status_code == 400 and slug(answer) == "invalid-character"
    answer = http.post("/v1/availability/batch", json={"skus": ["A\u0000"]}, headers=key())
    assert answer.status_code == 400 and slug(answer) == "invalid-character"


def test_an_overlong_path_is_414_before_the_database(http: httpx.Client) -> None:
    for method, path, length in (
        ("POST", "/v1/pickups/{n}/qr", 301),
        ("POST", "/v1/pickups/{n}/check-in", 400),
        ("POST", "/v1/orders/{n}/refund-quote", 400),
        ("GET", "/v1/pickups/{n}", 3000),
    ):
        answer = http.request(method, filled(path, "W" * length), json={}, headers=key())
        assert answer.status_code == 414, (path, answer.text)
        assert slug(answer) == "uri-too-long"
    loyalty_code_sized = http.get(filled("/v1/pickups/{n}", "W" * 400))
    assert loyalty_code_sized.status_code == 404  # a read's long id is only unknown


def test_a_body_over_the_limit_is_refused_unread(http: httpx.Client) -> None:
    big = b'{"skus": ["' + b"A" * 8_000_000 + b'"]}'
    started = time.monotonic()
    answer = http.post(
        "/v1/availability/batch",
        content=big,
        headers={**key(), "Content-Type": "application/json"},
    )
    assert answer.status_code == 413 and slug(answer) == "body-too-large"
    assert len(answer.content) < 1000 and time.monotonic() - started < 5

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"skus": ['
        for _ in range(2000):
            yield b'"' + b"B" * 998 + b'",'
        yield b'"C"]}'

    answer = http.post(
        "/v1/availability/batch",
        content=chunks(),
        headers={**key(), "Content-Type": "application/json"},
    )
    assert answer.status_code == 413 and slug(answer) == "body-too-large"


def test_a_validation_answer_is_bounded_and_never_echoes_the_input(http: httpx.Client) -> None:
    secret = "Z" * 2000
    body = {"order_number": "W00010001", "lines": [{"line_no": secret}] * 90}
    answer = http.post("/v1/returns", json=body, headers=key())
    assert answer.status_code == 422 and slug(answer) == "validation"
    assert len(answer.content) < 5000 and secret not in answer.text
    assert len(answer.json()["errors"]) <= 10


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/returns", {"order_number": "W00010001", "lines": "RETURN_LINES"}),
        ("/v1/orders/W00010001/refund-quote", {"lines": "QUOTE_LINES"}),
        ("/v1/pickups/W00010001/complete", {"lines": "PICK_LINES", "verification": {}}),
    ],
)
def test_line_lists_have_a_maximum(http: httpx.Client, path: str, body: dict[str, Any]) -> None:
    line = {
        "RETURN_LINES": {
            "line_no": 1,
            "quantity": 1,
            "reason": "wrong_size",
            "condition": "as_new",
            "disposition": "back_to_stock",
        },
        "QUOTE_LINES": {"line_no": 1, "quantity": 1},
        "PICK_LINES": {"line_no": 1, "picked": 1},
    }[body["lines"]]
    answer = http.post(path, json={**body, "lines": [line] * 1000}, headers=key())
    assert answer.status_code == 422, answer.text
    assert any(
        e["location"] == "body.lines" and "at most" in e["message"] for e in answer.json()["errors"]
    ), answer.text


def test_every_write_body_refuses_an_unknown_field(http: httpx.Client) -> None:
    walked = 0
    for method, path, op in operations(http):
        if "requestBody" not in op:
            continue
        answer = http.request(method, filled(path), json={"surprise": 1}, headers=key())
        assert answer.status_code == 422, (path, answer.text)
        errors = answer.json()["errors"]
        assert {"location": "body.surprise", "message": "Extra inputs are not permitted"} in (
            errors
        ), (path, errors)
        walked += 1
    assert walked >= 14


@pytest.mark.parametrize("fake", [True, "1", 1.0])
def test_numbers_and_booleans_are_strict(http: httpx.Client, fake: Any) -> None:
    lines = [{"sku": "X", "quantity": fake}]
    options = {"lines": lines, "destination": {"type": "this_store"}}
    answer = http.post("/v1/fulfilment-options", json=options, headers=key())
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["location"] == "body.lines.0.quantity"
    quote = {"lines": [{"line_no": 1, "quantity": fake}]}
    answer = http.post("/v1/orders/W00010001/refund-quote", json=quote)
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["location"] == "body.lines.0.quantity"
    pick = {"lines": [{"line_no": fake, "picked": 1}], "verification": {"method": "pickup_code"}}
    answer = http.post("/v1/pickups/W00010001/complete", json=pick, headers=key())
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["location"] == "body.lines.0.line_no"
    guest = {"guest": {"email": "a@example.com", "consent": fake if fake is not True else 1}}
    order = {**options, "lines": [{"sku": "X", "quantity": 1}], "option_id": "o", "customer": guest}
    answer = http.post("/v1/endless-aisle/orders", json=order, headers=key())
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["location"] == "body.customer.guest.consent"
