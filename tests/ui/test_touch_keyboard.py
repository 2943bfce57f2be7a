"""Kiosks have no keyboard: an on-screen one follows the focused text field."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from kiosk_app.core.demo_server import DemoServer
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
