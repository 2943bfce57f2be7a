"""What another device does that invalidates the work open on this tablet is shown there at
once, with what to do (#22): the pickup being handed over here is collected elsewhere; the
source of a line of the endless-aisle order being built sells out. And the endless-aisle
payment status follows the order's events instead of polling."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest

from kiosk_app.flows.endless_aisle.models import EndlessAisleOrder
from kiosk_app.flows.endless_aisle.session import Placed
from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen
from kiosk_app.flows.pickup.session import Step
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.remote_state import Loaded
from kiosk_app.shell.main_window import MainWindow
from tests.central_api.events_support import Demo
from tests.central_api.test_endless_aisle_support import Api, query
from tests.conftest import enroll, own_demo_server
from tests.ui.conftest import pickup_screen, settle
from tests.ui.live_support import live_window, shot


@pytest.fixture(scope="module")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """A server of this module's own: its hand-overs and sales would use up the demo data
    the shared server keeps for the other UI tests."""
    yield from own_demo_server(tmp_path_factory, "live_invalidation", seed=42)


@pytest.fixture(scope="module")
def device_token(api_server: DemoServer) -> str:
    return enroll(api_server.url)


def _last_ready(api: Api) -> str:
    """A ready pickup from the end of the queue (the other live tests take the first)."""
    rows = api.get("/v1/pickups?status=ready").json()
    assert rows, "no ready pickup left in the demo data"
    return str(rows[-1]["order_number"])


def test_a_pickup_collected_on_another_device_stops_the_hand_over_here(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    with live_window(qtbot, qloop, api_server.url, device_token) as window:
        window.resize(1280, 800)
        screen = pickup_screen(window)
        window.show_screen(screen)
        other = Api.enroll(api_server)
        number = _last_ready(other)
        screen.open_order(number)
        session = screen.core.session
        settle(qloop, lambda: session.current.step is Step.VERIFY)

        detail = other.get(f"/v1/pickups/{number}").json()
        qr = other.post(f"/v1/pickups/{number}/qr", {}).json()["token"]
        lines = [{"line_no": ln["line_no"], "picked": ln["quantity"]} for ln in detail["lines"]]
        body = {"lines": lines, "verification": {"method": "signed_qr", "qr_token": qr}}
        started = time.monotonic()  # the hand-over on the other device
        assert other.post(f"/v1/pickups/{number}/complete", body).status_code == 200
        settle(qloop, lambda: session.current.step is Step.REFUSED, timeout=5)
        shown_in = time.monotonic() - started
        message = session.current.message
        assert message is not None and message.code == "collected_elsewhere"
        assert screen.content.currentWidget() is screen.message_view
        assert number in screen.big_text.text() and "another device" in screen.big_text.text()
        assert screen.big_text.isVisible()
        # the hand-over cannot go on: nothing is written that the server would refuse
        assert session.current.order is not None
        assert session.current.order.status == "collected"  # the pill says so, not "Ready"
        assert session.complete() is None
        assert screen.core.session.verify_id("passport") is False
        print(f"\nlive: hand-over stopped here {shown_in * 1000:.0f} ms after the write")
        print(shot(window, "4-pickup-collected-elsewhere"))
        assert shown_in < 2.0, shown_in


def _scarce_option(server: DemoServer, api: Api) -> tuple[str, int, str]:
    """(sku, units, option id): an option to this store that takes all ``units`` of the SKU
    from one location holding only them (another device can then take them all)."""
    rows = query(
        server,
        "SELECT p.sku, l.code, s.on_hand - s.reserved FROM stock s"
        " JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id"
        " WHERE s.on_hand - s.reserved BETWEEN 1 AND 2 ORDER BY p.sku DESC, l.code LIMIT 60",
    )
    for sku, code, units in rows:
        lines = [{"sku": sku, "quantity": units}]
        for option in api.options(lines, {"type": "this_store"}).json().get("options") or []:
            if [src["code"] for src in option["sources"]] == [code]:
                return str(sku), int(units), str(option["id"])
    raise AssertionError("demo data has no option from a location holding 1-2 units")


def _code(notice: Any) -> str | None:
    """The code of the notice shown (the basket's own "added" comes first)."""
    return None if notice is None else str(notice.code)


def _builder(window: MainWindow) -> EndlessAisleScreen:
    screen = window.flows["endless_aisle"].screen()
    assert isinstance(screen, EndlessAisleScreen)
    window.show_screen(screen)
    return screen


def test_a_sold_out_source_of_the_chosen_option_asks_for_another_one(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    other = Api.enroll(api_server)
    sku, units, option_id = _scarce_option(api_server, other)
    with live_window(qtbot, qloop, api_server.url, device_token) as window:
        window.resize(1280, 800)
        screen = _builder(window)
        service = screen.service
        qloop.run_until_complete(service.add_sku(sku, units))
        service.set_destination("this_store")
        qloop.run_until_complete(service.refresh_options())
        options = service.options.state.value
        assert isinstance(options, Loaded)
        chosen = next(o for o in options.value.options if o.id == option_id)
        service.select_option(chosen.id)
        assert service.selected_option() is not None
        top_before = screen.pages.mapTo(screen, screen.pages.rect().topLeft())

        # another device takes every unit of that location
        lines = [{"sku": sku, "quantity": units}]
        started = time.monotonic()
        placed = other.order(lines, {"type": "this_store"}, chosen.id)
        assert placed.status_code == 201, placed.text
        settle(qloop, lambda: _code(service.notice.value) == "source_short", timeout=5)
        shown_in = time.monotonic() - started
        notice = service.notice.value
        assert notice is not None and notice.code == "source_short" and notice.level == "error"
        assert notice.param("source") == chosen.sources[0].name
        assert service.selected.value is None  # choose again: "Place order" is off
        assert not screen.submit_button.isEnabled()
        text = screen.notice.text.text()
        assert chosen.sources[0].name in text and "another option" in text
        # the notice floats in its reserved slot: the page under it did not move
        assert screen.pages.mapTo(screen, screen.pages.rect().topLeft()) == top_before
        # the options are asked again: the sold-out source is not offered any more
        settle(qloop, lambda: isinstance(service.options.state.value, Loaded), timeout=5)
        settle(qloop, lambda: chosen.id not in screen.option_buttons, timeout=5)
        assert service.selected.value is None
        assert not any(b.isChecked() for b in screen.option_buttons.values())
        if chosen.sources[0].code == "PAR01":  # the line's "here" follows this store's stock
            assert service.draft.value.lines[0].here == 0
        print(f"\nlive: sold-out source said {shown_in * 1000:.0f} ms after the write")
        print(shot(window, "5-endless-aisle-source-sold-out"))
        assert shown_in < 2.0, shown_in


def test_the_payment_status_follows_the_order_events_while_live(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    other = Api.enroll(api_server)
    raw = Demo(api_server, other).place_order()
    with live_window(qtbot, qloop, api_server.url, device_token) as window:
        screen = _builder(window)
        screen.poll_interval_s = 0.05  # polling would see the payment at once: it must not
        service = screen.service
        order = EndlessAisleOrder.model_validate(raw)
        assert not order.settled
        live = screen.live
        assert live is not None and live.is_live
        service.submission.set(Placed(order))
        screen._start_polling()
        settle(qloop, lambda: screen._poll.running)

        started = time.monotonic()
        paid = other.post(f"/v1/endless-aisle/orders/{order.number}/demo-pay", {"method": "till"})
        assert paid.status_code == 200, paid.text

        def settled() -> bool:
            state = service.submission.value
            return isinstance(state, Placed) and state.order.settled

        settle(qloop, settled, timeout=5)
        shown_in = time.monotonic() - started
        assert live.order_fetches >= 1
        assert shown_in < 2.0, shown_in


def test_payment_is_polled_only_while_not_live(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    other = Api.enroll(api_server)
    raw = Demo(api_server, other).place_order()
    with live_window(qtbot, qloop, api_server.url, device_token) as window:
        screen = _builder(window)
        service = screen.service
        live = screen.live
        assert live is not None
        live.stop()  # no events reach the screen: only polling could see the payment
        order = EndlessAisleOrder.model_validate(raw)
        service.submission.set(Placed(order))
        paid = other.post(f"/v1/endless-aisle/orders/{order.number}/demo-pay", {"method": "till"})
        assert paid.status_code == 200, paid.text
        still = True

        def is_live() -> bool:
            return still

        task = asyncio.ensure_future(service.watch_payment(0.02, is_live), loop=qloop)
        qloop.run_until_complete(asyncio.sleep(0.4))
        state = service.submission.value
        assert isinstance(state, Placed) and not state.order.settled  # live: no poll
        still = False
        settle(
            qloop,
            lambda: isinstance(s := service.submission.value, Placed) and s.order.settled,
            timeout=5,
        )
        qloop.run_until_complete(asyncio.wait_for(task, 5))
