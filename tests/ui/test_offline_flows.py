"""Issue #19, offline: what the sync page says works offline works, with the network pulled.

The real window, a dedicated real server behind a fault proxy (the network is cut for real:
connects are refused), the real outbox and read cache (no OS keyring: the key file).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import Qt

from kiosk_app.flows.endless_aisle.session import Editing, Placed, Queued
from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen
from kiosk_app.flows.pickup.api import OFFLINE_PATH
from kiosk_app.flows.pickup.session import CheckInStep, Step
from kiosk_app.flows.pickup.ui.kiosk import KioskCheckInScreen
from kiosk_app.flows.pickup.ui.screen import PickupScreen
from kiosk_app.flows.returns.session import Phase
from kiosk_app.flows.returns.ui.screen import ReturnsFlow
from kiosk_app.kernel.connection import ConnectionState
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.offline.link import ConnectionLink
from kiosk_app.kernel.offline.read_cache import ReadCache, open_read_cache
from kiosk_app.kernel.outbox import EntryStatus
from kiosk_app.shell.main_window import MainWindow
from tests.central_api.test_endless_aisle_support import sku_with
from tests.conftest import enroll, own_demo_server
from tests.e2e.test_pickup_flow import Api, open_pickups, scan, step, take
from tests.support.faultproxy import FaultMode, FaultProxy
from tests.ui.conftest import make_window, query, settle
from tests.ui.test_returns_ui import RECENT, gtins, order_with

SAVED_TEXT = "Saved on this device; it will be sent when the network is back"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "offline-flows", seed=42)


@pytest.fixture(scope="module")
def token(server: DemoServer) -> str:
    return enroll(server.url)


@pytest.fixture
def proxy(server: DemoServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", int(server.url.rsplit(":", 1)[1])) as running:
        yield running


@pytest.fixture
def app(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    token: str,
    proxy: FaultProxy,
    tmp_path: Path,
) -> Iterator[MainWindow]:
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())  # type: ignore[no-untyped-call]  # a headless device
    folder = tmp_path / "device"
    folder.mkdir()
    window = make_window(qtbot, proxy.url, token, data_dir=folder)
    cache: ReadCache = open_read_cache(folder)
    assert cache.protection.personal_data_cached  # a key file, 0600
    window.services.client.set_read_cache(cache)
    assert window.services.sync is not None
    link = ConnectionLink(window.services.connection, window.services.sync)  # as the app does
    yield window
    link.close()
    window.close()
    qloop.run_until_complete(window.services.client.aclose())
    cache.close()
    keyring.set_keyring(previous)


def network_back(proxy: FaultProxy, loop: asyncio.AbstractEventLoop, window: MainWindow) -> None:
    """The network returns; the app's health check sees it (the queue is then tried at once)."""
    proxy.set_mode(FaultMode.PASS)
    assert loop.run_until_complete(window.services.client.reachable())
    assert window.services.connection.state.value is ConnectionState.ONLINE


def drain(loop: asyncio.AbstractEventLoop, window: MainWindow) -> Any:
    assert window.services.sync is not None
    return loop.run_until_complete(window.services.sync.drain())


def hand_over(qtbot: Any, window: MainWindow, screen: PickupScreen, order: dict[str, Any]) -> None:
    for line in order["lines"]:
        for _ in range(line["quantity"]):
            scan(window, line["gtin"])
    qtbot.mouseClick(screen.to_handover_button, Qt.MouseButton.LeftButton)
    assert step(window) is Step.HANDOVER
    qtbot.mouseClick(screen.complete_button, Qt.MouseButton.LeftButton)


def assert_saved_and_free(qloop: asyncio.AbstractEventLoop, window: MainWindow) -> None:
    """The hand-over is safe in the outbox; the associate can take the next customer."""
    screen = window.flows["pickup"].screen()
    assert isinstance(screen, PickupScreen)
    settle(qloop, lambda: step(window) is Step.SAVED)
    assert SAVED_TEXT in screen.big_detail.text()
    assert screen.next_button.isVisibleTo(screen) and screen.next_button.isEnabled()


def delivered(window: MainWindow) -> int:
    assert window.services.outbox is not None
    return window.services.outbox.counts().get(EntryStatus.DONE, 0)


