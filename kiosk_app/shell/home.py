"""Home: scan, type or tap a code; or search the catalogue by name; or pick a flow.

Below the scan field, "What would you like to do?" offers one large tile per flow of the
device (the same flows as the navigation rail, keyed like ``MainWindow.flows``): a new user
finds every flow from here without knowing the rail. The window says which flows exist
(``set_actions``) and opens the one a tile asks for (``flow_requested``).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.kernel.models.catalog import ProductPage
from kiosk_app.kernel.money import format_money
from kiosk_app.kernel.remote_state import Failed, Loaded, Loading, RemoteState
from kiosk_app.ui.messages import describe_error
from kiosk_app.ui.widgets.action_tile import ActionTile, TileGrid
from kiosk_app.ui.widgets.common import Card, button, label
from kiosk_app.ui.widgets.focus_order import chain_in_layout_order
from kiosk_app.ui.widgets.keypad import NumericKeypad
from kiosk_app.ui.widgets.notice import Notice
from kiosk_app.ui.widgets.touch import make_kinetic

MAX_INPUT = 4096
# Under this width (portrait tablets) the keypad and camera go under the tiles
NARROW_WIDTH = 760
# Under this width of the scan column the "Find" button goes under the field
ENTRY_ROW_MIN_WIDTH = 420


# Flows offered as tiles, in this order, per device mode (keys of ``MainWindow.flows``)
ACTION_KEYS: dict[str, tuple[str, ...]] = {
    "associate": ("customer", "pickup", "return", "endless_aisle", "sync"),
    "kiosk": ("pickup", "customer", "endless_aisle"),
}


class HomeScreen(QWidget):
    code_submitted = Signal(str)
    product_chosen = Signal(str)  # sku
    # A tile was chosen: the key of the flow to show ("customer", "pickup", "return", ...)
    flow_requested = Signal(str)

    def __init__(self, language_code: str = "fr", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._language = language_code
        # Large text on a small screen (1024x768) can be taller than the window: scroll then.
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls inside
        make_kinetic(scroll)
        content = QWidget()
        scroll.setWidget(content)
        page.addWidget(scroll)
        self._columns = outer = QHBoxLayout(content)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(24)
        self.narrow = False  # portrait tablet: keypad and camera go under the tiles

        self._left = left = QVBoxLayout()
        left.setSpacing(14)
        outer.addLayout(left, 3)
        left.addWidget(label(self.tr("Scan a barcode"), "title"))
        self.description = label(
            self.tr(
                "Scan a product, a loyalty card, a pickup QR or a receipt — or type the "
                "number below. You can also search products by name."
            ),
            "muted",
            wrap=True,
        )
        left.addWidget(self.description)
        self._entry_row = entry_row = QHBoxLayout()
        self.entry = QLineEdit()
        self.entry.setMaxLength(MAX_INPUT)
        self.entry.setPlaceholderText(self.tr("Barcode, order or product name"))
        self.entry.setAccessibleName(self.tr("Code or product name"))
        self.entry.setClearButtonEnabled(True)
        self.entry.returnPressed.connect(self._submit)
        entry_row.addWidget(self.entry, 1)
        self.find_button = button(self.tr("Find"), "primary", accessible=self.tr("Find this code"))
        self.find_button.clicked.connect(self._submit)
        entry_row.addWidget(self.find_button)
        left.addLayout(entry_row)

        self.notice = Notice()
        self.notice.reserve_in(left)  # a search message moves nothing below

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
        # Searching replaces the tiles with the results; emptying the field brings them back.
        self.entry.textEdited.connect(self._on_edited)

        self.actions_title = label(self.tr("What would you like to do?"), "section")
        self.actions_title.setAccessibleName(self.actions_title.text())
        left.addWidget(self.actions_title)
        self.tiles_grid = TileGrid()
        self.tiles_grid.setAccessibleName(self.tr("What would you like to do?"))
        left.addWidget(self.tiles_grid)
        self.set_actions("associate", ())  # none until the window says which flows exist
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_narrow(event.size().width() < NARROW_WIDTH)
        QTimer.singleShot(0, self, self._fit_entry_row)  # once the columns have their widths

    def _fit_entry_row(self) -> None:
        """A narrow column (1024 x 768 beside the keypad): "Find" goes under the field, so the
        field keeps room for a whole barcode."""
        width = self._left.geometry().width()
        under = 0 < width < ENTRY_ROW_MIN_WIDTH
        direction = QBoxLayout.Direction.TopToBottom if under else QBoxLayout.Direction.LeftToRight
        if self._entry_row.direction() != direction:
            self._entry_row.setDirection(direction)

    def _set_narrow(self, narrow: bool) -> None:
        if narrow == self.narrow:
            return
        self.narrow = narrow
        columns = self._columns
        columns.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        columns.setStretch(0, 0 if narrow else 3)
        columns.setStretch(1, 0 if narrow else 2)

    # -- quick actions ---------------------------------------------------------------------
    def set_actions(self, mode: str, available: Iterable[str]) -> None:
        """Offer one tile per flow of ``mode`` that this device has (``available`` keys)."""
        have = set(available)
        if mode == "kiosk":  # a kiosk takes the app's signed code, not a card number
            self.description.setText(
                self.tr(
                    "Scan a product, the code shown in your app or your pickup QR code. "
                    "You can also search products by name."
                )
            )
        texts = self._action_texts(mode)
        keys = [k for k in ACTION_KEYS.get(mode, ()) if k in have and k in texts]
        tiles = []
        for key in keys:
            title, text = texts[key]
            tile = ActionTile(key, title, text)
            tile.clicked.connect(lambda _=False, k=key: self.flow_requested.emit(k))
            tiles.append(tile)
        self.tiles_grid.set_tiles(tiles)
        self._show_actions(not self.results.isVisibleTo(self))
        chain_in_layout_order(self)  # entry, Find, the tiles row by row, then the camera

    def action_keys(self) -> list[str]:
        """Keys of the tiles on offer, in reading order."""
        return [t.key for t in self.tiles_grid.tiles()]

    def _action_texts(self, mode: str) -> dict[str, tuple[str, str]]:
        if mode == "kiosk":
            return {
                "pickup": (
                    self.tr("Collect my order"),
                    self.tr("Scan the QR code from your confirmation email"),
                ),
                "customer": (
                    self.tr("My account"),
                    self.tr("Your loyalty points, your online cart and your orders"),
                ),
                "endless_aisle": (
                    self.tr("Order an item"),
                    self.tr("Not here in your size or colour? We deliver it"),
                ),
            }
        return {
            "customer": (
                self.tr("Find a customer"),
                self.tr("Loyalty card, name, email or phone: profile, cart, orders"),
            ),
            "pickup": (
                self.tr("Hand over a pickup"),
                self.tr("Click-and-collect orders waiting in this store"),
            ),
            "return": (
                self.tr("Take a return"),
                self.tr("Scan the receipt or type the order number"),
            ),
            "endless_aisle": (
                self.tr("Order for a customer"),
                self.tr("Not in stock here: order from another store or the warehouse"),
            ),
            "sync": (
                self.tr("Sync status"),
                self.tr("Writes waiting to be sent or needing attention"),
            ),
        }

    def _show_actions(self, visible: bool) -> None:
        has_tiles = bool(self.tiles_grid.tiles())
        self.actions_title.setVisible(visible and has_tiles)
        self.tiles_grid.setVisible(visible and has_tiles)

    def _on_edited(self, text: str) -> None:
        if not text.strip():
            self.results_title.hide()
            self.results.hide()
            self._show_actions(True)

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
            self.results_title.setText(self.tr("%n product(s) found", "", page.total))
            self.results_title.setVisible(bool(page.items))
            self.results.setVisible(bool(page.items))
            self._show_actions(not page.items)

    def reset(self) -> None:
        self.entry.clear()
        self.entry.setFocus()

    def clear_customer_traces(self) -> None:
        """Kiosk reset: the banner, the typed code and the search results go too."""
        self.reset()
        self.notice.clear()
        self.results.clear()
        self.results_title.setText("")
        self.results_title.hide()
        self.results.hide()
        self._show_actions(True)
