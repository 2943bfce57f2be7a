"""A choice with an optional price: the title wraps (a long store name shows whole), the
detail may be cut with "…" in a narrow column, the price never is (its own label, as wide as
its text). The button is as tall as its title needs at its width."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk_app.ui.widgets.common import label
from kiosk_app.ui.widgets.responsive import ElidingLabel


class ChoiceButton(QPushButton):
    """``title`` over ``detail``, and ``price`` (if any) on the right of the detail."""

    def __init__(
        self, title: str, detail: str, price: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.title = label(title, wrap=True)
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

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        needed = layout.totalHeightForWidth(width) if layout is not None else 0
        return max(48, needed)

    def sizeHint(self) -> QSize:
        width = super().sizeHint().width()
        return QSize(width, self.heightForWidth(self.width() if self.width() > 0 else width))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())
