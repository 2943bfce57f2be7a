"""Every control on every screen can be named by a screen reader, and touch targets are big.

Walks all screens of the main window (associate and kiosk), the way a screen reader would:
a control with neither an accessible name nor visible text fails the test.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.shell.main_window import MainWindow
from tests.ui.conftest import make_window

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QTextEdit, QPlainTextEdit)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if type(widget).__name__ in ("QScrollBar",) or widget.objectName().startswith("qt_"):
            continue
        name = widget.accessibleName().strip()
        text = widget.text().strip() if isinstance(widget, QAbstractButton) else ""
        if not name and not text:
            missing.append(f"{type(widget).__name__} in {type(widget.parentWidget()).__name__}")
    return missing


def small_targets(root: QWidget) -> list[str]:
    small = []
    for widget in root.findChildren(QAbstractButton):
        if widget.isVisibleTo(root) and widget.objectName() != "qt_toolbar_ext_button":
            hint = widget.minimumSizeHint()
            height = max(widget.minimumHeight(), hint.height(), widget.height())
            if height < 48:
                small.append(f"{widget.text() or widget.accessibleName()!r} ({height}px)")
    return small


@pytest.mark.parametrize("mode", ["associate", "kiosk"])
def test_every_screen_names_its_controls(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    kiosk_token: str,
    mode: str,
) -> None:
    window: MainWindow = make_window(
        qtbot, api_server.url, device_token if mode == "associate" else kiosk_token, mode=mode
    )
    try:
        screens = [window.stack.widget(i) for i in range(window.stack.count())]
        assert len(screens) >= 3
        problems: dict[str, list[str]] = {}
        for screen in screens:
            window.stack.setCurrentWidget(screen)
            qtbot.wait(10)
            missing = unnamed_controls(window)
            if missing:
                problems[type(screen).__name__] = missing
        assert problems == {}, problems
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_touch_targets_are_at_least_48_px(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
) -> None:
    window = make_window(qtbot, api_server.url, device_token)
    try:
        problems: dict[str, list[str]] = {}
        for i in range(window.stack.count()):
            screen = window.stack.widget(i)
            window.stack.setCurrentWidget(screen)
            qtbot.wait(10)
            small = small_targets(screen)
            if small:
                problems[type(screen).__name__] = small
        assert problems == {}, problems
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
