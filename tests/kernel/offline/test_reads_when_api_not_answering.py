"""An API that accepts connections and never answers is known fast, not after ~25 s.

A real socket: the fault proxy accepts and holds every answer (``DELAY_RESPONSE``, 60 s) in
front of the real reference server; the client is configured as the app configures it
(``kiosk_app.app.build_client`` with the default settings: 8 s per request, 2 retries).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app.app import build_client
from kiosk_app.kernel.api import ApiTimeout, Timeouts
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.config import Settings
from kiosk_app.kernel.connection import ConnectionState
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.offline.read_cache import open_read_cache
from tests.conftest import enroll, own_demo_server, run
from tests.support.faultproxy import FaultMode, FaultProxy

#: the user is told within this (the old behaviour: 3 x 8 s plus backoff)
PROMPT_S = 3.0


@pytest.fixture
def silent(api_server: DemoServer) -> Iterator[FaultProxy]:
    port = int(api_server.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as proxy:
        yield proxy


def test_a_read_from_an_api_that_never_answers_fails_fast_and_the_link_is_offline(
    silent: FaultProxy, device_token: str, tmp_path: Path
) -> None:
    client, monitor = build_client(Settings(api_url=silent.url, data_dir=tmp_path))
    client.set_token(device_token)
    cache = open_read_cache(tmp_path / "cache")
    client.set_read_cache(cache)

    async def scenario() -> tuple[float, float]:
        try:
            stores = await client.stores()  # answered: kept in the read cache
            silent.set_mode(FaultMode.DELAY_RESPONSE, delay_s=60)  # accepts, never answers
            started = time.monotonic()
            with pytest.raises(ApiTimeout):
                await client.product_by_gtin("4006381333931")  # never read before
            refused_after = time.monotonic() - started
            started = time.monotonic()
            again = await client.stores()  # the cached answer, promptly
            served_after = time.monotonic() - started
            assert [s.code for s in again] == [s.code for s in stores]
            return refused_after, served_after
        finally:
            await client.aclose()
            cache.close()

    refused_after, served_after = run(scenario())
    assert refused_after < PROMPT_S, refused_after
    assert served_after < PROMPT_S, served_after
    assert monitor.state.value is ConnectionState.OFFLINE


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "slow-probe", latency_ms=600)


def test_a_slow_api_that_answers_is_waited_for(slow_server: DemoServer) -> None:
    """The probe fires (the read is slower than ``probe_after``) but the API answers it."""
    token = enroll(slow_server.url)
    client = ApiClient(
        slow_server.url, token=token, timeouts=Timeouts(probe_after=0.2), read_retries=0
    )

    async def scenario() -> int:
        try:
            return len(await client.stores())
        finally:
            await client.aclose()

    assert run(scenario()) > 0


def test_slow_reads_at_once_share_one_probe(silent: FaultProxy, device_token: str) -> None:
    """A screen sends several reads at once: one health probe answers for all of them."""
    client = ApiClient(silent.url, token=device_token)

    async def scenario() -> tuple[int, float]:
        try:
            await client.stores()
            silent.set_mode(FaultMode.DELAY_RESPONSE, delay_s=60)
            accepted = silent.stats.accepted
            started = time.monotonic()
            reads = [client.product_by_sku(f"SKU-{n}") for n in range(5)]
            outcomes = await asyncio.gather(*reads, return_exceptions=True)
            assert all(isinstance(o, ApiTimeout) for o in outcomes), outcomes
            return silent.stats.accepted - accepted, time.monotonic() - started
        finally:
            await client.aclose()

    connections, waited = run(scenario())
    assert connections <= 6, connections  # five reads, one probe (not five)
    assert waited < PROMPT_S, waited
