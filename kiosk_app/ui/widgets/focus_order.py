"""Tab order = layout order: what a keyboard or switch user reaches next is what comes next
on screen.

Qt orders the Tab chain by when widgets joined the window, so controls a screen builds when
an answer arrives (rows, chips, option buttons) land after the navigation rail and the status
bar. :func:`chain_in_layout_order` puts every focusable control of a screen back in the
order of its layouts: boxes in their direction, grids in insertion order, a scroll area's
content after the area, every page of a stacked widget in turn. Screens call it after they
add controls.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLayout, QScrollArea, QWidget

from kiosk_app.ui.widgets.notice import NoticeSlot


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def layout_order(root: QWidget) -> list[QWidget]:
    """Focusable widgets under ``root``, in the order its layouts place them."""
    found: list[QWidget] = []
    seen: set[int] = set()

    def visit_widget(widget: QWidget) -> None:
        if id(widget) in seen:
            return
        seen.add(id(widget))
        if widget is not root and _takes_tab(widget):
            found.append(widget)
        if isinstance(widget, NoticeSlot):  # its notices are laid over it, out of the layout
            for notice in widget.notices:
                visit_widget(notice)
        content = widget.widget() if isinstance(widget, QScrollArea) else None
        if content is not None:
            visit_widget(content)
        elif isinstance(widget, QAbstractScrollArea):
            return  # a list or text view: one stop, its items move with the arrows
        layout = widget.layout()
        if layout is not None:
            visit_layout(layout)

    def visit_layout(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item is None:
                continue
            child_widget = item.widget()
            child_layout = item.layout()
            if child_widget is not None:
                visit_widget(child_widget)
            elif child_layout is not None:
                visit_layout(child_layout)

    visit_widget(root)
    return found


def chain_in_layout_order(root: QWidget) -> list[QWidget]:
    """Set the Tab order of ``root``'s controls to their layout order; returns them."""
    widgets = layout_order(root)
    for first, second in pairwise(widgets):
        if first.window() is second.window():
            QWidget.setTabOrder(first, second)
    return widgets
