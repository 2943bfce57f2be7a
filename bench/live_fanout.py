"""Fan-out of the live events: N concurrent ``GET /v1/events`` on ONE server process.

The subscribers are lean (raw asyncio streams, the ids picked out of the bytes with one
regular expression), so that thousands fit in this process beside the server. They are
spread over every store's devices (one enrolled device per store): each receives its
store's orders and the stock of every location. The writes go through a second server on
the same database (PostgreSQL wakes the subscribers' worker with NOTIFY), so the worker
measured does nothing but deliver.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import httpx

from bench.live_support import Writer, head, rss_kb, sql

ID = re.compile(rb"(?:^|\n)id: (\d+)")
CONNECT_AT_ONCE = 100
#: a round goes on with the subscribers connected by then
CONNECT_WAIT_S = 240.0


@dataclass
class Subscriber:
    token: str
    store: str
    connected: bool = False
    failed: str = ""
    #: (largest id in a read, perf_counter when read)
    reads: list[tuple[int, float]] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    _writer: asyncio.StreamWriter | None = None

    async def run(self, host: str, port: int, gate: asyncio.Semaphore) -> None:
        try:
            async with gate:
                reader, self._writer = await asyncio.open_connection(host, port)
                request = (
                    f"GET /v1/events HTTP/1.1\r\nHost: {host}:{port}\r\n"
                    f"Authorization: Bearer {self.token}\r\nAccept: text/event-stream\r\n\r\n"
                )
                self._writer.write(request.encode())
                status = await reader.readline()
                if b" 200 " not in status:
                    self.failed = status.decode(errors="replace").strip()
                    return
                await reader.readuntil(b"\r\n\r\n")
            self.connected = True
            rest = b""
            while data := await reader.read(65536):
                data = rest + data
                cut = data.rfind(b"\n") + 1
                found = ID.findall(data, 0, cut)
                rest = data[cut:]
                if found:
                    numbers = [int(n) for n in found]
                    self.ids += numbers
                    self.reads.append((max(numbers), time.perf_counter()))
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            self.failed = self.failed or f"{type(exc).__name__}: {exc}"

    def close(self) -> None:
        if self._writer is not None:
            self._writer.transport.abort()


async def _wait(condition: object, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.1)
    return True


async def one_round(
    n: int,
    *,
    server_url: str,
    server_pid: int,
    writer: Writer,
    tokens: dict[str, str],
    db_url: str,
    orders: int,
) -> tuple[dict[str, float], str]:
    """Open ``n`` subscribers, write ``orders`` orders, measure delivery and memory."""
    parsed = urlparse(server_url)
    host, port = parsed.hostname or "127.0.0.1", int(parsed.port or 80)
    stores = list(tokens)
    before_kb = rss_kb(server_pid)
    subscribers = [
        Subscriber(tokens[stores[i % len(stores)]], stores[i % len(stores)]) for i in range(n)
    ]
    gate = asyncio.Semaphore(CONNECT_AT_ONCE)
    started = time.perf_counter()
    tasks = [asyncio.ensure_future(s.run(host, port, gate)) for s in subscribers]
    await _wait(lambda: all(s.connected or s.failed for s in subscribers), CONNECT_WAIT_S)
    connect_s = time.perf_counter() - started
    await asyncio.sleep(1.0)  # the streams' first reads are done
    after_kb = rss_kb(server_pid)
    connected = sum(s.connected for s in subscribers)
    first = head(db_url)
    sent_at = time.perf_counter()
    async with httpx.AsyncClient(timeout=60) as http:
        for _ in range(orders):
            await writer.order(http)
    last = head(db_url)
    rows = sql(db_url, f"SELECT type FROM events WHERE id > {first} AND id <= {last}")
    stock = sum(1 for (kind,) in rows if kind == "stock.changed")
    # PAR01 (where the writer orders) receives all of them; other stores the stock only
    expected = {s: (len(rows) if s == "PAR01" else stock) for s in stores}

    def got(s: Subscriber) -> int:
        return sum(1 for i in s.ids if first < i <= last)

    live = [s for s in subscribers if s.connected and not s.failed]
    await _wait(lambda: all(got(s) >= expected[s.store] for s in live), 90)
    delivered = sum(got(s) for s in live)
    complete = sum(got(s) == expected[s.store] for s in live)
    last_at = max((t for s in live for (top, t) in s.reads if first < top <= last), default=sent_at)
    for s in subscribers:
        s.close()
    for task in tasks:  # those still waiting to connect, too
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    span = max(last_at - sent_at, 1e-6)
    failure = next((s.failed for s in subscribers if s.failed), "")
    figures = {
        "n": n,
        "connected": connected,
        "complete": complete,
        "connect_s": connect_s,
        "events": len(rows),
        "delivered": delivered,
        "per_s": delivered / span,
        "span_s": span,
        "kb_per": (after_kb - before_kb) / max(1, connected),
        "failed": float(sum(bool(s.failed) for s in subscribers)),
    }
    return figures, failure
