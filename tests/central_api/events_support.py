"""Helpers of the live-event tests (no tests here): a real SSE reader over httpx, servers
on SQLite and PostgreSQL, and demo records each test takes for itself."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from central_api.events.models import EventRow
from central_api.platform import workers
from central_api.platform.db import Database
from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from tests.central_api.postgres_cluster import postgres_url, unavailable_reason
from tests.central_api.test_endless_aisle_support import Api

HEARTBEAT_S = 0.5
#: readers poll this seldom in the tests: an event seen sooner was delivered by a wake-up
POLL_S = 60.0
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextlib.contextmanager
def events_server(backend: str, folder: Path, poll_s: float = POLL_S) -> Iterator[DemoServer]:
    """A reference server on ``backend`` with two workers where the machine allows it, a
    short heartbeat and (unless told) a long poll."""
    if backend == "postgres" and (why := unavailable_reason()) is not None:
        pytest.skip(why)
    count = 2 if workers.supported() is None else 1
    args = ["--events-heartbeat-s", str(HEARTBEAT_S), "--events-poll-s", str(poll_s)]
    with contextlib.ExitStack() as stack:
        url = (
            f"sqlite:///{folder / 'central.db'}"
            if backend == "sqlite"
            else stack.enter_context(postgres_url())
        )
        yield stack.enter_context(
            start_demo_server(db_url=url, workers=count, timeout_s=180, extra_args=args)
        )


@dataclass
class Received:
    id: int | None
    type: str
    data: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


class EventReader:
    """Follows ``GET /v1/events`` in a thread with a real streaming HTTP client."""

    def __init__(
        self,
        url: str,
        token: str | None,
        *,
        after: int | None = None,
        last_event_id: str | None = None,
    ) -> None:
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        if last_event_id is not None:
            self.headers["Last-Event-ID"] = last_event_id
        self.params = {"after": str(after)} if after is not None else {}
        self.url = url + "/v1/events"
        self.events: list[Received] = []
        self.comments: list[str] = []
        self.status: int | None = None
        self.content_type = ""
        self.problem: dict[str, Any] | None = None
        self.ended = False
        self._stop = threading.Event()
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> EventReader:
        self._thread.start()
        assert self.wait_for(lambda: "connected" in self.comments or self.ended), "no stream"
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        try:
            with (
                httpx.Client(timeout=10) as client,
                client.stream("GET", self.url, params=self.params, headers=self.headers) as r,
            ):
                self.status, self.content_type = r.status_code, r.headers.get("content-type", "")
                if r.status_code != 200:
                    self.problem = json.loads(r.read())
                    return
                self._parse(r.iter_lines())
        finally:
            with self._changed:
                self.ended = True
                self._changed.notify_all()

    def _parse(self, lines: Iterator[str]) -> None:
        fields: dict[str, str] = {}
        for line in lines:
            if self._stop.is_set():
                return
            if line.startswith(":"):
                self._add(self.comments, line[1:].strip())
            elif line:
                name, _, value = line.partition(":")
                value = value.removeprefix(" ")
                fields[name] = fields[name] + "\n" + value if name in fields else value
            elif "data" in fields:
                received = Received(
                    int(fields["id"]) if "id" in fields else None,
                    fields.get("event", "message"),
                    json.loads(fields["data"]),
                )
                self._add(self.events, received)
                fields = {}

    def _add(self, to: list[Any], item: Any) -> None:
        with self._changed:
            to.append(item)
            self._changed.notify_all()

    def wait_for(self, condition: Callable[[], bool], timeout_s: float = 15.0) -> bool:
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while not condition():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def wait_events(self, count: int, timeout_s: float = 15.0) -> bool:
        return self.wait_for(lambda: len(self.events) >= count, timeout_s)

    def of_type(self, *types: str) -> list[Received]:
        return [e for e in list(self.events) if e.type in types]

    def wait_type(self, type_: str, subject: str, timeout_s: float = 15.0) -> Received:
        def found() -> bool:
            return any(e.data.get("subject") == subject for e in self.of_type(type_))

        assert self.wait_for(found, timeout_s), (type_, subject, self.events)
        return next(e for e in self.of_type(type_) if e.data.get("subject") == subject)

    @property
    def ids(self) -> list[int]:
        return [e.id for e in list(self.events) if e.id is not None]


def stored_ids(db: Database, after: int) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(EventRow.id).where(EventRow.id > after).order_by(EventRow.id)))


class Demo:
    """Demo records taken by one test each (never shared), through the API."""

    def __init__(self, server: DemoServer, api: Api) -> None:
        self.server, self.api = server, api
        self.taken: set[str] = set()

    def ready_pickup(self) -> str:
        rows = self.api.get("/v1/pickups?status=ready").json()
        for row in rows:
            if row["order_number"] not in self.taken:
                self.taken.add(row["order_number"])
                return str(row["order_number"])
        raise AssertionError("no ready pickup left in the demo data")

    def complete(self, number: str) -> httpx.Response:
        detail = self.api.get(f"/v1/pickups/{number}").json()
        qr = self.api.post(f"/v1/pickups/{number}/qr", {}).json()["token"]
        lines = [{"line_no": ln["line_no"], "picked": ln["quantity"]} for ln in detail["lines"]]
        body = {"lines": lines, "verification": {"method": "signed_qr", "qr_token": qr}}
        return self.api.post(f"/v1/pickups/{number}/complete", body)

    def skus(self) -> Iterator[str]:
        """SKUs in catalogue order, each once per test module."""
        page = self.api.get("/v1/products?q=chemise&limit=100").json()["items"]
        for item in page:
            if item["sku"] not in self.taken:
                self.taken.add(item["sku"])
                yield str(item["sku"])

    def place_order(self, api: Api | None = None) -> dict[str, Any]:
        """An endless-aisle order of one unit of a SKU that some location holds, for
        delivery to the device's store (a guest's)."""
        api = api or self.api
        where = {"type": "this_store"}
        for sku in self.skus():
            lines = [{"sku": sku, "quantity": 1}]
            options = api.options(lines, where).json().get("options")
            if options:
                placed = api.order(lines, where, options[0]["id"])
                assert placed.status_code == 201, placed.text
                order: dict[str, Any] = placed.json()
                return order
        raise AssertionError("no SKU left to order")
