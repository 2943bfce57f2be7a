"""The client's connection pool against the real reference server: parallel requests each
get a connection of their own, at once, and the pool still keeps its limits."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpcore
import httpx
import pytest

from kiosk_app.kernel.api import ApiClient, ApiTimeout
from kiosk_app.kernel.api.pool import (
    ApiTransport,
    OneRequestPerConnectionPool,
    keepalive_socket_options,
)
from kiosk_app.kernel.demo_server import DemoServer
from tests.conftest import enroll, own_demo_server, run


@pytest.fixture(scope="module")
def wan_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """+40 ms per request, so parallel requests are in flight together."""
    yield from own_demo_server(tmp_path_factory, "pool", latency_ms=40)


@pytest.fixture
def starts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every time the pool asks a connection to carry a request (ids of the connections)."""
    calls: list[int] = []
    original = httpcore.AsyncHTTPConnection.handle_async_request

    async def counted(self: httpcore.AsyncHTTPConnection, request: httpcore.Request) -> Any:
        calls.append(id(self))
        return await original(self, request)

    monkeypatch.setattr(httpcore.AsyncHTTPConnection, "handle_async_request", counted)
    return calls


@contextlib.asynccontextmanager
async def pooled(
    server: DemoServer, **limits: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, OneRequestPerConnectionPool]]:
    """An httpx client over the app's transport with these ``httpx.Limits``."""
    transport = ApiTransport(True, httpx.Limits(**limits))
    async with httpx.AsyncClient(base_url=server.url, transport=transport) as http:
        yield http, transport.pool


def pool_of(client: ApiClient) -> OneRequestPerConnectionPool:
    transport = client.http._transport  # the client's default transport
    assert isinstance(transport, ApiTransport)
    return transport.pool


def test_parallel_reads_start_at_once_each_on_its_own_connection(
    wan_server: DemoServer, starts: list[int]
) -> None:
    async def scenario() -> None:
        client = ApiClient(wan_server.url, token=enroll(wan_server.url))
        paths = ["/v1/health", "/v1/devices/me", "/v1/stores", "/v1/loyalty/keys", "/v1/health"]
        try:
            for _round in range(4):  # the first round opens them, the next ones reuse them
                starts.clear()
                answers = await asyncio.gather(*(client.get(p) for p in paths))
                assert all(answers)
                # each request was put on a connection once: none was handed a busy one
                assert len(starts) == len(paths)
                assert len(set(starts)) == len(paths)
            assert len(pool_of(client).connections) == len(paths)
        finally:
            await client.aclose()

    run(scenario())


def test_the_pool_keeps_its_connection_limit_and_queues_the_rest(
    wan_server: DemoServer, starts: list[int]
) -> None:
    async def scenario() -> None:
        async with pooled(wan_server, max_connections=2, max_keepalive_connections=2) as (
            http,
            pool,
        ):
            answers = await asyncio.gather(*(http.get("/v1/health") for _ in range(7)))
            assert [a.status_code for a in answers] == [200] * 7
            assert len(set(starts)) == 2  # two connections carried all seven, in turn
            assert len(starts) == 7
            assert len(pool.connections) == 2

    run(scenario())


def test_idle_connections_beyond_keepalive_are_closed(wan_server: DemoServer) -> None:
    async def scenario() -> None:
        async with pooled(wan_server, max_connections=10, max_keepalive_connections=2) as (
            http,
            pool,
        ):
            await asyncio.gather(*(http.get("/v1/health") for _ in range(5)))
            assert len(pool.connections) == 2
            assert all(c.is_idle() for c in pool.connections)

    run(scenario())


def test_an_expired_keepalive_connection_is_replaced(wan_server: DemoServer) -> None:
    async def scenario() -> None:
        async with pooled(wan_server, keepalive_expiry=0.05) as (http, pool):
            assert (await http.get("/v1/health")).status_code == 200
            first = pool.connections[0]
            await asyncio.sleep(0.1)
            assert (await http.get("/v1/health")).status_code == 200
            assert len(pool.connections) == 1
            assert pool.connections[0] is not first
            assert first.is_closed()

    run(scenario())


