"""A message inside a flow never moves what the user is about to tap (#19, from a QA pass).

Each flow is walked for real (the real window against a real reference server); the place
of the controls a finger is on its way to (``mapTo`` the window) is recorded, a message is
made to appear or go, and nothing may have moved: the pickup's "Wrong item" and "Saved…
sending" banners, the returns' "Matched", the endless aisle's banners and field errors while
the customer types, the sign-in error, a customer search's answer, and the status bar's
"1 to send" beside the rail's Lock / Sign out.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk_app.flows.customer.ui.screen import CustomerScreen
from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleFlow, EndlessAisleScreen
from kiosk_app.flows.pickup.session import Step
from kiosk_app.flows.returns.session import Phase
from kiosk_app.flows.returns.ui.screen import ReturnScreen, ReturnsFlow
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.offline.link import ConnectionLink
from kiosk_app.kernel.security.idle import ManualClock
from kiosk_app.kernel.security.staff_session import StaffSession
from kiosk_app.shell.kiosk_lockdown import IdleSettings, install_security
from kiosk_app.shell.main_window import MainWindow
from kiosk_app.ui.widgets.notice import Notice
from tests.central_api.test_endless_aisle_support import sku_with
from tests.conftest import enroll, own_demo_server
from tests.e2e.test_pickup_flow import Api, open_pickups, scan, step, take
from tests.support.faultproxy import FaultMode, FaultProxy
from tests.ui.conftest import make_window, query, settle
from tests.ui.test_offline_flows import network_back
from tests.ui.test_returns_ui import RECENT, gtins, order_with
from tests.ui.test_sign_in import type_pin

LANDSCAPE = (1280, 800)
PORTRAIT = (800, 1280)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "messages-move-nothing", seed=42)


@pytest.fixture(scope="module")
def token(server: DemoServer) -> str:
    return enroll(server.url)


@pytest.fixture
def win(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer, token: str
) -> Iterator[MainWindow]:
    w = make_window(qtbot, server.url, token)
    w.resize(*LANDSCAPE)
    yield w
    w.close()
    qloop.run_until_complete(w.services.client.aclose())


class Spots:
    """Where the watched controls are, in window coordinates."""

    def __init__(self, window: QWidget, widgets: Mapping[str, QWidget]) -> None:
        self.window = window
        self.widgets = dict(widgets)
        self.before = self.now()

    def now(self) -> dict[str, QRect]:
        for _ in range(3):  # the layouts' pending requests, then their consequences
            QApplication.processEvents()
        return {
            name: QRect(widget.mapTo(self.window, QPoint(0, 0)), widget.size())
            for name, widget in self.widgets.items()
        }

    def still(self, moment: str, notice: QWidget | None = None) -> None:
        """Nothing moved since the last check (``moment`` says what just happened); a
        ``notice`` shown then must be visible and cover none of the watched controls."""
        after = self.now()
        moved = {
            name: f"{self.before[name].getRect()} -> {after[name].getRect()}"
            for name in self.widgets
            if after[name] != self.before[name]
        }
        assert not moved, f"{moment}: moved {moved}"
        if notice is not None:
            assert notice.isVisible(), f"{moment}: the message is not shown"
            where = QRect(notice.mapTo(self.window, QPoint(0, 0)), notice.size())
            covered = [
                name
                for name, spot in after.items()
                if self.widgets[name].isVisible() and spot.intersects(where)
            ]
            assert not covered, f"{moment}: the message covers {covered}"
        self.before = after


def test_pickup_sign_in_and_the_status_bar_move_nothing(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer, token: str
) -> None:
    proxy = FaultProxy("127.0.0.1", int(server.url.rsplit(":", 1)[1])).start_in_thread()
    window = make_window(qtbot, proxy.url, token)
    window.resize(*LANDSCAPE)
    assert window.services.sync is not None
    link = ConnectionLink(window.services.connection, window.services.sync)  # as the app does
    ui = install_security(
        window,
        StaffSession(window.services.client),
        IdleSettings(staff_idle_lock_s=300),
        ManualClock(),
    )
    gate = ui.gate
    assert gate is not None and gate.covering
    try:
        form = gate.screen.form
        keys = form.keypad.findChildren(type(form.submit_button))
        spots = Spots(window, {"pin": form.pin, "submit": form.submit_button, "key": keys[0]})
        type_pin(qtbot, gate, "12")  # too short: said at once
        spots.still("the sign-in error appeared", form.error)
        qtbot.keyClicks(form.staff_id, "A101")
        type_pin(qtbot, gate, "4821")
        settle(qloop, lambda: not gate.covering)

        api = Api(server, token)
        order = take(api, "ready", methods=("pickup_code",))
        screen = open_pickups(qtbot, window)
        window.open_code(api.code(order["order_number"]))
        settle(qloop, lambda: step(window) is Step.ITEMS)
        spots = Spots(
            window,
            {
                "lock": gate.lock_button,
                "sign out": gate.sign_out_button,
                "back": screen.back_button,
                "content": screen.content,
                "to hand-over": screen.to_handover_button,
            },
        )
        other = next(r for r in api.pickups() if r["order_number"] != order["order_number"])
        mine = {line["gtin"] for line in order["lines"]}
        foreign = next(
            line["gtin"]
            for line in api.detail(other["order_number"])["lines"]
            if line["gtin"] not in mine
        )
        scan(window, foreign)
        assert "Wrong item" in screen.notice.text.text()
        spots.still("'Wrong item' appeared", screen.notice)
        for line in order["lines"]:
            for _ in range(line["quantity"]):
                scan(window, line["gtin"])
        spots.still("the items were scanned")
        qtbot.mouseClick(screen.to_handover_button, Qt.MouseButton.LeftButton)
        assert step(window) is Step.HANDOVER
        spots.widgets["complete"] = screen.complete_button
        spots.before = spots.now()
        del spots.widgets["to hand-over"]
        screen.signature.add_stroke([(20, 80), (60, 40), (120, 90), (200, 50)])
        qtbot.mouseClick(screen.complete_button, Qt.MouseButton.LeftButton)
        assert step(window) is Step.SENDING
        spots.still("'Saved… sending' appeared", screen.notice)
        del spots.widgets["complete"]
        sync = window.services.sync
        assert sync is not None
        proxy.set_mode(FaultMode.UNREACHABLE)  # the network drops: the write waits
        qloop.run_until_complete(sync.drain())
        settle(qloop, lambda: step(window) is Step.SAVED)
        settle(qloop, lambda: window.status.queue.isVisible())
        spots.still("'1 to send' appeared")
        network_back(proxy, qloop, window)
        assert qloop.run_until_complete(sync.drain()).delivered == 1
        settle(qloop, lambda: not window.status.queue.isVisible())
        spots.still("sent: '1 to send' went")
    finally:
        link.close()
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
        proxy.close()


def test_returns_scan_messages_move_nothing(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, win: MainWindow, server: DemoServer
) -> None:
    number = order_with(
        server,
        f"{RECENT} AND NOT EXISTS (SELECT 1 FROM order_lines l"
        " WHERE l.order_id = o.id AND (l.final_sale OR l.hygiene OR l.returned_qty > 0))",
        skip=2,
    )
    flow = win.flows["return"]
    assert isinstance(flow, ReturnsFlow)
    screen = flow.screen()
    assert isinstance(screen, ReturnScreen)
    win.open_code(number)
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    spots = Spots(
        win,
        {
            "entry": screen.entry,
            "find": screen.find_button,
            "lines": screen.lines_scroll,
        },
    )
    lines = gtins(server, number)
    mine = {g for _, g, _ in lines}
    other = next(g for (g,) in query(server, "SELECT gtin FROM products LIMIT 50") if g not in mine)
    scan(win, other)
    spots.still("'not in this order' appeared", screen.scan_notice)
    scan(win, lines[0][1])
    assert "Matched" in screen.scan_notice.text.text()
    spots.still("'Matched' appeared", screen.scan_notice)
    qtbot.mouseClick(screen.scan_notice.close_button, Qt.MouseButton.LeftButton)
    assert not screen.scan_notice.isVisible()
    spots.still("'Matched' dismissed")


def _type(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_endless_aisle_banners_and_field_errors_move_nothing(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    win: MainWindow,
    server: DemoServer,
    size: tuple[int, int],
) -> None:
    win.resize(*size)
    flow = next(f for f in win.flows.values() if isinstance(f, EndlessAisleFlow))
    screen = flow.screen()
    assert isinstance(screen, EndlessAisleScreen)
    win.show_screen(screen)
    service = screen.service
    qtbot.mouseClick(screen.dest_buttons["home"], Qt.MouseButton.LeftButton)
    sku = sku_with(server, "here.on_hand = 0 AND wh.on_hand >= 5")
    _type(qtbot, screen.code_entry, sku)
    qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)
    settle(qloop, lambda: len(service.draft.value.lines) == 1)
    watched: dict[str, QWidget] = {
        "code": screen.code_entry,
        "email": screen.email_entry,
        "phone": screen.phone_entry,
        "consent": screen.consent_box,
        "place order": screen.submit_button,
        **{f"deliver {k}": b for k, b in screen.dest_buttons.items()},
        **{f"address {k}": e for k, e in screen.address_entries.items()},
    }
    notice: Notice = screen.notice
    assert notice.isVisible()  # "Added …"
    spots = Spots(win, watched)
    qtbot.mouseClick(notice.close_button, Qt.MouseButton.LeftButton)
    spots.still("'Added' dismissed")
    _type(qtbot, screen.code_entry, "0000000000000")
    qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)
    settle(qloop, lambda: notice.isVisible())
    spots.still("'unknown product' appeared", notice)
    _type(qtbot, screen.email_entry, "anne.morel@")
    assert screen.contact_error.isVisible()
    spots.still("the e-mail error appeared as it was typed")
    qtbot.keyClicks(screen.email_entry, "example.com")
    assert not screen.contact_error.isVisible()
    spots.still("the e-mail error went as it was typed")
    for key, value in (("name", "Anne Morel"), ("line1", "12 rue des Lilas"), ("city", "Lyon")):
        _type(qtbot, screen.address_entries[key], value)
    _type(qtbot, screen.address_entries["postcode"], "6900")
    screen.address_entries["postcode"].editingFinished.emit()
    assert screen.address_errors["postcode"].isVisible()
    spots.still("the postcode error appeared")
    qtbot.keyClicks(screen.address_entries["postcode"], "3")
    screen.address_entries["postcode"].editingFinished.emit()
    assert not screen.address_errors["postcode"].isVisible()
    spots.still("the postcode error went")
    settle(qloop, lambda: bool(screen.option_buttons))
    spots.still("the delivery options came")


def test_a_customer_search_answer_moves_nothing(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, win: MainWindow
) -> None:
    flow = win.flows["customer"]
    screen = flow.screen()
    assert isinstance(screen, CustomerScreen)
    win.show_screen(screen)
    spots = Spots(
        win, {"search": screen.search_entry, "find": screen.search_button, "intro": screen.intro}
    )
    _type(qtbot, screen.search_entry, "zzqxv nobody")
    qtbot.keyClick(screen.search_entry, Qt.Key.Key_Return)
    settle(qloop, lambda: "No customer" in screen.notice.text.text())
    spots.still("'No customer matches' appeared", screen.notice)
