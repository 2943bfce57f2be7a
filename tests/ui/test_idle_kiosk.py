"""Kiosk idle reset and lockdown on real widgets and the real API.

* a customer's data is on screen; after the idle countdown no widget anywhere shows their
  name or e-mail, and the flow's memory-held state is gone;
* walking every navigation button and pressing every shortcut never shows a staff screen;
  only a long-press plus a staff sign-in allowed ``kiosk.settings`` opens maintenance.
"""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from kiosk_app.flows.pickup.ui.screen import PickupScreen
from kiosk_app.flows.returns.ui.screen import ReturnScreen
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.kernel.security.idle import ManualClock
from kiosk_app.kernel.security.staff_session import StaffSession
from kiosk_app.shell.kiosk_lockdown import (
    IdleSettings,
    KioskSignInDialog,
    KioskStaffPanel,
    SecurityUi,
    install_security,
)
from kiosk_app.shell.main_window import MainWindow
from tests.conftest import enroll
from tests.ui.conftest import make_window, settle

STAFF_SCREENS = (ReturnScreen, PickupScreen, KioskStaffPanel)


def kiosk(qtbot: Any, server: DemoServer) -> tuple[MainWindow, SecurityUi, ManualClock]:
    window = make_window(qtbot, server.url, enroll(server.url, "PAR01", "kiosk"), mode="kiosk")
    clock = ManualClock()
    ui = install_security(
        window,
        StaffSession(window.services.client),
        IdleSettings(kiosk_idle_reset_s=60, kiosk_idle_warning_s=15),
        clock,
    )
    return window, ui, clock


def quiet(loop: asyncio.AbstractEventLoop) -> None:
    """Let the window's own requests finish (no task left for the loop's teardown)."""

    async def wait() -> None:
        me = asyncio.current_task()
        others = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
        if others:
            await asyncio.wait(others, timeout=10)

    loop.run_until_complete(wait())


def visible_texts(window: MainWindow) -> str:
    """Every text of the window, its dialogs (shown or not) and any visible top-level."""
    texts: list[str] = []
    tops = [window, *(w for w in QApplication.topLevelWidgets() if w.isVisible())]
    for top in tops:
        for widget in [top, *top.findChildren(QWidget)]:
            if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
                texts.append(widget.text())
            elif isinstance(widget, QListWidget):
                texts.extend(widget.item(i).text() for i in range(widget.count()))
            texts.append(widget.accessibleName())
            texts.append(widget.toolTip())
    return "\n".join(texts)


