"""The endless-aisle screen driven through real widgets against a dedicated real server."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QPushButton

from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleFlow, EndlessAisleScreen
from kiosk_app.hardware.decoding.registry import make_decoder
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.kernel.security.idle import ManualClock
from kiosk_app.kernel.security.staff_session import StaffSession
from kiosk_app.shell.kiosk_lockdown import IdleSettings, install_security
from kiosk_app.shell.main_window import MainWindow
from tests.central_api.test_endless_aisle_support import Api, query, sku_with, start_server
from tests.ui.conftest import make_window, settle
from tests.ui.test_idle_kiosk import visible_texts


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with start_server(tmp_path_factory.mktemp("ea-ui")) as srv:
        yield srv


def open_screen(window: MainWindow) -> EndlessAisleScreen:
    flow = next(f for f in window.flows.values() if isinstance(f, EndlessAisleFlow))
    screen = flow.screen()
    assert isinstance(screen, EndlessAisleScreen)
    nav = next(
        b
        for b in window.findChildren(QPushButton)
        if b.property("role") == "nav" and b.text() == "Endless aisle"
    )
    nav.click()
    assert window.stack.currentWidget() is screen
    return screen


def decode(screen: EndlessAisleScreen) -> str:
    """Read the shown code with the app's other decoder (zbar): what a till scanner sees."""
    image = screen.barcode.pixmap().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    raw = bytes(image.constBits())
    stride = image.bytesPerLine()
    frame = np.frombuffer(raw, np.uint8)[: stride * image.height()].reshape(image.height(), stride)
    codes = make_decoder("pyzbar").decode(np.ascontiguousarray(frame[:, : image.width()]))
    return codes[0].text if codes else ""


def type_into(qtbot: Any, widget: Any, text: str, finish: bool = True) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)
    if finish:
        widget.editingFinished.emit()


