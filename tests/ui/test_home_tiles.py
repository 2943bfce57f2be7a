"""Home quick actions: one large tile per flow of the device, each opening that flow.

A new user finds every flow from the home screen without knowing the navigation rail.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.models.catalog import Product, ProductPage
from kiosk_app.kernel.remote_state import Loaded
from kiosk_app.shell.home import ACTION_KEYS, HomeScreen
from kiosk_app.shell.main_window import MainWindow
from kiosk_app.ui.theme import DARK, HIGH_CONTRAST, LIGHT, Theme, make_theme
from tests.ui.conftest import make_window

ASSOCIATE = ["customer", "pickup", "return", "endless_aisle", "sync"]
KIOSK = ["pickup", "customer", "endless_aisle"]


def home_screen(qtbot: Any, mode: str, theme: Theme = LIGHT) -> HomeScreen:
    home = HomeScreen("en")
    home.setStyleSheet(theme.qss())
    qtbot.addWidget(home)
    home.resize(1048, 720)  # the screen of a 1280 x 800 window
    home.set_actions(mode, ACTION_KEYS[mode])
    home.show()
    QApplication.processEvents()
    return home


@pytest.mark.parametrize(("mode", "keys"), [("associate", ASSOCIATE), ("kiosk", KIOSK)])
def test_one_tile_per_flow_of_the_mode(qtbot: Any, mode: str, keys: list[str]) -> None:
    home = home_screen(qtbot, mode)
    assert home.action_keys() == keys
    assert home.actions_title.isVisible()
    assert all(tile.isVisible() for tile in home.tiles_grid.tiles())


def test_only_the_flows_the_device_has(qtbot: Any) -> None:
    home = HomeScreen("en")
    qtbot.addWidget(home)
    assert home.action_keys() == []  # until the window says which flows exist
    home.set_actions("associate", {"customer", "sync", "provisioning"})
    assert home.action_keys() == ["customer", "sync"]
    home.set_actions("associate", ())
    home.show()
    assert not home.actions_title.isVisible() and not home.tiles_grid.isVisible()


@pytest.mark.parametrize(("mode", "keys"), [("associate", ASSOCIATE), ("kiosk", KIOSK)])
def test_each_tile_asks_for_its_flow(qtbot: Any, mode: str, keys: list[str]) -> None:
    home = home_screen(qtbot, mode)
    for tile, key in zip(home.tiles_grid.tiles(), keys, strict=True):
        with qtbot.waitSignal(home.flow_requested) as asked:
            qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        assert asked.args == [key]
        # the whole tile is the target: its texts let the press through to the button
        for part in (tile.title_label, tile.text_label):
            assert tile.childAt(part.geometry().center()) is None
        with qtbot.waitSignal(home.flow_requested) as asked:
            qtbot.mouseClick(tile, Qt.MouseButton.LeftButton, pos=tile.title_label.pos())
        assert asked.args == [key]
        tile.setFocus()
        with qtbot.waitSignal(home.flow_requested) as asked:  # and from the keyboard
            qtbot.keyClick(tile, Qt.Key.Key_Space)
        assert asked.args == [key]


@pytest.mark.parametrize("mode", ["associate", "kiosk"])
def test_tiles_are_named_described_and_large(qtbot: Any, mode: str) -> None:
    home = home_screen(qtbot, mode)
    for tile in home.tiles_grid.tiles():
        assert tile.accessibleName().strip() == tile.title_label.text()
        assert tile.accessibleDescription().strip() == tile.text_label.text()
        assert tile.height() >= 64 and tile.width() >= 240
        assert tile.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable with Tab


def test_french_tiles(qtbot: Any, qapp: Any) -> None:
    from kiosk_app.ui import build_translations
    from kiosk_app.ui.i18n import install_language

    build_translations.compile_all()
    try:
        install_language(qapp, "fr")
        home = home_screen(qtbot, "associate")
        titles = [t.accessibleName() for t in home.tiles_grid.tiles()]
        assert titles[0] == "Trouver un client"
        assert home.actions_title.text() == "Que souhaitez-vous faire\u00a0?"
    finally:
        install_language(qapp, "en")


def test_tiles_reflow_to_one_column_when_narrow(qtbot: Any) -> None:
    home = home_screen(qtbot, "associate")
    assert home.tiles_grid.columns() == 2
    first, second = home.tiles_grid.tiles()[:2]
    assert first.y() == second.y() and first.x() < second.x()  # side by side
    home.resize(560, 900)  # a portrait tablet's screen, or a narrow window
    QApplication.processEvents()
    assert home.narrow
    assert home.tiles_grid.columns() == 1
    assert second.y() > first.y() and second.x() == first.x()
    assert all(t.width() <= home.width() for t in home.tiles_grid.tiles())
    home.resize(1048, 720)
    QApplication.processEvents()
    assert home.tiles_grid.columns() == 2 and not home.narrow


def test_large_text_keeps_every_title_on_its_tile(qtbot: Any) -> None:
    home = home_screen(qtbot, "associate", make_theme("light", large_text=True))
    home.resize(800, 720)  # 1024 x 768 less the rail
    QApplication.processEvents()
    for tile in home.tiles_grid.tiles():
        assert tile.height() >= 64
        title, text = tile.title_label, tile.text_label
        assert title.geometry().bottom() <= text.geometry().top()  # no overlap
        assert text.geometry().bottom() <= tile.height()  # nothing cut at the bottom


@pytest.mark.parametrize("theme", [LIGHT, DARK, HIGH_CONTRAST], ids=lambda t: t.name)
def test_tiles_follow_the_theme(qtbot: Any, theme: Theme) -> None:
    home = home_screen(qtbot, "associate", theme)
    tile = home.tiles_grid.tiles()[0]
    image = tile.grab().toImage()
    inside = QColor(image.pixel(tile.width() // 2, tile.height() - 5)).name()
    assert inside == theme.surface
    assert tile.title_label.palette().windowText().color().name() == theme.text


def test_search_results_take_the_place_of_the_tiles(qtbot: Any) -> None:
    home = home_screen(qtbot, "associate")
    shirt = Product(
        sku="S1",
        gtin="03760123000017",
        style_code="ST1",
        name="Chemise lin",
        brand="Maison",
        department="men",
        category="Chemises",
        description="",
        colour="Blanc",
        colour_hex="#ffffff",
        size="M",
        price=Decimal("49.90"),
        currency="EUR",
        image_url=None,
    )
    home.render_search(Loaded(ProductPage(items=[shirt], total=1, limit=20, offset=0)))
    assert home.results.isVisible() and not home.tiles_grid.isVisible()
    home.entry.setText("chemise")
    home.entry.selectAll()
    qtbot.keyClick(home.entry, Qt.Key.Key_Backspace)  # the user empties the field
    assert not home.results.isVisible() and home.tiles_grid.isVisible()


# -- in the main window -------------------------------------------------------------------------
def wire_like_main_window(window: MainWindow) -> None:
    """The lines MainWindow.__init__ needs (after its flows loop), if it does not have them."""
    if window.home.action_keys():
        return
    window.home.set_actions(window.services.mode, window.flows)
    window.home.flow_requested.connect(lambda key: window.show_screen(window.flows[key].screen()))


@pytest.fixture(params=["associate", "kiosk"])
def window(
    request: pytest.FixtureRequest,
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    kiosk_token: str,
) -> Iterator[MainWindow]:
    mode = request.param
    token = device_token if mode == "associate" else kiosk_token
    w = make_window(qtbot, api_server.url, token, mode=mode)
    yield w
    w.close()
    qloop.run_until_complete(w.services.client.aclose())


def test_a_tile_shows_its_screen_like_the_rail(qtbot: Any, window: MainWindow) -> None:
    wire_like_main_window(window)
    mode = window.services.mode
    assert window.home.action_keys() == (ASSOCIATE if mode == "associate" else KIOSK)
    rail = {screen: nav for nav, screen in window._nav_targets}
    for key in window.home.action_keys():
        window.show_home()
        tile = next(t for t in window.home.tiles_grid.tiles() if t.key == key)
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        screen = window.flows[key].screen()
        assert window.stack.currentWidget() is screen, key
        assert rail[screen].isChecked(), key  # the rail shows where the user is


def test_the_main_window_offers_the_tiles(qtbot: Any, window: MainWindow) -> None:
    assert window.home.action_keys()
    tile = window.home.tiles_grid.tiles()[0]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.flows[tile.key].screen()
