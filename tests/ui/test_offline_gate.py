"""Flows ask the offline policy before queuing; the user is told why not, or that it waits."""

from __future__ import annotations

import asyncio
from typing import Any

from kiosk_app.core.connection import ConnectionState
from kiosk_app.core.demo_server import DemoServer
from kiosk_app.core.offline.policy import OfflineFlow, OfflinePolicy
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

        # the returns screen's confirm does not queue anything while it may not run
        before = window.services.outbox.counts() if window.services.outbox else None
        window.flows["return"].confirm()
        assert window.services.outbox is not None and window.services.outbox.counts() == before
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
