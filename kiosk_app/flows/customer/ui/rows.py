"""The customer screen's list rows, updated in place from one customer to the next.

Building a panel's rows anew for every customer (and deleting the last customer's) cost
most of each long stall of the event loop while the screen loads: widget construction,
style polish and destruction for ~150 widgets, all in the turn the answers land in. Rows
here are made once and then only given new text: a panel keeps as many as it has needed,
shows the ones the answer fills and blanks the rest (a blank row has no text and no action,
so nothing stale can be read, found or pressed).

The rows hold no wording of their own: ``CustomerScreen`` composes every translated string
(its translation context stays the same) and hands it over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk_app.kernel.models.customer import OrderSummary
from kiosk_app.ui.theme import LIGHT
from kiosk_app.ui.widgets.common import button, label, set_badge
from kiosk_app.ui.widgets.responsive import ElidingLabel

R = TypeVar("R", bound=QWidget)


def separator() -> QFrame:
    line = QFrame()
    line.setFixedHeight(1)
    line.setAutoFillBackground(True)
    palette = line.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(LIGHT.surface_alt))
    line.setPalette(palette)
    return line


def badge() -> QLabel:
    """A stock pill. Styled as one from the start: a re-polish later changes its colours
    but would not give a plain label the pill's padding."""
    widget = QLabel()
    widget.setProperty("badge", "none")
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setMinimumWidth(96)
    return widget


def _set_text(widget: QLabel, text: str) -> None:
    if widget.text() != text:  # an unchanged text costs no relayout
        widget.setText(text)
    widget.setVisible(bool(text))


class RecycledRows(Generic[R]):
    """The first rows of a panel's layout, with a separator between two rows.

    Widgets the panel adds after them (a total, a button) stay after them.
    """

    def __init__(self, layout: QVBoxLayout, make: Callable[[], R], blank: Callable[[R], None]):
        self._layout = layout
        self._make = make
        self._blank = blank
        self._rows: list[tuple[QFrame | None, R]] = []

    def reserve(self, count: int) -> None:
        """Make ``count`` blank rows now (when the screen is built), not on first use."""
        self.show(count)
        self.hide_all()

    def show(self, count: int) -> tuple[list[R], bool]:
        """``count`` rows to fill (made if missing), the others blanked and hidden.

        The flag says whether rows were made (the focus order then needs a new chain).
        """
        made = False
        while len(self._rows) < count:
            index = len(self._rows)
            line = separator() if index else None
            row = self._make()
            if line is not None:
                self._layout.insertWidget(2 * index - 1, line)
            self._layout.insertWidget(2 * index, row)
            self._rows.append((line, row))
            made = True
        for index, (line, row) in enumerate(self._rows):
            shown = index < count
            if not shown:
                self._blank(row)
            row.setVisible(shown)
            if line is not None:
                line.setVisible(shown)
        return [row for _line, row in self._rows[:count]], made

    def hide_all(self) -> None:
        """Every row blanked and hidden (the panel shows an error, "none" or nothing)."""
        self.show(0)

    def rows(self) -> list[R]:
        return [row for _line, row in self._rows]


def _text_column(*labels: QLabel) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setSpacing(2)
    for widget in labels:
        column.addWidget(widget)
    return column


class _Row(QWidget):
    def __init__(self, min_height: int = 56) -> None:
        super().__init__()
        self.setMinimumHeight(min_height)
        self.line = QHBoxLayout(self)
        self.line.setContentsMargins(0, 6, 0, 6)
        self.line.setSpacing(12)


@dataclass(frozen=True)
class CartRowText:
    name: str
    details: str
    where: str  # empty when in stock here
    here: int
    badge: str
    accessible: str
    sku: str
    fetch: str | None  # the Fetch chip's accessible name; None: no chip on this line
    fetching: bool


class CartRow(_Row):
    """An online cart line: product, quantity and price, stock here, Fetch chip."""

    fetch_toggled = Signal(str)

    def __init__(self, fetch_text: str) -> None:
        super().__init__()
        self.sku = ""
        self.name = label(wrap=True)
        self.details = label(role="muted", wrap=True)
        self.where = label(role="muted", wrap=True)
        self.line.addLayout(_text_column(self.name, self.details, self.where), 1)
        self.badge = badge()
        self.line.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        self.fetch = button(fetch_text, "chip")
        self.fetch.setCheckable(True)
        self.fetch.clicked.connect(self._toggle)
        self.line.addWidget(self.fetch, 0, Qt.AlignmentFlag.AlignVCenter)

    def _toggle(self) -> None:
        if self.sku:  # a blank row acts on nothing
            self.fetch_toggled.emit(self.sku)

    def set(self, text: CartRowText) -> None:
        self.sku = text.sku
        _set_text(self.name, text.name)
        _set_text(self.details, text.details)
        _set_text(self.where, text.where)
        set_badge(self.badge, text.here, text.badge)
        self.badge.setVisible(True)
        self.fetch.setVisible(text.fetch is not None)
        self.fetch.setChecked(text.fetching)
        self.fetch.setAccessibleName(text.fetch or "")
        self.setAccessibleName(text.accessible)

    def blank(self) -> None:
        self.sku = ""
        for widget in (self.name, self.details, self.where, self.badge):
            _set_text(widget, "")
        self.fetch.setVisible(False)
        self.setAccessibleName("")


