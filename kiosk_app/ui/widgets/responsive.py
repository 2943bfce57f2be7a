"""Two columns side by side on a wide screen, stacked on a narrow one (1024 px, portrait)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QBoxLayout, QWidget


class StackWhenNarrow(QObject):
    """Watches ``host``'s width and flips ``columns`` to top-to-bottom under ``min_width``."""

    def __init__(self, host: QWidget, columns: QBoxLayout, min_width: int) -> None:
        super().__init__(host)
        self._columns = columns
        self._min_width = min_width
        host.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            narrow = watched.width() < self._min_width
            direction = (
                QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
            )
            if self._columns.direction() != direction:
                self._columns.setDirection(direction)
        return False
