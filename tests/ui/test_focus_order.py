"""Keyboard users (and switch devices) move through the fields in reading order."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk_app.core.demo_server import DemoServer
from kiosk_app.ui.screens.sign_in import CredentialForm
from tests.ui.conftest import make_window


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


def test_home_goes_entry_then_find(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    window = make_window(qtbot, api_server.url, device_token)
    try:
        window.activateWindow()
        (first,) = tab_from(qtbot, window.home.entry, 1)
        assert first is window.home.find_button
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
