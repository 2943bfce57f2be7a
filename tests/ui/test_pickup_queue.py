"""The pickup queue as an associate uses it: it never hides waiting customers."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from kiosk_app.flows.pickup.ui.screen import QueueRow
from kiosk_app.shell.main_window import MainWindow
from tests.ui.conftest import pickup_screen, settle


def test_back_from_an_order_the_queue_shows_its_top(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, window: MainWindow
) -> None:
    """Store trial (#19): after an order the queue came back scrolled to the bottom, hiding
    the customers waiting at the top, and the wrong order was opened."""
    window.resize(1280, 800)
    screen = pickup_screen(window)
    window.show_screen(screen)
    screen.refresh()
    settle(qloop, lambda: len(screen.queue_order_numbers()) >= 3)
    scroll = screen.queue_page.findChild(QScrollArea)
    assert scroll is not None
    bar = scroll.verticalScrollBar()
    settle(qloop, lambda: bar.maximum() > 0)  # more orders than the screen shows
    bar.setValue(bar.maximum())
    rows = [r for r in scroll.widget().findChildren(QueueRow) if r.isVisible()]
    last = rows[-1]
    qtbot.mouseClick(last, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is not screen.queue_page
    qtbot.mouseClick(screen.back_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.queue_page
    settle(qloop, lambda: not screen._queue_task.running)
    assert bar.value() == 0
    first = scroll.widget().findChildren(QueueRow)[0]
    assert not first.visibleRegion().isEmpty()  # the top of the queue is in view
    # the periodic refresh rebuilds the rows: the top stays in view
    screen.refresh()
    settle(qloop, lambda: not screen._queue_task.running)
    assert bar.value() == 0
