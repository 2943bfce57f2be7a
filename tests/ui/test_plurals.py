"""Counts read as words: "1 item", "2 items" / "1 article", "2 articles", never "item(s)".

The sources say ``tr("%n item(s)", "", n)``; French plural forms are in kiosk_fr.ts and the
English ones in kiosk_en.ts (plural forms only, loaded for English).
"""

from __future__ import annotations

import asyncio
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel

from kiosk_app.flows.pickup.ui.screen import QueueRow
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.ui import build_translations
from kiosk_app.ui.widgets.status import AppStatusBar
from tests.ui.conftest import api_get, make_window, pickup_screen, settle

WORDS = {"en": ("item", "items"), "fr": ("article", "articles")}


def test_pickup_queue_rows_count_items_in_words(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    language: str,
) -> None:
    rows = api_get(api_server, device_token, "/v1/pickups", status="all")
    counts = {r["item_count"]: r["order_number"] for r in rows if r["status"] == "ready"}
    assert 1 in counts and 2 in counts, sorted(counts)
    window = make_window(qtbot, api_server.url, device_token, language=language)
    try:
        screen = pickup_screen(window)
        window.show_screen(screen)
        settle(qloop, lambda: {counts[1], counts[2]} <= set(screen.queue_order_numbers()))
        texts = {
            row.order_number: [lbl.text() for lbl in row.findChildren(QLabel)]
            for row in screen.findChildren(QueueRow)
        }
        one, many = WORDS[language]
        assert f"{counts[1]} · 1 {one}" in texts[counts[1]]
        assert f"{counts[2]} · 2 {many}" in texts[counts[2]]
        shown = " ".join(t for ts in texts.values() for t in ts)
        assert "(s)" not in shown
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_status_bar_agrees_with_the_count(qtbot: Any, language: str) -> None:
    bar = AppStatusBar()
    qtbot.addWidget(bar)
    bar.set_queue(0, 1)
    one = bar.queue.text()
    bar.set_queue(0, 2)
    two = bar.queue.text()
    expected = {
        "en": ("1 needs attention", "2 need attention"),
        "fr": ("1 à traiter", "2 à traiter"),
    }
    assert (one, two) == expected[language]


def _messages(path: Path) -> list[tuple[str, bool, list[str]]]:
    out = []
    for message in ET.parse(path).getroot().iter("message"):
        forms = [f.text or "" for f in message.iter("numerusform")]
        out.append((message.findtext("source") or "", message.get("numerus") == "yes", forms))
    return out


def test_no_lazy_plural_is_left_and_both_catalogues_have_every_form(tmp_path: Path) -> None:
    fresh = {}
    for language in ("fr", "en"):
        copy = tmp_path / f"kiosk_{language}.ts"
        shutil.copy(build_translations.TS_DIR / copy.name, copy)
        fresh[language] = copy
    build_translations.update(list(fresh.values()))  # re-extract from today's code
    french = _messages(fresh["fr"])
    lazy = [src for src, numerus, _ in french if "(s)" in src and not numerus]
    assert lazy == [], f"use tr(text, '', n) for: {lazy}"
    plural_sources = {src for src, numerus, _ in french if numerus}
    assert len(plural_sources) >= 15
    english = _messages(fresh["en"])
    assert {src for src, _, _ in english} == plural_sources  # plural forms only
    for language, messages in (("fr", french), ("en", english)):
        for src, numerus, forms in messages:
            if numerus:
                assert len(forms) == 2 and all(f.strip() for f in forms), (language, src)
                assert all("(s)" not in f for f in forms), (language, src, forms)


def test_the_return_screen_the_app_shows_has_its_plurals(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    language: str,
) -> None:
    """The returns flow shows a subclass of ReturnScreen: PySide looked plural forms up under
    the subclass's name and showed "Delivered 12 day(s) ago" (found trying the app, #19)."""
    window = make_window(qtbot, api_server.url, device_token, language=language)
    try:
        screen = window.flows["return"].screen()
        wanted = {"en": "Delivered 12 days ago", "fr": "Livrée il y a 12 jours"}[language]
        assert screen.tr("Delivered %n day(s) ago", "", 12) == wanted
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
