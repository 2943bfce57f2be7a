"""Product picture, or a clear placeholder: a swatch of the colour with the initials.

The placeholder's frame, fill and empty swatch come from the active theme: theme.py's QSS
sets them as properties (``QWidget#productImage { qproperty-fillColour: ... }``). Without a
theme the light theme's colours apply. The initials contrast with the swatch itself (the
product's own colour), not with the theme.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk_app.ui.theme import LIGHT

DARK_INK = QColor(LIGHT.text)
LIGHT_INK = QColor("#ffffff")


class ProductImage(QWidget):
    def __init__(self, size: int = 220, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productImage")
        self.setFixedSize(size, size)
        self._fill = QColor(LIGHT.background)
        self._frame = QColor(LIGHT.border)
        self._empty = QColor(LIGHT.surface_alt)
        self._colour: QColor | None = None  # None: no product colour, the theme's swatch
        self._initials = ""

    # -- theme colours (set by the style sheet) ----------------------------------------------
    def _get_fill(self) -> QColor:
        return QColor(self._fill)

    def _set_fill(self, colour: QColor) -> None:
        self._fill = QColor(colour)
        self.update()

    def _get_frame(self) -> QColor:
        return QColor(self._frame)

    def _set_frame(self, colour: QColor) -> None:
        self._frame = QColor(colour)
        self.update()

    def _get_empty(self) -> QColor:
        return QColor(self._empty)

    def _set_empty(self, colour: QColor) -> None:
        self._empty = QColor(colour)
        self.update()

    fillColour = Property(QColor, _get_fill, _set_fill)
    frameColour = Property(QColor, _get_frame, _set_frame)
    emptyColour = Property(QColor, _get_empty, _set_empty)

    # -- content -------------------------------------------------------------------------------
    def set_product(self, name: str, colour_hex: str | None) -> None:
        colour = QColor(colour_hex) if colour_hex else QColor()
        self._colour = colour if colour.isValid() else None
        words = [w for w in name.split() if w[:1].isalpha()]
        self._initials = "".join(w[0].upper() for w in words[:2])
        self.setAccessibleName(self.tr("Picture of %1").replace("%1", name))
        self.update()

    def swatch_colour(self) -> QColor:
        """The colour of the disc: the product's, or the theme's empty swatch."""
        return QColor(self._colour) if self._colour is not None else QColor(self._empty)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(self._frame)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(rect, 16, 16)
        swatch = rect.adjusted(
            rect.width() * 0.2, rect.height() * 0.2, -rect.width() * 0.2, -rect.height() * 0.2
        )
        colour = self.swatch_colour()
        painter.setBrush(colour)
        painter.drawEllipse(swatch)
        painter.setPen(DARK_INK if colour.lightness() > 150 else LIGHT_INK)
        font = QFont(self.font())
        font.setPixelSize(int(rect.height() * 0.18))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(swatch, Qt.AlignmentFlag.AlignCenter, self._initials)
        painter.end()