def test_pickups_of_the_cached_queue_are_handed_over_offline_and_sent_once(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app: MainWindow,
    server: DemoServer,
    token: str,
    proxy: FaultProxy,
) -> None:
    api = Api(server, token)
    by_qr = take(api, "customer_waiting", methods=("signed_qr",))
    by_code = take(api, "ready", methods=("pickup_code",))
    by_id = take(api, "ready", methods=("id_check",))
    wrong_code = take(api, "ready", methods=("pickup_code",))
    preparing = next(r for r in api.pickups() if r["status"] == "preparing")
    qr = api.qr(by_qr["order_number"])  # the confirmation email's QR, issued before
    screen = open_pickups(qtbot, app)  # online: the queue and the offline copy are fetched
    cache = app.services.client.read_cache
    assert cache is not None
    settle(qloop, lambda: cache.lookup(OFFLINE_PATH, None) is not None)
    settle(qloop, lambda: screen.core.keyring.loaded)  # QR keys, fetched with the queue

    proxy.set_mode(FaultMode.UNREACHABLE)  # the network is pulled

    scan(app, qr)  # signed QR: checked with the cached keys, the order from the copy
    settle(qloop, lambda: step(app) in (Step.ITEMS, Step.FAILED))
    assert step(app) is Step.ITEMS, screen.big_text.text()
    hand_over(qtbot, app, screen, by_qr)
    drain(qloop, app)  # the send fails: no connection
    assert_saved_and_free(qloop, app)
    qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.queue_page
    settle(qloop, lambda: app.services.connection.state.value is ConnectionState.OFFLINE)
    scan(app, qr)  # the copy still says "ready": never handed over twice
    settle(qloop, lambda: step(app) is Step.REFUSED)
    assert "already handed over on this device" in screen.big_text.text()

    app.open_code(api.code(by_code["order_number"]))  # the code the customer reads out
    settle(qloop, lambda: step(app) in (Step.ITEMS, Step.FAILED))
    assert step(app) is Step.ITEMS, screen.big_text.text()
    assert "queue can be handed over" not in app.bridge.text.text()  # not yet: at the end
    hand_over(qtbot, app, screen, by_code)
    assert "only pickups already in this device's queue" in app.bridge.text.text()
    assert_saved_and_free(qloop, app)  # behind a failed send: at once

    screen.open_order(wrong_code["order_number"])  # a wrong code is refused offline too
    settle(qloop, lambda: step(app) is Step.VERIFY)
    session = screen.core.session
    assert not qloop.run_until_complete(session.verify_code("000000"))
    assert step(app) is Step.VERIFY and "wrong" in screen.notice.text.text().lower()
    assert qloop.run_until_complete(session.verify_code(api.code(wrong_code["order_number"])))
    assert step(app) is Step.ITEMS

    screen.open_order(by_id["order_number"])  # an ID document, checked at the counter
    settle(qloop, lambda: step(app) is Step.VERIFY)
    assert session.verify_id("passport")
    hand_over(qtbot, app, screen, by_id)
    assert_saved_and_free(qloop, app)

    screen.open_order(preparing["order_number"])  # not in the copy: said plainly
    settle(qloop, lambda: step(app) is Step.FAILED)
    assert "not among the pickups this device keeps" in screen.big_text.text()
    assert delivered(app) == 0

    network_back(proxy, qloop, app)  # each sent once
    summary = drain(qloop, app)
    assert summary.delivered == 3 and summary.remaining == 0
    assert drain(qloop, app).attempts == 0
    for order in (by_qr, by_code, by_id):
        detail = api.detail(order["order_number"])
        assert detail["status"] == "collected", order["order_number"]
    methods = {
        api.detail(o["order_number"])["completion"]["verification"]["method"]
        for o in (by_qr, by_code, by_id)
    }
    assert methods == {"signed_qr", "pickup_code", "id_check"}
    assert delivered(app) == 3


