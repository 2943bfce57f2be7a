"""Keyboard users (and switch devices) move through the fields in reading order.

Every main screen is loaded with real data from the reference server, then Tab is pressed
from its first control all the way round the window. On each screen:

1. every visible, enabled control that takes Tab (text fields, buttons, combo boxes, check
   boxes, lists) is reached; checkable buttons of one ``QButtonGroup`` are one stop (Qt moves
   between them with the arrow keys);
2. the screen's controls come as one run (Tab does not leave for the navigation rail and
   come back), in reading order: a control never comes after one that is below it in the
   same column, nor after one to its right on the same row (two columns side by side may
   be read column by column);
3. on-screen keypad and keyboard keys never take the focus.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen
from kiosk_app.flows.pickup.session import CheckInState, CheckInStep, Step
from kiosk_app.flows.pickup.ui.kiosk import KioskCheckInScreen
from kiosk_app.flows.pickup.ui.screen import PickupScreen
from kiosk_app.flows.returns.session import Phase
from kiosk_app.flows.returns.ui.screen import ReturnsFlow
from kiosk_app.flows.sync.ui.screen import SyncFlow, SyncScreen
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.routing import Destination
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.shell.main_window import MainWindow
from kiosk_app.ui.staff_credentials import CredentialForm
from tests.kernel.offline.offline_helpers import ENROLL_OP, ENROLL_PATH, enroll_body
from tests.support.demo_data import pickup_code_of
from tests.ui.conftest import api_get, pickup_screen, query, settle
from tests.ui.test_customer_screen import all_settled, issue_code, rich_customer, screen_of

CONTROLS = (
    QLineEdit,
    QAbstractButton,
    QComboBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QAbstractSpinBox,
)
TOLERANCE = 4  # px: borders and rounding


def tab_from(qtbot: Any, start: QWidget, steps: int) -> list[QWidget]:
    """Press Tab ``steps`` times from ``start``; the widgets that get the focus, in order."""
    start.setFocus()
    seen = []
    for _ in range(steps):
        qtbot.keyClick(start.window().focusWidget(), Qt.Key.Key_Tab)
        seen.append(start.window().focusWidget())
    return seen


def test_sign_in_goes_id_then_pin_and_skips_the_keypad(qtbot: Any) -> None:
    form = CredentialForm("Sign in")
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    assert tab_from(qtbot, form.staff_id, 1) == [form.pin]
    keys = form.keypad.findChildren(QPushButton)
    assert keys and all(k.focusPolicy() == Qt.FocusPolicy.NoFocus for k in keys)


# -- what the checks mean --------------------------------------------------------------------
def is_key(widget: QWidget) -> bool:
    """An on-screen keypad or keyboard key."""
    return widget.property("role") == "key"


def controls_of(screen: QWidget) -> list[QWidget]:
    """What a keyboard user must be able to reach on ``screen`` as it shows now."""
    found = []
    for widget in screen.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.objectName().startswith("qt_"):
            continue
        if not (widget.isVisible() and widget.isEnabled()) or is_key(widget):
            continue
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None:
            found.append(widget)
    return found


def stop_of(widget: QWidget) -> object:
    """Checkable buttons of one group are one Tab stop; anything else is its own."""
    if isinstance(widget, QAbstractButton) and widget.isCheckable() and widget.group():
        return widget.group()
    return widget


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
    name = widget.accessibleName() or text or widget.objectName()
    return f"{type(widget).__name__} {name.splitlines()[0][:40] if name else ''!r}"


def rects_at_rest(screen: QWidget, widgets: list[QWidget]) -> dict[int, QRect]:
    """Where each widget sits on ``screen`` with every scroll area at its top."""
    for area in screen.findChildren(QAbstractScrollArea):
        area.verticalScrollBar().setValue(0)
        area.horizontalScrollBar().setValue(0)
    QApplication.processEvents()
    return {id(w): QRect(w.mapTo(screen, QPoint(0, 0)), w.size()) for w in widgets}


def must_come_first(b: QRect, a: QRect) -> str | None:
    """Why ``b`` must be reached before ``a`` (None: either order reads fine)."""
    columns_overlap = b.left() < a.right() - TOLERANCE and a.left() < b.right() - TOLERANCE
    if columns_overlap and b.bottom() <= a.top() + TOLERANCE:
        return "above it in the same column"
    overlap = min(a.bottom(), b.bottom()) - max(a.top(), b.top())
    same_row = overlap > min(a.height(), b.height()) // 2
    if same_row and b.right() <= a.left() + TOLERANCE:
        return "left of it on the same row"
    return None


def tab_cycle(qtbot: Any, window: QWidget, start: QWidget, limit: int = 400) -> list[QWidget]:
    """Tab from ``start`` until the focus comes back to it: the whole window's cycle."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    assert window.focusWidget() is start, f"{describe(start)} does not take the focus"
    cycle = [start]
    for _ in range(limit):
        current = window.focusWidget()
        assert current is not None, f"the focus got lost after {describe(cycle[-1])}"
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        widget = window.focusWidget()
        if widget is start:
            return cycle
        cycle.append(widget)
    raise AssertionError(f"Tab never came back to {describe(start)}")


