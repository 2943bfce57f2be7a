"""Customer 360 load time: scan to last panel filled, against the reference server at +50 ms.

* ``customer scan->last panel p50/p95``: ``Customer360.open_destination`` for a scanned
  loyalty card (profile, cart, open orders, recent orders, recommendations all in flight at
  once), until the last panel is filled;
* ``single request p50``: one profile request, the round trip the parallel design aims at;
* ``serial sum p50``: the same five requests one after the other (every third customer),
  for comparison;
* ``p95 / single p50``: goal at most 1.5;
* the same ratio against the reference server in one process, for comparison: the figures
  above run it with ``WORKERS`` processes, as a central API runs in production (one Python
  process serves parallel requests one after the other, see ``central_api.platform.workers``);
* ``scan after a pause``: one more customer 6 s after the last, and how many connections
  their screen opened (none: idle connections are kept 55 s, see ``kiosk_app.kernel.api.pool``);
* ``UI loop max gap``: the largest gap between ticks of a 5 ms QTimer on a qasync loop
  while the real customer screen loads customer after customer (goal under 50 ms), against
  the server in one process so that the app keeps a core of its own.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.stats import Row, percentile, row
from kiosk_app.flows.customer.api import CustomerApi
from kiosk_app.flows.customer.customer_360 import Customer360
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.demo_server import start_demo_server
from kiosk_app.kernel.routing import route

LATENCY_MS = 50
# 2 x cores + 1, the usual rule for a Python web server. With one worker per core, the
# kernel's hash of each keep-alive connection decided which requests shared a core for a
# whole run (3-2, 4-1 or 5-0 of the five): the ratio swung 1.39-1.65 from run to run. With
# more workers than cores the parallel requests wait for a core, not for a given process.
WORKERS = min(9, 2 * (os.cpu_count() or 1) + 1)
# The next customer often reaches the counter well after the last: past httpx's and
# uvicorn's 5 s keep-alive defaults, every panel of their screen opened a new connection
# (over a store's WAN, TCP and TLS handshakes: two more round trips).
PAUSE_S = 6.0


def _enroll(url: str) -> str:
    response = httpx.post(
        url + "/v1/devices/enroll",
        json={
            "enrollment_token": "demo-enrollment",
            "store_code": "PAR01",
            "mode": "associate",
            "device_name": "bench",
        },
        headers={"Idempotency-Key": f"bench-{random.random()}"},
        timeout=10,
    )
    response.raise_for_status()
    token: str = response.json()["token"]
    return token


async def _measure(
    url: str, token: str, cards: list[str], serial_every: int = 3, pause_s: float = 0.0
) -> dict[str, list[float]]:
    """Open each customer, then one request; every ``serial_every``-th customer (0: none)
    also the five requests one after the other. With ``pause_s``, one more customer after
    that pause: how long, and how many connections their screen had to open."""
    client = ApiClient(url, token=token)
    api = CustomerApi(client)
    service = Customer360(api)
    result: dict[str, list[float]] = {"open": [], "single": [], "serial": [], "after_pause": []}
    try:
        await service.open_destination(route(cards[0]))  # warm the pool and key cache
        await api.profile(cards[0])
        for index, card in enumerate(cards):
            start = time.perf_counter()
            await service.open_destination(route(card))
            result["open"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            await api.profile(card)
            result["single"].append((time.perf_counter() - start) * 1000)
            if not serial_every or index % serial_every:
                continue
            start = time.perf_counter()
            await api.resolve_number(card)
            await api.cart(card)
            await api.open_orders(card)
            await api.orders(card)
            await api.recommendations(card)
            result["serial"].append((time.perf_counter() - start) * 1000)
        if pause_s:
            result["after_pause"] = await _after_pause(client, service, cards[0], pause_s)
    finally:
        await client.aclose()
    return result


async def _after_pause(
    client: ApiClient, service: Customer360, card: str, pause_s: float
) -> list[float]:
    """[ms to open ``card`` after ``pause_s`` idle, connections that open had to make]."""
    pool = client.http._transport.pool  # type: ignore[attr-defined]
    await asyncio.sleep(pause_s)
    before = list(pool.connections)  # kept referenced: no id of theirs is reused
    start = time.perf_counter()
    await service.open_destination(route(card))
    elapsed = (time.perf_counter() - start) * 1000
    opened = [c for c in pool.connections if all(c is not b for b in before)]
    return [elapsed, float(len(opened))]


def _ui_loop_max_gap(url: str, token: str, cards: list[str]) -> float:
    """Largest gap (ms) between 5 ms timer ticks while the customer screen loads."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk_app.app import build_app
    from kiosk_app.kernel.config import load_settings
    from kiosk_app.shell.main_window import MainWindow
    from kiosk_app.ui.gui_thread_gc import GuiThreadGarbageCollector
    from kiosk_app.ui.theme import LIGHT

    app: Any = QApplication.instance() or QApplication([])
    collector = GuiThreadGarbageCollector(app).start()  # as the app runs
    loop = qasync.QEventLoop(app, already_running=False)
    asyncio.set_event_loop(loop)
    client = ApiClient(url, token=token)  # as the timings' client (default timeouts)
    settings = load_settings(
        environ={},
        overrides={
            "api_url": url,
            "data_dir": tempfile.mkdtemp(prefix="customer-bench-"),
            "store_code": "PAR01",
            "device_name": "bench",
            "mode": "associate",
            "language": "en",
            "secret_store": "memory",
        },
    )
    built = build_app(settings, overrides={"client": client, "store_name": "Paris Rivoli"})
    services = built.services("en")
    window = MainWindow(services)
    window.setStyleSheet(LIGHT.qss())
    window.resize(1280, 800)
    window.show()
    flow = window.flows["customer"]
    service: Customer360 = flow.service  # type: ignore[attr-defined]
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    async def scenario() -> None:
        await asyncio.sleep(0.2)
        window.show_screen(flow.screen())
        # warm-up, as for the timings: the app's first request after start (imports of the
        # HTTP stack, the connection pool) is not what a customer at the counter waits on
        await service.open_destination(route(cards[-1]))
        timer.start()
        for card in cards:  # the real screen renders every panel as its answer lands
            await service.open_destination(route(card))
        timer.stop()

    try:
        loop.run_until_complete(scenario())
    finally:
        window.close()
        loop.run_until_complete(built.aclose())
        loop.close()
        asyncio.set_event_loop(None)
        collector.stop()
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
    return max(gaps) if gaps else float("nan")