def test_associate_places_a_home_delivery_and_sees_it_paid(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer
) -> None:
    api = Api.enroll(server)
    window = make_window(qtbot, server.url, api.token)
    try:
        screen = open_screen(window)
        screen.poll_interval_s = 0.05
        service = screen.service
        sku = sku_with(server, "here.on_hand = 0 AND wh.on_hand >= 5")
        type_into(qtbot, screen.code_entry, sku, finish=False)
        qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)
        settle(qloop, lambda: len(service.draft.value.lines) == 1)
        assert screen.lines_box.count() == 1
        assert "Added" in screen.notice.text.text()
        plus = next(b for b in screen.findChildren(QPushButton) if b.text() == "+")
        qtbot.mouseClick(plus, Qt.MouseButton.LeftButton)
        assert service.draft.value.lines[0].quantity == 2
        type_into(qtbot, screen.email_entry, "anne.morel@example.com")
        qtbot.mouseClick(screen.dest_buttons["home"], Qt.MouseButton.LeftButton)
        for key, value in (("name", "Anne Morel"), ("line1", "12 rue des Lilas"), ("city", "Lyon")):
            type_into(qtbot, screen.address_entries[key], value)
        type_into(qtbot, screen.address_entries["postcode"], "6900")
        assert screen.address_errors["postcode"].isVisibleTo(screen)
        assert "not valid" in screen.address_errors["postcode"].text()
        assert "75001" in screen.address_errors["postcode"].text()
        assert not screen.submit_button.isEnabled()
        type_into(qtbot, screen.address_entries["postcode"], "69003")
        assert not screen.address_errors["postcode"].isVisibleTo(screen)
        settle(qloop, lambda: bool(screen.option_buttons))
        first = next(iter(screen.option_buttons.values()))
        assert first.isChecked() and "Home delivery" in first.accessibleName()
        assert screen.total_label.text().startswith("€")
        assert screen.submit_button.isEnabled()
        screen.submit_button.click()  # may be below the fold of the scroll area
        settle(qloop, lambda: screen.pages.currentWidget() is screen.confirmation)  # checked
        qloop.run_until_complete(window.services.sync.drain())  # type: ignore[union-attr]
        settle(qloop, lambda: screen.conf_number.text().startswith("E"))
        reference = screen.pay_reference.text()
        assert reference.startswith("PAY-")
        assert decode(screen) == reference  # the till can scan it
        assert "Awaiting payment" in screen.conf_status.text()
        assert "a•••@example.com" in screen.pay_link.text()
        qtbot.mouseClick(screen.demo_pay_button, Qt.MouseButton.LeftButton)
        qloop.run_until_complete(window.services.sync.drain())  # type: ignore[union-attr]
        settle(qloop, lambda: screen.conf_status.text() == "Paid")
        assert not screen.barcode.isVisibleTo(screen)
        number = screen.conf_number.text()
        assert query(server, "SELECT status FROM orders WHERE number = ?", number) == [("paid",)]
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_kiosk_customer_scans_items_and_their_card(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer
) -> None:
    api = Api.enroll(server, mode="kiosk")
    window = make_window(qtbot, server.url, api.token, mode="kiosk")
    try:
        screen = open_screen(window)
        service = screen.service
        sku = sku_with(server, "wh.on_hand >= 5")
        gtin = query(server, "SELECT gtin FROM products WHERE sku = ?", sku)[0][0]
        window.services.scans.deliver(Scan(gtin[1:], "wedge"))
        settle(qloop, lambda: len(service.draft.value.lines) == 1)
        assert window.stack.currentWidget() is screen  # the scan stayed here
        loyalty = query(
            server, "SELECT loyalty_number FROM customers WHERE customer_number = ?", "C0000003"
        )[0][0]
        # anyone could type someone's card number: the kiosk refuses it, typed or scanned
        type_into(qtbot, screen.loyalty_entry, loyalty, finish=False)
        qtbot.mouseClick(screen.attach_button, Qt.MouseButton.LeftButton)
        settle(qloop, lambda: "scan the code shown in your app" in screen.notice.text.text())
        assert screen.notice.isVisible()
        assert loyalty not in screen.notice.text.text()
        window.services.scans.deliver(Scan(loyalty, "wedge"))
        qloop.run_until_complete(asyncio.sleep(0.2))
        assert service.draft.value.customer is None
        # the customer's own signed code (their app) attaches them
        associate = Api.enroll(server)
        code = associate.post("/v1/customers/C0000003/loyalty-code", {}).json()["code"]
        window.services.scans.deliver(Scan(code, "camera"))
        settle(qloop, lambda: service.draft.value.customer is not None)
        assert service.draft.value.customer.customer_number == "C0000003"  # type: ignore[union-attr]
        assert "•" in screen.customer_label.text()  # masked at the kiosk
        assert not screen.guest_box.isVisibleTo(screen)
        qtbot.mouseClick(screen.dest_buttons["this_store"], Qt.MouseButton.LeftButton)
        settle(qloop, lambda: bool(screen.option_buttons))
        screen.submit_button.click()  # may be below the fold of the scroll area
        settle(qloop, lambda: screen.pages.currentWidget() is screen.confirmation)  # checked
        qloop.run_until_complete(window.services.sync.drain())  # type: ignore[union-attr]
        settle(qloop, lambda: screen.conf_number.text().startswith("E"))
        assert not screen.demo_pay_button.isVisibleTo(screen)  # no staff action at a kiosk
        assert screen.barcode.isVisibleTo(screen)
        # nothing to show the code on at a kiosk: the link went to the customer, a photo
        # keeps the code, and the idle reset says what it clears before it does
        sent_to = query(server, "SELECT email FROM customers WHERE customer_number = 'C0000003'")
        masked = f"{sent_to[0][0][:1]}•••@{sent_to[0][0].split('@')[1]}"
        assert masked in screen.pay_till.text() and "photo" in screen.pay_till.text()
        assert screen.new_order_button.text() == "Done, I have my code"
        clock = ManualClock()
        ui = install_security(
            window,
            StaffSession(window.services.client),
            IdleSettings(kiosk_idle_reset_s=60, kiosk_idle_warning_s=15),
            clock,
        )
        ui.idle.touch()
        clock.advance(50)
        ui.idle.tick()
        assert ui.overlay is not None and ui.overlay.isVisible()
        number = screen.conf_number.text()
        assert number in ui.overlay.note.text() and masked in ui.overlay.note.text()
        assert ui.overlay.note.isVisible()
        qtbot.mouseClick(ui.overlay.button, Qt.MouseButton.LeftButton)  # still here
        assert screen.conf_number.text() == number
        clock.advance(61)  # gone: the order leaves the screen, the note with it
        ui.idle.tick()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert number not in visible_texts(window) and masked not in visible_texts(window)
        assert ui.lockdown is not None
        ui.lockdown.allow_close = True
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_unknown_code_and_too_many_units_are_explained(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer
) -> None:
    api = Api.enroll(server)
    window = make_window(qtbot, server.url, api.token)
    try:
        screen = open_screen(window)
        type_into(qtbot, screen.code_entry, "NOPE-404", finish=False)
        qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)
        settle(qloop, lambda: "No product has the code NOPE-404" in screen.notice.text.text())
        sku = sku_with(server, "wh.on_hand BETWEEN 5 AND 8 AND here.on_hand = 0")
        qloop.run_until_complete(screen.service.add_sku(sku))
        line = screen.service.draft.value.lines[0]
        screen.service.set_quantity(sku, line.available + 1)
        assert f"Only {line.available} of" in screen.notice.text.text()
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_order_this_from_the_product_screen_is_for_the_customer_being_served(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    """Customer 360 → product → "Order this": the endless-aisle order has that customer."""

    window = make_window(qtbot, api_server.url, device_token)
    try:
        http = httpx.Client(
            base_url=api_server.url, headers={"Authorization": f"Bearer {device_token}"}
        )
        customer = http.get("/v1/customers", params={"q": "petit"}).json()["items"][0]
        product = http.get("/v1/products", params={"q": "parka", "limit": 1}).json()["items"][0]
        window.open_code(customer["loyalty_number"])
        service = window.flows["customer"].service
        settle(qloop, lambda: service.current.value is not None)
        window.open_code(product["gtin"])
        settle(qloop, lambda: window.product.name.text() == product["name"])
        assert window.product.order_button.isVisible()
        qtbot.mouseClick(window.product.order_button, Qt.MouseButton.LeftButton)
        flow = window.flows["endless_aisle"]
        assert window.stack.currentWidget() is flow.screen()
        draft = flow.service.draft
        settle(qloop, lambda: draft.value.customer is not None and len(draft.value.lines) == 1)
        assert draft.value.customer.customer_number == customer["customer_number"]
        assert draft.value.lines[0].sku == product["sku"]
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_options_follow_the_basket_and_the_address_as_they_are_typed(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer
) -> None:
    """Store trial (#19): "Add items first" with items in the basket; "Complete the address"
    with a complete address until a chip was tapped again; the guest e-mail checked only
    when the field lost the focus."""
    api = Api.enroll(server)
    window = make_window(qtbot, server.url, api.token)
    try:
        screen = open_screen(window)
        service = screen.service
        qtbot.mouseClick(screen.dest_buttons["home"], Qt.MouseButton.LeftButton)
        assert screen.options_status.text() == "Add items first."
        sku = sku_with(server, "here.on_hand = 0 AND wh.on_hand >= 5")
        type_into(qtbot, screen.code_entry, sku, finish=False)
        qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)
        settle(qloop, lambda: len(service.draft.value.lines) == 1)
        assert screen.options_status.text() == "Complete the address to see dates and fees."
        # typed, never leaving the fields: a pause is enough
        for key, value in (
            ("name", "Anne Morel"),
            ("line1", "12 rue des Lilas"),
            ("postcode", "69003"),
            ("city", "Lyon"),
        ):
            screen.address_entries[key].setFocus()
            qtbot.keyClicks(screen.address_entries[key], value)
        settle(qloop, lambda: bool(screen.option_buttons), timeout=5)
        assert screen.options_status.text() == ""
        # the guest's e-mail, checked as it is typed
        screen.email_entry.setFocus()
        qtbot.keyClicks(screen.email_entry, "anne.morel@")
        assert screen.contact_error.isVisibleTo(screen) and screen.contact_error.text()
        qtbot.keyClicks(screen.email_entry, "example.com")
        assert not screen.contact_error.isVisibleTo(screen)
        # a quantity changed: the options are asked again for the new basket
        before = service.options.state.value
        plus = next(b for b in screen.findChildren(QPushButton) if b.text() == "+")
        qtbot.mouseClick(plus, Qt.MouseButton.LeftButton)
        settle(
            qloop,
            lambda: service.options.state.value is not before and bool(screen.option_buttons),
        )
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_order_this_at_a_kiosk_is_on_the_account_the_customer_opened(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    kiosk_token: str,
) -> None:
    """My account (opened with the app's signed code) → product → "Order this": the order
    is on that account, attached by the same signed code (never by the card number)."""
    window = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk")
    try:
        http = httpx.Client(
            base_url=api_server.url, headers={"Authorization": f"Bearer {device_token}"}
        )
        customer = http.get("/v1/customers", params={"q": "petit"}).json()["items"][0]
        number = customer["customer_number"]
        code = http.post(
            f"/v1/customers/{number}/loyalty-code", json={}, headers={"Idempotency-Key": number}
        ).json()["code"]
        product = http.get("/v1/products", params={"q": "parka", "limit": 1}).json()["items"][0]
        window.open_code(code)
        service = window.flows["customer"].service
        settle(qloop, lambda: service.current.value is not None)
        window.open_code(product["gtin"])
        settle(qloop, lambda: window.product.name.text() == product["name"])
        assert window.product.order_button.text() == "Order this"
        qtbot.mouseClick(window.product.order_button, Qt.MouseButton.LeftButton)
        flow = window.flows["endless_aisle"]
        draft = flow.service.draft
        settle(qloop, lambda: draft.value.customer is not None and len(draft.value.lines) == 1)
        assert draft.value.customer.customer_number == number
        assert draft.value.customer.addresses == []  # masked for a kiosk
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_order_this_with_nobody_on_the_customer_screen_orders_for_nobody_yet(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> None:
    window = make_window(qtbot, api_server.url, device_token)
    try:
        window.open_code("3760123000017")
        settle(qloop, lambda: window.product.order_button.isVisible())
        qtbot.mouseClick(window.product.order_button, Qt.MouseButton.LeftButton)
        draft = window.flows["endless_aisle"].service.draft
        settle(qloop, lambda: len(draft.value.lines) == 1)
        assert draft.value.customer is None
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