def test_the_network_dropping_right_after_confirming_leaves_a_way_on(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app: MainWindow,
    server: DemoServer,
    token: str,
    proxy: FaultProxy,
) -> None:
    # a pickup hand-over
    api = Api(server, token)
    order = take(api, "ready", methods=("pickup_code",))
    screen = open_pickups(qtbot, app)
    app.open_code(api.code(order["order_number"]))
    settle(qloop, lambda: step(app) is Step.ITEMS)
    hand_over(qtbot, app, screen, order)
    assert step(app) is Step.SENDING
    proxy.set_mode(FaultMode.UNREACHABLE)
    drain(qloop, app)
    assert_saved_and_free(qloop, app)

    network_back(proxy, qloop, app)
    assert drain(qloop, app).delivered == 1  # the hand-over, sent once
    assert api.detail(order["order_number"])["status"] == "collected"

    # a return (confirmed while the network answered, dropped before it was sent)
    flow = app.flows["return"]
    assert isinstance(flow, ReturnsFlow)
    number = order_with(
        server,
        f"{RECENT} AND o.total < 140 AND NOT EXISTS (SELECT 1 FROM order_lines l"
        " WHERE l.order_id = o.id AND (l.final_sale OR l.hygiene OR l.returned_qty > 0))",
        skip=5,
    )
    app.show_screen(flow.screen())
    app.open_code(number)
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    line_no, gtin, _ = gtins(server, number)[0]
    scan(app, gtin)
    flow.session.set_reason(line_no, "wrong_size")
    assert flow.session.view.value.can_confirm, flow.session.view.value.missing
    flow.confirm()
    settle(
        qloop, lambda: flow.session.view.value.phase is Phase.SUBMITTING or app.bridge.isVisible()
    )
    assert flow.session.view.value.phase is Phase.SUBMITTING, app.bridge.text.text()
    proxy.set_mode(FaultMode.UNREACHABLE)
    drain(qloop, app)
    return_screen = flow.screen()
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SAVED)
    assert SAVED_TEXT in return_screen.notice.text.text()
    assert return_screen.saved_button.isVisibleTo(return_screen)
    assert return_screen.saved_button.isEnabled()
    assert not return_screen.confirm_button.isVisibleTo(return_screen)
    qtbot.mouseClick(return_screen.saved_button, Qt.MouseButton.LeftButton)
    assert flow.session.view.value.phase is Phase.IDLE  # ready for the next customer

    # it waits on the sync page, and is sent once when the network is back
    assert app.services.outbox is not None
    sync_flow = app.flows["sync"]
    pending = sync_flow.queue.snapshot().pending  # type: ignore[attr-defined]
    assert [(e.kind.value, e.reference) for e in pending] == [("return", number)]
    network_back(proxy, qloop, app)
    assert drain(qloop, app).delivered == 1
    assert drain(qloop, app).attempts == 0
    returned = query(
        server,
        "SELECT count(*) FROM returns r JOIN orders o ON o.id = r.order_id WHERE o.number = ?",
        number,
    )
    assert returned == [(1,)]


def test_an_endless_aisle_order_caught_by_a_network_drop_lets_the_associate_go_on(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app: MainWindow,
    server: DemoServer,
    proxy: FaultProxy,
) -> None:
    screen = app.flows["endless_aisle"].screen()
    assert isinstance(screen, EndlessAisleScreen)
    app.show_screen(screen)
    service = screen.service
    sku = sku_with(server, "wh.on_hand >= 5")
    scan(app, query(server, "SELECT gtin FROM products WHERE sku = ?", sku)[0][0])
    settle(qloop, lambda: len(service.draft.value.lines) == 1)
    loyalty = query(
        server, "SELECT loyalty_number FROM customers WHERE customer_number = ?", "C0000003"
    )[0][0]
    scan(app, loyalty)
    settle(qloop, lambda: service.draft.value.customer is not None)
    qtbot.mouseClick(screen.dest_buttons["this_store"], Qt.MouseButton.LeftButton)
    settle(qloop, lambda: bool(screen.option_buttons) and screen.submit_button.isEnabled())

    proxy.set_mode(FaultMode.UNREACHABLE)  # confirmed just after the network died: refused
    assert app.services.connection.state.value is ConnectionState.ONLINE  # not known yet
    screen.submit_button.click()  # may be below the fold of the scroll area
    settle(qloop, lambda: app.bridge.isVisible())
    assert "the order was not placed" in app.bridge.text.text()
    assert isinstance(service.submission.value, Editing) and service.draft.value.lines
    assert app.services.outbox is not None and app.services.outbox.pending_count() == 0

    network_back(proxy, qloop, app)  # confirmed again: queued
    screen.submit_button.click()
    settle(qloop, lambda: isinstance(service.submission.value, Queued))
    queued = service.submission.value
    assert isinstance(queued, Queued) and screen.conf_number.text() == "Sending…"

    proxy.set_mode(FaultMode.UNREACHABLE)  # the network dies before the answer
    drain(qloop, app)
    settle(qloop, lambda: service.submission.value == Queued(queued.entry_id, True))
    assert "will be sent automatically when the network returns" in screen.conf_message.text()
    assert screen.conf_number.text() == ""  # not "Sending…" for ever
    assert screen.new_order_button.isVisibleTo(screen) and screen.new_order_button.isEnabled()

    network_back(proxy, qloop, app)
    assert drain(qloop, app).delivered == 1
    settle(qloop, lambda: isinstance(service.submission.value, Placed))
    assert screen.conf_number.text().startswith("E")


