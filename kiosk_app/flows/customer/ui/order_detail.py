"""One order of the customer's history, opened by tapping it (opened with ``open()``).

Its lines with quantities and prices, its status (and its pickup's), where and when it was
placed; for associates, "Return items" opens the return flow on this order.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk_app.kernel.models.customer import OrderSummary
from kiosk_app.kernel.money import format_money
from kiosk_app.ui.widgets.common import button, label
from kiosk_app.ui.widgets.touch import make_kinetic


class OrderDetailDialog(QDialog):
    return_requested = Signal(str)  # order number

    def __init__(
        self,
        order: OrderSummary,
        *,
        placed: str,
        status: str,
        pickup: str | None,
        language: str,
        can_return: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setWindowTitle(self.tr("Order %1").replace("%1", order.number))
        self.setModal(True)
        self.setMinimumWidth(min(720, parent.width() if parent is not None else 720))
        self.order = order
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(12)
        outer.addWidget(label(self.tr("Order %1").replace("%1", order.number), "title"))
        outer.addWidget(label(placed, "muted", wrap=True))
        self.status = label(status, None, wrap=True)
        outer.addWidget(self.status)
        if pickup:
            outer.addWidget(label(pickup, "muted", wrap=True))

        lines = QWidget()
        rows = QVBoxLayout(lines)
        rows.setContentsMargins(0, 8, 0, 8)
        rows.setSpacing(8)
        self.line_rows: list[QWidget] = []
        for line in order.lines:
            row = QWidget()
            row.setMinimumHeight(48)
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            h.setSpacing(12)
            h.addWidget(label(line.name, None, wrap=True), 1)
            each = format_money(line.unit_price, order.currency, language)
            h.addWidget(label(f"{line.quantity} × {each}", "muted"))
            amount = label(format_money(line.unit_price * line.quantity, order.currency, language))
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            h.addWidget(amount)
            row.setAccessibleName(f"{line.name}, {line.quantity} × {each}")
            rows.addWidget(row)
            self.line_rows.append(row)
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(lines)
        make_kinetic(scroll)
        outer.addWidget(scroll, 1)

        total = QHBoxLayout()
        total.addWidget(label(self.tr("Total"), "muted"), 1)
        self.total = label(format_money(order.total, order.currency, language), "title")
        total.addWidget(self.total)
        outer.addLayout(total)

        actions = QHBoxLayout()
        actions.setSpacing(12)
        self.return_button = button(self.tr("Return items"), "secondary")
        self.return_button.clicked.connect(self._return)
        self.return_button.setVisible(can_return)
        actions.addWidget(self.return_button)
        actions.addStretch(1)
        self.close_button = button(self.tr("Close"), "primary")
        self.close_button.clicked.connect(self.reject)
        actions.addWidget(self.close_button)
        outer.addLayout(actions)

    def _return(self) -> None:
        self.accept()
        self.return_requested.emit(self.order.number)
