"""Searches match ``%`` and ``_`` literally; every route authenticates before it reads the
body. On SQLite and on PostgreSQL.

``q=%%`` listed every customer with e-mail, phone and loyalty number; an unauthenticated
request with a malformed body got 400/422, which told a stranger about the body's shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.engines import ENGINES, device_client, engine_server, slug

#: the routes anyone may call (enrollment presents the enrollment token in its body)
PUBLIC = {("GET", "/v1/health"), ("POST", "/v1/devices/enroll")}


@pytest.fixture(scope="module", params=ENGINES)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoServer]:
    with engine_server(request.param, tmp_path_factory.mktemp("search-auth")) as server:
        yield server


@pytest.fixture(scope="module")
def http(server: DemoServer) -> Iterator[httpx.Client]:
    with device_client(server) as client:
        yield client


@pytest.mark.parametrize(
    ("path", "wildcards"),
    [
        ("/v1/customers", ["%%", "__", "%_", "a%"]),
        ("/v1/products", ["%", "_", "%%", "_%_"]),
        ("/v1/pickups", ["%", "_", "%%"]),
    ],
)
def test_search_wildcards_match_literally(
    http: httpx.Client, path: str, wildcards: list[str]
) -> None:
    for q in wildcards:
        answer = http.get(path, params={"q": q})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        found = body if isinstance(body, list) else body["items"]
        assert found == [], (path, q, found[:2])


def test_a_search_still_finds_what_contains_an_underscore_or_percent(http: httpx.Client) -> None:
    customers = http.get("/v1/customers", params={"q": "martin"}).json()["items"]
    email = customers[0]["email"]
    assert http.get("/v1/customers", params={"q": email}).json()["total"] >= 1
    assert http.get("/v1/customers", params={"q": email.replace("@", "_")}).json()["total"] == 0


def test_every_route_authenticates_before_reading_the_body(server: DemoServer) -> None:
    """No credentials, a bad one, with a malformed or an invalid body, with or without an
    Idempotency-Key: always 401, whatever the body."""
    doc = httpx.get(server.url + "/openapi.json").json()
    bodies: list[dict[str, object]] = [
        {"content": b"{not json", "headers": {"Content-Type": "application/json"}},
        {"json": {"lines": "many", "surprise": True}},
        {"json": [1, 2, 3], "headers": {"Idempotency-Key": "k1"}},
        {"content": b"", "headers": {"Idempotency-Key": "x" * 500}},
    ]
    walked = 0
    with httpx.Client(base_url=server.url, timeout=30) as anonymous:
        for path, ops in doc["paths"].items():
            url = re.sub(r"\{[^}]+\}", "W00010001", path)
            for method in ops:
                if (method.upper(), path) in PUBLIC:
                    continue
                for auth in ({}, {"Authorization": "Bearer dvc_forged"}):
                    for body in bodies:
                        headers = {**auth, **body.get("headers", {})}  # type: ignore[dict-item]
                        kwargs = {k: v for k, v in body.items() if k != "headers"}
                        answer = anonymous.request(method, url, headers=headers, **kwargs)  # type: ignore[arg-type]
                        assert answer.status_code == 401, (method, path, auth, body, answer.text)
                        assert slug(answer) in ("unauthorized", "invalid-token")
                walked += 1
    assert walked >= 40
