"""The device's live-event subscription against the real reference server: a write
arrives, a server killed and restarted mid-stream loses nothing and repeats nothing, the
cursor on disk carries over to a new subscriber, and a cursor the server cannot serve
makes subscribers reload (``resync``)."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from central_api.platform.db import Database
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from kiosk_app.kernel.live import RESYNC, Backoff, CursorFile, LiveEvent, LiveEvents
from tests.central_api.events_support import HEARTBEAT_S, Demo, stored_ids
from tests.central_api.test_endless_aisle_support import Api

ARGS = ["--events-heartbeat-s", str(HEARTBEAT_S), "--events-poll-s", "60"]


def _serve(db_url: str, port: int = 0) -> DemoServer:
    return start_demo_server(db_url=db_url, port=port, extra_args=ARGS)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    db = tmp_path_factory.mktemp("live") / "central.db"
    with _serve(f"sqlite:///{db}") as started:
        yield started


@pytest.fixture(scope="module")
def api(server: DemoServer) -> Api:
    return Api.enroll(server)


@pytest.fixture(scope="module")
def demo(server: DemoServer, api: Api) -> Demo:
    return Demo(server, api)


class Follower:
    """A ``LiveEvents`` on its own ``ApiClient`` in the running loop, recording events."""

    def __init__(self, url: str, token: str, cursor: Path, backoff: Backoff | None = None):
        self.client = ApiClient(url, token=token)
        self.live = LiveEvents(self.client, CursorFile(cursor, url), backoff=backoff)
        self.events: list[LiveEvent] = []
        self.live.subscribe("*", self.events.append)
        self.task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Follower:
        self.task = asyncio.ensure_future(self.live.run_forever())
        await self.until(lambda: self.live.live.value)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.task is not None
        self.task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await self.task
        await self.client.aclose()

    async def until(self, condition: Callable[[], bool], timeout_s: float = 20.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            assert time.monotonic() < deadline, f"timed out; events: {self.events}"
            await asyncio.sleep(0.02)

    async def subject(self, type_: str, subject: str) -> LiveEvent:
        def seen() -> bool:
            return any(e.type == type_ and e.subject == subject for e in self.events)

        await self.until(seen)
        return next(e for e in self.events if e.type == type_ and e.subject == subject)

    @property
    def ids(self) -> list[int]:
        return [e.id for e in self.events if e.type != RESYNC]


def _saved(path: Path) -> dict[str, Any]:
    saved: dict[str, Any] = json.loads(path.read_text())
    return saved


def test_a_check_in_by_another_device_arrives_and_the_cursor_is_kept_private(
    server: DemoServer, api: Api, demo: Demo, tmp_path: Path
) -> None:
    cursor = tmp_path / "live_cursor.json"
    number = demo.ready_pickup()

    async def scenario() -> LiveEvent:
        async with Follower(server.url, Api.enroll(server).token, cursor) as device:
            pickups: list[LiveEvent] = []
            device.live.subscribe("pickup", pickups.append)
            stock: list[LiveEvent] = []
            device.live.subscribe("stock.changed", stock.append)
            started = time.monotonic()
            response = await asyncio.to_thread(api.post, f"/v1/pickups/{number}/check-in", {})
            assert response.status_code == 200
            event = await device.subject("pickup.checked_in", number)
            assert time.monotonic() - started < 2.0
            assert [e.subject for e in pickups] == [number] and stock == []
            return event

    event = asyncio.run(scenario())
    assert event.payload["status"] == "customer_waiting"
    assert _saved(cursor) == {"api": server.url, "after": event.id}
    assert stat.S_IMODE(os.stat(cursor).st_mode) == 0o600


def test_a_server_killed_and_restarted_mid_stream_loses_and_repeats_nothing(
    tmp_path: Path,
) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    first = _serve(db_url)
    port = urlparse(first.url).port
    assert port is not None
    api = Api.enroll(first)
    demo = Demo(first, api)
    cursor = tmp_path / "live_cursor.json"
    servers = [first]

    async def scenario() -> Follower:
        # a long first wait: the orders below are committed while the device is away
        backoff = Backoff(base_s=2.0, cap_s=4.0)
        async with Follower(first.url, api.token, cursor, backoff) as device:
            before = [(await asyncio.to_thread(demo.place_order))["number"] for _ in range(3)]
            await device.subject("order.placed", before[-1])
            first.process.kill()  # SIGKILL: no goodbye on the stream
            await device.until(lambda: not device.live.live.value)
            again = await asyncio.to_thread(_serve, db_url, port)
            servers.append(again)
            demo.server = again
            after = [(await asyncio.to_thread(demo.place_order))["number"] for _ in range(3)]
            await device.subject("order.placed", after[-1])
            assert device.live.connections == 2
            return device

    try:
        device = asyncio.run(scenario())
        database = Database(db_url)
        try:
            expected = stored_ids(database, device.ids[0] - 1)
        finally:
            database.dispose()
    finally:
        for started in servers:
            started.stop()
    assert device.ids == expected  # every event, in order, once
    assert len([e for e in device.events if e.type == "order.placed"]) == 6
    assert _saved(cursor)["after"] == expected[-1]


def test_a_new_subscriber_resumes_from_the_cursor_on_disk(
    server: DemoServer, api: Api, demo: Demo, tmp_path: Path
) -> None:
    cursor = tmp_path / "live_cursor.json"

    async def scenario() -> tuple[Follower, list[str], Follower]:
        async with Follower(server.url, api.token, cursor) as old:
            seen = (await asyncio.to_thread(demo.place_order))["number"]
            await old.subject("order.placed", seen)
        # the app is gone (its task cancelled, nothing flushed); orders keep coming
        missed = [(await asyncio.to_thread(demo.place_order))["number"] for _ in range(2)]
        async with Follower(server.url, api.token, cursor) as new:
            await new.subject("order.placed", missed[-1])
            new.live.accept(new.events[0])  # the same id again is dropped
            assert new.live.duplicates == 1
            return old, missed, new

    old, missed, new = asyncio.run(scenario())
    database = Database(server.db_url)
    try:
        expected = stored_ids(database, old.ids[-1])
    finally:
        database.dispose()
    assert new.ids[: len(expected)] == expected and len(set(new.ids)) == len(new.ids)
    placed = [e.subject for e in new.events if e.type == "order.placed"]
    assert placed[:2] == missed


def test_a_cursor_the_server_cannot_serve_makes_every_subscriber_reload(
    server: DemoServer, api: Api, demo: Demo, tmp_path: Path
) -> None:
    cursor = tmp_path / "live_cursor.json"
    CursorFile(cursor, server.url).save(10**9)  # not from this server

    async def scenario() -> tuple[list[LiveEvent], Follower]:
        reloads: list[LiveEvent] = []
        follower = Follower(server.url, api.token, cursor)
        follower.live.subscribe("pickup", reloads.append)  # resync reaches every subscriber
        async with follower as device:
            await device.until(lambda: bool(reloads))
            number = (await asyncio.to_thread(demo.place_order))["number"]
            await device.subject("order.placed", number)
            return reloads, device

    reloads, device = asyncio.run(scenario())
    resync = reloads[0]
    assert resync.type == RESYNC and resync.payload["reason"] == "cursor-unknown"
    assert device.events[0] is resync and device.ids[0] > resync.id
    assert _saved(cursor)["after"] == device.events[-1].id


def test_a_cursor_of_another_api_or_a_broken_file_starts_at_the_present(tmp_path: Path) -> None:
    path = tmp_path / "live_cursor.json"
    CursorFile(path, "https://a.example").save(42)
    assert CursorFile(path, "https://a.example/").load() == 42
    assert CursorFile(path, "https://b.example").load() is None
    path.write_text("{not json")
    assert CursorFile(path, "https://a.example").load() is None


def test_backoff_doubles_with_jitter_up_to_its_cap() -> None:
    import random

    backoff = Backoff(base_s=0.5, cap_s=4.0, rng=random.Random(1))
    delays = [backoff.next_delay() for _ in range(6)]
    for delay, ceiling in zip(delays, [0.5, 1, 2, 4, 4, 4], strict=True):
        assert ceiling / 2 <= delay <= ceiling
    backoff.reset()
    assert backoff.next_delay() <= 0.5


def test_the_parser_reads_frames_comments_and_retry() -> None:
    from kiosk_app.kernel.live import SseParser

    parser = SseParser()
    lines = ["retry: 2000", ": connected", "", "id: 7", "event: stock.changed", "data: {"]
    lines += ['data: "type": "stock.changed", "subject": "S1", "payload": {"available": 3}}', ""]
    lines += ["id: x", "data: {}", "", "data: no id", ""]
    events = [e for e in map(parser.feed, lines) if e is not None]
    assert parser.retry_ms == 2000 and parser.comments == 1
    assert events == [LiveEvent(7, "stock.changed", "S1", "", {"available": 3})]
    assert events[0].family == "stock"


def test_a_stock_change_is_applied_to_the_product_shown(server: DemoServer, api: Api) -> None:
    from kiosk_app.flows.product.live import NotShown, apply_stock
    from kiosk_app.flows.product.lookup import lookup_by_sku

    sku = api.get("/v1/products?q=chemise&limit=1").json()["items"][0]["sku"]

    async def fetch() -> Any:
        client = ApiClient(server.url, token=api.token)
        try:
            return await lookup_by_sku(client, sku)
        finally:
            await client.aclose()

    details = asyncio.run(fetch())
    stock = details.availability
    store, warehouse = stock.stores[3], stock.warehouses[0]
    here = apply_stock(details, {"sku": sku, "location": stock.store_code, "available": 7})
    assert here.availability.here == 7 and details.availability.here == stock.here
    assert next(v for v in here.variants if v.sku == sku).available_here == 7
    there = apply_stock(details, {"sku": sku, "location": store.code, "available": 0})
    assert [s.available for s in there.availability.stores if s.code == store.code] == [0]
    assert there.availability.stores[:3] == stock.stores[:3]  # same order, others untouched
    depot = apply_stock(details, {"sku": sku, "location": warehouse.code, "available": 99})
    assert depot.availability.warehouses[0].available == 99
    assert apply_stock(details, {"sku": "OTHER", "location": store.code, "available": 1}) is details
    assert apply_stock(details, {"sku": sku, "location": "???", "available": "x"}) is details
    with pytest.raises(NotShown):
        apply_stock(details, {"sku": sku, "location": "NEW01", "available": 1})


FOLLOWER = """
import asyncio, sys
from pathlib import Path
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.live import CursorFile, LiveEvents