def forget_group_focus(window: QWidget) -> None:
    """Start as in a fresh window: every checkable button of a group may take Tab again.

    Qt makes a button group one Tab stop by taking Tab away from its other checkable buttons
    when one of them gets the focus (they keep click focus). Which one depends on what was
    focused before; resetting makes the walk independent of the test's history.
    """
    tab, click = Qt.FocusPolicy.TabFocus, Qt.FocusPolicy.ClickFocus
    for button in window.findChildren(QAbstractButton):
        policy = button.focusPolicy()
        grouped = button.isCheckable() and button.group() is not None
        if grouped and policy & click and not policy & tab:
            button.setFocusPolicy(policy | tab)


@dataclass
class FocusReport:
    chain: list[QWidget]  # the screen's controls in Tab order
    problems: list[str]


def check_focus_order(qtbot: Any, window: MainWindow, screen: QWidget) -> FocusReport:
    """Walk ``screen``'s Tab order from its first control; everything that is wrong."""
    window.activateWindow()
    forget_group_focus(window)
    QApplication.processEvents()
    expected = controls_of(screen)
    assert expected, f"{type(screen).__name__} shows no control to reach"
    rects = rects_at_rest(screen, expected)
    start = min(expected, key=lambda w: (rects[id(w)].top(), rects[id(w)].left()))
    cycle = tab_cycle(qtbot, window, start)
    problems: list[str] = []

    keys = [w for w in window.findChildren(QAbstractButton) if is_key(w)]
    problems += [
        f"{describe(k)} takes the focus" for k in keys if k.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    problems += [f"Tab stops on the key {describe(w)}" for w in cycle if is_key(w)]

    # One run: once Tab leaves for the rail it comes back only to the first control (or to
    # a container of the screen just before it, such as its scroll area).
    inside = [screen.isAncestorOf(w) for w in cycle]
    entries = [i for i in range(len(cycle)) if inside[i] and not inside[i - 1]]
    for i in entries:
        wraps_to_start = i == entries[-1] and inside[-1]
        if i == 0 or (wraps_to_start and not any(w in expected for w in cycle[i:])):
            continue  # the run of the start, maybe behind a scroll area of the screen
        before = next(cycle[j] for j in range(i - 1, i - len(cycle), -1) if inside[j])
        problems.append(
            f"Tab leaves the screen after {describe(before)} and comes back to {describe(cycle[i])}"
        )
    chain = [w for w, mine in zip(cycle, inside, strict=True) if mine and w in expected]

    reached = {id(stop_of(w)) for w in chain}
    problems += [
        f"{describe(w)} is never reached" for w in expected if id(stop_of(w)) not in reached
    ]

    for i, a in enumerate(chain):
        for b in chain[i + 1 :]:
            why = must_come_first(rects[id(b)], rects[id(a)])
            if why:
                problems.append(f"{describe(b)} comes after {describe(a)} but is {why}")
    return FocusReport(chain, problems)


def assert_reading_order(qtbot: Any, window: MainWindow, screen: QWidget) -> FocusReport:
    report = check_focus_order(qtbot, window, screen)
    assert report.problems == [], "\n".join(report.problems)
    return report


# -- the screens -------------------------------------------------------------------------------
def test_home_goes_entry_then_find(qtbot: Any, associate: MainWindow) -> None:
    associate.activateWindow()
    (first,) = tab_from(qtbot, associate.home.entry, 1)
    assert first is associate.home.find_button


def test_home(qtbot: Any, associate: MainWindow) -> None:
    home = associate.home
    home.set_actions("associate", associate.flows)  # the quick-action tiles, as MainWindow does
    associate.show_home()
    report = assert_reading_order(qtbot, associate, home)
    assert report.chain[:2] == [home.entry, home.find_button]
    tiles = home.tiles_grid.tiles()
    assert tiles and report.chain[2 : 2 + len(tiles)] == tiles


def test_product_with_a_product_loaded(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    associate: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    item = api_get(api_server, device_token, "/v1/products", q="jean droit", limit=1)["items"][0]
    associate.open_code(item["gtin"])
    product = associate.product
    settle(qloop, lambda: product.name.text() == item["name"])
    settle(qloop, lambda: product.recs_card.isVisible())
    report = assert_reading_order(qtbot, associate, product)
    assert report.chain[0] is product.back_button
    assert any(w.property("role") == "chip" for w in report.chain)  # the variants are reached


def load_customer(qloop: asyncio.AbstractEventLoop, window: MainWindow, loyalty: str) -> QWidget:
    screen = screen_of(window)
    window.services.scans.deliver(Scan(loyalty, "wedge"))
    settle(qloop, lambda: all_settled(screen))
    return screen


def test_customer_with_a_pickup_ready_and_a_cart(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, associate: MainWindow, api_server: DemoServer
) -> None:
    _, loyalty = rich_customer(api_server)
    screen = load_customer(qloop, associate, loyalty)
    qtbot.wait(50)
    report = assert_reading_order(qtbot, associate, screen)
    assert any(w.accessibleName().startswith("Open pickup") for w in report.chain)


def test_customer_with_cart_lines_to_fetch(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    associate: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    customer = api_get(api_server, device_token, "/v1/customers", q="martin")["items"][0]
    screen = load_customer(qloop, associate, customer["loyalty_number"])
    qtbot.wait(50)
    assert any(w.accessibleName().startswith("Fetch ") for w in controls_of(screen))
    assert_reading_order(qtbot, associate, screen)


def test_pickup_queue(qtbot: Any, qloop: asyncio.AbstractEventLoop, associate: MainWindow) -> None:
    screen = pickup_screen(associate)
    associate.show_screen(screen)
    settle(qloop, lambda: len(screen.queue_order_numbers()) > 3)
    report = assert_reading_order(qtbot, associate, screen)
    assert report.chain[:2] == [screen.refresh_button, screen.search]


def open_pickup_items(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
    server: DemoServer,
    token: str,
    *,
    check_verify: bool,
) -> PickupScreen:
    """A ready pickup (reads only: nothing is completed): verify, then one item scanned."""
    screen = pickup_screen(window)
    window.show_screen(screen)
    settle(qloop, lambda: len(screen.queue_order_numbers()) > 3)
    rows = api_get(server, token, "/v1/pickups", status="all")
    order = next(
        r
        for r in rows
        if r["status"] == "ready"
        and r["verification_method"] == "pickup_code"
        and r["item_count"] >= 2
    )
    number = order["order_number"]
    screen.open_order(number)
    session = screen.core.session
    settle(qloop, lambda: session.current.step is Step.VERIFY)
    qtbot.wait(50)
    if check_verify:
        report = assert_reading_order(qtbot, window, screen)
        assert screen.code_entry in report.chain
    code = pickup_code_of(server, number)
    screen.code_entry.setText(code)
    screen.code_entry.returnPressed.emit()
    settle(qloop, lambda: session.current.step is Step.ITEMS)
    window.services.scans.deliver(Scan(session.current.lines[0].gtin, "wedge"))
    qtbot.wait(50)
    return screen


def test_pickup_verify_and_hand_over(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    associate: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    screen = open_pickup_items(qtbot, qloop, associate, api_server, device_token, check_verify=True)
    session = screen.core.session
    try:
        for line in session.current.lines:
            if line.remaining:
                session.mark_line(line.line_no, "missing", "not_on_shelf")
        assert session.to_handover()
        settle(qloop, lambda: session.current.step is Step.HANDOVER)
        qtbot.wait(50)
        report = assert_reading_order(qtbot, associate, screen)
        assert report.chain[-1] is screen.complete_button
    finally:
        screen.show_queue()


def test_pickup_items_with_a_reason_asked(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    associate: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    screen = open_pickup_items(
        qtbot, qloop, associate, api_server, device_token, check_verify=False
    )
    session = screen.core.session
    try:
        screen._ask_reason(session.current.lines[-1].line_no, "missing")  # the reason chips
        qtbot.wait(50)
        assert_reading_order(qtbot, associate, screen)
    finally:
        screen.show_queue()


def test_returns_with_an_order_and_an_item_scanned(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, associate: MainWindow, api_server: DemoServer
) -> None:
    flow = associate.flows["return"]
    assert isinstance(flow, ReturnsFlow)
    rows = query(
        api_server,
        "SELECT o.number, p.gtin FROM orders o JOIN order_lines l ON l.order_id = o.id"
        " JOIN products p ON p.id = l.product_id WHERE o.status = 'delivered'"
        " AND o.channel = 'web' AND NOT l.hygiene AND NOT l.final_sale"
        " AND l.returned_qty = 0 AND o.delivered_at > datetime('now', '-25 days')"
        " ORDER BY o.number",
    )
    number, gtin = rows[0]
    associate.open_destination(Destination("order", number, None))
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    associate.services.scans.deliver(Scan(gtin, "wedge"))
    settle(qloop, lambda: flow.session.view.value.quote is not None)
    qtbot.wait(50)
    assert_reading_order(qtbot, associate, flow.screen())


def test_endless_aisle_with_an_item(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    associate: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    item = api_get(api_server, device_token, "/v1/products", q="jean droit", limit=1)["items"][0]
    screen = associate.flows["endless_aisle"].screen()
    assert isinstance(screen, EndlessAisleScreen)
    associate.open_destination(Destination("endless_aisle", item["sku"], None))
    settle(qloop, lambda: screen.lines_box.count() == 1)
    qtbot.wait(50)
    report = assert_reading_order(qtbot, associate, screen)
    assert report.chain[0] is screen.start_over


def test_sync_with_writes_needing_attention(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, associate: MainWindow
) -> None:
    outbox, sync = associate.services.outbox, associate.services.sync
    assert outbox is not None and sync is not None
    for _ in range(2):  # refused by the server (wrong enrollment token): they need a person
        outbox.append(ENROLL_OP, "POST", ENROLL_PATH, enroll_body(token="wrong"))
    qloop.run_until_complete(sync.drain())
    flow = associate.flows["sync"]
    assert isinstance(flow, SyncFlow)
    screen = flow.screen()
    assert isinstance(screen, SyncScreen)
    associate.show_screen(screen)
    flow.refresh()
    settle(qloop, lambda: len(controls_of(screen)) >= 5)
    assert_reading_order(qtbot, associate, screen)
    dismiss = next(b for b in controls_of(screen) if b.accessibleName() == "Dismiss…")
    dismiss.click()  # the note panel opens inside the card: chips, note, confirm, cancel
    QApplication.processEvents()
    report = assert_reading_order(qtbot, associate, screen)
    assert screen.dismiss_panel is not None
    note = report.chain.index(screen.dismiss_panel.note)
    assert report.chain[note - 1].property("role") == "chip"  # the quick picks, then the note


def test_kiosk_home(qtbot: Any, kiosk: MainWindow) -> None:
    kiosk.home.set_actions("kiosk", kiosk.flows)
    kiosk.show_home()
    report = assert_reading_order(qtbot, kiosk, kiosk.home)
    assert report.chain[0] is kiosk.home.entry
    assert kiosk.keyboard is not None and kiosk.keyboard.isVisible()  # and it took no focus


def test_kiosk_customer(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    kiosk: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    number, _ = rich_customer(api_server)
    screen = screen_of(kiosk)
    kiosk.open_code(issue_code(api_server, device_token, number))
    settle(qloop, lambda: all_settled(screen, ("profile", "cart", "recommendations")))
    qtbot.wait(50)
    assert_reading_order(qtbot, kiosk, screen)


def test_kiosk_pickup_after_a_refusal(qtbot: Any, kiosk: MainWindow) -> None:
    screen = kiosk.flows["pickup"].screen()
    assert isinstance(screen, KioskCheckInScreen)
    kiosk.show_screen(screen)
    typed = [screen.order_entry, screen.code_entry, screen.check_in_button]
    assert controls_of(screen) == typed  # waiting for a scan, or the typed numbers
    screen.render_state(CheckInState(step=CheckInStep.REFUSED))
    report = assert_reading_order(qtbot, kiosk, screen)
    assert report.chain == [*typed, screen.again]


# -- the check itself can fail ----------------------------------------------------------------
def test_the_check_sees_a_wrong_order(qtbot: Any, associate: MainWindow) -> None:
    home = associate.home
    home.set_actions("associate", associate.flows)
    associate.show_home()
    tiles = home.tiles_grid.tiles()
    QWidget.setTabOrder(tiles[1], tiles[0])  # the second tile before the first
    problems = check_focus_order(qtbot, associate, home).problems
    assert any("comes after Tile" in p or "comes after" in p for p in problems), problems
    QWidget.setTabOrder(tiles[0], tiles[1])
    assert check_focus_order(qtbot, associate, home).problems == []
    QWidget.setTabOrder(associate.nav_home, tiles[2])  # a tile moved after the rail
    problems = check_focus_order(qtbot, associate, home).problems
    assert any("leaves the screen" in p for p in problems), problems


def test_first_run(qtbot: Any, associate: MainWindow) -> None:
    screen = associate.flows["provisioning"].screen()
    associate.show_screen(screen)
    assert_reading_order(qtbot, associate, screen)