def run(quick: bool = False) -> list[Row]:
    # nearest-rank p95 of 120 opens is the 7th slowest: of 60 it was the 4th, and one
    # hiccup of a shared 2-core machine moved it by several milliseconds
    n = 10 if quick else 120
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "central.db"
        url = f"sqlite:///{db}"
        with start_demo_server(db_url=url, latency_ms=LATENCY_MS, workers=WORKERS) as server:
            with sqlite3.connect(db) as con:
                all_cards = [c for (c,) in con.execute("select loyalty_number from customers")]
            cards = random.Random(4).sample(all_cards, n)
            token = _enroll(server.url)
            figures = asyncio.run(_measure(server.url, token, cards))
        with start_demo_server(db_url=url, latency_ms=LATENCY_MS) as server:
            one = asyncio.run(_measure(server.url, token, cards, serial_every=0, pause_s=PAUSE_S))
            # against the server in one process: the app keeps a core of its own, as it does
            # in a store where the API is elsewhere (with the workers on every core, the
            # kernel set the app aside for tens of ms, which is no stall of the app's loop)
            gap = _ui_loop_max_gap(server.url, token, cards[: max(5, n // 4)])
    single = percentile(figures["single"], 50)
    p95 = percentile(figures["open"], 95)
    one_ratio = percentile(one["open"], 95) / percentile(one["single"], 50)
    return [
        row(
            f"customer scan->last panel +{LATENCY_MS}ms p50", percentile(figures["open"], 50), "ms"
        ),
        row(f"customer scan->last panel +{LATENCY_MS}ms p95", p95, "ms"),
        row(f"customer single request +{LATENCY_MS}ms p50", single, "ms"),
        row(
            f"customer serial sum (5 requests) +{LATENCY_MS}ms p50",
            percentile(figures["serial"], 50),
            "ms",
        ),
        row(
            f"customer scan p95 / single p50, {WORKERS} processes (goal <= 1.5)", p95 / single, "x"
        ),
        row("  same, reference server in 1 process (was the setup)", one_ratio, "x"),
        row("customer screen UI loop max gap (goal < 50)", gap, "ms"),
        row(f"customer scan after a {PAUSE_S:.0f} s pause, 1 process", one["after_pause"][0], "ms"),
        row("  connections that scan opened (of 5 requests)", one["after_pause"][1], "n"),
    ]


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())
