"""A kiosk speaks to the customer: no staff wording, no stock-keeping codes (SKU, GTIN), no
shop-floor jargon ("douchette"), in English and in French, on every kiosk screen with
something on it."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen
from kiosk_app.flows.pickup.session import CheckInState, CheckInStep, PickupMessage
from kiosk_app.flows.pickup.ui.kiosk import KioskCheckInScreen
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.shell.main_window import MainWindow
from kiosk_app.ui import build_translations
from kiosk_app.ui.i18n import install_language
from kiosk_app.ui.widgets.idle_overlay import IdleOverlay
from tests.ui.conftest import make_window, settle
from tests.ui.test_idle_kiosk import customer_with_code, quiet

STAFF_WORDING = {  # a kiosk takes no card number and no receipt either: not offered
    "en": re.compile(
        r"\bcustomers?\b|\bSKU\b|\bGTIN\b|douchette|loyalty card|receipt", re.IGNORECASE
    ),
    "fr": re.compile(
        r"\bclient(e)?s?\b|\bSKU\b|\bGTIN\b|douchette|carte de fidélité|\bticket",
        re.IGNORECASE,
    ),
}
PRODUCT_GTIN = "3760123000017"


def shown_texts(screen: QWidget) -> list[str]:
    """What the customer can read on ``screen``: texts, placeholders, accessible names."""
    texts: list[str] = []
    for widget in [screen, *screen.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        texts.append(widget.accessibleName())
    return [t for t in texts if t]


def staff_wording(window: MainWindow, screen: QWidget, language: str) -> list[str]:
    window.show_screen(screen)
    return [t for t in shown_texts(screen) if STAFF_WORDING[language].search(t)]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_kiosk_screens_speak_to_the_customer(
    qtbot: Any,
    qapp: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    kiosk_token: str,
    device_token: str,
    language: str,
) -> None:
    build_translations.compile_all()
    install_language(qapp, language)
    window = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk", language=language)
    found: dict[str, list[str]] = {}
    try:
        found["home"] = staff_wording(window, window.home, language)

        window.open_code(PRODUCT_GTIN)  # the product screen, with "Order this"
        settle(qloop, lambda: window.product.order_button.isVisible())
        found["product"] = staff_wording(window, window.product, language)

        basket = window.flows["endless_aisle"].screen()
        assert isinstance(basket, EndlessAisleScreen)
        window.show_screen(basket)
        window.services.scans.deliver(Scan(PRODUCT_GTIN, "wedge"))
        settle(qloop, lambda: len(basket.service.draft.value.lines) == 1)
        basket.email_entry.setText("x")  # a bad contact: its message shows
        basket.email_entry.editingFinished.emit()
        assert basket.consent_box.isVisible() and basket.contact_error.isVisible()
        found["basket"] = staff_wording(window, basket, language)
        basket.service.detach_customer()
        window.services.scans.deliver(Scan("7810000000022538", "wedge"))  # a card number
        settle(qloop, lambda: basket.notice.isVisible() and "app" in basket.notice.text.text())
        found["basket refusal"] = staff_wording(window, basket, language)

        code, first_name, _email = customer_with_code(api_server, device_token)
        window.open_code(code)  # My account
        account = window.flows["customer"].screen()
        settle(qloop, lambda: first_name in " ".join(shown_texts(account)))
        quiet(qloop)
        found["account"] = staff_wording(window, account, language)

        check_in = window.flows["pickup"].screen()
        assert isinstance(check_in, KioskCheckInScreen)
        found["check-in"] = staff_wording(window, check_in, language)
        for message in ("qr_expired", "wrong-pickup-code", "kiosk_scan_qr"):
            refused = CheckInState(CheckInStep.REFUSED, message=PickupMessage(message))
            check_in.core.check_in.state.set(refused)
            found[f"check-in {message}"] = staff_wording(window, check_in, language)

        overlay = IdleOverlay(window)
        overlay.show_countdown(12)
        found["still here"] = [t for t in shown_texts(overlay) if STAFF_WORDING[language].search(t)]
        assert {k: v for k, v in found.items() if v} == {}
    finally:
        quiet(qloop)
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
        install_language(qapp, "en")
