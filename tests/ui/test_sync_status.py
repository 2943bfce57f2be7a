"""The Sync page and the status bar, on the real window, real outbox and real server.

The network is a fault proxy: refusals come from the real server while it answers, then the
proxy stops listening and a new write waits in the queue.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk_app.flows.sync.ui.screen import SyncFlow, SyncScreen
from kiosk_app.kernel.api.errors import ApiError
from kiosk_app.kernel.connection import ConnectionState
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.offline.read_cache import Protection, ReadCache
from kiosk_app.kernel.outbox import EntryStatus, Outbox, SyncEngine
from kiosk_app.kernel.remote_state import Loaded
from kiosk_app.shell.main_window import MainWindow
from tests.kernel.offline.offline_helpers import ENROLL_OP, ENROLL_PATH, enroll_body, queue_refusals
from tests.support.faultproxy import FaultMode, FaultProxy
from tests.ui.conftest import make_window, settle

GTIN = "3760123000017"


@pytest.fixture
def proxy(api_server: DemoServer) -> Iterator[FaultProxy]:
    port = int(api_server.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as running:
        yield running


def _parts(window: MainWindow) -> tuple[Outbox, SyncEngine]:
    outbox, sync = window.services.outbox, window.services.sync
    assert outbox is not None and sync is not None
    return outbox, sync


def _click(qtbot: Any, widget: QPushButton) -> None:
    QApplication.processEvents()  # widgets added to a visible layout are shown queued
    assert widget.isVisible() and widget.isEnabled()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_status_bar_counts_and_the_sync_page_resolves_every_entry(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    proxy: FaultProxy,
) -> None:
    window = make_window(qtbot, proxy.url, device_token)
    outbox, sync = _parts(window)
    flow = window.flows["sync"]
    assert isinstance(flow, SyncFlow)
    screen = flow.screen()
    assert isinstance(screen, SyncScreen)
    status = window.status
    assert not status.queue.isVisible()

    entries = queue_refusals(outbox, api_server.url, device_token)
    qloop.run_until_complete(sync.drain())
    proxy.set_mode(FaultMode.UNREACHABLE)
    waiting = outbox.append(ENROLL_OP, "POST", ENROLL_PATH, enroll_body())
    qloop.run_until_complete(sync.drain())  # not sent: the network is down

    settle(qloop, lambda: status.queue.isVisible())
    assert status.queue.text() == "1 to send · 3 need attention"
    assert status.queue.property("attention") is True

    _click(qtbot, status.queue)  # tap the status bar → the Sync page
    assert window.stack.currentWidget() is screen
    assert screen.summary.text() == "1 waiting to be sent · 3 need attention"
    conflict, bad_token, bad_store = (entries[k].id for k in ("conflict", "bad_token", "bad_store"))
    assert set(screen.dismiss_buttons) == {conflict, bad_token, bad_store}
    assert set(screen.retry_buttons) == {bad_token, bad_store, waiting.id}  # not the conflict

    # Dismiss needs a note: the confirm button stays off until there is one.
    _click(qtbot, screen.dismiss_buttons[conflict])
    panel = screen.dismiss_panel
    assert panel is not None and panel.entry_id == conflict
    assert not panel.confirm.isEnabled()
    chip = next(b for b in panel.findChildren(QPushButton) if b.text() == "Done on another device")
    _click(qtbot, chip)
    _click(qtbot, panel.confirm)
    dismissed = outbox.get(conflict)
    assert dismissed is not None and dismissed.status is EntryStatus.DISMISSED
    assert dismissed.note == "Done on another device"
    assert conflict not in screen.dismiss_buttons
    assert "Done on another device" in " ".join(
        w.text() for w in screen.findChildren(type(screen.summary))
    )

    _click(qtbot, screen.retry_buttons[bad_store])
    retried = outbox.get(bad_store)
    assert retried is not None and retried.status is EntryStatus.PENDING
    _click(qtbot, screen.retry_all)
    again = outbox.get(bad_token)
    assert again is not None and again.status is EntryStatus.PENDING
    assert outbox.needs_attention_count() == 0

    # Network back: the queue drains, the refusals come back, nothing disappears silently.
    proxy.set_mode(FaultMode.PASS)
    qloop.run_until_complete(sync.drain())
    qloop.run_until_complete(sync.drain())
    qloop.run_until_complete(sync.drain())
    settle(qloop, lambda: status.queue.text() == "2 need attention")
    assert outbox.get(waiting.id).status is EntryStatus.DONE  # type: ignore[union-attr]
    assert set(screen.dismiss_buttons) == {bad_token, bad_store}
    window.close()
    qloop.run_until_complete(window.services.client.aclose())


def test_a_kiosk_has_no_sync_page_and_no_queue_in_its_status_bar(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, kiosk_token: str
) -> None:
    window = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk")
    outbox, sync = _parts(window)
    assert "sync" not in window.flows
    outbox.append(ENROLL_OP, "POST", ENROLL_PATH, enroll_body(token="wrong"))
    qloop.run_until_complete(sync.drain())
    assert sync.events.queue_counts.value.needs_attention == 1
    qloop.run_until_complete(asyncio.sleep(0.05))  # let deferred attachments run
    assert not window.status.queue.isVisible()
    window.close()
    qloop.run_until_complete(window.services.client.aclose())


def test_offline_the_product_screen_shows_the_last_known_answer_and_its_age(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    proxy: FaultProxy,
    tmp_path: Path,
) -> None:
    window = make_window(qtbot, proxy.url, device_token)
    cache = ReadCache(tmp_path / "read_cache.db", protection=Protection(None, "test"))
    window.services.client.set_read_cache(cache)
    qloop.run_until_complete(asyncio.sleep(0))  # the Sync flow attaches to the status bar
    window.open_code(GTIN)
    settle(qloop, lambda: isinstance(window.products.details.state.value, Loaded))
    assert "as of" not in window.status.connection.text()

    proxy.set_mode(FaultMode.UNREACHABLE)
    window.open_code("chemise")  # something else in between
    window.open_code(GTIN)
    settle(qloop, lambda: isinstance(window.products.details.state.value, Loaded))
    for _ in range(2):  # the health check fails too: the link is offline
        with contextlib.suppress(ApiError):
            qloop.run_until_complete(window.services.client.health())
    assert window.services.connection.state.value is ConnectionState.OFFLINE
    assert cache.served_as_of.value is not None
    clock = datetime.fromtimestamp(cache.served_as_of.value).strftime("%H:%M")
    assert f"Offline — as of {clock}" in window.status.connection.text()
    window.close()
    qloop.run_until_complete(window.services.client.aclose())
    cache.close()


def test_offline_decisions_are_told_in_plain_words(qapp: Any) -> None:
    from kiosk_app.kernel.offline.policy import may_run_offline
    from kiosk_app.ui.offline_text import offline_decision_text

    assert offline_decision_text(may_run_offline("return", ConnectionState.ONLINE)) is None
    refused = offline_decision_text(may_run_offline("return", ConnectionState.OFFLINE))
    assert refused is not None and refused.startswith("Not available offline")
    queued = offline_decision_text(may_run_offline("pickup_code", ConnectionState.OFFLINE))
    assert queued is not None and "sent to the central system" in queued
