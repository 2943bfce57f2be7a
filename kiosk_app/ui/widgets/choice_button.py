"""A choice on two lines, with an optional price: the title and the detail may be cut with
"…" in a narrow column, the price never is (its own label, as wide as its text)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk_app.ui.widgets.common import label
from kiosk_app.ui.widgets.responsive import ElidingLabel


class ChoiceButton(QPushButton):
    """``title`` over ``detail``, and ``price`` (if any) on the right of the detail."""

    def __init__(
        self, title: str, detail: str, price: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.title = ElidingLabel(title)
        self.detail = ElidingLabel(detail, "muted")
        self.price = label(price)
        self.price.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.price.setVisible(bool(price))
        for child in (self.title, self.detail, self.price):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 8)
        column.setSpacing(2)
        column.addWidget(self.title)
        line = QHBoxLayout()
        line.setSpacing(12)
        line.addWidget(self.detail, 1)
        line.addWidget(self.price)
        column.addLayout(line)
        self.setAccessibleName(", ".join(t for t in (title, detail, price) if t))
        self.setMinimumHeight(max(48, column.sizeHint().height()))