@dataclass(frozen=True)
class OpenOrderRowText:
    number: str
    head: str
    detail: str
    hand_over: str | None  # the button's accessible name; None: no button
    ready_badge: str | None  # "ready" shown as a pill when hand-over is not offered here


class OpenOrderRow(_Row):
    """An order not finished yet; a pickup ready here is one tap from the pickup flow."""

    hand_over_requested = Signal(str)

    def __init__(self, hand_over_text: str) -> None:
        super().__init__(64)
        self.number = ""
        self.head = label()
        self.detail = label(role="muted", wrap=True)
        self.line.addLayout(_text_column(self.head, self.detail), 1)
        self.hand_over = button(hand_over_text, "primary")
        self.hand_over.setMinimumHeight(64)
        self.hand_over.clicked.connect(self._hand_over)
        self.line.addWidget(self.hand_over, 0, Qt.AlignmentFlag.AlignVCenter)
        self.ready = badge()
        self.line.addWidget(self.ready)

    def _hand_over(self) -> None:
        if self.number:
            self.hand_over_requested.emit(self.number)

    def set(self, text: OpenOrderRowText) -> None:
        self.number = text.number
        _set_text(self.head, text.head)
        _set_text(self.detail, text.detail)
        self.hand_over.setVisible(text.hand_over is not None)
        self.hand_over.setAccessibleName(text.hand_over or "")
        if text.ready_badge is not None:
            set_badge(self.ready, 3, text.ready_badge)
        self.ready.setVisible(text.ready_badge is not None)

    def blank(self) -> None:
        self.number = ""
        for widget in (self.head, self.detail, self.ready):
            _set_text(widget, "")
        self.hand_over.setVisible(False)


class OrderRow(_Row):
    """A past order: date and channel, number and items, total and status. Tapping it (or
    Enter/Space when it has the focus) emits ``tapped``: the screen opens its detail."""

    tapped = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.order: OrderSummary | None = None  # what the row shows
        self.head = label(wrap=True)
        self.items = label(role="muted", wrap=True)
        self.line.addLayout(_text_column(self.head, self.items), 1)
        self.total = label()
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.status = label(role="muted")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.line.addLayout(_text_column(self.total, self.status))

    def set(self, head: str, items: str, total: str, status: str) -> None:
        for widget, text in (
            (self.head, head),
            (self.items, items),
            (self.total, total),
            (self.status, status),
        ):
            _set_text(widget, text)
        self.setAccessibleName(f"{head}, {items}, {total}, {status}" if head else "")

    def blank(self) -> None:
        self.set("", "", "", "")
        self.order = None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.order is not None and self.rect().contains(event.position().toPoint()):
            self.tapped.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if self.order is not None and event.key() in keys:
            self.tapped.emit()
            return
        super().keyPressEvent(event)


@dataclass(frozen=True)
class RecommendationRowText:
    sku: str
    title: str
    price: str
    why: str
    here: int
    badge: str
    accessible: str


class RecommendationRow(QPushButton):
    """A suggestion: the whole row opens the product."""

    product_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.sku = ""
        self.setProperty("role", "chip")
        # Two lines of text: the theme's 48 px chip height would cut them. A property the
        # theme styles, not a stylesheet per row (each one re-polishes the row: slow).
        self.setProperty("lines", "2")
        line = QHBoxLayout(self)
        line.setContentsMargins(14, 6, 10, 6)
        # one line each, cut with "…" in a narrow column (the row's name says it all); the
        # price has its own label, never cut
        self.title = ElidingLabel()
        self.price = label()
        self.why = ElidingLabel("", "muted")
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.title, 1)
        head.addWidget(self.price)
        column = _text_column(self.why)
        column.insertLayout(0, head)
        line.addLayout(column, 1)
        self.badge = badge()
        line.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        self.clicked.connect(self._open)

    def _open(self) -> None:
        if self.sku:
            self.product_requested.emit(self.sku)

    def set(self, text: RecommendationRowText) -> None:
        self.sku = text.sku
        if self.title.full_text() != text.title:
            self.title.set_full_text(text.title)
        _set_text(self.price, text.price)
        if self.why.full_text() != text.why:
            self.why.set_full_text(text.why)
        set_badge(self.badge, text.here, text.badge)
        self.setAccessibleName(text.accessible)

    def blank(self) -> None:
        self.sku = ""
        self.title.set_full_text("")
        self.price.setText("")
        self.why.set_full_text("")
        self.badge.setText("")
        self.setAccessibleName("")
