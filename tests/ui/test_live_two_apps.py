"""Two real app instances (two ``build_app``, two device tokens) against one real server
(#22): what one device (or the kiosk, through the API) writes shows on the other window
at once, without a reload: a hand-over, a kiosk check-in, the sale of the last unit here.
Prints the time from the write to the other window's model change, and keeps screenshots
of the other window right after each change in ``/tmp/live_shots/`` (1280x800)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen
from kiosk_app.flows.pickup.rules import VerificationMethod
from kiosk_app.flows.pickup.session import Step
from kiosk_app.flows.pickup.ui.screen import PickupScreen, QueueRow
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.remote_state import Loaded
from kiosk_app.shell.main_window import MainWindow
from tests.central_api.test_endless_aisle_support import Api, query
from tests.conftest import enroll, own_demo_server
from tests.support.demo_data import pickup_code_of
from tests.ui.conftest import pickup_screen, settle
from tests.ui.live_support import live_window, shot


@pytest.fixture(scope="module")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """A server of this module's own: its hand-overs and sales would use up the demo data
    the shared server keeps for the other UI tests."""
    yield from own_demo_server(tmp_path_factory, "live_two_apps", seed=42)


@pytest.fixture(scope="module")
def device_token(api_server: DemoServer) -> str:
    return enroll(api_server.url)


def _rows(screen: PickupScreen) -> dict[str, QueueRow]:
    holder = screen.queue_scroll.widget()
    return {r.order_number: r for r in holder.findChildren(QueueRow) if r.parent() is holder}


class ModelClock:
    """When an observable of a window's screen model last changed (monotonic)."""

    def __init__(self, observable: Observable[Any]) -> None:
        self.changes: list[float] = []
        self._unsubscribe = observable.subscribe(
            lambda _v: self.changes.append(time.monotonic()), now=False
        )

    def first_after(self, started: float) -> float:
        return min(t for t in self.changes if t >= started) - started

    def close(self) -> None:
        self._unsubscribe()


@contextlib.contextmanager
def clock(observable: Observable[Any]) -> Iterator[ModelClock]:
    c = ModelClock(observable)
    try:
        yield c
    finally:
        c.close()


def _hand_over(
    loop: asyncio.AbstractEventLoop, window: MainWindow, server: DemoServer, api: Api
) -> str:
    """A's associate hands a ready pickup over through A's pickup flow (pickup code, each
    item scanned, completion through A's outbox). Returns the order number, not yet sent."""
    screen = pickup_screen(window)
    session = screen.core.session
    rows = api.get("/v1/pickups?status=ready")
    number = str(rows.json()[-2]["order_number"])
    screen.open_order(number)
    settle(loop, lambda: session.current.step is Step.VERIFY)
    if VerificationMethod.PICKUP_CODE in session.current.accepted:
        assert loop.run_until_complete(session.verify_code(pickup_code_of(server, number)))
    else:  # the order asks for an ID document
        assert session.verify_id("passport"), session.current.message
    for line in session.current.lines:
        for _ in range(line.quantity):
            assert session.scan_item(line.gtin)
    assert session.to_handover()
    assert session.complete() is not None
    return number


def _last_unit_here(server: DemoServer, api: Api) -> tuple[str, str]:
    """(sku, option id): a SKU of which this store has one unit left, and the endless-aisle
    option that takes it from here."""
    rows = query(
        server,
        "SELECT p.sku FROM stock s JOIN products p ON p.id = s.product_id"
        " JOIN locations l ON l.id = s.location_id"
        " WHERE l.code = 'PAR01' AND s.on_hand - s.reserved = 1 ORDER BY p.sku DESC LIMIT 40",
    )
    for (sku,) in rows:
        lines = [{"sku": sku, "quantity": 1}]
        for option in api.options(lines, {"type": "this_store"}).json().get("options") or []:
            if [s["code"] for s in option["sources"]] == ["PAR01"]:
                return str(sku), str(option["id"])
    raise AssertionError("demo data has no last unit here")


