"""Small building blocks shared by screens: cards, labels with a role, buttons."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionFrame,
    QVBoxLayout,
    QWidget,
)


def label(text: str = "", role: str | None = None, *, wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget


def button(text: str, role: str | None = None, *, accessible: str | None = None) -> QPushButton:
    widget = QPushButton(text)
    if role:
        widget.setProperty("role", role)
    widget.setAccessibleName(accessible or text)
    widget.setMinimumHeight(48)
    return widget


class Card(QFrame):
    """A white rounded panel with an optional section title."""

    def __init__(self, title: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(20, 16, 20, 16)
        self.body.setSpacing(10)
        self.title_label: QLabel | None = None
        if title:
            self.title_label = label(title.upper(), "section", wrap=True)
            self.body.addWidget(self.title_label)
        # Minimum, not Maximum: word-wrapped labels report a too-small size hint, and a card
        # capped at its hint clips them (a long product name over two lines).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)


class PlaceholderWideLineEdit(QLineEdit):
    """A text field never narrower than its placeholder (a short field: a postcode)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._placeholder_width()), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._placeholder_width()), hint.height())

    def _placeholder_width(self) -> int:
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        margins = self.textMargins()
        text = self.fontMetrics().horizontalAdvance(self.placeholderText())
        contents = QSize(text + margins.left() + margins.right() + 4, super().sizeHint().height())
        style = self.style()
        return style.sizeFromContents(
            QStyle.ContentsType.CT_LineEdit, option, contents, self
        ).width()


def format_km(value: float, language: str) -> str:
    """A distance for people: one decimal under 10 km, French decimal comma."""
    text = f"{value:.0f}" if value >= 10 else f"{value:.1f}"
    return text.replace(".", ",") if language == "fr" else text


def set_badge(widget: QLabel, quantity: int, text: str) -> None:
    """Stock pill: the text carries the meaning, colour only reinforces it."""
    level = "none" if quantity <= 0 else "low" if quantity <= 2 else "ok"
    if widget.property("badge") != level:  # a re-polish is only needed for a new colour
        widget.setProperty("badge", level)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    if widget.text() != text:
        widget.setText(text)


def set_tone(widget: QLabel, tone: str) -> None:
    """Status text in the theme's colour for ``tone`` (success, warning, danger)."""
    widget.setProperty("tone", tone)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def clear_layout(layout: QVBoxLayout | object) -> None:
    from PySide6.QtWidgets import QLayout

    assert isinstance(layout, QLayout)
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        if (w := item.widget()) is not None:
            w.setParent(None)
            w.deleteLater()
        elif (child := item.layout()) is not None:
            clear_layout(child)