def test_a_return_confirmed_just_after_the_network_died_is_refused_and_nothing_is_lost(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app: MainWindow,
    server: DemoServer,
    proxy: FaultProxy,
) -> None:
    flow = app.flows["return"]
    assert isinstance(flow, ReturnsFlow)
    number = order_with(
        server,
        f"{RECENT} AND o.total < 140 AND NOT EXISTS (SELECT 1 FROM order_lines l"
        " WHERE l.order_id = o.id AND (l.final_sale OR l.hygiene OR l.returned_qty > 0))",
        skip=7,
    )
    app.open_code(number)  # opened online
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    line_no, gtin, _ = gtins(server, number)[0]
    scan(app, gtin)
    flow.session.set_reason(line_no, "wrong_size")
    screen = flow.screen()
    assert screen.confirm_button.isEnabled()

    proxy.set_mode(FaultMode.UNREACHABLE)  # the network dies; the monitor does not know yet
    assert app.services.connection.state.value is ConnectionState.ONLINE
    qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: app.bridge.isVisible())
    assert "the return was not recorded and nothing was refunded" in app.bridge.text.text()
    assert app.services.outbox is not None and app.services.outbox.pending_count() == 0
    view = flow.session.view.value
    assert view.phase is Phase.SELECTING and view.can_confirm  # everything entered is kept

    network_back(proxy, qloop, app)
    qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SUBMITTING)
    assert drain(qloop, app).delivered == 1
    settle(qloop, lambda: flow.session.view.value.phase is Phase.DONE)


def test_a_kiosk_check_in_offline_sends_the_customer_to_the_counter_and_is_sent_later(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    server: DemoServer,
    token: str,
    proxy: FaultProxy,
) -> None:
    api = Api(server, token)
    waiting = take(api, "customer_waiting", methods=("id_check", "pickup_code", "signed_qr"))
    ready = take(api, "ready", methods=("id_check", "pickup_code", "signed_qr"))
    kiosk = make_window(qtbot, proxy.url, enroll(server.url, mode="kiosk"), mode="kiosk")
    assert kiosk.services.sync is not None
    link = ConnectionLink(kiosk.services.connection, kiosk.services.sync)  # as the app does
    try:
        screen = kiosk.flows["pickup"].screen()
        assert isinstance(screen, KioskCheckInScreen)
        state = screen.core.check_in.state
        scan(kiosk, api.qr(waiting["order_number"]))  # online: the keys come with it
        settle(qloop, lambda: state.value.step is CheckInStep.SENDING)
        drain(qloop, kiosk)
        settle(qloop, lambda: state.value.step is CheckInStep.CONFIRMED)
        screen.core.check_in.reset()

        proxy.set_mode(FaultMode.UNREACHABLE)
        scan(kiosk, api.qr(ready["order_number"]))  # the QR is still checked, offline
        settle(qloop, lambda: state.value.step is CheckInStep.SENDING)
        drain(qloop, kiosk)
        settle(qloop, lambda: state.value.step is CheckInStep.REFUSED)  # not "one moment…"
        assert "could not be told you are here" in screen.text.text()
        assert "see an associate at the counter" in screen.text.text()
        assert api.detail(ready["order_number"])["status"] == "ready"

        network_back(proxy, qloop, kiosk)
        assert drain(qloop, kiosk).delivered == 1  # queued, sent once
        assert api.detail(ready["order_number"])["status"] == "customer_waiting"
    finally:
        link.close()
        kiosk.close()
        qloop.run_until_complete(kiosk.services.client.aclose())
