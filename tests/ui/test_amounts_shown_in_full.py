"""Prices and amounts are never cut, in English and French, at 1280x800 and in portrait.

Every main screen is filled with realistic data from a real reference server (its own
SQLite file: an endless-aisle order is placed to show its confirmation), then every visible
label, button and text field is read: any text holding a money amount must be displayed in
full (an :class:`ElidingLabel` never elides one; a label or button is as wide as its text),
and every placeholder fits its field.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionFrame,
    QWidget,
)

from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen
from kiosk_app.flows.pickup.session import Step
from kiosk_app.flows.returns.session import Phase
from kiosk_app.flows.returns.ui.screen import ReturnsFlow
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.routing import Destination
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.shell.main_window import MainWindow
from kiosk_app.ui.widgets.responsive import ElidingLabel
from tests.conftest import enroll, own_demo_server
from tests.support.demo_data import pickup_code_of
from tests.ui.conftest import api_get, make_window, pickup_screen, query, settle
from tests.ui.test_customer_screen import all_settled, issue_code, rich_customer, screen_of
from tests.ui.test_portrait import PORTRAIT, TABLET, relayout

#: "€4.90", "4,90 €", "12,99", "1 234,00": a currency sign, or digits with two decimals
MONEY = re.compile(r"€|\d[.,]\d\d(?!\d)")


def has_money(text: str) -> bool:
    return MONEY.search(text) is not None


def _width(widget: QWidget, text: str) -> int:
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _words(widget: QWidget, text: str) -> int:
    metrics = widget.fontMetrics()
    words = re.split(r"[ \n]+", text)  # not at a no-break space (a French amount's)
    return max((metrics.horizontalAdvance(w) for w in words), default=0)


def _field_room(field: QLineEdit) -> int:
    """Where a line edit draws its text: the style's contents rectangle, less the text
    margins and the 2 px Qt keeps on each side."""
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    rect = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    margins = field.textMargins()
    return rect.width() - margins.left() - margins.right() - 4


def cut_texts(window: QWidget) -> list[str]:
    """Every visible amount that is not shown in full, and every placeholder that is cut."""
    problems: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window or widget.width() <= 0:
            continue
        if isinstance(widget, ElidingLabel):
            full = widget.full_text()
            if has_money(full) and widget.text() != full:
                problems.append(f"elided amount {full!r} shown as {widget.text()!r}")
        elif isinstance(widget, QLabel) and widget.pixmap().isNull():
            text = widget.text()
            if not has_money(text) or "<" in text:
                continue
            room = widget.contentsRect().width() - 2 * widget.margin() - max(0, widget.indent())
            needed = _words(widget, text) if widget.wordWrap() else _width(widget, text)
            if needed > room + 1:
                problems.append(f"label {text!r} cut ({needed} px in {room} px)")
        elif isinstance(widget, QPushButton) and has_money(widget.text()):
            icon = 0 if widget.icon().isNull() else widget.iconSize().width()
            room = widget.contentsRect().width() - 8 - icon
            if _width(widget, widget.text()) > room:
                problems.append(f"button {widget.text()!r} cut ({room} px)")
        elif isinstance(widget, QLineEdit):
            room = _field_room(widget)
            for text in (widget.placeholderText(), widget.text()):
                shown = text and (text == widget.placeholderText() or has_money(text))
                if shown and _width(widget, text) > room:
                    problems.append(f"field text {text!r} cut ({room} px)")
    return problems


def check(qtbot: Any, window: MainWindow, what: str, found: dict[str, list[str]]) -> None:
    for size in (TABLET, PORTRAIT):
        relayout(qtbot, window, size)
        import os

        if os.environ.get("SHOTS"):
            window.grab().save(f"/tmp/shots/{what}-{size[0]}-{window.services.language}.png")
        if problems := cut_texts(window):
            found[f"{what} at {size[0]}x{size[1]}"] = problems


def assert_none(found: dict[str, list[str]]) -> None:
    if found:
        pytest.fail("\n".join(f"{where}: {p}" for where, ps in found.items() for p in ps))


# -- the server, the windows -------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "amounts", seed=42)


Open = Callable[[str], MainWindow]


@pytest.fixture
def open_window(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer, language: str
) -> Iterator[Open]:
    windows: list[MainWindow] = []

    def make(mode: str) -> MainWindow:
        token = enroll(server.url, mode=mode)
        window = make_window(qtbot, server.url, token, mode=mode, language=language)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def _token(window: MainWindow) -> str:
    token = window.services.client.auth_headers().get("Authorization", "")
    return token.removeprefix("Bearer ")


# -- the screens -------------------------------------------------------------------------------
def test_associate_screens(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer, open_window: Open
) -> None:
    window = open_window("associate")
    token = _token(window)
    found: dict[str, list[str]] = {}
    window.show_home()
    check(qtbot, window, "home", found)

    item = api_get(server, token, "/v1/products", q="bottine chelsea", limit=1)["items"][0]
    window.open_code(item["gtin"][1:])
    settle(qloop, lambda: window.product.name.text() == item["name"])
    settle(qloop, lambda: window.product.recs_card.isVisible())
    check(qtbot, window, "product", found)

    _, loyalty = rich_customer(server)
    customer = screen_of(window)
    window.services.scans.deliver(Scan(loyalty, "wedge"))
    settle(qloop, lambda: all_settled(customer))
    check(qtbot, window, "customer", found)

    _returns(qtbot, qloop, window, server, found)
    _pickup(qtbot, qloop, window, server, token, found)
    window.show_screen(window.flows["sync"].screen())
    check(qtbot, window, "sync", found)
    assert_none(found)


def _returns(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
    server: DemoServer,
    found: dict[str, list[str]],
) -> None:
    flow = window.flows["return"]
    assert isinstance(flow, ReturnsFlow)
    window.show_screen(flow.screen())
    rows = query(
        server,
        "SELECT o.number, p.gtin FROM orders o JOIN order_lines l ON l.order_id = o.id"
        " JOIN products p ON p.id = l.product_id WHERE o.status = 'delivered'"
        " AND o.channel = 'web' AND o.discount_total > 0 AND NOT l.hygiene"
        " AND NOT l.final_sale AND l.returned_qty = 0"
        " AND o.delivered_at > datetime('now', '-25 days') ORDER BY o.number",
    )
    number, gtin = rows[0]
    window.open_destination(Destination("order", number, None))
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    window.services.scans.deliver(Scan(gtin, "wedge"))
    settle(qloop, lambda: flow.session.view.value.quote is not None)
    check(qtbot, window, "returns", found)


def _pickup(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
    server: DemoServer,
    token: str,
    found: dict[str, list[str]],
) -> None:
    screen = pickup_screen(window)
    window.show_screen(screen)
    settle(qloop, lambda: len(screen.queue_order_numbers()) > 3)
    check(qtbot, window, "pickup queue", found)
    rows = api_get(server, token, "/v1/pickups", status="all")
    order = next(
        r
        for r in rows
        if r["status"] == "ready"
        and r["verification_method"] == "pickup_code"
        and r["item_count"] >= 2
    )
    screen.open_order(order["order_number"])
    session = screen.core.session
    settle(qloop, lambda: session.current.step is Step.VERIFY)
    check(qtbot, window, "pickup verify", found)
    code = pickup_code_of(server, order["order_number"])
    screen.code_entry.setText(code)
    screen.code_entry.returnPressed.emit()
    settle(qloop, lambda: session.current.step is Step.ITEMS)
    window.services.scans.deliver(Scan(session.current.lines[0].gtin, "wedge"))
    check(qtbot, window, "pickup items", found)
    for line in session.current.lines:  # nothing is completed: the server stays as it is
        if line.remaining:
            session.mark_line(line.line_no, "missing", "not_on_shelf")
    assert session.to_handover()
    settle(qloop, lambda: session.current.step is Step.HANDOVER)
    check(qtbot, window, "pickup hand-over", found)
    screen.show_queue()


def _use_saved_address(screen: EndlessAisleScreen) -> None:
    layout = screen.saved_addresses
    chips = [layout.itemAt(i).widget() for i in range(layout.count())]  # type: ignore[union-attr]
    saved = [chip for chip in chips if isinstance(chip, QPushButton)]
    assert saved, "no saved address to use"
    saved[0].click()


def _endless_aisle(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
    server: DemoServer,
    found: dict[str, list[str]],
) -> None:
    """Items, a customer with saved addresses, home delivery quoted, then the order placed."""
    (sku,) = query(
        server,
        "SELECT p.sku FROM products p JOIN stock s ON s.product_id = p.id"
        " JOIN locations l ON l.id = s.location_id AND l.kind = 'warehouse'"
        " WHERE s.on_hand >= 3 ORDER BY length(p.name) DESC, p.sku LIMIT 1",
    )[0]
    ((loyalty,),) = query(
        server,
        "SELECT c.loyalty_number FROM customers c WHERE"
        " (SELECT count(*) FROM addresses a WHERE a.customer_id = c.id) >= 2 ORDER BY c.id LIMIT 1",
    )
    window.open_destination(Destination("endless_aisle", sku, None))
    screen = window.flows["endless_aisle"].screen()
    assert isinstance(screen, EndlessAisleScreen)
    service = screen.service
    settle(qloop, lambda: len(service.draft.value.lines) == 1)
    check(qtbot, window, "endless aisle (a guest)", found)
    screen.loyalty_entry.setText(loyalty)
    screen.attach_button.click()
    settle(qloop, lambda: service.draft.value.customer is not None)
    screen.dest_buttons["home"].click()
    _use_saved_address(screen)
    settle(qloop, lambda: bool(screen.option_buttons))
    qtbot.wait(100)
    check(qtbot, window, "endless aisle (home delivery)", found)
    screen.dest_buttons["other_store"].click()
    settle(qloop, lambda: bool(screen.option_buttons))
    qtbot.wait(100)
    check(qtbot, window, "endless aisle (to a store)", found)
    screen.dest_buttons["home"].click()
    _use_saved_address(screen)
    settle(qloop, lambda: bool(screen.option_buttons) and screen.submit_button.isEnabled())
    screen.submit_button.click()
    settle(qloop, lambda: screen.pages.currentWidget() is screen.confirmation)  # checked
    sync = window.services.sync
    assert sync is not None
    qloop.run_until_complete(sync.drain())
    settle(qloop, lambda: screen.conf_total.text() != "")
    check(qtbot, window, "endless aisle (order placed)", found)


def test_endless_aisle_from_quote_to_order(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer, open_window: Open
) -> None:
    window = open_window("associate")
    found: dict[str, list[str]] = {}
    _endless_aisle(qtbot, qloop, window, server, found)
    assert_none(found)


def test_kiosk_screens(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer, open_window: Open
) -> None:
    window = open_window("kiosk")
    found: dict[str, list[str]] = {}
    window.show_home()
    check(qtbot, window, "kiosk home", found)
    number, _ = rich_customer(server)
    customer = screen_of(window)
    window.open_code(issue_code(server, enroll(server.url), number))
    settle(qloop, lambda: all_settled(customer, ("profile", "cart", "recommendations")))
    check(qtbot, window, "kiosk customer", found)
    window.show_screen(window.flows["pickup"].screen())
    check(qtbot, window, "kiosk pickup", found)
    assert_none(found)


# -- the check itself --------------------------------------------------------------------------
def test_the_check_sees_an_elided_price_and_a_cut_placeholder(qtbot: Any) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    name = ElidingLabel("Bottine chelsea cuir Essentiel · €149.00", parent=host)
    field = QLineEdit(host)
    field.setPlaceholderText("Téléphone mobile du client")
    host.show()
    name.resize(120, 30)
    field.setGeometry(0, 40, 90, 48)
    problems = cut_texts(host)
    assert any("elided amount" in p for p in problems), problems
    assert any("Téléphone mobile" in p for p in problems), problems
    assert has_money("4,90\u00a0€") and has_money("€4.90") and has_money("12.50")
    assert not has_money("2 items") and not has_money("PAR01") and not has_money("14:05")


# -- the rail's foot ---------------------------------------------------------------------------
def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QPushButton) else widget.objectName()
    return repr(text)


def _foot_problems(window: MainWindow) -> list[str]:
    """Rail buttons and labels cut at the bottom or overlapping the next one; status bar
    items outside the window."""
    rail = window.rail
    shown: list[QWidget] = [  # a list that scrolls counts as one block
        w
        for w in rail.findChildren(QWidget)
        if w.isVisible()
        and isinstance(w, QAbstractScrollArea | QPushButton | QLabel)
        and not _in_scroll_area(w, rail)
    ]
    spans = sorted(((w.mapTo(rail, w.rect().topLeft()).y(), w) for w in shown), key=lambda s: s[0])
    problems = []
    for (top, w), (next_top, nxt) in itertools.pairwise(spans):
        if top + w.height() > next_top + 1:
            problems.append(f"{_name(w)} ({top}..{top + w.height()}) under {_name(nxt)}")
    if spans and (end := spans[-1][0] + spans[-1][1].height()) > rail.height():
        problems.append(f"{_name(spans[-1][1])} ends at {end}, below the rail")
    for w in window.status.findChildren(QWidget):
        if isinstance(w, QLabel | QPushButton) and w.isVisible():
            right = w.mapTo(window, w.rect().topRight()).x()
            if right > window.width():
                problems.append(f"status {w.text()[:30]!r} ends at {right} > {window.width()}")
    return problems


def test_sign_out_is_never_cut_when_the_status_bar_grows(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer, language: str
) -> None:
    """Signed in, with writes waiting (the status bar grows to hold the sync button):
    "Lock" and "Sign out" stay whole at the foot of the rail, landscape and portrait."""
    from kiosk_app.kernel.security.staff_session import SignedIn, StaffSession
    from kiosk_app.shell.kiosk_lockdown import IdleSettings, install_security

    window = make_window(qtbot, server.url, enroll(server.url), language=language)
    try:
        ui = install_security(window, StaffSession(window.services.client), IdleSettings())
        assert ui.gate is not None
        qloop.run_until_complete(ui.session.sign_in(staff_id="A101", pin="4821"))
        settle(qloop, lambda: isinstance(ui.session.state.value, SignedIn))
        window.status.set_queue(3, 1)
        found: dict[str, list[str]] = {}
        for size in (TABLET, PORTRAIT, (1024, 768)):
            relayout(qtbot, window, size)
            assert ui.gate.sign_out_button.isVisible()
            if problems := _foot_problems(window):
                found[f"rail at {size[0]}x{size[1]}"] = problems
        assert_none(found)
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_an_eliding_label_at_its_own_width_shows_everything(qtbot: Any) -> None:
    """Its size hint rounds the text's fractional width up: laid out at its hint, nothing
    is cut (the status bar showed "Store: Paris Rivoli (PAR0…")."""
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet("QLabel { font-size: 15px; padding: 0 10px; }")
    texts = ["Store: Paris Rivoli (PAR01)", "Device: tablette-01 (associate)", "Jean flare"]
    labels = [ElidingLabel(text, parent=host) for text in texts]
    host.show()
    for label in labels:
        label.resize(label.sizeHint())
    assert [label.text() for label in labels] == texts
