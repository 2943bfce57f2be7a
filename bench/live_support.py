"""Helpers of the live-events bench (``bench/live_bench.py``): the reference server on
PostgreSQL as a subprocess, devices enrolled over HTTP, and a writer that changes stock
through the API as another device would (endless-aisle orders).

Only the HTTP contract is used, plus plain SQL on the server's database to count what the
server produced (the ``events`` table) and to pick SKUs that have stock.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from kiosk_app.kernel.demo_server import DemoServer, start_demo_server

#: unpaid orders give their stock back after this long, so a long run never runs out
TTL_S = "20"
HEARTBEAT_S = "2"


def raise_open_files() -> int:
    """Raise this process's open-files limit to its hard limit (children inherit it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


@contextlib.contextmanager
def database(folder: Path) -> Iterator[tuple[str, str]]:
    """(database URL, engine name): a throwaway PostgreSQL cluster where the machine has
    one (the tests' ``postgres_cluster``), else a SQLite file."""
    from tests.central_api.postgres_cluster import postgres_url, unavailable_reason

    if unavailable_reason() is None:
        with postgres_url() as url:
            yield url, "PostgreSQL"
    else:
        yield f"sqlite:///{folder / 'central.db'}", "SQLite"


def serve(
    db_url: str, folder: Path, workers: int, port: int = 0, *, heartbeat: bool = True
) -> DemoServer:
    """The reference server (blocking until it answers), with the bench's settings
    (``heartbeat``: every ``HEARTBEAT_S`` instead of the default 15 s)."""
    os.environ["KIOSK_API_RESERVATION_TTL_S"] = TTL_S
    args = ["--key-file", str(folder / "server.keys")]
    if heartbeat:
        args += ["--events-heartbeat-s", HEARTBEAT_S]
    return start_demo_server(
        db_url=db_url, workers=workers, port=port, timeout_s=180, extra_args=args
    )


def enroll(url: str, store: str = "PAR01", name: str = "bench") -> str:
    response = httpx.post(
        url + "/v1/devices/enroll",
        json={
            "enrollment_token": "demo-enrollment",
            "store_code": store,
            "mode": "associate",
            "device_name": name,
        },
        headers={"Idempotency-Key": str(uuid.uuid4())},
        timeout=30,
    )
    response.raise_for_status()
    token: str = response.json()["token"]
    return token


def sql(db_url: str, statement: str) -> list[Any]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(statement)).all())
    finally:
        engine.dispose()


def head(db_url: str) -> int:
    """The id of the last event the server wrote (0: none yet)."""
    return int(sql(db_url, "SELECT COALESCE(MAX(id), 0) FROM events")[0][0])


def event_ids(db_url: str, after: int) -> list[int]:
    return [int(i) for (i,) in sql(db_url, f"SELECT id FROM events WHERE id > {int(after)}")]


def stores(db_url: str) -> list[str]:
    rows = sql(db_url, "SELECT code FROM locations WHERE kind = 'store' ORDER BY code")
    return [str(code) for (code,) in rows]


def skus_in_stock(db_url: str, store: str = "PAR01") -> list[str]:
    rows = sql(
        db_url,
        "SELECT p.sku FROM stock s JOIN products p ON p.id = s.product_id"
        " JOIN locations l ON l.id = s.location_id"
        f" WHERE l.code = '{store}' AND s.on_hand - s.reserved >= 3 ORDER BY p.sku",
    )
    return [str(sku) for (sku,) in rows]


def rss_kb(pid: int) -> int:
    """Resident memory of a process and its children (the server's workers), in KiB."""
    total = 0
    pids = [pid]
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            children = (task / "children").read_text().split()
            pids += [int(c) for c in children]
    for one in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def worker_pids(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


@dataclass
class Writer:
    """Places one-unit endless-aisle orders for pickup here (order.placed + stock.changed
    per order, order.expired + stock.changed when its reservation runs out)."""

    url: str
    token: str
    skus: list[str]
    placed: int = 0
    failures: int = 0
    write_ms: list[float] = field(default_factory=list)
    _next: int = 0

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "Idempotency-Key": str(uuid.uuid4())}

    async def order(self, http: httpx.AsyncClient) -> tuple[str, float] | None:
        """(order number, perf_counter when the order was sent), or None if refused."""
        sku = self.skus[self._next % len(self.skus)]
        self._next += 1
        lines = [{"sku": sku, "quantity": 1}]
        where = {"type": "this_store"}
        got = await http.post(
            self.url + "/v1/fulfilment-options",
            json={"lines": lines, "destination": where},
            headers=self._headers(),
        )
        options = got.json().get("options") if got.status_code == 200 else None
        if not options:
            self.failures += 1
            return None
        body = {
            "lines": lines,
            "destination": where,
            "option_id": options[0]["id"],
            "customer": {"guest": {"email": "bench@example.com", "consent": True}},
        }
        sent = time.perf_counter()
        placed = await http.post(
            self.url + "/v1/endless-aisle/orders", json=body, headers=self._headers()
        )
        self.write_ms.append((time.perf_counter() - sent) * 1000)
        if placed.status_code != 201:
            self.failures += 1
            return None
        self.placed += 1
        return str(placed.json()["number"]), sent

    async def keep_writing(self, http: httpx.AsyncClient, stop: asyncio.Event) -> None:
        """Order after order until ``stop``; failures (the API down) are retried later."""
        while not stop.is_set():
            try:
                await self.order(http)
            except (httpx.HTTPError, ValueError):
                self.failures += 1
                await asyncio.sleep(0.2)
