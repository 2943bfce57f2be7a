"""Flows ask the offline policy before queuing; the user is told why not, or that it waits."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtWidgets import QWidget

from kiosk_app.kernel.connection import ConnectionState
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.offline.policy import OfflineFlow, OfflinePolicy
from tests.ui.conftest import make_window


def test_offline_gate_follows_the_configured_policy(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    window = make_window(qtbot, api_server.url, device_token)
    try:
        window.services.offline_policy = OfflinePolicy.from_config({"endless_aisle": "deny"})
        window.services.connection.state.set(ConnectionState.ONLINE)
        assert window.offline_gate(OfflineFlow.RETURN)
        assert not window.bridge.isVisible()

        window.services.connection.state.set(ConnectionState.OFFLINE)
        assert not window.offline_gate(OfflineFlow.RETURN)  # default: needs the refund quote
        assert window.bridge.isVisible() and "Not available offline" in window.bridge.text.text()
        assert not window.offline_gate(OfflineFlow.ENDLESS_AISLE)  # configured: deny
        assert window.offline_gate(OfflineFlow.PICKUP_SIGNED_QR)  # default: allowed, queued
        assert "sent to the central system when the network is back" in window.bridge.text.text()
        assert "only pickups already in this device's queue" in window.bridge.text.text()

        # the returns screen's confirm does not queue anything while it may not run
        before = window.services.outbox.counts() if window.services.outbox else None
        window.flows["return"].confirm()
        assert window.services.outbox is not None and window.services.outbox.counts() == before
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_offline_what_needs_the_network_is_refused_up_front_and_the_sync_page_says_so(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen
    from kiosk_app.flows.returns.session import Phase
    from kiosk_app.flows.returns.ui.screen import ReturnsFlow
    from kiosk_app.flows.sync.ui.screen import SyncScreen

    window = make_window(qtbot, api_server.url, device_token)
    try:
        sync_page = window.flows["sync"].screen()
        assert isinstance(sync_page, SyncScreen)
        rows = [
            w.accessibleName()
            for w in sync_page.policy_card.findChildren(QWidget)
            if w.accessibleName().endswith(("works offline", "needs the network"))
        ]
        assert rows == [
            "Pickups already in this device's queue: with the customer's QR code: works offline",
            "Pickups already in this device's queue: with the pickup code: works offline",
            "Pickups already in this device's queue: with an ID document: works offline",
            "Kiosk check-in with the customer's QR code: works offline",
            "Returns and refunds: needs the network",
            "Endless-aisle orders (stock and delivery options): needs the network",
        ]

        window.services.connection.state.set(ConnectionState.OFFLINE)
        window.order_for_customer("SKU-ANY")  # "Order this" on the product screen
        assert "endless-aisle orders need the central system" in window.bridge.text.text()
        aisle = window.flows["endless_aisle"].screen()
        assert isinstance(aisle, EndlessAisleScreen) and not aisle.service.draft.value.lines

        returns = window.flows["return"]
        assert isinstance(returns, ReturnsFlow)
        window.open_code("W00010056")  # an order number: the returns screen
        assert "returns need the central system" in window.bridge.text.text()
        assert returns.session.view.value.phase is Phase.IDLE  # no lookup that cannot work
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
