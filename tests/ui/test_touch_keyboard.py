"""Kiosks have no keyboard: an on-screen one follows the focused text field."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from kiosk_app.kernel.demo_server import DemoServer
from tests.ui.conftest import make_window


def key(keyboard: Any, name: str) -> QPushButton:
    return next(
        b
        for b in keyboard.findChildren(QPushButton)
        if b.accessibleName() == name or b.text() == name
    )


def test_kiosk_keyboard_types_into_the_focused_field(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, kiosk_token: str
) -> None:
    window = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk", language="fr")
    try:
        keyboard = window.keyboard
        assert keyboard is not None and not keyboard.isVisible()
        # no file dialog at a kiosk: it would be a way out of the lockdown
        assert not window.camera_panel.from_file.isVisibleTo(window)
        field = window.home.entry
        field.setFocus()
        qtbot.waitUntil(keyboard.isVisible)
        for name in ("c", "h", "e"):
            qtbot.mouseClick(key(keyboard, name), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(key(keyboard, "Capital letters"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(key(keyboard, "M"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(key(keyboard, "Space"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(key(keyboard, "Delete"), Qt.MouseButton.LeftButton)
        assert field.text() == "cheM"
        assert field.hasFocus()  # keys never steal the focus
        submitted: list[str] = []
        window.home.code_submitted.connect(submitted.append)
        qtbot.mouseClick(key(keyboard, "Hide the keyboard"), Qt.MouseButton.LeftButton)
        assert submitted == ["cheM"] and not keyboard.isVisible()
        # opening another screen puts the keyboard away
        field.setFocus()
        qtbot.waitUntil(keyboard.isVisible)
        window.show_screen(window.flows["pickup"].screen())
        assert not keyboard.isVisible()
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_associate_tablets_use_their_own_keyboard(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    window = make_window(qtbot, api_server.url, device_token)
    try:
        assert window.keyboard is None
        assert window.camera_panel.from_file.isVisibleTo(window)
        assert isinstance(window.home.entry, QLineEdit)
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_the_keyboard_never_covers_the_field_being_typed_nor_its_button(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, kiosk_token: str
) -> None:
    """Store trial (#19): at the kiosk the keyboard covered the endless-aisle field being
    typed and its Attach button."""
    from PySide6.QtCore import QRect

    from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleFlow

    window = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk")
    try:
        for size in ((1280, 800), (800, 1280)):
            window.resize(*size)
            flow = next(f for f in window.flows.values() if isinstance(f, EndlessAisleFlow))
            screen = flow.screen()
            window.show_screen(screen)
            qtbot.wait(50)
            keyboard = window.keyboard
            assert keyboard is not None
            collect = window.flows["pickup"].screen()  # "Collect an order" (kiosk)
            for field, companion in (
                (screen.loyalty_entry, screen.attach_button),
                (screen.email_entry, screen.phone_entry),
                (collect.order_entry, collect.code_entry),
                (collect.code_entry, collect.check_in_button),
            ):
                window.show_screen(_screen_of(field, window))
                qtbot.wait(50)
                field.setFocus()
                qtbot.waitUntil(keyboard.isVisible)
                qtbot.wait(100)
                board = QRect(keyboard.mapTo(window, keyboard.rect().topLeft()), keyboard.size())
                for widget in (field, companion):
                    if not widget.isVisibleTo(window):
                        continue
                    shown = widget.visibleRegion().boundingRect()
                    assert shown.size() == widget.size(), widget.accessibleName()
                    where = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
                    assert not where.intersects(board), widget.accessibleName()
            window.home.entry.setFocus()
            window.show_home()
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def _screen_of(widget: Any, window: Any) -> Any:
    """The page of the window's stack that holds ``widget``."""
    while widget.parentWidget() is not window.stack:
        widget = widget.parentWidget()
    return widget


def test_a_capital_is_one_letter(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, kiosk_token: str
) -> None:
    """Shift stayed down for every later letter, on every later screen (found trying the
    kiosk, #19): one tap on Shift makes one capital, as on a phone."""
    window = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk")
    try:
        keyboard = window.keyboard
        assert keyboard is not None
        field = window.home.entry
        field.setFocus()
        qtbot.waitUntil(keyboard.isVisible)
        qtbot.mouseClick(key(keyboard, "Capital letters"), Qt.MouseButton.LeftButton)
        for name in ("M", "a", "x"):
            qtbot.mouseClick(key(keyboard, name), Qt.MouseButton.LeftButton)
        assert field.text() == "Max"
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