url, token, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])

async def main():
    live = LiveEvents(ApiClient(url, token=token), CursorFile(folder / "cursor.json", url))
    applied = open(folder / "applied.txt", "a", buffering=1)
    live.subscribe("*", lambda event: applied.write(f"{event.id}\\n"))
    live.live.subscribe(lambda on: (folder / "live").write_text(str(on)))
    await live.run_forever()

asyncio.run(main())
"""


def test_the_app_killed_mid_stream_resumes_where_it_was(
    server: DemoServer, api: Api, demo: Demo, tmp_path: Path
) -> None:
    """SIGKILL (no shutdown, no flush): the next run applies every later event once."""
    import signal
    import subprocess
    import sys

    def start() -> subprocess.Popen[bytes]:
        (tmp_path / "live").unlink(missing_ok=True)
        child = subprocess.Popen(
            [sys.executable, "-c", FOLLOWER, server.url, api.token, str(tmp_path)],
            env=dict(os.environ, PYTHONPATH=os.getcwd()),
        )
        _until(lambda: (tmp_path / "live").exists() and (tmp_path / "live").read_text() == "True")
        return child

    def applied() -> list[int]:
        path = tmp_path / "applied.txt"
        return [int(x) for x in path.read_text().split()] if path.exists() else []

    database = Database(server.db_url)

    def placed() -> None:
        """One order; back once the app applied all it wrote and saved its cursor (then
        the kill lands between two bursts of events, never inside one: applying events and
        saving the cursor are two steps, and a kill between them gives that burst again)."""
        demo.place_order()
        last = stored_ids(database, 0)[-1]
        _until(lambda: bool(applied()) and applied()[-1] == last)
        _until(lambda: _saved(tmp_path / "cursor.json")["after"] == last)

    first = start()
    try:
        for _ in range(3):
            placed()
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        first.kill()
    missed = [demo.place_order()["number"] for _ in range(2)]  # while the app is dead
    second = start()
    try:
        placed()
        expected = stored_ids(database, applied()[0] - 1)
    finally:
        second.kill()
        second.wait(10)
        database.dispose()
    assert applied() == expected and len(missed) == 2


def _until(condition: Callable[[], bool], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
