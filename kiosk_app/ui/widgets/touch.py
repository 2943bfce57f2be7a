"""Touch behaviour: kinetic (flick) scrolling on any scroll area."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QScroller


def make_kinetic(area: QAbstractScrollArea) -> None:
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