def customer_with_code(server: DemoServer, associate: str) -> tuple[str, str, str]:
    path = server.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        number, first, email = con.execute(
            "select customer_number, first_name, email from customers "
            "where exists (select 1 from cart_lines l where l.customer_id = customers.id) "
            "order by id desc limit 1"
        ).fetchone()
    response = httpx.post(
        f"{server.url}/v1/customers/{number}/loyalty-code",
        json={},
        headers={"Authorization": f"Bearer {associate}", "Idempotency-Key": str(uuid.uuid4())},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["code"], first, email


def test_idle_countdown_then_every_trace_of_the_customer_is_gone(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    window, ui, clock = kiosk(qtbot, api_server)
    code, first_name, email = customer_with_code(api_server, device_token)
    window.services.scans.deliver(Scan(code, "camera"))
    settle(qloop, lambda: first_name in visible_texts(window))
    old_flow = window.flows["customer"]
    assert old_flow.service.current.value is not None  # type: ignore[attr-defined]

    ui.idle.touch()
    clock.advance(44)
    ui.idle.tick()
    overlay = ui.overlay
    assert overlay is not None and not overlay.isVisible()
    clock.advance(2)
    ui.idle.tick()
    assert overlay.isVisible() and overlay.count.text() == "14 s"
    qtbot.mouseClick(overlay.button, Qt.MouseButton.LeftButton)  # "I'm still here"
    assert not overlay.isVisible()
    assert first_name in visible_texts(window)

    clock.advance(50)
    ui.idle.tick()
    assert overlay.isVisible() and overlay.count.text() == "10 s"
    clock.advance(10)
    ui.idle.tick()
    qloop.run_until_complete(asyncio.sleep(0.05))
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    assert not overlay.isVisible()
    texts = visible_texts(window)
    assert first_name not in texts and email not in texts and email.split("@")[0] not in texts
    new_flow = window.flows["customer"]
    assert new_flow is not old_flow
    assert new_flow.service.current.value is None  # type: ignore[attr-defined]
    assert window.stack.currentWidget() is window.home
    # nothing pops up again on an untouched kiosk
    clock.advance(600)
    ui.idle.tick()
    assert not overlay.isVisible()
    quiet(qloop)
    window.close()
    qloop.run_until_complete(window.services.client.aclose())


def _staff_screen_showing(window: MainWindow) -> bool:
    if isinstance(window.stack.currentWidget(), STAFF_SCREENS):
        return True
    return any(
        isinstance(w, STAFF_SCREENS) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_walking_every_button_and_shortcut_never_reaches_a_staff_screen(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    window, ui, _clock = kiosk(qtbot, api_server)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not any(isinstance(s, STAFF_SCREENS) for s in window.findChildren(QWidget))
    rail = window.findChild(QWidget, "navRail")
    assert rail is not None
    buttons = [b for b in rail.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) >= 3
    for _round in range(2):
        for nav in buttons:
            if nav.isEnabled():
                qtbot.mouseClick(nav, Qt.MouseButton.LeftButton)
                quiet(qloop)  # what the screen loads runs on the loop, not in a key press
                assert not _staff_screen_showing(window)
    combos = [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
        *[(Qt.Key(Qt.Key.Key_F1.value + i), Qt.KeyboardModifier.NoModifier) for i in range(12)],
    ]
    for key, modifiers in combos:
        qtbot.keyClick(window, key, modifiers)
        quiet(qloop)
        assert not _staff_screen_showing(window)
    assert window.close() is False and window.isVisible()  # no close, not even Alt+F4's

    lockdown = ui.lockdown
    assert lockdown is not None and lockdown.hotspot is not None
    qtbot.mouseClick(lockdown.hotspot, Qt.MouseButton.LeftButton)  # a tap: nothing
    assert not lockdown.long_press.isActive() and lockdown.sign_in is None
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPoint(4, 4).toPointF(),
        lockdown.hotspot.mapToGlobal(QPoint(4, 4)).toPointF(),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(lockdown.hotspot, press)
    assert lockdown.long_press.isActive()
    lockdown.long_press.timeout.emit()  # held for the whole long-press
    dialog = lockdown.sign_in
    assert isinstance(dialog, KioskSignInDialog) and dialog.isVisible()
    assert not _staff_screen_showing(window)

    # an associate may not open kiosk maintenance
    window.services.scans.deliver(Scan("OSB1-A101PAR1", "wedge"))
    qtbot.keyClicks(dialog.form.pin, "4821")
    qtbot.mouseClick(dialog.form.submit_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: dialog.form.error.isVisible())
    assert "may not" in dialog.form.error.text() and not _staff_screen_showing(window)
    settle(qloop, lambda: not ui.session.signed_in)

    dialog.form.reset()
    qtbot.keyClicks(dialog.form.staff_id, "M101")
    qtbot.keyClicks(dialog.form.pin, "8642")
    qtbot.mouseClick(dialog.form.submit_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: lockdown.panel is not None and lockdown.panel.isVisible())
    panel = lockdown.panel
    assert panel is not None and panel.exit_button.isEnabled()
    panel.accept()  # closing the panel signs the manager out
    settle(qloop, lambda: not ui.session.signed_in)
    assert not _staff_screen_showing(window)
    lockdown.allow_close = True
    quiet(qloop)
    window.close()
    qloop.run_until_complete(window.services.client.aclose())


@pytest.mark.parametrize("staff_id", ["A101"])
def test_dialogs_left_open_are_closed_by_the_reset(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, staff_id: str
) -> None:
    window, ui, clock = kiosk(qtbot, api_server)
    lockdown = ui.lockdown
    assert lockdown is not None
    lockdown.open_staff_sign_in()
    dialog = lockdown.sign_in
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    assert staff_id not in visible_texts(window)
    qtbot.keyClicks(dialog.form.staff_id, staff_id)  # someone started typing, then left
    assert staff_id in visible_texts(window)
    ui.idle.touch()
    clock.advance(61)
    ui.idle.tick()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert lockdown.sign_in is None and staff_id not in visible_texts(window)
    lockdown.allow_close = True
    quiet(qloop)
    window.close()
    qloop.run_until_complete(window.services.client.aclose())


def test_reset_leaves_no_trace_of_the_customer_on_any_screen(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    """Banners, typed fields, lists, the basket, the product looked up, the camera's memory:
    after the reset, no widget of the window (shown or hidden) holds the customer's text."""
    from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen

    window, ui, clock = kiosk(qtbot, api_server)
    code, first_name, email = customer_with_code(api_server, device_token)
    fragment = code.split(".")[1][:12]
    wrong_digit = "3760123000018"  # a barcode whose check digit is wrong: the banner names it
    receipt = "R-PAR01-00000042"
    guest = "claire.private@example.org"
    ui.idle.touch()
    window.services.scans.deliver(Scan(code, "camera"))  # "My account"
    settle(qloop, lambda: first_name in visible_texts(window))
    window.services.scans.deliver(Scan(wrong_digit, "wedge"))  # the scan screen's banner
    settle(qloop, lambda: window.home.notice.isVisible() and wrong_digit in visible_texts(window))
    window.home.entry.setText(receipt)  # typed, then left
    window.frames._recent.is_new(code, 0.0)  # the camera saw the customer's code

    flow = window.flows["endless_aisle"]
    screen = flow.screen()
    assert isinstance(screen, EndlessAisleScreen)
    window.show_screen(screen)
    screen.email_entry.setText(guest)
    window.services.scans.deliver(Scan(code, "camera"))
    settle(qloop, lambda: screen.service.draft.value.customer is not None)
    screen.loyalty_entry.setText(code)  # scanned again into the field, not sent
    old_service = screen.service
    texts = visible_texts(window)
    for trace in (first_name, fragment, wrong_digit, receipt, guest):
        assert trace in texts, trace

    clock.advance(61)
    ui.idle.tick()
    quiet(qloop)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    texts = visible_texts(window)
    for trace in (first_name, email, fragment, wrong_digit, receipt, guest):
        assert trace not in texts, trace
    assert not window.home.notice.isVisible()
    assert window.frames._recent.is_new(code, 0.5)  # forgotten: not a repeat any more
    assert old_service.draft.value.customer is None or window.flows["endless_aisle"] is not flow
    lockdown = ui.lockdown
    assert lockdown is not None
    lockdown.allow_close = True
    quiet(qloop)
    window.close()
    qloop.run_until_complete(window.services.client.aclose())
