"""Product lookup latency through the app's client against the local reference server.

Measures the whole product-screen lookup (GTIN -> product, then variants and availability
in parallel) and a single request, without and with 50 ms of added server latency. The
ratio "lookup / single request" shows the parallel design: about 2 round trips, not 3.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import tempfile
import time
from pathlib import Path

import httpx

from bench.stats import Row, percentile, row
from kiosk_app.flows.product.lookup import lookup_by_gtin
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.demo_server import start_demo_server


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


async def _measure(url: str, token: str, gtins: list[str]) -> tuple[list[float], list[float]]:
    client = ApiClient(url, token=token)
    lookups: list[float] = []
    singles: list[float] = []
    try:
        await lookup_by_gtin(client, gtins[0])  # warm the connection pool
        for gtin in gtins:
            start = time.perf_counter()
            await lookup_by_gtin(client, gtin)
            lookups.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            await client.product_by_gtin(gtin)
            singles.append((time.perf_counter() - start) * 1000)
    finally:
        await client.aclose()
    return lookups, singles


def run(quick: bool = False) -> list[Row]:
    n = 20 if quick else 200
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "central.db"
        for latency in (0, 50):
            with start_demo_server(db_url=f"sqlite:///{db}", latency_ms=latency) as server:
                gtins = [g for (g,) in sqlite3.connect(db).execute("select gtin from products")]
                sample = random.Random(1).choices(gtins, k=n)
                lookups, singles = asyncio.run(_measure(server.url, _enroll(server.url), sample))
            tag = f"+{latency}ms" if latency else "local"
            rows += [
                row(f"lookup {tag} p50", percentile(lookups, 50), "ms"),
                row(f"lookup {tag} p95", percentile(lookups, 95), "ms"),
                row(f"single request {tag} p50", percentile(singles, 50), "ms"),
                row(
                    f"lookup/single {tag} (p50 ratio)",
                    percentile(lookups, 50) / percentile(singles, 50),
                    "x",
                ),
            ]
    return rows


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())
