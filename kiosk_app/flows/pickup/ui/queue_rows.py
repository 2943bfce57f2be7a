"""The pickup queue's rows, updated in place: a row whose order did not change is kept
as it is (no flicker, the finger's target stays), a new or changed one is built and briefly
marked so the associate notices it (a customer just checked in, another device handed an
order over)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk_app.flows.pickup.models import PickupSummary
from kiosk_app.flows.pickup.ui.screen import QueueRow
from kiosk_app.ui.widgets.live_mark import mark_changed


class QueueRows:
    """Owns the rows in ``layout`` (then an optional empty-queue label, then a stretch)."""

    def __init__(self, layout: QVBoxLayout, open_order: Callable[[str], None]) -> None:
        self._layout = layout
        self._open_order = open_order
        self._rows: dict[str, tuple[PickupSummary, QueueRow]] = {}
        self._query: str | None = None  # None: nothing shown yet

    def show(
        self, items: list[PickupSummary], query: str, narrow: bool, empty: QWidget | None
    ) -> list[str]:
        """Show ``items``; the order numbers of the rows marked as changed."""
        mark = self._query == query  # the same list again: what differs is news
        self._query = query
        kept: dict[str, tuple[PickupSummary, QueueRow]] = {}
        marked: list[str] = []
        for item in items:
            shown = self._rows.get(item.order_number)
            if shown is not None and shown[0] == item:
                kept[item.order_number] = shown
                continue
            row = QueueRow(item, narrow)
            row.clicked.connect(lambda _=False, n=item.order_number: self._open_order(n))
            kept[item.order_number] = (item, row)
            if mark:
                marked.append(item.order_number)
                mark_changed(row)
        keep = {id(row) for _, row in kept.values()}
        while self._layout.count():  # take everything out; put the kept rows back in order
            taken = self._layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None and id(widget) not in keep:
                widget.setParent(None)
                widget.deleteLater()
        for _, row in kept.values():
            self._layout.addWidget(row)
        if empty is not None:
            self._layout.addWidget(empty)
        self._layout.addStretch(1)
        self._rows = kept
        return marked

    def forget(self) -> None:
        """The next list is not compared with this one (another search)."""
        self._query = None
