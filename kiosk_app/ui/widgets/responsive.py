"""Two columns side by side on a wide screen, stacked on a narrow one (1024 px, portrait).

:class:`StackWhenNarrow` flips one or more box layouts with the width of the screen that
holds them and tells the screen (``changed``) so it can adapt what a flip alone cannot
(a fixed-width column, a panel that moves). :class:`ElidingLabel` is one line of text that
shrinks with its column instead of pushing it wider than the window.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QLayoutItem, QWidget

#: under this screen width (the window less the navigation rail) two columns stack:
#: 1280 x 800 keeps them side by side; 1024 x 768 and portrait tablets stack them
NARROW_SCREEN = 980


class StackWhenNarrow(QObject):
    """Watches ``host``'s width and flips ``columns`` to top-to-bottom under ``min_width``.

    ``columns`` is one layout or several (all flip together). ``changed(narrow)`` is emitted
    on every flip, after the layouts changed direction; ``narrow`` tells the current state.

    ``pack`` (for columns in a scroll area): stacked, the columns keep their natural height
    and whatever height is left goes after the last one, not into a gap between them; side
    by side again, their stretch factors come back. ``pack=False`` when a stacked column
    should take the height left (a list above a button bar).
    """

    changed = Signal(bool)

    def __init__(
        self,
        host: QWidget,
        columns: QBoxLayout | Iterable[QBoxLayout],
        min_width: int = NARROW_SCREEN,
        *,
        pack: bool = True,
    ) -> None:
        super().__init__(host)
        layouts = [columns] if isinstance(columns, QBoxLayout) else list(columns)
        self._layouts = layouts
        self._pack = pack
        self._packed: dict[int, tuple[list[int], QLayoutItem]] = {}
        self._columns = layouts[0] if layouts else None
        self._min_width = min_width
        self.narrow = False
        host.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self._apply(watched.width() < self._min_width)
        return False

    def _apply(self, narrow: bool) -> None:
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        for layout in self._layouts:
            if layout.direction() != direction:
                layout.setDirection(direction)
            if self._pack:
                self._pack_columns(layout, narrow)
        if narrow != self.narrow:
            self.narrow = narrow
            self.changed.emit(narrow)

    def _pack_columns(self, layout: QBoxLayout, narrow: bool) -> None:
        key = id(layout)
        if narrow and key not in self._packed:
            stretches = [layout.stretch(i) for i in range(layout.count())]
            for i in range(layout.count()):
                layout.setStretch(i, 0)
            layout.addStretch(1)
            spacer = layout.itemAt(layout.count() - 1)
            assert spacer is not None
            self._packed[key] = (stretches, spacer)
        elif not narrow and key in self._packed:
            stretches, spacer = self._packed.pop(key)
            index = layout.indexOf(spacer)
            if index >= 0:
                layout.takeAt(index)
            for i, stretch in enumerate(stretches[: layout.count()]):
                layout.setStretch(i, stretch)


class ElidingLabel(QLabel):
    """One line that fits its column: cut with "…" when too long (the accessible name and
    the tooltip keep the whole text), so it never makes the column wider than the window."""

    def __init__(self, text: str = "", role: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        if role:
            self.setProperty("role", role)
        self._full = ""
        self._advance: int | None = None  # width of the whole text, kept between layouts
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._advance = None
        self.setAccessibleName(text)
        self._fit()
        self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._advance = None  # the theme or the text size changed: measure again
            self.updateGeometry()
            self._fit()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        if self._advance is None:  # shaping the text is the costly part of a layout pass
            # fractional widths rounded up, and a pixel either side for the glyphs' overhang:
            # laid out at a rounded-down hint, the last letter was cut
            width = QFontMetricsF(self.font()).horizontalAdvance(self._full)
            self._advance = math.ceil(width) + 2
        return QSize(self._advance + margins.left() + margins.right(), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("MMM…")), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        room = self.contentsRect().width()
        text = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, max(room, 0))
        self.setToolTip(self._full if text != self._full else "")
        if text != self.text():
            self.setText(text)
