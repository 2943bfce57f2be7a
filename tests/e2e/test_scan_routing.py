"""Issue 3's "done when": in the running app, each kind of scan lands on the right screen.

Scans arrive as a wedge scanner types them (real key events through the application-wide
filter), whatever screen is showing.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk_app.hardware.wedge_filter import WedgeScannerFilter
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.wedge import WedgeConfig
from kiosk_app.shell.main_window import MainWindow
from tests.ui.conftest import make_window, settle


@pytest.fixture
def app_window(
    qtbot: Any,
    qapp: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
) -> Iterator[MainWindow]:
    window = make_window(qtbot, api_server.url, device_token)
    wedge = WedgeScannerFilter(window.services.scans, WedgeConfig(max_gap_s=0.1))
    qapp.installEventFilter(wedge)
    yield window
    qapp.removeEventFilter(wedge)
    window.close()
    qloop.run_until_complete(window.services.client.aclose())


def scan(loop: asyncio.AbstractEventLoop, window: MainWindow, text: str) -> None:
    """Send ``text`` as a wedge scanner does: key events stamped 1 ms apart, then Enter,
    to whatever widget has focus — from inside the running qasync loop, as in the app."""

    async def burst() -> None:
        target = window.focusWidget() or window
        stamp = int(time.monotonic() * 1000)
        for ch in [*text, "\r"]:
            key = Qt.Key.Key_Return if ch == "\r" else Qt.Key.Key_A
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
                event.setTimestamp(stamp)
                QCoreApplication.sendEvent(target, event)
            stamp += 1
        await asyncio.sleep(0.05)

    loop.run_until_complete(burst())


def visible_text(widget: QWidget) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(lbl.text() for lbl in widget.findChildren(QLabel) if lbl.isVisible())


def api(server: DemoServer, token: str) -> httpx.Client:
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"})


def test_product_loyalty_and_pickup_scans_each_land_on_their_screen(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app_window: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    window = app_window
    with api(api_server, device_token) as http:
        product = http.get("/v1/products", params={"q": "pull", "limit": 1}).json()["items"][0]
        customer = http.get("/v1/customers", params={"q": "dupont"}).json()["items"][0]
        pickup = next(p for p in http.get("/v1/pickups").json() if p["status"] in ("ready",))
        qr = http.post(
            f"/v1/pickups/{pickup['order_number']}/qr",
            json={},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        ).json()["token"]

    # a product (EAN-13 as printed on the label)
    scan(qloop, window, product["gtin"][1:])
    settle(qloop, lambda: window.product.name.text() == product["name"])
    assert window.stack.currentWidget() is window.product

    # a loyalty card, scanned while the product screen shows
    scan(qloop, window, customer["loyalty_number"])
    customer_screen = window.flows["customer"].screen()
    assert window.stack.currentWidget() is customer_screen
    settle(qloop, lambda: customer["last_name"] in visible_text(customer_screen))

    # a pickup QR from the confirmation e-mail, scanned while the customer screen shows
    scan(qloop, window, qr)
    pickup_screen = window.flows["pickup"].screen()
    assert window.stack.currentWidget() is pickup_screen
    settle(qloop, lambda: pickup["order_number"] in visible_text(pickup_screen))

    # a receipt number, scanned from the home screen, goes to returns (while the pickup is
    # being verified, that step keeps the scans it expects)
    window.show_home()
    scan(qloop, window, "R-PAR01-00000001")
    assert window.stack.currentWidget() is window.flows["return"].screen()
