"""Live events (issue #22, "Measured"): propagation, fan-out and loss, in one run.

The reference server runs as a subprocess on a throwaway PostgreSQL cluster (SQLite when
the machine has no PostgreSQL server binaries; the table says which), reached over HTTP only.

* **Propagation**: a device places an endless-aisle order (stock reserved: ``order.placed``
  and ``stock.changed``) → a second device's model is updated by the app's own
  ``LiveEvents`` subscription (the Qt-free core, on an asyncio loop): p50/p95 over
  ``CHANGES`` changes, the server in ``WORKERS`` processes. Beside it, today's polling: the
  pickup queue read every 4 s as the app did, measured on a few kiosk check-ins (``--quick``:
  computed, half the interval plus one read).
* **Fan-out**: events/s one server process delivers to 100 / 1,000 / 5,000 concurrent
  subscribers, and the server's memory per open subscription (``bench/live_fanout.py``).
* **Loss**: >= 10,000 events under API restarts, worker kills, connections reset and
  stalled by a fault proxy, and SIGKILLs of the subscriber (``bench/live_loss.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.live_fanout import one_round
from bench.live_loss import Loss, measure
from bench.live_support import (
    Writer,
    database,
    enroll,
    raise_open_files,
    serve,
    skus_in_stock,
    stores,
)
from bench.stats import Row, percentile, row
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.live import CursorFile, LiveEvent, LiveEvents

WORKERS = 3
POLL_S = 4.0  # the pickup queue's poll before the live events


async def propagation(url: str, db_url: str, folder: Path, changes: int) -> list[float]:
    """ms from an order sent by one device to the other device's model holding it."""
    client = ApiClient(url, token=enroll(url, name="prop-reader"))
    live = LiveEvents(client, CursorFile(folder / "prop_cursor.json", url))
    orders: dict[str, float] = {}  # the second device's model: order -> when it was applied
    stock: dict[str, int] = {}
    changed = asyncio.Event()

    def apply(event: LiveEvent) -> None:
        if event.type == "order.placed":
            orders[str(event.payload.get("order_number"))] = time.perf_counter()
            changed.set()
        elif event.type == "stock.changed":
            stock[f"{event.payload.get('sku')}@{event.payload.get('location')}"] = int(
                event.payload.get("available", 0)
            )

    live.subscribe(("order", "stock"), apply)
    task = asyncio.ensure_future(live.run_forever())
    writer = Writer(url, enroll(url, name="prop-writer"), skus_in_stock(db_url))
    rng = random.Random(5)
    latencies: list[float] = []
    try:
        connected = asyncio.Event()
        live.live.subscribe(lambda up: connected.set() if up else None)
        await asyncio.wait_for(connected.wait(), 30)
        async with httpx.AsyncClient(timeout=30) as http:
            await writer.order(http)  # warm-up
            while len(latencies) < changes:
                placed = await writer.order(http)
                if placed is None:
                    continue
                number, sent = placed
                await _applied(number, orders, changed)
                latencies.append((orders.get(number, float("inf")) - sent) * 1000)
                await asyncio.sleep(rng.uniform(0, 0.02))
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await client.aclose()
    return latencies