def test_a_cancelled_request_frees_its_place_for_the_others(wan_server: DemoServer) -> None:
    async def scenario() -> None:
        async with pooled(wan_server, max_connections=1, max_keepalive_connections=1) as (
            http,
            pool,
        ):
            first = asyncio.ensure_future(http.get("/v1/health"))
            waiting = asyncio.ensure_future(http.get("/v1/health"))
            last = asyncio.ensure_future(http.get("/v1/health"))
            await asyncio.sleep(0.01)
            waiting.cancel()  # still queued behind the first
            assert (await first).status_code == 200
            assert (await last).status_code == 200
            with pytest.raises(asyncio.CancelledError):
                await waiting
            first.cancel()  # done already: nothing happens
            running = asyncio.ensure_future(http.get("/v1/health"))
            await asyncio.sleep(0.01)
            running.cancel()  # in flight on the only connection
            with pytest.raises(asyncio.CancelledError):
                await running
            assert (await http.get("/v1/health")).status_code == 200
            assert len(pool.connections) == 1

    run(scenario())


PANEL_PATHS = ["/v1/health", "/v1/devices/me", "/v1/stores", "/v1/loyalty/keys", "/v1/health"]


def test_connections_outlive_a_pause_between_customers(
    wan_server: DemoServer, starts: list[int]
) -> None:
    """The next customer, 6 s after the last, finds the same connections: with httpx's and
    uvicorn's 5 s defaults, each of their panels opened a new one (TCP and TLS handshakes
    over the store's WAN)."""

    async def scenario() -> None:
        client = ApiClient(wan_server.url, token=enroll(wan_server.url))
        try:
            await asyncio.gather(*(client.get(p) for p in PANEL_PATHS))
            opened = {id(c) for c in pool_of(client).connections}
            assert len(opened) == len(PANEL_PATHS)
            await asyncio.sleep(6.0)
            starts.clear()
            await asyncio.gather(*(client.get(p) for p in PANEL_PATHS))
            assert set(starts) == opened  # no connection was opened for them
        finally:
            await client.aclose()

    run(scenario())


def test_idle_connections_are_probed_by_tcp_keepalive(wan_server: DemoServer) -> None:
    async def scenario() -> None:
        async with pooled(wan_server) as (http, _pool):
            response = await http.get("/v1/health")
            raw: socket.socket = response.extensions["network_stream"].get_extra_info("socket")
            options = {
                "keepalive": raw.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
                "idle": raw.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE),
                "interval": raw.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL),
                "count": raw.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT),
            }
            assert options == {"keepalive": 1, "idle": 15, "interval": 5, "count": 3}

    run(scenario())


def test_a_network_failure_closes_the_other_idle_connections(wan_server: DemoServer) -> None:
    """They were opened over the same path and may be dead too: a retry opens its own."""

    async def scenario() -> None:
        client = ApiClient(wan_server.url, token=enroll(wan_server.url), read_retries=0)
        try:
            await asyncio.gather(*(client.get("/v1/health") for _ in range(3)))
            assert len(pool_of(client).connections) == 3
            client.http.timeout = httpx.Timeout(0.01)  # shorter than the server's 40 ms
            with pytest.raises(ApiTimeout):
                await client.get("/v1/health")
            assert pool_of(client).connections == []
            client.http.timeout = httpx.Timeout(5.0)
            assert (await client.get("/v1/health"))["status"] == "ok"
        finally:
            await client.aclose()

    run(scenario())


def test_keepalive_options_the_system_refuses_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """Set on every new connection, a refused option would fail them all."""
    original = socket.socket.setsockopt

    def older_windows(self: socket.socket, level: int, option: int, value: Any) -> None:
        if option == socket.TCP_KEEPCNT:
            raise OSError(10042, "option not supported")
        original(self, level, option, value)

    monkeypatch.setattr(socket.socket, "setsockopt", older_windows)
    options = keepalive_socket_options()
    assert [option for _level, option, _value in options] == [
        socket.SO_KEEPALIVE,
        socket.TCP_KEEPIDLE,
        socket.TCP_KEEPINTVL,
    ]
