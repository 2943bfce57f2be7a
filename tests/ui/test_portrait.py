"""Portrait tablets (800x1280, 768x1024) and small landscape (1024x768): nothing is clipped.

Every main screen is loaded with real data from the reference server, then the window is
resized: no visible button, label or text field may stick out of the window or of any of
its parents (a vertically scrolling area clips what is too wide), no text may be cut inside
its own widget, no scroll area may need to scroll sideways, every button stays a 48 px
touch target, and the navigation rail turns compact on narrow windows.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kiosk_app.flows.pickup.session import Step
from kiosk_app.flows.returns.session import Phase
from kiosk_app.flows.returns.ui.screen import ReturnsFlow
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.routing import Destination
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.shell.main_window import MainWindow
from tests.support.demo_data import pickup_code_of
from tests.ui.conftest import api_get, make_window, pickup_screen, query, settle
from tests.ui.test_customer_screen import all_settled, issue_code, rich_customer, screen_of

PORTRAIT = (800, 1280)
PORTRAIT_SMALL = (768, 1024)
LANDSCAPE_SMALL = (1024, 768)
TABLET = (1280, 800)
SIZES = (PORTRAIT, LANDSCAPE_SMALL, PORTRAIT_SMALL, TABLET)
TOUCH = 48
COMPACT_RAIL_MAX = 140


# -- what "fits" means -----------------------------------------------------------------------
def _span(widget: QWidget, window: QWidget) -> tuple[int, int]:
    x = widget.mapTo(window, QPoint(0, 0)).x()
    return x, x + widget.width()


def _describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QPushButton):
        text = widget.text()
    elif isinstance(widget, QLineEdit):
        text = widget.placeholderText() or widget.text()
    name = text or widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__} {name[:40]!r}"


def _text_width(widget: QLabel | QPushButton) -> int:
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in widget.text().split("\n")), default=0)


def _longest_word(widget: QLabel) -> int:
    metrics = widget.fontMetrics()
    words = widget.text().replace("\n", " ").split()
    return max((metrics.horizontalAdvance(word) for word in words), default=0)


def clipping(window: QWidget) -> list[str]:
    """Everything visible that does not fit horizontally, in words."""
    problems: list[str] = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QPushButton | QLabel | QLineEdit) or not widget.isVisible():
            continue
        if widget.width() <= 0 or widget.window() is not window:
            continue
        left, right = _span(widget, window)
        if left < -1 or right > window.width() + 1:
            problems.append(f"{_describe(widget)} outside the window ({left}..{right})")
            continue
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            p_left, p_right = _span(parent, window)
            if left < p_left - 1 or right > p_right + 1:
                problems.append(
                    f"{_describe(widget)} ({left}..{right}) clipped by "
                    f"{type(parent).__name__} ({p_left}..{p_right})"
                )
                break
            parent = parent.parentWidget()
        if isinstance(widget, QLabel) and widget.pixmap().isNull() and widget.text():
            if widget.textFormat().name == "RichText" or "<" in widget.text():
                continue
            room = widget.contentsRect().width() - 2 * widget.margin() - max(0, widget.indent())
            needed = _longest_word(widget) if widget.wordWrap() else _text_width(widget)
            if needed > room + 2:
                problems.append(f"{_describe(widget)} text cut ({needed} px in {room} px)")
        elif isinstance(widget, QPushButton) and widget.text():
            icon = 0 if widget.icon().isNull() else widget.iconSize().width()
            room = widget.width() - 8 - icon
            if _text_width(widget) > room:
                problems.append(
                    f"{_describe(widget)} text cut ({_text_width(widget)} px in {room} px)"
                )
    for area in window.findChildren(QAbstractScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            problems.append(f"{type(area).__name__} {area.accessibleName()!r} scrolls sideways")
    return problems


def small_buttons(window: QWidget) -> list[str]:
    return [
        f"{_describe(b)} {b.width()}x{b.height()}"
        for b in window.findChildren(QPushButton)
        if b.isVisible() and (b.width() < TOUCH or b.height() < TOUCH)
    ]


def relayout(qtbot: Any, window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    for _ in range(4):  # resize, then the columns flip, then their contents settle
        qtbot.wait(25)
    assert (window.width(), window.height()) == size, "the window refuses this size"


def check_sizes(qtbot: Any, window: MainWindow, what: str) -> None:
    """Every size: fits, touch targets, rail compact under 1000 px and full above."""
    problems: dict[str, list[str]] = {}
    for size in SIZES:
        relayout(qtbot, window, size)
        found = clipping(window) + small_buttons(window)
        rail = getattr(window, "rail", None)
        compact = getattr(window, "rail_compact", None)
        if size[0] < 1000:
            if compact is not True or rail is None or rail.width() > COMPACT_RAIL_MAX:
                found.append(f"rail not compact ({compact}, {rail and rail.width()} px)")
        elif compact is not False or rail is None or rail.width() < 200:
            found.append(f"rail not full ({compact}, {rail and rail.width()} px)")
        if found:
            problems[f"{what} at {size[0]}x{size[1]}"] = found
    assert problems == {}, problems


# -- windows and data --------------------------------------------------------------------------
# -- associate -----------------------------------------------------------------------------------
def test_home(qtbot: Any, associate: MainWindow) -> None:
    associate.show_home()
    check_sizes(qtbot, associate, "home")


def test_product_with_a_product_loaded(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    associate: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    item = api_get(api_server, device_token, "/v1/products", q="jean droit", limit=1)["items"][0]
    associate.open_code(item["gtin"][1:])
    settle(qloop, lambda: associate.product.name.text() == item["name"])
    settle(qloop, lambda: associate.product.recs_card.isVisible())
    check_sizes(qtbot, associate, "product")


def test_customer_with_a_customer_loaded(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, associate: MainWindow, api_server: DemoServer
) -> None:
    _, loyalty = rich_customer(api_server)
    screen = screen_of(associate)
    associate.services.scans.deliver(Scan(loyalty, "wedge"))
    settle(qloop, lambda: all_settled(screen))
    check_sizes(qtbot, associate, "customer")


def test_pickup_queue_and_every_step_of_a_hand_over(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    associate: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    screen = pickup_screen(associate)
    associate.show_screen(screen)
    settle(qloop, lambda: len(screen.queue_order_numbers()) > 3)
    check_sizes(qtbot, associate, "pickup queue")

    # Reads only (no completion): the shared server's pickups stay as they are.
    rows = api_get(api_server, device_token, "/v1/pickups", status="all")
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
    check_sizes(qtbot, associate, "pickup verify")

    code = pickup_code_of(api_server, number)
    screen.code_entry.setText(code)
    screen.code_entry.returnPressed.emit()
    settle(qloop, lambda: session.current.step is Step.ITEMS)
    first = session.current.lines[0]
    associate.services.scans.deliver(Scan(first.gtin, "wedge"))
    screen._ask_reason(session.current.lines[-1].line_no, "missing")  # the reason chips show
    check_sizes(qtbot, associate, "pickup items")

    for line in session.current.lines:
        if line.remaining:
            session.mark_line(line.line_no, "missing", "not_on_shelf")
    assert session.to_handover()
    settle(qloop, lambda: session.current.step is Step.HANDOVER)
    check_sizes(qtbot, associate, "pickup hand-over")
    screen.show_queue()


def test_returns_with_an_order_and_an_item_scanned(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, associate: MainWindow, api_server: DemoServer
) -> None:
    flow = associate.flows["return"]
    assert isinstance(flow, ReturnsFlow)
    associate.show_screen(flow.screen())
    check_sizes(qtbot, associate, "returns (empty)")
    rows = query(
        api_server,
        "SELECT o.number, p.gtin FROM orders o JOIN order_lines l ON l.order_id = o.id"
        " JOIN products p ON p.id = l.product_id WHERE o.status = 'delivered'"
        " AND o.channel = 'web' AND o.discount_total > 0 AND NOT l.hygiene"
        " AND NOT l.final_sale AND l.returned_qty = 0"
        " AND o.delivered_at > datetime('now', '-25 days') ORDER BY o.number",
    )
    number, gtin = rows[0]
    associate.open_destination(Destination("order", number, None))
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    associate.services.scans.deliver(Scan(gtin, "wedge"))
    settle(qloop, lambda: flow.session.view.value.quote is not None)
    check_sizes(qtbot, associate, "returns")


def test_endless_aisle(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    associate: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    item = api_get(api_server, device_token, "/v1/products", q="jean droit", limit=1)["items"][0]
    associate.open_destination(Destination("endless_aisle", item["sku"], None))
    screen = associate.flows["endless_aisle"].screen()
    settle(qloop, lambda: item["name"] in texts(screen))
    qtbot.wait(300)
    check_sizes(qtbot, associate, "endless aisle")


def test_sync(qtbot: Any, associate: MainWindow) -> None:
    associate.show_screen(associate.flows["sync"].screen())
    check_sizes(qtbot, associate, "sync")


# -- kiosk ---------------------------------------------------------------------------------------
def test_kiosk_home(qtbot: Any, kiosk: MainWindow) -> None:
    kiosk.show_home()
    check_sizes(qtbot, kiosk, "kiosk home")


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
    check_sizes(qtbot, kiosk, "kiosk customer")


def test_kiosk_pickup(qtbot: Any, kiosk: MainWindow) -> None:
    kiosk.show_screen(kiosk.flows["pickup"].screen())
    check_sizes(qtbot, kiosk, "kiosk pickup")


# -- the rail ------------------------------------------------------------------------------------
def test_compact_rail_keeps_names_highlight_and_switches_back(
    qtbot: Any, associate: MainWindow
) -> None:
    window = associate
    navs = [nav for nav, _ in window._nav_targets]
    names = [nav.accessibleName() for nav in navs]
    window.show_screen(window.flows["return"].screen())
    relayout(qtbot, window, PORTRAIT)
    assert window.rail_compact
    assert [nav.accessibleName() for nav in navs] == names
    checked = [nav for nav in navs if nav.isChecked()]
    assert [nav.accessibleName() for nav in checked] == ["Returns"]
    assert all(nav.text().strip() for nav in navs)  # a visible word, not only a tooltip
    relayout(qtbot, window, TABLET)
    assert not window.rail_compact
    assert [nav.text() for nav in navs] == names  # the full labels are back


def texts(widget: QWidget) -> str:
    return " ".join(lbl.text() for lbl in widget.findChildren(QLabel) if lbl.isVisible())


def test_signed_in_staff_controls_fit_the_compact_rail(
    qtbot: Any, qapp: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    """In French (the longest words): who is signed in, "Lock" and "Sign out" at the foot
    of the rail, on every size."""
    from kiosk_app.kernel.security.staff_session import SignedIn, StaffSession
    from kiosk_app.shell.kiosk_lockdown import IdleSettings, install_security
    from kiosk_app.ui import build_translations
    from kiosk_app.ui.i18n import install_language
    from tests.conftest import enroll

    build_translations.compile_all()
    install_language(qapp, "fr")
    try:
        window = make_window(qtbot, api_server.url, enroll(api_server.url), language="fr")
        ui = install_security(window, StaffSession(window.services.client), IdleSettings())
        assert ui.gate is not None and ui.gate.covering
        qloop.run_until_complete(ui.session.sign_in(staff_id="A101", pin="4821"))
        settle(qloop, lambda: isinstance(ui.session.state.value, SignedIn))
        assert not ui.gate.covering and ui.gate.sign_out_button.isVisible()
        check_sizes(qtbot, window, "signed in")
        relayout(qtbot, window, PORTRAIT)
        assert ui.gate.sign_out_button.accessibleName()
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
    finally:
        install_language(qapp, "en")


def test_the_sign_in_screen_fits_every_size_in_french(
    qtbot: Any, qapp: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    """The staff sign-in gate (nobody signed in yet): title, fields and keypad, in French
    (the longest title), side by side on a landscape tablet, stacked in portrait."""
    from kiosk_app.kernel.security.staff_session import StaffSession
    from kiosk_app.shell.kiosk_lockdown import IdleSettings, install_security
    from kiosk_app.ui import build_translations
    from kiosk_app.ui.i18n import install_language
    from tests.conftest import enroll

    build_translations.compile_all()
    install_language(qapp, "fr")
    try:
        window = make_window(qtbot, api_server.url, enroll(api_server.url), language="fr")
        ui = install_security(window, StaffSession(window.services.client), IdleSettings())
        assert ui.gate is not None and ui.gate.covering
        screen = ui.gate.screen
        problems: dict[str, list[str]] = {}
        for size in SIZES:
            relayout(qtbot, window, size)
            found = clipping(window) + small_buttons(window)
            keypad, pin = screen.form.keypad, screen.form.pin
            below = (
                keypad.mapTo(window, keypad.rect().topLeft()).y()
                > pin.mapTo(window, pin.rect().topLeft()).y() + pin.height()
            )
            if below != (size[0] < 900):
                found.append(f"keypad {'under' if below else 'beside'} the fields")
            if found:
                problems[f"sign-in at {size[0]}x{size[1]}"] = found
        assert problems == {}, problems
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
    finally:
        install_language(qapp, "en")