async def _applied(number: str, orders: dict[str, float], changed: asyncio.Event) -> None:
    """Until the model holds ``number`` (at most 10 s: then it counts as infinitely late)."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(10):
            while number not in orders:
                changed.clear()
                await changed.wait()


async def polling(url: str, samples: int) -> list[float]:
    """ms from a kiosk check-in to a 4 s poll of the pickup queue showing it."""
    headers = {"Authorization": f"Bearer {enroll(url, name='poller')}"}
    rng = random.Random(7)
    found: list[float] = []
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as http:
        ready = (await http.get("/v1/pickups", params={"status": "ready"})).json()
        for pickup in ready[:samples]:
            number = pickup["order_number"]
            await asyncio.sleep(rng.uniform(0, POLL_S))  # the poll's phase
            checked = time.perf_counter()
            kiosk = {"Idempotency-Key": f"poll-{number}-{rng.random()}"}
            await http.post(f"/v1/pickups/{number}/check-in", json={}, headers=kiosk)
            next_poll = checked + rng.uniform(0, POLL_S)
            while True:
                await asyncio.sleep(max(0.0, next_poll - time.perf_counter()))
                queue = (await http.get("/v1/pickups", params={"status": "active"})).json()
                if any(r["order_number"] == number and r["checked_in_at"] for r in queue):
                    found.append((time.perf_counter() - checked) * 1000)
                    break
                next_poll += POLL_S
    return found


async def fanout(db_url: str, folder: Path, counts: list[int], orders: int) -> list[Row]:
    """Subscribers on a server in one process (the default 15 s heartbeat); the writes
    through another server on the same database."""
    reader = await asyncio.to_thread(serve, db_url, folder, 1, heartbeat=False)
    writes = await asyncio.to_thread(serve, db_url, folder, 2)
    rows: list[Row] = []
    try:
        tokens = {s: enroll(reader.url, s, name=f"fan-{s}") for s in stores(db_url)}
        writer = Writer(writes.url, enroll(writes.url, name="fan-writer"), skus_in_stock(db_url))
        for n in counts:
            got, failure = await one_round(
                n,
                server_url=reader.url,
                server_pid=reader.process.pid,
                writer=writer,
                tokens=tokens,
                db_url=db_url,
                orders=orders,
            )
            label = f"fan-out {n:>5} subscribers, 1 process:"
            rows += [
                row(
                    f"{label} connected (all {got['complete']:.0f} got every event)",
                    got["connected"],
                    "n",
                ),
                row(f"{label} delivered", got["per_s"], "events/s"),
                row(f"{label} server memory per subscription", got["kb_per"], "KiB"),
                row(f"{label} time to open them all", got["connect_s"], "s"),
            ]
            if failure:
                print(f"fan-out {n}: {got['failed']:.0f} failed, e.g. {failure}")
            _progress(rows[-4:])
    finally:
        await asyncio.to_thread(writes.stop)
        await asyncio.to_thread(reader.stop)
    return rows


def _loss_rows(loss: Loss) -> list[Row]:
    faults = ", ".join(f"{n} {f}" for f, n in sorted(loss.faults.items()))
    print(f"loss faults: {faults}; proxy {loss.resets} resets, {loss.stalls} stalls")
    return [
        row("loss: events produced", loss.produced, "n"),
        row("loss: events received", loss.received, "n"),
        row("loss: lost (goal 0)", loss.lost, "n"),
        row("loss: applied twice (goal 0)", loss.twice, "n"),
        row("loss: out of order (goal 0)", loss.out_of_order, "n"),
        row(
            "loss:   given again after a kill between apply and cursor save",
            loss.replayed_after_kill,
            "n",
        ),
        row(
            "loss: API restarts + worker kills",
            loss.faults["API restart"] + loss.faults["worker kill"],
            "n",
        ),
        row("loss: subscriber SIGKILLs", loss.faults["subscriber kill"], "n"),
        row("loss: connections reset / stalled by the proxy", loss.resets + loss.stalls, "n"),
        row("loss: run time", loss.seconds, "s"),
    ]


async def _all(quick: bool) -> list[Row]:
    limit = raise_open_files()
    changes, polls = (40, 0) if quick else (500, 8)
    counts = [20] if quick else [100, 1000, 5000]
    counts = [n for n in counts if 2 * n + 200 < limit]
    with tempfile.TemporaryDirectory() as tmp, database(Path(tmp)) as (db_url, engine):
        folder = Path(tmp)
        server = await asyncio.to_thread(serve, db_url, folder, WORKERS)
        try:
            live = await propagation(server.url, db_url, folder, changes)
            polled = await polling(server.url, polls) if polls else []
        except BaseException:
            await asyncio.to_thread(server.stop)
            raise
        rows = [
            row(
                f"propagation live, {engine}, {WORKERS} processes: p50", percentile(live, 50), "ms"
            ),
            row(
                f"propagation live: p95 (goal <= 250) over {len(live)} changes",
                percentile(live, 95),
                "ms",
            ),
        ]
        if polled:
            rows.append(
                row(
                    f"propagation 4 s poll: p50 (measured, {len(polled)} check-ins)",
                    percentile(polled, 50),
                    "ms",
                )
            )
            rows.append(
                row("propagation 4 s poll: mean (measured)", sum(polled) / len(polled), "ms")
            )
            rows.append(row("propagation 4 s poll: max", max(polled), "ms"))
        # a change lands at a uniformly random point of the interval: half of it, on average
        poll_p50 = POLL_S * 1000 / 2
        rows.append(row("propagation 4 s poll: p50 (computed: interval / 2)", poll_p50, "ms"))
        rows.append(
            row("propagation computed poll / live p50", poll_p50 / percentile(live, 50), "x")
        )
        _progress(rows)
        loss = await measure(  # stops the server
            server, folder, WORKERS, 300 if quick else 10_000, (1.0, 2.0) if quick else (2.0, 5.0)
        )
        rows += _loss_rows(loss)
        _progress(rows[-10:])
        rows += await fanout(db_url, folder, counts, 10 if quick else 30)
    return rows


def _progress(rows: list[Row]) -> None:
    """Figures as they come, on stderr (the table is printed at the end)."""
    for r in rows:
        print(f"  {r['name']}: {r['value']:.3f} {r['unit']}", file=sys.stderr, flush=True)


def run(quick: bool = False) -> list[Row]:
    return asyncio.run(_all(quick))


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())
