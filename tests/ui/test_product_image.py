"""The product placeholder takes its colours from the active theme (and light without one)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk_app.ui.theme import DARK, HIGH_CONTRAST, LIGHT, Theme, make_theme
from kiosk_app.ui.widgets.product_image import ProductImage

SIZE = 180


def placeholder(qtbot: Any, theme: Theme | None) -> tuple[QWidget, ProductImage]:
    """A window styled with ``theme`` holding one placeholder (keep the window referenced)."""
    host = QWidget()
    QVBoxLayout(host).addWidget(image := ProductImage(SIZE))
    if theme is not None:
        host.setStyleSheet(theme.qss())
    qtbot.addWidget(host)
    host.show()
    return host, image


def pixel(image: ProductImage, x: int, y: int) -> str:
    return QColor(image.grab().toImage().pixel(x, y)).name()


@pytest.mark.parametrize("theme", [LIGHT, DARK, HIGH_CONTRAST], ids=lambda t: t.name)
def test_the_placeholder_is_drawn_in_the_theme(qtbot: Any, theme: Theme) -> None:
    _host, image = placeholder(qtbot, theme)
    image.set_product("Basket cuir", None)  # no colour known: the theme's empty swatch
    assert image.fillColour.name() == theme.background
    assert image.frameColour.name() == theme.border
    assert pixel(image, SIZE // 2, 12) == theme.background  # inside the frame, off the disc
    assert pixel(image, SIZE // 2, SIZE // 2 + 28) == theme.surface_alt  # the disc, no initials


def test_without_a_theme_it_looks_light(qtbot: Any) -> None:
    _host, image = placeholder(qtbot, None)
    image.set_product("Jean droit", None)
    assert pixel(image, SIZE // 2, 12) == LIGHT.background
    assert pixel(image, SIZE // 2, SIZE // 2 + 28) == LIGHT.surface_alt


def test_a_product_colour_stays_the_product_colour(qtbot: Any) -> None:
    _host, image = placeholder(qtbot, make_theme("dark", large_text=True))
    image.set_product("Chemise lin", "#f5f5f0")  # a white shirt on the dark theme
    assert pixel(image, SIZE // 2, SIZE // 2 + 28) == "#f5f5f0"
    assert pixel(image, SIZE // 2, 12) == DARK.background
    assert image.accessibleName() == "Picture of Chemise lin"
