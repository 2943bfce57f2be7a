"""Touch behaviour: kinetic (flick) scrolling on any scroll area.

Real touch screens deliver touch events, so the scroller listens to touch gestures. It does
not grab the left mouse button: with a mouse (or a synthesized click) a press on a button
inside the list must stay a click, not the start of a flick.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QScroller


def make_kinetic(area: QAbstractScrollArea) -> None:
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
