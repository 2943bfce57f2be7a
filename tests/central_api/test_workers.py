"""The reference server with several worker processes, and the principal cache they share.

A sign-out answered by one worker must end the session in every worker at once; a burst of
requests that all miss the cache resolves the principal once; a stopped or killed server
leaves no worker behind.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from central_api.platform import workers
from central_api.platform.auth import SCOPES_BY_MODE, Principal, PrincipalCache, StaffContext
from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from tests.central_api.test_staff_support import bearer, key, require_staff_sign_in, staff_token
from tests.support.test_database import server_db_url

needs_workers = pytest.mark.skipif(workers.supported() is not None, reason="Linux only")

DEVICE = Principal(
    kind="device",
    subject="dev-1",
    store_code="PAR01",
    store_id=1,
    mode="associate",
    scopes=SCOPES_BY_MODE["associate"],
)
KEY = ("token-hash", "")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


def _wait_gone(pids: list[int], timeout_s: float = 10.0) -> list[int]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if _alive(p)]


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    if workers.supported() is not None:
        pytest.skip("several workers need Linux")
    db_url = server_db_url(tmp_path_factory.mktemp("workers"))
    server = start_demo_server(db_url=db_url, workers=2, timeout_s=180)
    yield server
    server.stop()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[DemoServer, list[int]]]:
    """A two-worker server of the test's own (stopped, killed or broken by it) and its
    workers' pids."""
    server = start_demo_server(db_url=server_db_url(tmp_path), workers=2, timeout_s=180)
    try:
        yield server, _children(server.process.pid)
    finally:
        server.stop()


# -- the shared epoch and the cache -------------------------------------------------------
@needs_workers
def test_an_epoch_bumped_in_a_forked_worker_is_seen_by_the_others() -> None:
    epoch = workers.Epoch()
    before = epoch.value
    pid = os.fork()
    if pid == 0:
        epoch.bump()
        os._exit(0)
    os.waitpid(pid, 0)
    assert epoch.value == before + 1


def test_a_clear_in_another_process_invalidates_every_entry() -> None:
    epoch = workers.Epoch()
    here, there = PrincipalCache(epoch=epoch), PrincipalCache(epoch=epoch)
    here.put(KEY, DEVICE)
    assert here.get(KEY) == DEVICE
    there.clear()  # another worker answered a sign-out
    assert here.get(KEY) is None


def test_concurrent_misses_resolve_the_principal_once() -> None:
    cache = PrincipalCache()
    calls = 0

    async def resolve() -> Principal:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.01)
        return DEVICE

    async def burst() -> list[Principal]:
        return list(
            await asyncio.gather(*(asyncio.shield(cache.resolving(KEY, resolve)) for _ in range(5)))
        )

    assert asyncio.run(burst()) == [DEVICE] * 5
    assert calls == 1
    assert cache.get(KEY) == DEVICE


def test_a_resolution_that_started_before_a_clear_is_not_kept() -> None:
    cache = PrincipalCache()

    async def scenario() -> Principal:
        release = asyncio.Event()

        async def resolve() -> Principal:
            await release.wait()
            return DEVICE  # read before the sign-out committed

        task = cache.resolving(KEY, resolve)
        await asyncio.sleep(0)
        cache.clear()  # the sign-out is answered meanwhile
        release.set()
        return await task

    assert asyncio.run(scenario()) == DEVICE
    assert cache.get(KEY) is None


def test_a_failed_resolution_is_shared_and_not_kept() -> None:
    cache = PrincipalCache()

    async def resolve() -> Principal:
        await asyncio.sleep(0)
        raise LookupError("unknown token")

    async def burst() -> list[BaseException | Principal]:
        tasks = [asyncio.shield(cache.resolving(KEY, resolve)) for _ in range(3)]
        return list(await asyncio.gather(*tasks, return_exceptions=True))

    assert all(isinstance(r, LookupError) for r in asyncio.run(burst()))
    assert cache.get(KEY) is None


def test_an_entry_never_outlives_its_staff_session() -> None:
    cache = PrincipalCache(ttl_s=60)
    staff = StaffContext(
        staff_id="A101",
        name="Test",
        role="associate",
        session_id="s1",
        expires_at=datetime.now(UTC) + timedelta(milliseconds=300),
    )
    cache.put(KEY, replace(DEVICE, staff=staff))
    assert cache.get(KEY) is not None
    time.sleep(0.4)
    assert cache.get(KEY) is None
    expired = replace(staff, expires_at=datetime.now(UTC) - timedelta(seconds=1))
    cache.put(KEY, replace(DEVICE, staff=expired))
    assert cache.get(KEY) is None


# -- the server with two workers ----------------------------------------------------------
def test_two_workers_serve_one_port_and_a_sign_out_reaches_both(two_workers: DemoServer) -> None:
    url = two_workers.url
    assert len(_children(two_workers.process.pid)) == 2
    device = require_staff_sign_in(two_workers)
    token = staff_token(url, device, "A301")

    def read_with_fresh_connections(count: int) -> list[int]:
        statuses = []
        for _ in range(count):  # a new client is a new connection: the kernel picks a worker
            with httpx.Client(base_url=url, timeout=10) as client:
                statuses.append(
                    client.get("/v1/staff/me", headers=bearer(device, token)).status_code
                )
        return statuses

    assert read_with_fresh_connections(20) == [200] * 20  # both workers cache the session
    out = httpx.post(
        url + "/v1/staff/sessions/current/sign-out",
        headers={**bearer(device, token), **key()},
        timeout=10,
    )
    assert out.status_code == 200
    assert read_with_fresh_connections(20) == [401] * 20  # in every worker, at once


@needs_workers
def test_a_stopped_server_leaves_no_worker(fresh: tuple[DemoServer, list[int]]) -> None:
    server, children = fresh
    assert len(children) == 2
    assert httpx.get(server.url + "/v1/health", timeout=5).status_code == 200
    server.stop()
    assert server.process.returncode == 0
    assert _wait_gone(children) == []


@needs_workers
def test_workers_exit_when_the_parent_is_killed(fresh: tuple[DemoServer, list[int]]) -> None:
    server, children = fresh
    assert len(children) == 2
    server.process.send_signal(signal.SIGKILL)
    server.process.wait(5)
    assert _wait_gone(children) == []


@needs_workers
def test_a_dead_worker_stops_the_server_with_a_message(
    fresh: tuple[DemoServer, list[int]],
) -> None:
    server, children = fresh
    os.kill(children[0], signal.SIGKILL)
    assert server.process.wait(10) == 1
    assert _wait_gone(children) == []
    assert any("worker" in line and "exited" in line for line in server._stderr_lines)
