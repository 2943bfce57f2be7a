"""Sentences said once and in one language: the pickup verification hint names each method
once; a saved address's usual label ("Domicile") is said in the screen's language."""

from __future__ import annotations

import asyncio
from typing import Any

from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen
from kiosk_app.flows.endless_aisle.ui.texts import address_label
from kiosk_app.flows.pickup.session import Step
from kiosk_app.flows.pickup.ui.texts import method_text, verification_hint
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.routing import Destination
from kiosk_app.ui.widgets.choice_button import ChoiceButton
from tests.ui.conftest import api_get, make_window, pickup_screen, query, settle


def test_the_verification_hint_names_each_method_once(language: str) -> None:
    only = verification_hint("id_check", ["id_check"])
    assert only.count(method_text("id_check")) == 1
    assert only == {"en": "Ask for: ID document."}.get(language, only)
    two = verification_hint("pickup_code", ["pickup_code", "signed_qr"])
    assert two.count(method_text("pickup_code")) == 1
    assert two.count(method_text("signed_qr")) == 1
    if language == "en":
        assert two == "Ask for: Pickup code. Also accepted: QR code from the email."
    other = verification_hint("id_check", ["alternate_person"])
    assert method_text("id_check") not in other and method_text("alternate_person") in other


def test_the_verify_step_of_an_id_check_order(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    language: str,
) -> None:
    rows = api_get(api_server, device_token, "/v1/pickups", status="all")
    order = next(
        r for r in rows if r["status"] == "ready" and r["verification_method"] == "id_check"
    )
    window = make_window(qtbot, api_server.url, device_token, language=language)
    try:
        screen = pickup_screen(window)
        window.show_screen(screen)
        screen.open_order(order["order_number"])
        settle(qloop, lambda: screen.core.session.current.step is Step.VERIFY)
        hint = screen.verify_hint.text()
        accepted = [m.value for m in screen.core.session.current.accepted]
        for method in accepted:
            assert hint.count(method_text(method)) == 1, hint
        screen.show_queue()
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_usual_address_labels_are_translated(language: str) -> None:
    expected = {"en": ("Home", "Work"), "fr": ("Domicile", "Travail")}[language]
    assert (address_label("Domicile"), address_label("travail")) == expected
    assert (address_label("Home"), address_label("Bureau")) == expected
    assert address_label("Chez Mamie") == "Chez Mamie"  # the customer's own words


def test_saved_address_buttons_speak_the_screens_language(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    language: str,
) -> None:
    ((loyalty,),) = query(
        api_server,
        "SELECT c.loyalty_number FROM customers c JOIN addresses a ON a.customer_id = c.id"
        " WHERE a.label = 'Domicile' ORDER BY c.id LIMIT 1",
    )
    item = api_get(api_server, device_token, "/v1/products", q="jean droit", limit=1)["items"][0]
    window = make_window(qtbot, api_server.url, device_token, language=language)
    try:
        window.open_destination(Destination("endless_aisle", item["sku"], None))
        screen = window.flows["endless_aisle"].screen()
        assert isinstance(screen, EndlessAisleScreen)
        settle(qloop, lambda: len(screen.service.draft.value.lines) == 1)
        screen.loyalty_entry.setText(loyalty)
        screen.attach_button.click()
        settle(qloop, lambda: screen.service.draft.value.customer is not None)
        screen.dest_buttons["home"].click()
        layout = screen.saved_addresses
        chips = [layout.itemAt(i).widget() for i in range(layout.count())]  # type: ignore[union-attr]
        titles = [c.title.text() for c in chips if isinstance(c, ChoiceButton)]
        wanted = {"en": "Use saved address: Home", "fr": "Adresse enregistrée\u00a0: Domicile"}
        assert wanted[language] in titles, titles
        if language == "en":
            assert not any("Domicile" in t for t in titles), titles
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
