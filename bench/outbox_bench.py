"""Outbox: append latency with fsync, and how fast a backlog replays after an outage.

* append p50/p95: one ``Outbox.append`` (with a local record in the same transaction) on a
  real file, WAL + ``synchronous=FULL``, so every append waits for an fsync.
* replay: N queued entries drained by the ``SyncEngine`` (two fsynced state changes and one
  POST per entry) against the in-test idempotent ledger server, run in its own process on
  localhost, once with the shared keep-alive client and once with a fresh connection per
  request (``max_keepalive_connections=0``); the ratio is what keep-alive buys.

``python -m bench.outbox_bench [--quick]``
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.stats import Row, percentile, row
from kiosk_app.kernel.outbox import HttpxSender, Outbox, SyncEngine

REPO_ROOT = Path(__file__).resolve().parents[1]
SERVER_MODULE = "tests.kernel.outbox.idempotent_server"
LOCAL_SQL = "CREATE TABLE IF NOT EXISTS bench_local (n INTEGER PRIMARY KEY, at REAL NOT NULL);"


def _append_latencies_ms(count: int) -> list[float]:
    samples: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, Outbox(Path(tmp) / "outbox.db") as outbox:
        outbox.register_schema(LOCAL_SQL)
        for n in range(count):

            def record(conn: sqlite3.Connection, n: int = n) -> None:
                conn.execute("INSERT INTO bench_local VALUES (?, ?)", (n, time.time()))

            started = time.perf_counter()
            outbox.append(
                "bench.op",
                "POST",
                "/v1/bench-ops",
                {"op_id": f"a-{n}", "qty": 1},
                local_record=record,
            )
            samples.append((time.perf_counter() - started) * 1000)
    return samples


class _LedgerProcess:
    """The idempotent ledger server in a child process (so it does not share our GIL)."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", SERVER_MODULE, "--port", "0"],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line.startswith("PORT "):
            self.stop()
            raise RuntimeError(f"ledger server did not start: {line!r}")
        self.url = f"http://127.0.0.1:{int(line.split()[1])}"
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        for _ in range(300):
            try:
                httpx.get(self.url + "/_ledger/stats", timeout=1).raise_for_status()
                return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("ledger server is not answering")

    def applied(self) -> int:
        stats = httpx.get(self.url + "/_ledger/stats", timeout=10).json()
        return int(stats["applied"])

    def stop(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=30)


async def _drain(outbox: Outbox, client: httpx.AsyncClient) -> None:
    engine = SyncEngine(outbox, HttpxSender(client))
    summary = await engine.drain()
    engine.close()
    if summary.remaining or summary.delivered != summary.attempts:
        raise RuntimeError(f"replay did not deliver everything cleanly: {summary}")


def _replay_ops_per_s(url: str, count: int, *, keep_alive: bool) -> float:
    limits = httpx.Limits() if keep_alive else httpx.Limits(max_keepalive_connections=0)
    with tempfile.TemporaryDirectory() as tmp, Outbox(Path(tmp) / "outbox.db") as outbox:
        for n in range(count):
            outbox.append("bench.op", "POST", "/v1/bench-ops", {"op_id": f"r-{keep_alive}-{n}"})

        async def replay() -> float:
            async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
                started = time.perf_counter()
                await _drain(outbox, client)
                return time.perf_counter() - started

        elapsed = asyncio.run(replay())
    return count / elapsed


def run(quick: bool = False) -> list[Row]:
    appends = _append_latencies_ms(200 if quick else 2_000)
    rows = [
        row("append p50 (fsync, synchronous=FULL)", percentile(appends, 50), "ms"),
        row("append p95 (fsync, synchronous=FULL)", percentile(appends, 95), "ms"),
    ]
    count = 500 if quick else 10_000
    server = _LedgerProcess()
    try:
        shared = _replay_ops_per_s(server.url, count, keep_alive=True)
        fresh = _replay_ops_per_s(server.url, count, keep_alive=False)
        if server.applied() != 2 * count:
            raise RuntimeError("the server did not apply every replayed op exactly once")
    finally:
        server.stop()
    rows += [
        row(f"replay {count} ops, shared keep-alive client", shared, "ops/s"),
        row(f"replay {count} ops, fresh connection per request", fresh, "ops/s"),
        row("replay speed-up from keep-alive", shared / fresh, "x"),
    ]
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.outbox_bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes")
    args = parser.parse_args(argv)
    rows = run(quick=args.quick)
    width = max(len(r["name"]) for r in rows)
    print(f"{'figure':<{width}}  {'value':>12}  unit")
    print(f"{'-' * width}  {'-' * 12}  ----")
    for r in rows:
        print(f"{r['name']:<{width}}  {r['value']:>12.3f}  {r['unit']}")


if __name__ == "__main__":
    main()
