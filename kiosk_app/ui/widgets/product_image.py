"""Product picture, or a clear placeholder: a swatch of the colour with the initials."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class ProductImage(QWidget):
    def __init__(self, size: int = 220, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(size, size)
        self._colour = QColor("#e8ecf4")
        self._initials = ""

    def set_product(self, name: str, colour_hex: str | None) -> None:
        self._colour = QColor(colour_hex) if colour_hex else QColor("#e8ecf4")
        words = [w for w in name.split() if w[:1].isalpha()]
        self._initials = "".join(w[0].upper() for w in words[:2])
        self.setAccessibleName(self.tr("Picture of %1").replace("%1", name))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QColor("#d5dae4"))
        painter.setBrush(QColor("#f7f8fb"))
        painter.drawRoundedRect(rect, 16, 16)
        swatch = rect.adjusted(
            rect.width() * 0.2, rect.height() * 0.2, -rect.width() * 0.2, -rect.height() * 0.2
        )
        painter.setBrush(self._colour)
        painter.drawEllipse(swatch)
        light = self._colour.lightness() > 150
        painter.setPen(QColor("#1a2030") if light else QColor("#ffffff"))
        font = QFont(self.font())
        font.setPixelSize(int(rect.height() * 0.18))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(swatch, Qt.AlignmentFlag.AlignCenter, self._initials)
        painter.end()
