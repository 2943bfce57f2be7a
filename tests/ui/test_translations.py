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
