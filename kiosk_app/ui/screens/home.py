"""Home: scan, type or tap a code; or search the catalogue by name."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.core.models.catalog import ProductPage
from kiosk_app.core.money import format_money
from kiosk_app.core.remote_state import Failed, Loaded, Loading, RemoteState
from kiosk_app.ui.messages import describe_error
from kiosk_app.ui.widgets.common import Card, button, label
from kiosk_app.ui.widgets.keypad import NumericKeypad
from kiosk_app.ui.widgets.notice import Notice
from kiosk_app.ui.widgets.touch import make_kinetic

MAX_INPUT = 4096


class HomeScreen(QWidget):
    code_submitted = Signal(str)
    product_chosen = Signal(str)  # sku

    def __init__(self, language_code: str = "fr", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._language = language_code
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(24)

        left = QVBoxLayout()
        left.setSpacing(14)
        outer.addLayout(left, 3)
        left.addWidget(label(self.tr("Scan a barcode"), "title"))
        left.addWidget(
            label(
                self.tr(
                    "Scan a product, a loyalty card, a pickup QR or a receipt — or type the "
                    "number below. You can also search products by name."
                ),
                "muted",
                wrap=True,
            )
        )
        entry_row = QHBoxLayout()
        self.entry = QLineEdit()
        self.entry.setMaxLength(MAX_INPUT)
        self.entry.setPlaceholderText(self.tr("Barcode, order number or product name"))
        self.entry.setAccessibleName(self.tr("Code or product name"))
        self.entry.setClearButtonEnabled(True)
        self.entry.returnPressed.connect(self._submit)
        entry_row.addWidget(self.entry, 1)
        self.find_button = button(self.tr("Find"), "primary", accessible=self.tr("Find this code"))
        self.find_button.clicked.connect(self._submit)
        entry_row.addWidget(self.find_button)
        left.addLayout(entry_row)

        self.notice = Notice()
        left.addWidget(self.notice)

        self.results_title = label(self.tr("Products"), "section")
        left.addWidget(self.results_title)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        make_kinetic(self.results)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)
        left.addWidget(self.results, 1)
        self.results_title.hide()
        self.results.hide()
        left.addStretch(0)

        right = QVBoxLayout()
        right.setSpacing(16)
        self.keypad_card = keypad_card = Card(self.tr("Keypad"))
        keypad = NumericKeypad(self.entry)
        keypad.submitted.connect(self._submit)
        keypad_card.body.addWidget(keypad)
        right.addWidget(keypad_card)
        self.camera_slot = right  # the main window adds the camera card here
        right.addStretch(1)
        outer.addLayout(right, 2)

    def _submit(self) -> None:
        text = self.entry.text().strip()
        if text:
            self.code_submitted.emit(text)

    def _choose(self, item: QListWidgetItem) -> None:
        sku = item.data(Qt.ItemDataRole.UserRole)
        if sku:
            self.product_chosen.emit(str(sku))

    def show_message(self, text: str, level: str = "info") -> None:
        self.notice.show_message(text, level)

    def render_search(self, state: RemoteState[ProductPage]) -> None:
        if isinstance(state, Loading):
            self.notice.show_message(self.tr("Searching “%1”…").replace("%1", state.what))
        elif isinstance(state, Failed):
            self.notice.show_message(describe_error(state.error), "error")
        elif isinstance(state, Loaded):
            page = state.value
            self.results.clear()
            if not page.items:
                self.notice.show_message(self.tr("No product matches this search."), "info")
            else:
                self.notice.hide()
            for p in page.items:
                details = " · ".join(x for x in (p.colour, p.size) if x)
                price = format_money(p.price, p.currency, self._language)
                item = QListWidgetItem(f"{p.name}  —  {details}\n{p.brand} · {price}")
                item.setData(Qt.ItemDataRole.UserRole, p.sku)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{p.name}, {details}")
                self.results.addItem(item)
            self.results_title.setText(self.tr("%1 products found").replace("%1", str(page.total)))
            self.results_title.setVisible(bool(page.items))
            self.results.setVisible(bool(page.items))

    def reset(self) -> None:
        self.entry.clear()
        self.entry.setFocus()
