"""French and English ship together: the catalogue is complete and up to date."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from kiosk_app.ui import build_translations
from kiosk_app.ui.i18n import install_language

TS = build_translations.TS_DIR / "kiosk_fr.ts"


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(path)
    out = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message.find("translation")
    return out  # type: ignore[return-value]


def _translated(translation: ET.Element) -> bool:
    forms = [f.text or "" for f in translation.iter("numerusform")]  # plural forms
    return all(f.strip() for f in forms) if forms else bool((translation.text or "").strip())


def test_every_string_in_the_code_has_a_french_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "kiosk_fr.ts"
    shutil.copy(TS, fresh)
    build_translations.update([fresh])  # re-extract from today's code into a copy
    messages = _messages(fresh)
    assert len(messages) >= 50
    unfinished = [
        src
        for (ctx, src), tr in messages.items()
        if tr is None or tr.get("type") == "unfinished" or not _translated(tr)
    ]
    assert unfinished == [], (
        f"untranslated (run build_translations --update, then translate): {unfinished}"
    )


def test_french_is_applied_at_runtime(qapp: Any) -> None:
    from PySide6.QtWidgets import QLineEdit

    from kiosk_app.ui.widgets.keypad import NumericKeypad

    build_translations.compile_all()
    try:
        assert install_language(qapp, "fr") == "fr"
        pad = NumericKeypad(QLineEdit())
        names = {b.accessibleName() for b in pad.findChildren(type(pad.children()[1]))}
        assert "Effacer le dernier chiffre" in names
    finally:
        install_language(qapp, "en")


def test_kiosk_customer_switches_language(
    qtbot: Any, qapp: Any, qloop: Any, api_server: Any, kiosk_token: str
) -> None:
    """The kiosk offers the other language, named in itself; a window built after the switch
    speaks it (the app rebuilds the screens on ``language_requested``)."""
    from tests.ui.conftest import make_window

    build_translations.compile_all()
    try:
        install_language(qapp, "fr")
        window = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk", language="fr")
        assert window.nav_home.text() == "Scanner"
        requested: list[str] = []
        window.language_requested.connect(requested.append)
        window.language_button.click()
        assert requested == ["en"]
        window.close()
        qloop.run_until_complete(window.services.client.aclose())

        install_language(qapp, "en")
        window = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk")
        assert window.nav_home.text() == "Scan"
        assert window.language_button.text() == "Français"
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
    finally:
        install_language(qapp, "en")


def test_kiosk_language_switch_keeps_the_customer_session(
    qtbot: Any, qapp: Any, qloop: Any, api_server: Any, kiosk_token: str, device_token: str
) -> None:
    """Switching language changes the words only: the basket, the attached customer, "My
    account", what was typed and the screen showing all carry over, and the idle reset
    still counts (from the tap on the language button)."""
    import asyncio

    from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen
    from kiosk_app.flows.pickup.ui.kiosk import KioskCheckInScreen
    from kiosk_app.kernel.scan_hub import Scan
    from kiosk_app.kernel.security.idle import ManualClock
    from kiosk_app.kernel.security.staff_session import StaffSession
    from kiosk_app.shell.kiosk_lockdown import IdleSettings, SecurityUi, install_security
    from kiosk_app.shell.language_switch import rebuild_in_language
    from kiosk_app.shell.main_window import MainWindow
    from tests.ui.conftest import make_window, settle
    from tests.ui.test_idle_kiosk import customer_with_code, quiet, visible_texts

    build_translations.compile_all()
    clock = ManualClock()

    def secure(window: MainWindow) -> SecurityUi:
        settings = IdleSettings(kiosk_idle_reset_s=60, kiosk_idle_warning_s=15)
        return install_security(window, StaffSession(window.services.client), settings, clock)

    windows: list[MainWindow] = []
    try:
        install_language(qapp, "fr")
        old = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk", language="fr")
        windows.append(old)
        secure(old)
        code, first_name, _email = customer_with_code(api_server, device_token)
        basket = old.flows["endless_aisle"].screen()
        assert isinstance(basket, EndlessAisleScreen)
        old.show_screen(basket)
        old.services.scans.deliver(Scan("3760123000017", "wedge"))
        settle(qloop, lambda: len(basket.service.draft.value.lines) == 1)
        old.services.scans.deliver(Scan(code, "camera"))  # attached to the basket
        settle(qloop, lambda: basket.service.draft.value.customer is not None)
        basket.address_entries["line1"].setText("12 rue des Lilas")
        check_in = old.flows["pickup"].screen()
        assert isinstance(check_in, KioskCheckInScreen)
        check_in.order_entry.setText("W000")  # half typed
        old.open_code(code)  # "Mon compte"
        settle(qloop, lambda: first_name in visible_texts(old))
        quiet(qloop)
        before = basket.service.draft.value

        switched: list[MainWindow] = []
        old.language_requested.connect(
            lambda language: switched.append(rebuild_in_language(qapp, old, language, secure))
        )
        old.language_button.click()
        assert len(switched) == 1
        new = switched[0]
        windows.append(new)
        qtbot.addWidget(new)
        new.show()
        for window in windows:  # as the app does: the old window goes
            installed = getattr(window, "security", None)
            assert isinstance(installed, SecurityUi) and installed.lockdown is not None
            installed.lockdown.allow_close = True
        old.close()
        quiet(qloop)

        assert new.nav_home.text() == "Scan" and new.language_button.text() == "Français"
        assert new.stack.currentWidget() is new.flows["customer"].screen()
        assert first_name in visible_texts(new)
        new_basket = new.flows["endless_aisle"].screen()
        assert isinstance(new_basket, EndlessAisleScreen)
        draft = new_basket.service.draft.value
        assert draft.lines == before.lines and draft.customer == before.customer
        assert new_basket.address_entries["line1"].text() == "12 rue des Lilas"
        assert first_name in new_basket.customer_label.text()
        new_check_in = new.flows["pickup"].screen()
        assert isinstance(new_check_in, KioskCheckInScreen)
        assert new_check_in.order_entry.text() == "W000"
        security = getattr(new, "security", None)
        assert isinstance(security, SecurityUi) and security.idle.timer.armed
        qloop.run_until_complete(asyncio.sleep(0.05))
    finally:
        for window in windows:
            window.close()
        quiet(qloop)
        qloop.run_until_complete(windows[0].services.client.aclose())
        install_language(qapp, "en")


def test_the_idle_reset_returns_the_kiosk_to_its_own_language(
    qtbot: Any, qapp: Any, qloop: Any, api_server: Any, kiosk_token: str
) -> None:
    """A French kiosk; a customer picks English and walks away: the next customer finds
    the kiosk in French again (not in the previous customer's language)."""
    from kiosk_app.kernel.security.idle import ManualClock
    from kiosk_app.kernel.security.staff_session import StaffSession
    from kiosk_app.shell.kiosk_lockdown import IdleSettings, SecurityUi, install_security
    from kiosk_app.shell.language_switch import rebuild_in_language
    from kiosk_app.shell.main_window import MainWindow
    from tests.ui.conftest import make_window
    from tests.ui.test_idle_kiosk import quiet

    build_translations.compile_all()
    clock = ManualClock()

    def secure(window: MainWindow) -> SecurityUi:
        settings = IdleSettings(kiosk_idle_reset_s=60, kiosk_idle_warning_s=15)
        return install_security(window, StaffSession(window.services.client), settings, clock)

    windows: list[MainWindow] = []

    def switch(language: str) -> None:  # what the app does on language_requested
        new = rebuild_in_language(qapp, windows[-1], language, secure)
        new.language_requested.connect(switch)
        qtbot.addWidget(new)
        windows.append(new)

    try:
        install_language(qapp, "fr")
        first = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk", language="fr")
        windows.append(first)
        secure(first).idle.touch()  # a customer is using the kiosk
        first.language_requested.connect(switch)
        first.language_button.click()  # the customer: English
        assert len(windows) == 2 and windows[-1].nav_home.text() == "Scan"
        assert windows[-1].services.language == "en"

        security = getattr(windows[-1], "security", None)
        assert isinstance(security, SecurityUi)
        clock.advance(61)  # the customer has gone
        security.idle.tick()
        assert len(windows) == 3, "the idle reset kept the customer's language"
        assert windows[-1].nav_home.text() == "Scanner"
        assert windows[-1].services.language == "fr"
        assert windows[-1].language_button.text() == "English"
        after = getattr(windows[-1], "security", None)
        assert isinstance(after, SecurityUi)
        assert not after.idle.timer.armed  # nobody is there: no "Still here?" for no one
        quiet(qloop)
    finally:
        for window in windows:
            installed = getattr(window, "security", None)
            if isinstance(installed, SecurityUi) and installed.lockdown is not None:
                installed.lockdown.allow_close = True
            window.close()
        qloop.run_until_complete(windows[0].services.client.aclose())
        install_language(qapp, "en")