def _report(what: str, seconds: float, shot: Path) -> None:
    print(f"\nlive two apps: {what}: write -> other window's model {seconds * 1000:.0f} ms; {shot}")


def test_two_apps_see_each_others_changes_without_a_reload(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    url = api_server.url
    with (
        live_window(qtbot, qloop, url, device_token) as a,
        live_window(qtbot, qloop, url, enroll(url)) as b,
    ):
        for w in (a, b):
            w.resize(1280, 800)
        queue_a, queue_b = pickup_screen(a), pickup_screen(b)
        a.show_screen(queue_a)
        b.show_screen(queue_b)
        settle(qloop, lambda: len(_rows(queue_a)) >= 3 and len(_rows(queue_b)) >= 3)

        # 1. a hand-over on A: gone from B's queue, no reload
        number = _hand_over(qloop, a, api_server, Api(url, device_token))
        assert number in _rows(queue_b)
        sync = a.services.sync
        assert sync is not None
        with clock(queue_b.core.queue.items.state) as changed:
            started = time.monotonic()
            qloop.run_until_complete(sync.drain())
            settle(qloop, lambda: number not in _rows(queue_b), timeout=5)
            took = changed.first_after(started)
        assert a.flows["pickup"].screen() is queue_a
        settle(qloop, lambda: queue_a.core.session.current.step is Step.DONE)
        _report("hand-over on A, B's queue", took, shot(b, "1-handover-on-B-queue"))
        assert took < 2.0

        # 2. a kiosk check-in (the kiosk, through the API): waiting and marked on A's queue
        queue_a.show_queue()
        kiosk = Api.enroll(api_server, mode="kiosk")
        ready = [n for n, row in _rows(queue_a).items() if not row.property("waiting")]
        customer = ready[0]
        body = {"pickup_code": pickup_code_of(api_server, customer)}
        with clock(queue_a.core.queue.items.state) as changed:
            started = time.monotonic()
            assert kiosk.post(f"/v1/pickups/{customer}/check-in", body).status_code == 200
            settle(qloop, lambda: customer in queue_a.marked_rows, timeout=5)
            took = changed.first_after(started)
        row = _rows(queue_a)[customer]
        assert row.property("waiting") and row.property("changed")
        _report("kiosk check-in, A's queue", took, shot(a, "2-kiosk-check-in-on-A-queue"))
        assert took < 2.0

        # 3. the last unit here sold by A (an endless-aisle order): B's product screen
        sku, option_id = _last_unit_here(api_server, Api(url, device_token))
        b.open_sku(sku)
        settle(qloop, lambda: isinstance(b.products.details.state.value, Loaded))
        settle(qloop, lambda: b.product.here_qty.text() == "1")
        builder = a.flows["endless_aisle"].screen()
        assert isinstance(builder, EndlessAisleScreen)
        a.show_screen(builder)
        service = builder.service
        qloop.run_until_complete(service.add_sku(sku, 1))
        service.set_destination("this_store")
        qloop.run_until_complete(service.refresh_options())
        service.select_option(option_id)
        service.set_guest("anne@example.com", "", True)
        assert service.problems() == [], service.problems()
        assert service.submit() is not None
        with clock(b.products.details.state) as changed:
            started = time.monotonic()
            qloop.run_until_complete(sync.drain())
            settle(qloop, lambda: b.product.here_qty.text() == "0", timeout=5)
            took = changed.first_after(started)
        assert b.product.here_qty.property("changed")
        assert isinstance(b.product.findChild(QLabel, "here-badge") or b.product.here_qty, QLabel)
        _report("last unit sold on A, B's product screen", took, shot(b, "3-last-unit-on-B"))
        assert took < 2.0
        _check_nothing_clipped(b)


def _check_nothing_clipped(window: MainWindow) -> None:
    """The product screen's labels show their whole text at 1280x800."""
    for lab in window.product.findChildren(QLabel):
        if lab.isVisible() and lab.text() and not lab.wordWrap():
            assert lab.width() >= lab.sizeHint().width() - 1 or lab.minimumWidth() > 0, lab.text()
