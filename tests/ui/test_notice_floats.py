"""Messages that can come at any moment float: nothing moves under the associate's finger."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from kiosk_app.flows.pickup.ui.screen import QueueRow
from kiosk_app.kernel.api import errors
from kiosk_app.kernel.remote_state import Failed
from kiosk_app.shell.main_window import MainWindow
from kiosk_app.ui.widgets.notice import Notice
from tests.ui.conftest import pickup_screen, settle


def where(widget: QWidget, window: QWidget) -> QPoint:
    return widget.mapTo(window, QPoint(0, 0))


def shown_whole(notice: Notice) -> bool:
    layout = notice.layout()
    assert layout is not None
    return notice.isVisible() and notice.height() >= layout.totalHeightForWidth(notice.width())


def test_the_message_bridge_moves_nothing(qtbot: Any, window: MainWindow) -> None:
    """Store trial (#19): a banner appearing moved the screen ~84 px under a finger."""
    window.resize(1280, 800)
    window.show_home()
    qtbot.wait(50)
    entry = window.home.entry
    before = where(entry, window)
    long = "Not available offline: returns need the network. " * 3
    window.bridge.show_message(long, "error")
    qtbot.wait(50)
    assert where(entry, window) == before
    assert shown_whole(window.bridge)
    assert window.stack.rect().contains(window.bridge.geometry())
    window.stack.setCurrentWidget(pickup_screen(window))  # a page comes up: still on top
    qtbot.wait(50)
    assert window.bridge.isVisible()
    assert window.childAt(window.bridge.mapTo(window, QPoint(30, 30))) in (
        window.bridge,
        window.bridge.text,
    )
    window.stack.setCurrentWidget(window.home)
    window.resize(390, 844)  # portrait: the message wraps, still whole, still on top
    qtbot.wait(50)
    assert shown_whole(window.bridge) and window.bridge.width() <= window.stack.width()
    window.resize(1280, 800)
    qtbot.wait(50)
    before = where(entry, window)
    window.bridge.hide()
    qtbot.wait(50)
    assert where(entry, window) == before


def test_a_flows_message_does_not_follow_the_associate_to_another_screen(
    qtbot: Any, window: MainWindow
) -> None:
    """Found trying the app (#19): "returns need the network" stayed on the endless aisle."""
    window.show_home()
    window.bridge.show_message("Not available offline: returns need the network.", "error")
    window.show_screen(pickup_screen(window))
    assert not window.bridge.isVisible()


def test_a_failed_background_refresh_leaves_the_queue_in_place(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, window: MainWindow
) -> None:
    window.resize(1280, 800)
    screen = pickup_screen(window)
    window.show_screen(screen)
    screen.refresh()
    settle(qloop, lambda: len(screen.queue_order_numbers()) >= 2)
    first = screen.queue_scroll.widget().findChildren(QueueRow)[0]
    before = where(first, window)
    screen.render_queue(Failed("queue", errors.ApiUnavailable("the network is down")))
    qtbot.wait(50)
    assert shown_whole(screen.queue_notice)
    assert where(first, window) == before
