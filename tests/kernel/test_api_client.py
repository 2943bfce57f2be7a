"""The async client against the real reference server."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from decimal import Decimal

import pytest

from kiosk_app.flows.product.lookup import lookup_by_gtin
from kiosk_app.kernel.api import (
    ApiClient,
    ApiTimeout,
    ApiUnavailable,
    IdempotencyKeyReused,
    InvalidRequest,
    NotFound,
    Timeouts,
    Unauthorized,
    UnexpectedResponse,
)
from kiosk_app.kernel.api.client import RequestOutcome
from kiosk_app.kernel.demo_server import DemoServer
from tests.conftest import own_demo_server, run


def client_for(server: DemoServer, token: str | None, **kwargs: object) -> ApiClient:
    return ApiClient(server.url, token=token, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "slow", latency_ms=600)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_typed_product_and_parallel_details(api_server: DemoServer, device_token: str) -> None:
    async def scenario() -> None:
        client = client_for(api_server, device_token)
        try:
            page = await client.search_products("basket", limit=3)
            assert page.total >= 3
            gtin = page.items[0].gtin
            details = await lookup_by_gtin(client, gtin)
            assert details.product.sku == page.items[0].sku
            assert isinstance(details.product.price, Decimal)
            assert any(v.sku == details.product.sku for v in details.variants)
            assert details.availability.sku == details.product.sku
            assert (
                details.availability.stores[0].distance_km
                <= details.availability.stores[-1].distance_km
            )
        finally:
            await client.aclose()

    run(scenario())


def test_typed_errors(api_server: DemoServer, device_token: str) -> None:
    async def scenario() -> None:
        client = client_for(api_server, device_token)
        try:
            with pytest.raises(NotFound):
                await client.product_by_gtin("4006381333931")
            with pytest.raises(InvalidRequest) as bad:
                await client.product_by_gtin("4006381333932")
            assert bad.value.slug == "invalid-gtin" and bad.value.status == 422
            with pytest.raises(UnexpectedResponse):
                await client.get("/docs")  # HTML, not JSON
            client.set_token("dvc_not-a-token")
            with pytest.raises(Unauthorized):
                await client.stores()
        finally:
            await client.aclose()

    run(scenario())


def test_unreachable_server_is_retried_then_reported() -> None:
    outcomes: list[RequestOutcome] = []

    async def scenario() -> None:
        client = ApiClient(f"http://127.0.0.1:{free_port()}", token="x", read_retries=2)
        client.add_outcome_listener(outcomes.append)
        try:
            with pytest.raises(ApiUnavailable):
                await client.stores()
        finally:
            await client.aclose()

    run(scenario())
    assert [o.kind for o in outcomes] == ["unreachable"] * 3  # first try + 2 retries


def test_timeout_is_typed(slow_server: DemoServer) -> None:
    async def scenario() -> None:
        client = ApiClient(
            slow_server.url, timeouts=Timeouts(connect=1, request=0.2), read_retries=0
        )
        try:
            with pytest.raises(ApiTimeout):
                await client.health()
        finally:
            await client.aclose()

    run(scenario())


def test_writes_carry_an_idempotency_key(api_server: DemoServer) -> None:
    async def scenario() -> None:
        client = client_for(api_server, None)
        key = str(uuid.uuid4())
        body = {
            "enrollment_token": "demo-enrollment",
            "store_code": "LYO01",
            "mode": "kiosk",
            "device_name": "k",
        }
        try:
            first = await client.post("/v1/devices/enroll", body, idempotency_key=key)
            second = await client.post("/v1/devices/enroll", body, idempotency_key=key)
            assert first == second
            with pytest.raises(IdempotencyKeyReused):
                await client.post(
                    "/v1/devices/enroll", {**body, "device_name": "other"}, idempotency_key=key
                )
            enrollment = await client.enroll("demo-enrollment", "LYO01", "kiosk", "k2")
            assert enrollment.token != first["token"]  # a fresh key per call
        finally:
            await client.aclose()

    run(scenario())


def test_a_read_after_the_client_closed_is_a_clear_api_error(api_server: DemoServer) -> None:
    """A screen's background read that finishes after the app closed its client (the
    pickup queue's offline copy) got a bare RuntimeError from httpx, logged as an error."""
    from kiosk_app.kernel.api.errors import ApiUnavailable

    async def scenario() -> None:
        client = ApiClient(api_server.url)
        await client.aclose()
        with pytest.raises(ApiUnavailable):
            await client.get("/v1/health")

    run(scenario())
