"""The read cache behind the API client: real server, real SQLite, the network cut for real.

Offline here is a fault proxy that stops listening: connects are refused by the OS, exactly
what a dead store network looks like to the client.
"""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from kiosk_app.kernel.api.client import ApiClient, Timeouts
from kiosk_app.kernel.api.errors import ApiUnavailable
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.offline.freshness import track_cached_reads
from kiosk_app.kernel.offline.read_cache import (
    CACHE_FILE_NAME,
    KEY_FILE_NAME,
    Protection,
    ReadCache,
    Sensitivity,
    cache_key,
    describe_protection,
    keyring_protection,
    open_read_cache,
    sensitivity,
)
from tests.support.faultproxy import FaultMode, FaultProxy

GTIN = "3760123000017"


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A headless machine: keyring finds no backend."""
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def proxy(api_server: DemoServer) -> Iterator[FaultProxy]:
    port = int(api_server.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as running:
        yield running


def _client(url: str, token: str, cache: ReadCache) -> ApiClient:
    client = ApiClient(url, token=token, timeouts=Timeouts(connect=1, request=5), read_retries=0)
    client.set_read_cache(cache)
    return client


def test_what_is_cached_and_how() -> None:
    assert sensitivity("/v1/products/gtin/" + GTIN) is Sensitivity.PUBLIC
    assert sensitivity("/v1/products/sku/X/availability") is Sensitivity.PUBLIC
    assert sensitivity("/v1/products") is Sensitivity.PUBLIC
    assert sensitivity("/v1/stores") is Sensitivity.PUBLIC
    assert sensitivity("/v1/pickups/keys") is Sensitivity.PUBLIC
    assert sensitivity("/v1/pickups") is Sensitivity.PERSONAL
    assert sensitivity("/v1/pickups/CC-1/") is Sensitivity.PERSONAL
    assert sensitivity("/v1/pickups/by-code/123456") is Sensitivity.PERSONAL
    for never in (
        "/v1/customers",
        "/v1/customers/C123/cart",
        "/v1/loyalty/resolve",
        "/v1/endless-aisle/customers/X",
        "/v1/devices/me",
        "/v1/returns/R1",
        "/v1/health",
    ):
        assert sensitivity(never) is Sensitivity.NEVER, never
    assert cache_key("/v1/products", {"q": "a", "limit": 3}) == cache_key(
        "/v1/products", {"limit": "3", "q": "a"}
    )
    assert cache_key("/v1/products", {"q": None}) == "/v1/products"


def test_file_is_private_and_personal_data_is_not_kept_without_a_keyring(
    tmp_path: Path, no_keyring: None
) -> None:
    tmp_path = tmp_path / "data"
    protection = keyring_protection()
    assert not protection.personal_data_cached
    assert "personal data is not cached" in protection.detail
    cache = ReadCache(tmp_path / CACHE_FILE_NAME, protection=protection)
    try:
        cache.store("/v1/pickups", {"status": "active"}, [{"customer_name": "Camille Martin"}])
        cache.store("/v1/customers/C1", None, {"name": "Camille Martin"})
        cache.store("/v1/products/gtin/" + GTIN, None, {"sku": "S1"})
        assert cache.lookup("/v1/pickups", {"status": "active"}) is None
        assert cache.lookup("/v1/customers/C1", None) is None
        assert cache.count() == (1, 0)
    finally:
        cache.close()
    for name in os.listdir(tmp_path):
        mode = stat.S_IMODE((tmp_path / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
        assert b"Camille" not in (tmp_path / name).read_bytes()


def test_offline_the_client_serves_the_last_known_answer_and_says_how_old(
    tmp_path: Path, api_server: DemoServer, device_token: str, proxy: FaultProxy
) -> None:
    clock = [1_000_000.0]
    cache = ReadCache(
        tmp_path / CACHE_FILE_NAME, protection=Protection(None, "test"), clock=lambda: clock[0]
    )
    client = _client(proxy.url, device_token, cache)

    async def scenario() -> None:
        try:
            with track_cached_reads() as fresh:
                online = await client.product_by_gtin(GTIN)
                await client.search_products("chemise", limit=5)
            assert not fresh.from_cache
            assert cache.served_as_of.value is None

            proxy.set_mode(FaultMode.UNREACHABLE)
            clock[0] += 600
            with track_cached_reads() as report:
                offline = await client.product_by_gtin(GTIN)
                page = await client.search_products("chemise", limit=5)
            assert offline == online
            assert page.items
            assert report.from_cache and report.as_of == 1_000_000.0
            assert cache.served_as_of.value == 1_000_000.0
            with pytest.raises(ApiUnavailable):  # never fetched: nothing to serve
                await client.search_products("pantalon", limit=5)
            with pytest.raises(ApiUnavailable):  # customers are never cached
                await client.get("/v1/customers", {"q": "martin"})

            clock[0] += 25 * 3600  # past the maximum age: not served any more
            with pytest.raises(ApiUnavailable):
                await client.product_by_gtin(GTIN)

            proxy.set_mode(FaultMode.PASS)
            await client.product_by_gtin(GTIN)
            assert cache.served_as_of.value is None  # fresh data again
        finally:
            await client.aclose()
            cache.close()

    asyncio.run(scenario())


def test_the_pickup_queue_is_kept_encrypted_with_the_keyring_key(
    tmp_path: Path,
    api_server: DemoServer,
    device_token: str,
    proxy: FaultProxy,
    memory_keyring: Any,
) -> None:
    tmp_path = tmp_path / "data"
    protection = keyring_protection()
    assert protection.personal_data_cached
    key = memory_keyring.secrets[("omnistore-kiosk", "read-cache-key")]
    cache = ReadCache(tmp_path / CACHE_FILE_NAME, protection=protection)
    client = _client(proxy.url, device_token, cache)

    async def scenario() -> list[Any]:
        try:
            queue: list[Any] = await client.get("/v1/pickups", {"status": "all"})
            proxy.set_mode(FaultMode.UNREACHABLE)
            with track_cached_reads() as report:
                again: list[Any] = await client.get("/v1/pickups", {"status": "all"})
            assert report.from_cache
            assert again == queue
            return queue
        finally:
            await client.aclose()
            cache.close()

    queue = asyncio.run(scenario())
    names = {row["customer_name"] for row in queue}
    assert names
    raw = b"".join((tmp_path / n).read_bytes() for n in os.listdir(tmp_path))
    for name in names:
        assert name.encode() not in raw
    assert b"/v1/pickups" not in raw  # even the key (query, order numbers) is hidden
    assert key.encode() not in raw  # the key never lands on disk

    # Another key (keyring reset): the old rows cannot be read, and are not served.
    memory_keyring.secrets.clear()
    other = ReadCache(tmp_path / CACHE_FILE_NAME, protection=keyring_protection())
    try:
        assert other.lookup("/v1/pickups", {"status": "all"}) is None
    finally:
        other.close()
    # No keyring any more: personal rows are deleted at open.
    bare = ReadCache(tmp_path / CACHE_FILE_NAME, protection=Protection(None, "gone"))
    try:
        assert bare.count()[1] == 0
    finally:
        bare.close()


def test_without_a_keyring_personal_data_is_kept_encrypted_with_a_private_key_file(
    tmp_path: Path, no_keyring: None
) -> None:
    """Issue #19: offline pickups need the queue's names; a headless device has no keyring."""
    data = tmp_path / "data"
    cache = open_read_cache(data)
    key_file = data / KEY_FILE_NAME
    try:
        assert cache.protection.personal_data_cached, cache.protection.detail
        assert str(key_file) in describe_protection(cache.protection)
        cache.store("/v1/pickups", {"status": "active"}, [{"customer_name": "Camille Martin"}])
        assert cache.count() == (0, 1)
    finally:
        cache.close()
    for name in os.listdir(data):  # the cache, its journal and the key: this user only
        mode = stat.S_IMODE((data / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
        assert b"Camille" not in (data / name).read_bytes()

    again = open_read_cache(data)  # the next start reads the same key
    try:
        answer = again.lookup("/v1/pickups", {"status": "active"})
        assert answer is not None and answer.body == [{"customer_name": "Camille Martin"}]
    finally:
        again.close()

    key_file.chmod(0o644)  # someone else may have read it: the key is not trusted any more
    replaced = open_read_cache(data)
    try:
        assert replaced.protection.personal_data_cached
        assert replaced.lookup("/v1/pickups", {"status": "active"}) is None
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    finally:
        replaced.close()
