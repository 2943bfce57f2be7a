"""Large touch tiles: a title and a one-line explanation, the whole tile one button.

``TileGrid`` lays tiles out in as many columns as fit its width (at least ``min_tile_width``
each) and reflows on resize, so a narrow window gets one column instead of clipped tiles.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.ui.widgets.common import label

MIN_HEIGHT = 64  # well above the 48 px touch minimum


class ActionTile(QPushButton):
    """A card-like button: bold title, muted explanation, an arrow; no hover needed.

    A real ``QPushButton`` (styled by ``QPushButton[role="tile"]`` in the theme): it takes
    the keyboard focus, Space activates it, and screen readers announce a button with the
    title as its name and the explanation as its description.
    """

    def __init__(self, key: str, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setProperty("role", "tile")
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._row = row = QHBoxLayout(self)
        row.setContentsMargins(18, 12, 12, 12)
        row.setSpacing(8)
        column = QVBoxLayout()
        column.setSpacing(2)
        self.title_label = label(title, "tileTitle", wrap=True)
        self.text_label = label(text, "tileText", wrap=True)
        column.addWidget(self.title_label)
        column.addWidget(self.text_label)
        row.addLayout(column, 1)
        go = label("›", "tileGo")
        row.addWidget(go, 0, Qt.AlignmentFlag.AlignVCenter)
        for part in (self.title_label, self.text_label, go):
            # the labels draw, the button takes every press (the whole tile is the target)
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    # A QPushButton sizes itself from its own text (none here): ask the labels' layout.
    def sizeHint(self) -> QSize:
        return self._content_size(self._row.sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._content_size(self._row.minimumSize())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(MIN_HEIGHT, self._row.heightForWidth(width))

    def _content_size(self, size: QSize) -> QSize:
        return QSize(size.width(), max(MIN_HEIGHT, size.height()))

    def natural_width(self) -> int:
        """Width that shows the title on one line (margins and arrow included)."""
        title = self.title_label
        return title.fontMetrics().horizontalAdvance(title.text()) + 72


class TileGrid(QWidget):
    """Tiles in a grid of ``max(1, min(max_columns, width // min_tile_width))`` columns."""

    def __init__(
        self, min_tile_width: int = 260, max_columns: int = 2, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.min_tile_width = min_tile_width
        self.max_columns = max_columns
        self._tiles: list[ActionTile] = []
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(12)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def tiles(self) -> list[ActionTile]:
        return list(self._tiles)

    def columns(self) -> int:
        return self._columns

    def set_tiles(self, tiles: Sequence[ActionTile]) -> None:
        for old in self._tiles:
            self._grid.removeWidget(old)
            old.setParent(None)
            old.deleteLater()
        self._tiles = list(tiles)
        for tile in self._tiles:
            tile.setParent(self)
        self._columns = 0
        self._reflow(self.width() if self.width() > 0 else self.min_tile_width * self.max_columns)

    def _reflow(self, width: int) -> None:
        spacing = self._grid.horizontalSpacing()
        tile_width = max([self.min_tile_width, *(t.natural_width() for t in self._tiles)])
        columns = max(1, min(self.max_columns, (width + spacing) // (tile_width + spacing)))
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        for i in range(self._grid.columnCount()):
            self._grid.setColumnStretch(i, 0)
        for i, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, i // columns, i % columns)
            tile.show()
        for i in range(columns):
            self._grid.setColumnStretch(i, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._columns = 0  # large text: titles got wider, maybe fewer columns
            self._reflow(self.width())


__all__ = ["ActionTile", "TileGrid"]
