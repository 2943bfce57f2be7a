"""Bring the online cart into the store: fetch what is here, order what is not."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk_app.kernel.demo_server import DemoServer
from tests.ui.conftest import make_window, settle


def customer_with_mixed_cart(http: httpx.Client) -> tuple[dict[str, Any], dict[str, Any]]:
    page = http.get("/v1/customers", params={"q": "ma", "limit": 100}).json()["items"]
    for customer in page:
        cart = http.get(f"/v1/customers/{customer['customer_number']}/cart").json()
        here = [ln for ln in cart["lines"] if ln["availability"]["here"] >= ln["quantity"]]
        missing = [ln for ln in cart["lines"] if ln["availability"]["here"] < ln["quantity"]]
        if here and missing:
            return customer, cart
    raise AssertionError("no demo customer has a cart with lines both here and not here")


def test_fetch_from_the_floor_and_order_the_rest(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    http = httpx.Client(
        base_url=api_server.url, headers={"Authorization": f"Bearer {device_token}"}
    )
    customer, cart = customer_with_mixed_cart(http)
    window = make_window(qtbot, api_server.url, device_token)
    try:
        window.open_code(customer["loyalty_number"])
        flow = window.flows["customer"]
        screen = flow.screen()
        settle(
            qloop,
            lambda: (
                bool(
                    screen.findChildren(
                        QPushButton, options=Qt.FindChildOption.FindChildrenRecursively
                    )
                )
                and any(
                    b.text() == "Fetch" and b.isVisible() for b in screen.findChildren(QPushButton)
                )
            ),
        )
        fetch = next(
            b for b in screen.findChildren(QPushButton) if b.text() == "Fetch" and b.isVisible()
        )
        fetch.click()
        assert len(flow.service.floor_picks.value) == 1
        assert "1 line" in (screen.floor_summary.text() if screen.floor_summary else "")

        missing = [ln for ln in cart["lines"] if ln["availability"]["here"] < ln["quantity"]]
        order = next(
            b
            for b in screen.findChildren(QPushButton)
            if b.text().startswith("Order the") and b.isVisible()
        )
        assert order.text() == (
            "Order the line not in stock here"
            if len(missing) == 1
            else f"Order the {len(missing)} lines not in stock here"
        )
        order.click()
        aisle = window.flows["endless_aisle"]
        assert window.stack.currentWidget() is aisle.screen()
        draft = aisle.service.draft
        settle(
            qloop,
            lambda: draft.value.customer is not None and len(draft.value.lines) == len(missing),
        )
        assert {line.sku for line in draft.value.lines} == {ln["product"]["sku"] for ln in missing}
        assert draft.value.customer.customer_number == customer["customer_number"]

        # the order placed, the customer screen is fresh: the new open order is there and
        # the ordered lines are no longer offered (store trial, #19: it stayed stale)
        aisle_screen = aisle.screen()
        store_option = next(
            (b for b in aisle_screen.dest_buttons.values() if "store" in b.text().lower()),
            None,
        )
        if store_option is not None:
            qtbot.mouseClick(store_option, Qt.MouseButton.LeftButton)
        settle(qloop, lambda: aisle_screen.submit_button.isEnabled())
        aisle_screen.submit_button.click()
        settle(qloop, lambda: aisle_screen.pages.currentWidget() is aisle_screen.confirmation)
        qloop.run_until_complete(window.services.sync.drain())  # type: ignore[union-attr]
        settle(qloop, lambda: aisle_screen.conf_number.text().startswith("E"))
        number = aisle_screen.conf_number.text()
        window.show_screen(screen)

        def open_orders_text() -> str:
            return " ".join(w.text() for w in screen.open_orders_panel.findChildren(QLabel))

        settle(qloop, lambda: number in open_orders_text())
        assert not any(
            b.text().startswith("Order the") and b.isVisible()
            for b in screen.findChildren(QPushButton)
        )
        left = http.get(f"/v1/customers/{customer['customer_number']}/cart").json()["lines"]
        assert not {ln["product"]["sku"] for ln in left} & {ln["product"]["sku"] for ln in missing}
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
        http.close()
