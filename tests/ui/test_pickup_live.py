"""The pickup queue kept current by the live events (#22): another device's check-in or
hand-over shows on this tablet's queue at once, without a reload, in place (the other rows
are the same widgets) and marked; no polling while live, polling again when not."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest

from kiosk_app.flows.pickup.ui.screen import PickupScreen, QueueRow
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.shell.main_window import MainWindow
from tests.central_api.events_support import Demo
from tests.central_api.test_endless_aisle_support import Api
from tests.conftest import enroll, own_demo_server
from tests.ui.conftest import make_window, pickup_screen, settle


@pytest.fixture(scope="module")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """A server of this module's own: its hand-overs and sales would use up the demo data
    the shared server keeps for the other UI tests."""
    yield from own_demo_server(tmp_path_factory, "pickup_live", seed=42)


@pytest.fixture(scope="module")
def device_token(api_server: DemoServer) -> str:
    return enroll(api_server.url)


@pytest.fixture
def tablet(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> Iterator[MainWindow]:
    window = make_window(qtbot, api_server.url, device_token, live=True)
    live = window.services.live
    assert live is not None

    async def start() -> asyncio.Task[None]:  # in the running loop, as the app does
        return asyncio.ensure_future(live.run_forever())

    task = qloop.run_until_complete(start())
    yield window
    task.cancel()
    window.close()
    qloop.run_until_complete(asyncio.gather(task, return_exceptions=True))
    qloop.run_until_complete(window.services.client.aclose())


def _rows(screen: PickupScreen) -> dict[str, QueueRow]:
    holder = screen.queue_scroll.widget()
    return {r.order_number: r for r in holder.findChildren(QueueRow) if r.parent() is holder}


def test_another_devices_check_in_and_hand_over_show_at_once_in_place(
    qloop: asyncio.AbstractEventLoop, tablet: MainWindow, api_server: DemoServer
) -> None:
    window = tablet
    window.resize(1280, 800)
    screen = pickup_screen(window)
    window.show_screen(screen)
    live = window.services.live
    assert live is not None
    settle(qloop, lambda: live.live.value and len(_rows(screen)) >= 3)
    assert "Live" in window.status.live.text() and "Not" not in window.status.live.text()
    assert not screen.timer.isActive()  # no polling while live
    other = Api.enroll(api_server)  # the second client: the kiosk, the web, another tablet
    ready = [n for n, row in _rows(screen).items() if not row.property("waiting")]
    number = ready[0]
    before = _rows(screen)

    started = time.monotonic()
    assert other.post(f"/v1/pickups/{number}/check-in", {}).status_code == 200
    settle(qloop, lambda: number in screen.marked_rows, timeout=5)
    shown_in = time.monotonic() - started
    after = _rows(screen)
    assert after[number].property("waiting") and after[number].property("changed")
    assert after[number] is not before[number]
    unchanged = [n for n in before if n != number and n in after]
    assert unchanged and all(after[n] is before[n] for n in unchanged)  # not rebuilt
    assert shown_in < 2.0, shown_in

    assert Demo(api_server, other).complete(number).status_code == 200
    settle(qloop, lambda: number not in _rows(screen), timeout=5)
    assert screen.pages.currentWidget() is screen.queue_page
    assert live.duplicates == 0

    # the stream goes away: "Not live", and the screen polls again
    live.live.set(False)
    assert "Not live" in window.status.live.text()
    assert screen.timer.isActive()


def test_the_status_bar_says_live_or_not_live_in_each_language(qtbot: Any, language: str) -> None:
    from kiosk_app.ui.widgets.status import AppStatusBar

    bar = AppStatusBar()
    qtbot.addWidget(bar)
    assert bar.live.isHidden()  # no live-event subscription: nothing said
    bar.set_live(True)
    assert {"en": "Live", "fr": "En direct"}[language] in bar.live.text()
    bar.set_live(False)
    assert {"en": "Not live", "fr": "Pas en direct"}[language] in bar.live.text()
    assert not bar.live.isHidden()


def test_a_sale_elsewhere_updates_the_product_screens_stock_in_place(
    qloop: asyncio.AbstractEventLoop, tablet: MainWindow, api_server: DemoServer
) -> None:
    """Another device reserves a unit (an endless-aisle order): the product screen open
    here shows the new stock of that location at once, without a reload, marked."""
    from PySide6.QtWidgets import QLabel

    from kiosk_app.kernel.remote_state import Loaded

    window = tablet
    live = window.services.live
    assert live is not None
    other = Api.enroll(api_server)
    where = {"type": "this_store"}
    sku, option = next(
        (sku, options[0])
        for sku in Demo(api_server, other).skus()
        if (options := other.options([{"sku": sku, "quantity": 1}], where).json().get("options"))
    )
    window.open_sku(sku)
    screen = window.product
    settle(
        qloop, lambda: live.live.value and isinstance(window.products.details.state.value, Loaded)
    )
    shown = window.products.details.state.value
    assert isinstance(shown, Loaded)
    name = screen.name

    started = time.monotonic()
    placed = other.order([{"sku": sku, "quantity": 1}], where, option["id"])
    assert placed.status_code == 201, placed.text
    fresh = other.get(f"/v1/products/sku/{sku}/availability").json()
    assert fresh != shown.value.availability.model_dump(mode="json")  # one location moved

    def current() -> bool:
        details = screen._details
        return details is not None and details.availability.model_dump(mode="json") == fresh

    settle(qloop, current, timeout=5)
    shown_in = time.monotonic() - started
    assert screen.name is name and window.products.details.state.value != shown
    now = window.products.details.state.value
    assert isinstance(now, Loaded)
    old = {s.code: s.available for s in shown.value.availability.stores}
    old.update({w.code: w.available for w in shown.value.availability.warehouses})
    moved = [
        s.code
        for s in now.value.availability.stores + now.value.availability.warehouses
        if old[s.code] != s.available
    ]
    if now.value.availability.here != shown.value.availability.here:
        assert screen.here_qty.property("changed")
        assert screen.here_qty.text() == str(fresh["here"])
    for code in moved:
        badge = screen.findChild(QLabel, f"stock-{code}")
        if badge is not None:  # (a store past the nearest ones is not listed)
            assert badge.property("changed")
    assert shown_in < 2.0, shown_in
