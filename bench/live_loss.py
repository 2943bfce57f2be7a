"""Loss of the live events under faults: the app's subscription (``bench.live_subscriber``,
a process of its own) follows the stream through ``ChaosProxy`` (resets and stalls) while a
writer keeps ordering, and the bench restarts the API, SIGKILLs one of its workers (the
server then stops: its supervisor stops the others) and SIGKILLs the subscriber, which
starts again from its cursor file. Afterwards the subscriber's logs are compared with the
server's ``events`` table.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

from bench.faultnet import ChaosProxy
from bench.live_support import Writer, enroll, event_ids, head, serve, skus_in_stock, worker_pids
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.live import CursorFile

ROOT = Path(__file__).resolve().parents[1]
FAULTS = ("subscriber kill", "worker kill", "subscriber kill", "API restart")


@dataclass
class Run:
    """One life of the subscriber process: the cursor it started from, the ids it applied."""

    log: Path
    killed: bool = False
    cursor: int | None = None
    ids: list[int] = field(default_factory=list)

    def read(self) -> None:
        for line in self.log.read_text().splitlines():
            first = line.split(" ", 1)[0]
            if first == "cursor":
                value = line.split(" ", 1)[1]
                self.cursor = None if value == "None" else int(value)
            elif first.isdigit():
                self.ids.append(int(first))


@dataclass
class Loss:
    produced: int = 0
    received: int = 0
    lost: int = 0
    twice: int = 0
    replayed_after_kill: int = 0
    out_of_order: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    resets: int = 0
    stalls: int = 0
    seconds: float = 0.0


class Subscriber:
    def __init__(self, url: str, token: str, folder: Path) -> None:
        self.url, self.token, self.folder = url, token, folder
        self.cursor = folder / "live_cursor.json"
        self.runs: list[Run] = []
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        run = Run(self.folder / f"subscriber-{len(self.runs)}.log")
        self.runs.append(run)
        env = dict(
            os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.live_subscriber",
                self.url,
                self.token,
                str(self.cursor),
                str(run.log),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.runs[-1].killed = True

    def seen_max(self) -> int:
        best = 0
        for run in self.runs:
            with contextlib.suppress(OSError):
                for line in run.log.read_text().splitlines()[-50:]:
                    first = line.split(" ", 1)[0]
                    if first.isdigit():
                        best = max(best, int(first))
        return best


def count(runs: list[Run], produced: list[int]) -> Loss:
    result = Loss(produced=len(produced))
    for run in runs:
        run.read()
        result.out_of_order += sum(b <= a for a, b in zip(run.ids, run.ids[1:], strict=False))
    wanted = set(produced)
    seen: dict[int, int] = {}  # id -> index of the run that applied it
    for index, run in enumerate(runs):
        for event_id in run.ids:
            if event_id not in wanted:
                continue
            if event_id in seen:
                previous = runs[seen[event_id]]
                # killed between applying and saving the cursor (README: the kill window)
                window = (
                    seen[event_id] == index - 1
                    and previous.killed
                    and (run.cursor is None or event_id > run.cursor)
                )
                if window:
                    result.replayed_after_kill += 1
                else:
                    result.twice += 1
            seen[event_id] = index
    result.received = len(seen)
    result.lost = len(wanted - set(seen))
    return result


class Faults:
    def __init__(self, db_url: str, folder: Path, workers: int, server: DemoServer) -> None:
        self.db_url, self.folder, self.workers, self.server = db_url, folder, workers, server
        self.port = int(urlparse(server.url).port or 0)

    async def restart(self, kill_worker: bool) -> None:
        process = self.server.process
        if kill_worker:
            pids = worker_pids(process.pid) or [process.pid]
            os.kill(random.choice(pids), signal.SIGKILL)
            await asyncio.to_thread(process.wait, 30)  # the supervisor stops the others
        await asyncio.to_thread(self.server.stop)
        self.server = await asyncio.to_thread(
            serve, self.db_url, self.folder, self.workers, self.port
        )


async def measure(
    server: DemoServer, folder: Path, workers: int, events: int, pause_s: tuple[float, float]
) -> Loss:
    """Faults (each of ``FAULTS`` at least once) until ``events`` were produced; ``server``
    is restarted as it goes and stopped at the end."""
    started = time.perf_counter()
    faults = Faults(server.db_url, folder, workers, server)
    proxy = await ChaosProxy(faults.port).start()
    subscriber = Subscriber(proxy.url, enroll(server.url, name="loss-reader"), folder)
    try:
        start, last, done = await _produce(faults, proxy, subscriber, events, pause_s)
    finally:
        if subscriber.process is not None and subscriber.process.poll() is None:
            subscriber.process.kill()
            subscriber.process.wait()
        await proxy.aclose()
        await asyncio.to_thread(faults.server.stop)
    produced = [i for i in event_ids(server.db_url, start) if i <= last]
    counted = count(subscriber.runs, produced)
    counted.faults = done
    counted.resets, counted.stalls = proxy.stats.resets, proxy.stats.stalls
    counted.seconds = time.perf_counter() - started
    return counted


async def _produce(
    faults: Faults,
    proxy: ChaosProxy,
    subscriber: Subscriber,
    events: int,
    pause_s: tuple[float, float],
) -> tuple[int, int, Counter[str]]:
    """(head before, head after, faults made): writes and faults, then the subscriber
    catches up with the proxy quiet."""
    db_url, url = faults.db_url, faults.server.url
    writer = Writer(url, enroll(url, name="loss-writer"), skus_in_stock(db_url))
    start = head(db_url)
    CursorFile(subscriber.cursor, proxy.url).save(start)
    subscriber.start()
    stop = asyncio.Event()
    done: Counter[str] = Counter()
    async with httpx.AsyncClient(timeout=30) as http:
        writers = [asyncio.ensure_future(writer.keep_writing(http, stop)) for _ in range(4)]
        rng = random.Random(22)
        try:
            while (
                len(done) < len(set(FAULTS))
                or await asyncio.to_thread(head, db_url) - start < events
            ):
                await asyncio.sleep(rng.uniform(*pause_s))
                fault = FAULTS[sum(done.values()) % len(FAULTS)]
                done[fault] += 1
                if fault == "subscriber kill":
                    subscriber.kill()
                    subscriber.start()
                else:
                    await faults.restart(kill_worker=fault == "worker kill")
        finally:
            stop.set()
            await asyncio.gather(*writers, return_exceptions=True)
    last = await asyncio.to_thread(head, db_url)
    proxy.enabled = False  # no new faults: let the subscriber catch up
    for _ in range(600):  # at most 2 min
        if subscriber.seen_max() >= last:
            break
        await asyncio.sleep(0.2)
    await asyncio.sleep(0.5)  # anything applied twice would be in by now
    return start, last, done
