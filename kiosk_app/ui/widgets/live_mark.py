"""A mark on what a live event just changed, so an associate notices it: the widget's
``changed`` property (styled by the theme) for a few seconds."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

#: how long a change stays marked
MARK_MS = 4000


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def mark_changed(widget: QWidget, ms: int = MARK_MS) -> None:
    widget.setProperty("changed", True)
    _repolish(widget)

    def unmark() -> None:
        widget.setProperty("changed", False)
        _repolish(widget)

    QTimer.singleShot(ms, widget, unmark)  # never after the widget is gone
