"""Product screen: price, variants with stock here, other stores by distance, warehouse."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.flows.product.lookup import ProductDetails
from kiosk_app.kernel.models.catalog import LocationStock, Variant
from kiosk_app.kernel.models.customer import Recommendations
from kiosk_app.kernel.money import format_money
from kiosk_app.kernel.remote_state import Failed, Idle, Loaded, Loading, RemoteState
from kiosk_app.ui.messages import describe_error
from kiosk_app.ui.widgets.common import (
    Card,
    button,
    clear_layout,
    format_km,
    label,
    set_badge,
)
from kiosk_app.ui.widgets.focus_order import chain_in_layout_order
from kiosk_app.ui.widgets.live_mark import mark_changed
from kiosk_app.ui.widgets.notice import Notice
from kiosk_app.ui.widgets.product_image import ProductImage
from kiosk_app.ui.widgets.responsive import StackWhenNarrow
from kiosk_app.ui.widgets.touch import make_kinetic

MAX_STORE_ROWS = 8


class ProductScreen(QWidget):
    """Renders a ``RemoteState[ProductDetails]``; asks for another variant or a retry."""

    variant_requested = Signal(str)  # sku
    order_requested = Signal(str)  # sku: order it from elsewhere (endless aisle)
    retry_requested = Signal()
    back_requested = Signal()

    def __init__(
        self, language: Callable[[], str], parent: QWidget | None = None, *, kiosk: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._language = language
        self.kiosk = kiosk  # the customer reads it: no stock-keeping codes, spoken to them
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)

        top = QHBoxLayout()
        self.back_button = button(self.tr("‹ New scan"), accessible=self.tr("Back to scanning"))
        self.back_button.clicked.connect(self.back_requested.emit)
        top.addWidget(self.back_button)
        top.addStretch(1)
        self.status_label = label("", "muted")
        top.addWidget(self.status_label)
        outer.addLayout(top)

        self.notice = Notice()
        self.notice.action.clicked.connect(self.retry_requested.emit)

        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_kinetic(scroll)
        content = QWidget()
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        # a failed look-up says so over the product's place (empty then): no room kept for it
        self.notice.float_over(scroll)
        columns = QHBoxLayout(content)
        columns.setSpacing(16)
        columns.setContentsMargins(0, 0, 0, 0)

        left = QVBoxLayout()
        left.setSpacing(16)
        columns.addLayout(left, 1)
        right = QVBoxLayout()
        right.setSpacing(16)
        columns.addLayout(right, 1)
        self._responsive = StackWhenNarrow(self, columns, 980)

        # Identity card
        self.identity = Card()
        head = QHBoxLayout()
        head.setSpacing(20)
        self.image = ProductImage(180)
        head.addWidget(self.image, 0, Qt.AlignmentFlag.AlignTop)
        facts = QVBoxLayout()
        facts.setSpacing(6)
        self.brand = label("", "muted")
        self.name = label("", "title", wrap=True)
        self.price = label("", "display")
        self.attributes = label("", wrap=True)
        self.codes = label("", "muted", wrap=True)
        self.codes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (self.brand, self.name, self.price, self.attributes, self.codes):
            facts.addWidget(w)
        self.order_button = button(
            self.tr("Order this") if kiosk else self.tr("Order this for the customer"),
            "primary",
            accessible=self.tr("Order this product from another store or the warehouse"),
        )
        self.order_button.clicked.connect(self._order_current)
        self.order_button.hide()  # shown when an ordering flow exists (set_can_order)
        facts.addWidget(self.order_button)
        facts.addStretch(1)
        head.addLayout(facts, 1)
        self.identity.body.addLayout(head)
        left.addWidget(self.identity)

        # Variants
        self.variants_card = Card(self.tr("Other colours and sizes"))
        self.colour_row = QHBoxLayout()
        self.colour_row.setSpacing(8)
        self.variants_card.body.addLayout(self.colour_row)
        self.size_grid = QGridLayout()
        self.size_grid.setSpacing(8)
        self.variants_card.body.addLayout(self.size_grid)
        left.addWidget(self.variants_card)

        self.warehouse_card = Card(self.tr("Warehouse (home delivery or to this store)"))
        self.warehouse_rows = QVBoxLayout()
        self.warehouse_card.body.addLayout(self.warehouse_rows)
        left.addWidget(self.warehouse_card)
        left.addStretch(1)

        # Stock here
        self.here_card = Card(self.tr("In this store"))
        self.here_qty = label("", "display")
        self.here_badge = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.here_qty)
        row.addWidget(self.here_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        self.here_card.body.addLayout(row)
        right.addWidget(self.here_card)

        self.stores_card = Card(self.tr("Available in other stores, nearest first"))
        self.stores_rows = QVBoxLayout()
        self.stores_rows.setSpacing(2)
        self.stores_card.body.addLayout(self.stores_rows)
        # the nearest MAX_STORE_ROWS first; the others one tap away, never out of reach
        self.all_stores_button = QPushButton()
        self.all_stores_button.setProperty("role", "secondary")
        self.all_stores_button.setMinimumHeight(48)
        self.all_stores_button.clicked.connect(self._toggle_all_stores)
        self.all_stores_button.hide()
        self.stores_card.body.addWidget(self.all_stores_button)
        self._all_stores = False
        right.addWidget(self.stores_card)

        self.recs_card = Card(self.tr("Goes well with"))
        self.recs_rows = QVBoxLayout()
        self.recs_rows.setSpacing(6)
        self.recs_card.body.addLayout(self.recs_rows)
        right.addWidget(self.recs_card)
        self.recs_card.hide()
        right.addStretch(1)

        self._colour_group = QButtonGroup(self)
        self._size_group = QButtonGroup(self)
        self._details: ProductDetails | None = None
        self._can_order = False

    def _order_current(self) -> None:
        if self._details is not None:
            self.order_requested.emit(self._details.product.sku)

    def set_can_order(self, can_order: bool) -> None:
        self._can_order = can_order

    # -- rendering -------------------------------------------------------------------------
    def show_state(self, state: RemoteState[ProductDetails]) -> None:
        if isinstance(state, Loading):
            self.notice.hide()
            self.status_label.setText(self.tr("Looking up %1…").replace("%1", state.what))
            if not self._is_variant_switch(state.what):
                self._details = None
                self._show_skeleton()
        elif isinstance(state, Failed):
            # The failure is about the code just read: never leave the previous product on
            # screen under it, or the associate would read the wrong stock.
            self.status_label.setText("")
            self._details = None
            self._set_panels_visible(False)
            self.recs_card.hide()
            self.notice.show_message(
                f"{describe_error(state.error)} ({state.what})", "error", self.tr("Try again")
            )
        elif isinstance(state, Loaded):
            self.notice.hide()
            self.status_label.setText("")
            shown = self._details
            if shown is not None and shown.product == state.value.product:
                self._show_stock(state.value)  # a live stock change: in place
            else:
                self._show_details(state.value)
        elif isinstance(state, Idle):
            self.status_label.setText("")

    def clear(self) -> None:
        """Kiosk reset: nothing of what the last customer looked up stays, hidden or not."""
        self.notice.clear()
        self.status_label.setText("")
        self._details = None
        self._show_skeleton()
        self.name.setText("")
        self._set_panels_visible(False)
        clear_layout(self.recs_rows)
        self.recs_card.hide()

    def show_recommendations(self, state: RemoteState[Recommendations]) -> None:
        """Secondary panel: hidden unless there is something to suggest."""
        if not isinstance(state, Loaded) or not state.value.items or self._details is None:
            self.recs_card.hide()
            return
        clear_layout(self.recs_rows)
        lang = self._language()
        for rec in state.value.items:
            p = rec.product
            stock = (
                self.tr("%1 here").replace("%1", str(rec.available_here))
                if rec.available_here
                else self.tr("none here")
            )
            row = QPushButton(
                f"{p.name} · {p.colour or ''}\n{format_money(p.price, p.currency, lang)} · {stock}"
            )
            row.setProperty("role", "chip")
            row.setMinimumHeight(64)
            row.setAccessibleName(
                self.tr("Suggestion: %1, %2 in this store")
                .replace("%1", p.name)
                .replace("%2", str(rec.available_here))
            )
            row.clicked.connect(lambda _=False, sku=p.sku: self.variant_requested.emit(sku))
            self.recs_rows.addWidget(row)
        self.recs_card.show()
        chain_in_layout_order(self)  # the new buttons: after the variants, not after the rail

    def _is_variant_switch(self, key: str) -> bool:
        return self._details is not None and any(v.sku == key for v in self._details.variants)

    def _set_panels_visible(self, visible: bool) -> None:
        for card in (
            self.identity,
            self.variants_card,
            self.here_card,
            self.stores_card,
            self.warehouse_card,
        ):
            card.setVisible(visible)

    def _show_skeleton(self) -> None:
        self._set_panels_visible(True)
        self.variants_card.hide()
        for w in (self.brand, self.price, self.attributes, self.codes, self.here_qty):
            w.setText("")
        self.name.setText(self.tr("Loading…"))
        self.image.set_product("", None)
        clear_layout(self.stores_rows)
        self.all_stores_button.hide()
        clear_layout(self.warehouse_rows)
        self.here_badge.setText("")

    def _show_details(self, details: ProductDetails) -> None:
        self._details = details
        self._set_panels_visible(True)
        p = details.product
        lang = self._language()
        self.image.set_product(p.name, p.colour_hex)
        self.order_button.setVisible(self._can_order)
        self.brand.setText(p.brand.upper())
        self.name.setText(p.name)
        self.price.setText(format_money(p.price, p.currency, lang))
        parts = [x for x in (p.colour, p.size and self.tr("Size %1").replace("%1", p.size)) if x]
        self.attributes.setText(" · ".join(parts))
        self.codes.setText(
            p.category
            if self.kiosk
            else self.tr("SKU %1 · GTIN %2 · %3")
            .replace("%1", p.sku)
            .replace("%2", p.gtin)
            .replace("%3", p.category)
        )
        here = details.availability.here
        self.here_qty.setText(str(here))
        set_badge(
            self.here_badge,
            here,
            self.tr("Out of stock here")
            if here == 0
            else self.tr("Last units")
            if here <= 2
            else self.tr("In stock"),
        )
        self._render_variants(details.variants, p.sku)
        self._all_stores = False
        self._render_stores()
        self._render_locations(self.warehouse_rows, details.availability.warehouses)
        chain_in_layout_order(self)  # the new chips: in reading order, not after the rail

    def _show_stock(self, details: ProductDetails) -> None:
        """The same product with other stock (``stock.changed``): only the stock is
        rendered again, the list of stores stays as open as it was, and a changed figure
        here is briefly marked."""
        before = self._details
        self._details = details
        here = details.availability.here
        if before is not None and before.availability.here != here:
            self.here_qty.setText(str(here))
            set_badge(
                self.here_badge,
                here,
                self.tr("Out of stock here")
                if here == 0
                else self.tr("Last units")
                if here <= 2
                else self.tr("In stock"),
            )
            mark_changed(self.here_qty)
        if before is None or before.variants != details.variants:
            self._render_variants(details.variants, details.product.sku)
        old = before.availability if before is not None else None
        was = {s.code: s.available for s in (old.stores + old.warehouses if old else [])}
        now = details.availability
        moved = {s.code for s in now.stores + now.warehouses if was.get(s.code) != s.available}
        if old is None or old.stores != now.stores:
            self._render_stores(moved)
        if old is None or old.warehouses != now.warehouses:
            self._render_locations(self.warehouse_rows, now.warehouses, moved)

    def _render_stores(self, moved: frozenset[str] | set[str] = frozenset()) -> None:
        stores = self._details.availability.stores if self._details is not None else []
        shown = stores if self._all_stores else stores[:MAX_STORE_ROWS]
        self._render_locations(self.stores_rows, shown, moved)
        self.all_stores_button.setVisible(len(stores) > MAX_STORE_ROWS)
        self.all_stores_button.setText(
            self.tr("Show the nearest stores only")
            if self._all_stores
            else self.tr("Show all stores (%1)").replace("%1", str(len(stores)))
        )

    def _toggle_all_stores(self) -> None:
        self._all_stores = not self._all_stores
        self._render_stores()
        chain_in_layout_order(self)

    def _render_variants(self, variants: list[Variant], current_sku: str) -> None:
        clear_layout(self.colour_row)
        clear_layout(self.size_grid)
        for b in self._colour_group.buttons():
            self._colour_group.removeButton(b)
        for b in self._size_group.buttons():
            self._size_group.removeButton(b)
        self.variants_card.setVisible(len(variants) > 1)
        current = next((v for v in variants if v.sku == current_sku), None)
        if current is None:
            return
        colours: dict[str, Variant] = {}
        for v in variants:
            key = v.colour or "-"
            # tapping a colour keeps the current size when that colour has it
            if key not in colours or v.size == current.size:
                colours[key] = v
        for colour, v in colours.items():
            chip = QPushButton(colour)
            chip.setProperty("role", "chip")
            chip.setCheckable(True)
            chip.setChecked(colour == (current.colour or "-"))
            chip.setAccessibleName(self.tr("Colour %1").replace("%1", colour))
            chip.clicked.connect(lambda _=False, sku=v.sku: self.variant_requested.emit(sku))
            self._colour_group.addButton(chip)
            self.colour_row.addWidget(chip)
        self.colour_row.addStretch(1)
        same_colour = [v for v in variants if v.colour == current.colour]
        if len(same_colour) <= 1 and not current.size:
            return
        for i, v in enumerate(same_colour):
            text = (
                (v.size or "-")
                + "\n"
                + (
                    self.tr("%1 here").replace("%1", str(v.available_here))
                    if v.available_here
                    else self.tr("none here")
                )
            )
            size_button = QPushButton(text)
            size_button.setProperty("role", "chip")
            size_button.setCheckable(True)
            size_button.setChecked(v.sku == current.sku)
            size_button.setMinimumHeight(64)
            size_button.setAccessibleName(
                self.tr("Size %1, %2 in this store")
                .replace("%1", v.size or "-")
                .replace("%2", str(v.available_here))
            )
            size_button.clicked.connect(lambda _=False, sku=v.sku: self.variant_requested.emit(sku))
            self._size_group.addButton(size_button)
            self.size_grid.addWidget(size_button, i // 4, i % 4)

    def _render_locations(
        self,
        layout: QVBoxLayout,
        locations: list[LocationStock],
        moved: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        """``moved``: codes whose stock a live event just changed (briefly marked)."""
        clear_layout(layout)
        if not locations:
            layout.addWidget(label(self.tr("No other location carries it."), "muted"))
            return
        for loc in locations:
            row = QWidget()
            row.setMinimumHeight(48)
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 4, 0, 4)
            h.addWidget(label(loc.name), 1)
            h.addWidget(
                label(
                    self.tr("%1 km").replace("%1", format_km(loc.distance_km, self._language())),
                    "muted",
                )
            )
            badge = QLabel()
            badge.setMinimumWidth(56)
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            set_badge(badge, loc.available, str(loc.available))
            badge.setObjectName(f"stock-{loc.code}")
            if loc.code in moved:
                mark_changed(badge)
            h.addWidget(badge)
            row.setAccessibleName(
                self.tr("%1, %2 km, %3 available")
                .replace("%1", loc.name)
                .replace("%2", format_km(loc.distance_km, self._language()))
                .replace("%3", str(loc.available))
            )
            layout.addWidget(row)
