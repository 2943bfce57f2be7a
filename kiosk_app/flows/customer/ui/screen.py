"""Customer screen: who is in front of you, their online cart, orders and what to suggest.

It renders the panels of :class:`~kiosk_app.flows.customer.customer_360.Customer360` (one
``RemoteState`` each: skeleton, content, or its own error with Retry) and never owns
business logic. :class:`CustomerFlow` plugs it into the main window for the "customer"
destination (loyalty cards, signed loyalty codes) and the "Customer" navigation entry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.flows.customer.customer_360 import (
    Customer360,
    CustomerKey,
    LoyaltyRefusal,
    RefusalReason,
    ready_pickups_here,
)
from kiosk_app.flows.customer.ui.order_detail import OrderDetailDialog
from kiosk_app.flows.customer.ui.rows import (
    CartRow,
    CartRowText,
    OpenOrderRow,
    OpenOrderRowText,
    OrderRow,
    RecommendationRow,
    RecommendationRowText,
    RecycledRows,
)
from kiosk_app.kernel.api import errors
from kiosk_app.kernel.models.customer import (
    Cart,
    CartLine,
    CustomerPage,
    CustomerProfile,
    OrderPage,
    OrderSummary,
    Recommendation,
    Recommendations,
)
from kiosk_app.kernel.money import format_money
from kiosk_app.kernel.privacy import display_name
from kiosk_app.kernel.remote_state import Failed, Idle, Loaded, Loading, RemoteState
from kiosk_app.kernel.routing import Destination
from kiosk_app.ui.dates import format_date
from kiosk_app.ui.messages import describe_error
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import Card, button, clear_layout, format_km, label, set_badge
from kiosk_app.ui.widgets.focus_order import chain_in_layout_order
from kiosk_app.ui.widgets.notice import Notice
from kiosk_app.ui.widgets.responsive import StackWhenNarrow
from kiosk_app.ui.widgets.skeleton import Skeleton
from kiosk_app.ui.widgets.touch import make_kinetic

if TYPE_CHECKING:
    from kiosk_app.ui.navigator import FlowHost

MAX_INPUT = 100


def tier_name(tier: str) -> str:
    names = {
        "bronze": QCoreApplication.translate("CustomerScreen", "Bronze"),
        "silver": QCoreApplication.translate("CustomerScreen", "Silver"),
        "gold": QCoreApplication.translate("CustomerScreen", "Gold"),
        "platinum": QCoreApplication.translate("CustomerScreen", "Platinum"),
    }
    return names.get(tier, tier.title())


def order_status(status: str) -> str:
    names = {
        "placed": QCoreApplication.translate("CustomerScreen", "Placed"),
        "awaiting_payment": QCoreApplication.translate("CustomerScreen", "Awaiting payment"),
        "paid": QCoreApplication.translate("CustomerScreen", "Paid, being prepared"),
        "shipped": QCoreApplication.translate("CustomerScreen", "Shipped"),
        "delivered": QCoreApplication.translate("CustomerScreen", "Delivered"),
        "cancelled": QCoreApplication.translate("CustomerScreen", "Cancelled"),
    }
    return names.get(status, status)


def pickup_status(status: str) -> str:
    names = {
        "preparing": QCoreApplication.translate("CustomerScreen", "Being prepared"),
        "ready": QCoreApplication.translate("CustomerScreen", "Ready for pickup"),
        "customer_waiting": QCoreApplication.translate("CustomerScreen", "Customer waiting"),
        "collected": QCoreApplication.translate("CustomerScreen", "Collected"),
        "partially_collected": QCoreApplication.translate("CustomerScreen", "Partly collected"),
        "cancelled": QCoreApplication.translate("CustomerScreen", "Cancelled"),
        "expired": QCoreApplication.translate("CustomerScreen", "Expired"),
    }
    return names.get(status, status)


def channel_name(channel: str) -> str:
    names = {
        "web": QCoreApplication.translate("CustomerScreen", "Online"),
        "store": QCoreApplication.translate("CustomerScreen", "In store"),
        "endless_aisle": QCoreApplication.translate("CustomerScreen", "Endless aisle"),
    }
    return names.get(channel, channel)


def refusal_message(refusal: LoyaltyRefusal) -> str:
    messages = {
        RefusalReason.EXPIRED: QCoreApplication.translate(
            "CustomerScreen",
            "This loyalty code has expired. Ask the customer to refresh it in their app.",
        ),
        RefusalReason.FORGED: QCoreApplication.translate(
            "CustomerScreen",
            "This loyalty code is not genuine (its signature does not match). "
            "Ask for the loyalty card or search the customer.",
        ),
        RefusalReason.MALFORMED: QCoreApplication.translate(
            "CustomerScreen", "This loyalty code cannot be read. Scan it again."
        ),
        RefusalReason.NOT_YET_VALID: QCoreApplication.translate(
            "CustomerScreen",
            "This loyalty code is not valid yet: check the date and time of this device.",
        ),
        RefusalReason.KEYS_UNAVAILABLE: QCoreApplication.translate(
            "CustomerScreen",
            "Loyalty codes cannot be checked right now (no connection to the central "
            "system). Try again, or search the customer by name.",
        ),
        RefusalReason.CARD_NOT_ACCEPTED: QCoreApplication.translate(
            "CustomerScreen",
            "Please show the loyalty code from your app: a card number alone cannot "
            "open your account here.",
        ),
    }
    return messages.get(refusal.reason, str(refusal))


def panel_error(error: Exception, what: str) -> str:
    if isinstance(error, errors.NotFound):
        return QCoreApplication.translate("CustomerScreen", "No customer matches %1.").replace(
            "%1", what
        )
    if isinstance(error, errors.Forbidden):
        return QCoreApplication.translate(
            "CustomerScreen", "This device may not show this customer's data."
        )
    return describe_error(error)


def _date(value: datetime, language: str) -> str:
    return format_date(value, language)


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _points(value: int, language: str) -> str:
    text = f"{value:,}"
    return text.replace(",", "\u202f") if language == "fr" else text


class Panel(Card):
    """A card with four faces: skeleton, content, empty message, or error with Retry."""

    retry_requested = Signal()

    def __init__(self, title: str, skeleton_rows: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.state_name = "idle"
        #: set by a panel whose rows are updated in place (``customer_rows``): it blanks
        #: them instead of the layout being cleared
        self.reset: Callable[[], None] | None = None
        self.skeleton = Skeleton(skeleton_rows)
        self.body.addWidget(self.skeleton)
        self.error_box = QFrame()
        self.error_box.setObjectName("notice")
        self.error_box.setProperty("level", "error")
        error_row = QHBoxLayout(self.error_box)
        error_row.setContentsMargins(14, 8, 8, 8)
        self.error_label = label("", wrap=True)
        error_row.addWidget(self.error_label, 1)
        self.retry_button = button(self.tr("Retry"), accessible=self.tr("Retry this panel"))
        self.retry_button.clicked.connect(self.retry_requested.emit)
        error_row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.body.addWidget(self.error_box)
        self.empty_label = label("", "muted", wrap=True)
        self.body.addWidget(self.empty_label)
        self.content = QWidget()
        self.rows = QVBoxLayout(self.content)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(4)
        self.body.addWidget(self.content)
        self._face("idle")

    def _face(self, name: str) -> None:
        self.state_name = name
        self.skeleton.setVisible(name == "loading")
        self.error_box.setVisible(name == "failed")
        self.empty_label.setVisible(name == "empty")
        self.content.setVisible(name == "loaded")

    def show_loading(self) -> None:
        self._face("loading")

    def _blank_rows(self) -> None:
        """No earlier customer's rows kept behind an error or a "none" (recycled rows)."""
        if self.reset is not None:
            self.reset()

    def show_failed(self, text: str) -> None:
        self._blank_rows()
        self.error_label.setText(text)
        self.error_box.setAccessibleName(text)
        self._face("failed")

    def show_empty(self, text: str) -> None:
        self._blank_rows()
        self.empty_label.setText(text)
        self._face("empty")

    def show_rows(self) -> QVBoxLayout:
        clear_layout(self.rows)
        self._face("loaded")
        return self.rows

    def show_content(self) -> None:
        """The content face, its rows kept (they are updated in place)."""
        self._face("loaded")

    def show_idle(self) -> None:
        if self.reset is not None:
            self.reset()
        else:
            clear_layout(self.rows)
        self._face("idle")

    def render_state(
        self, state: RemoteState[Any], fill: Callable[[Any], None], what: Callable[[], str]
    ) -> None:
        """Skeleton, failure or ``fill(value)`` for a panel's RemoteState."""
        if isinstance(state, Loading):
            self.show_loading()
        elif isinstance(state, Failed):
            self.show_failed(panel_error(state.error, what()))
        elif isinstance(state, Loaded):
            fill(state.value)
        elif isinstance(state, Idle):
            self.show_idle()


class CustomerScreen(QWidget):
    """Renders a customer's panels; asks for searches, retries, products and pickups."""

    search_requested = Signal(str)
    customer_chosen = Signal(str)  # customer number
    retry_requested = Signal(str)  # panel name
    product_requested = Signal(str)  # sku
    pickup_requested = Signal(str)  # order number
    floor_pick_toggled = Signal(str)  # sku of an online-cart line to fetch from the floor
    order_cart_requested = Signal()  # order the cart lines not in stock here
    return_requested = Signal(str)  # order number: return items of this order
    back_requested = Signal()

    def __init__(
        self, language: Callable[[], str], *, kiosk: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._language = language
        self.kiosk = kiosk
        self.pickup_available = False
        self._floor_picks: frozenset[str] = frozenset()
        self._what = ""
        self.name_label: QLabel | None = None
        self.points_label: QLabel | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)

        # Search (associates only: a kiosk never lists customers)
        top = QHBoxLayout()
        top.setSpacing(12)
        self.search_entry = QLineEdit()
        self.search_entry.setMaxLength(MAX_INPUT)
        self.search_entry.setPlaceholderText(self.tr("Name, e-mail, phone or loyalty no."))
        self.search_entry.setAccessibleName(self.tr("Customer search"))
        self.search_entry.setClearButtonEnabled(True)
        self.search_entry.returnPressed.connect(self._submit_search)
        top.addWidget(self.search_entry, 1)
        self.search_button = button(
            self.tr("Search"), "primary", accessible=self.tr("Search customers")
        )
        self.search_button.clicked.connect(self._submit_search)
        top.addWidget(self.search_button)
        self.search_bar = QWidget()
        self.search_bar.setLayout(top)
        top.setContentsMargins(0, 0, 0, 0)
        self.search_bar.setVisible(not kiosk)
        outer.addWidget(self.search_bar)

        self.notice = Notice()
        # the search's messages have their room; an account, shown instead of the search,
        # takes it (the whole screen changes then: nothing under a finger moves)
        self._notice_slot = self.notice.reserve_in(outer)

        self.intro = Card()
        self.intro.body.addWidget(
            label(self.tr("My account") if kiosk else self.tr("Customer"), "title")
        )
        self.intro.body.addWidget(
            label(
                self.tr("Scan the loyalty code shown in your app to see your cart and points.")
                if kiosk
                else self.tr(
                    "Scan the customer's loyalty card or app code, or search them by name, "
                    "e-mail or phone."
                ),
                wrap=True,
            )
        )
        outer.addWidget(self.intro)

        self.results_title = label(self.tr("Customers found"), "section")
        outer.addWidget(self.results_title)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Customer search results"))
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        make_kinetic(self.results)
        self.results.itemClicked.connect(self._choose)
        self.results.itemActivated.connect(self._choose)
        outer.addWidget(self.results, 1)
        self.results_title.hide()
        self.results.hide()

        # Customer area: header then two columns of panels, scrolling together
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_kinetic(self.area)
        content = QWidget()
        self.area.setWidget(content)
        page = QVBoxLayout(content)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(16)
        outer.addWidget(self.area, 1)

        self.header = Panel(self.tr("My account") if kiosk else self.tr("Customer"), 2)
        self.header.retry_requested.connect(lambda: self.retry_requested.emit("profile"))
        page.addWidget(self.header)

        self.columns = QWidget()
        columns = QHBoxLayout(self.columns)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(16)
        page.addWidget(self.columns)
        left = QVBoxLayout()
        left.setSpacing(16)
        right = QVBoxLayout()
        right.setSpacing(16)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        # 1024 px and portrait tablets: one column
        self._left, self._right = left, right
        self._responsive = StackWhenNarrow(self, columns)

        self.cart_panel = Panel(self.tr("Your online cart") if kiosk else self.tr("Online cart"))
        self.open_orders_panel = Panel(self.tr("Open orders and pickups"), skeleton_rows=2)
        self.orders_panel = Panel(self.tr("Recent orders"), skeleton_rows=4)
        self.recommendations_panel = Panel(
            self.tr("You may also like") if kiosk else self.tr("Suggestions for this customer"),
            skeleton_rows=4,
        )
        self.panels: dict[str, Panel] = {
            "profile": self.header,
            "cart": self.cart_panel,
            "open_orders": self.open_orders_panel,
            "orders": self.orders_panel,
            "recommendations": self.recommendations_panel,
        }
        for name, panel in self.panels.items():
            if name != "profile":
                panel.retry_requested.connect(lambda n=name: self.retry_requested.emit(n))
        self._build_recycled_rows()
        if kiosk:
            left.addWidget(self.cart_panel)
            right.addWidget(self.recommendations_panel)
            self.open_orders_panel.hide()
            self.orders_panel.hide()
        else:
            left.addWidget(self.cart_panel)
            left.addWidget(self.recommendations_panel)
            right.addWidget(self.open_orders_panel)
            right.addWidget(self.orders_panel)
        left.addStretch(1)
        right.addStretch(1)
        page.addStretch(1)
        self.area.hide()
        self._responsive.changed.connect(self._set_narrow)

    def _set_narrow(self, narrow: bool) -> None:
        """One column: what needs doing now (open orders and pickups) comes right after
        the cart, before the suggestions; side by side it heads the right column."""
        if self.kiosk:
            return
        if narrow:
            self._left.insertWidget(1, self.open_orders_panel)
        else:
            self._right.insertWidget(0, self.open_orders_panel)

    # -- input -----------------------------------------------------------------------------
    def _submit_search(self) -> None:
        text = self.search_entry.text().strip()
        if len(text) >= 2:
            self.search_requested.emit(text)

    def _choose(self, item: QListWidgetItem) -> None:
        number = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(number, str):
            self.customer_chosen.emit(number)

    # -- whole screen ----------------------------------------------------------------------
    def show_customer(self, key: CustomerKey | None) -> None:
        """A customer is being shown (or none: back to the introduction)."""
        if key is None:
            self._show_area(False)
            self.intro.show()
            return
        self._what = key.ref if key.source == "search" else self.tr("this loyalty card")
        self.notice.hide()
        self.intro.hide()
        self.results_title.hide()
        self.results.hide()
        self._show_area(True)
        self.area.verticalScrollBar().setValue(0)

    def _show_area(self, shown: bool) -> None:
        self.area.setVisible(shown)
        self._notice_slot.setVisible(not shown)

    def show_refusal(self, refusal: LoyaltyRefusal | None) -> None:
        if refusal is None:
            return
        self._show_area(False)
        self.results.hide()
        self.results_title.hide()
        self.intro.show()
        self.notice.show_message(refusal_message(refusal), "error")

    def render_search(self, state: RemoteState[CustomerPage]) -> None:
        if isinstance(state, Idle):
            return
        self._show_area(False)
        self.intro.hide()
        if isinstance(state, Loading):
            self.notice.show_message(self.tr("Searching “%1”…").replace("%1", state.what))
            self.results.clear()
            return
        if isinstance(state, Failed):
            self.results.hide()
            self.results_title.hide()
            self.notice.show_message(describe_error(state.error), "error")
            return
        assert isinstance(state, Loaded)
        page: CustomerPage = state.value
        self.results.clear()
        if not page.items:
            self.results.hide()
            self.results_title.hide()
            self.notice.show_message(self.tr("No customer matches this search."), "info")
            self.intro.show()
            return
        self.notice.hide()
        self.results_title.setText(self.tr("%n customer(s) found", "", page.total).upper())
        for c in page.items:
            text = (
                f"{c.first_name} {c.last_name}  ·  {c.email}  ·  {c.phone}"
                f"\n{tier_name(c.tier)} · "
                + self.tr("%1 points").replace("%1", _points(c.points, self._language()))
                + (f" · {c.city}" if c.city else "")
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, c.customer_number)
            self.results.addItem(item)
        self.results_title.show()
        self.results.show()
        chain_in_layout_order(self)

    def set_pickup_available(self, available: bool) -> None:
        self.pickup_available = available

    # -- panels ----------------------------------------------------------------------------
    def render_profile(self, state: RemoteState[CustomerProfile]) -> None:
        self.header.render_state(state, self._fill_profile, lambda: self._what)
        # An unknown customer: one clear message, not the same error in every panel.
        unknown = isinstance(state, Failed) and isinstance(state.error, errors.NotFound)
        self.columns.setVisible(not unknown)

    def render_cart(self, state: RemoteState[Cart]) -> None:
        self.cart_panel.render_state(state, self._fill_cart, lambda: self._what)

    def render_open_orders(self, state: RemoteState[list[OrderSummary]]) -> None:
        self.open_orders_panel.render_state(state, self._fill_open_orders, lambda: self._what)

    def render_orders(self, state: RemoteState[OrderPage]) -> None:
        self.orders_panel.render_state(state, self._fill_orders, lambda: self._what)

    def render_recommendations(self, state: RemoteState[Recommendations]) -> None:
        self.recommendations_panel.render_state(
            state, self._fill_recommendations, lambda: self._what
        )

    def _fill_profile(self, p: CustomerProfile) -> None:
        lang = self._language()
        rows = self.header.show_rows()
        head = QHBoxLayout()
        head.setSpacing(24)
        who = QVBoxLayout()
        who.setSpacing(4)
        name = display_name(p)
        title = self.tr("Hello %1").replace("%1", name) if self.kiosk else name
        name_label = label(title, "title", wrap=True)
        who.addWidget(name_label)
        self.name_label = name_label
        if p.masked:
            who.addWidget(label(f"{p.email}  ·  {p.phone}", "muted", wrap=True))
        else:
            who.addWidget(
                label(
                    self.tr("Customer %1 · card %2 · member since %3")
                    .replace("%1", p.customer_number)
                    .replace("%2", p.loyalty_number)
                    .replace("%3", _date(p.member_since, lang)),
                    "muted",
                    wrap=True,
                )
            )
            who.addWidget(label(f"{p.email}  ·  {p.phone}", wrap=True))
            consents = (
                self.tr("E-mail offers: %1 · SMS: %2")
                .replace("%1", self.tr("yes") if p.consents.email else self.tr("no"))
                .replace("%2", self.tr("yes") if p.consents.sms else self.tr("no"))
            )
            address = p.addresses[0] if p.addresses else None
            if address is not None:
                consents += f"  ·  {address.line1}, {address.postcode} {address.city}"
            who.addWidget(label(consents, "muted", wrap=True))
        head.addLayout(who, 1)
        loyalty = QVBoxLayout()
        loyalty.setSpacing(2)
        tier = QLabel(tier_name(p.tier))
        set_badge(tier, 3, tier_name(p.tier))
        tier.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loyalty.addWidget(tier, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        points = label(self.tr("%1 pts").replace("%1", _points(p.points, lang)), "display")
        points.setAlignment(Qt.AlignmentFlag.AlignRight)
        loyalty.addWidget(points)
        self.points_label = points
        if p.next_tier and p.points_to_next_tier is not None:
            to_next = label(
                self.tr("%1 points to %2")
                .replace("%1", _points(p.points_to_next_tier, lang))
                .replace("%2", tier_name(p.next_tier)),
                "muted",
            )
            to_next.setAlignment(Qt.AlignmentFlag.AlignRight)
            loyalty.addWidget(to_next)
        loyalty.addStretch(1)  # a tall name column (narrow screen) leaves the points on top
        head.addLayout(loyalty)
        rows.addLayout(head)

    # -- rows updated in place (see customer_rows) -----------------------------------------
    def _build_recycled_rows(self) -> None:
        def cart_row() -> CartRow:
            row = CartRow(self.tr("Fetch"))
            row.fetch_toggled.connect(self.floor_pick_toggled.emit)
            return row

        def open_order_row() -> OpenOrderRow:
            row = OpenOrderRow(self.tr("Hand over pickup"))
            row.hand_over_requested.connect(self.pickup_requested.emit)
            return row

        def recommendation_row() -> RecommendationRow:
            row = RecommendationRow()
            row.product_requested.connect(self.product_requested.emit)
            return row

        self._cart_rows = RecycledRows(self.cart_panel.rows, cart_row, CartRow.blank)
        self._open_rows = RecycledRows(
            self.open_orders_panel.rows, open_order_row, OpenOrderRow.blank
        )

        def order_row() -> OrderRow:
            row = OrderRow()
            row.tapped.connect(lambda: self._open_order(row))
            return row

        self._order_rows = RecycledRows(self.orders_panel.rows, order_row, OrderRow.blank)
        self.returns_available = False
        self.order_detail: OrderDetailDialog | None = None
        self._recommendation_rows = RecycledRows(
            self.recommendations_panel.rows, recommendation_row, RecommendationRow.blank
        )
        # what follows the rows, made once
        self.cart_total = label("", "section")
        self.cart_total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.cart_panel.rows.addWidget(self.cart_total)
        self.floor_summary = label("", "muted", wrap=True)
        self.cart_panel.rows.addWidget(self.floor_summary)
        self.order_rest = button("", "primary")
        self.order_rest.clicked.connect(self.order_cart_requested.emit)
        self.cart_panel.rows.addWidget(self.order_rest)
        self.more_orders = label("", "muted")
        self.orders_panel.rows.addWidget(self.more_orders)
        for widget in (self.cart_total, self.floor_summary, self.order_rest, self.more_orders):
            widget.hide()
        # rows for a usual customer, made with the screen rather than in the turn the first
        # customer's answers land in (the orders page and suggestions are always this long)
        self._cart_rows.reserve(4)
        self._open_rows.reserve(2)
        self._order_rows.reserve(6)
        self._recommendation_rows.reserve(8)
        self._chained = False
        self.cart_panel.reset = self._blank_cart
        self.open_orders_panel.reset = self._open_rows.hide_all
        self.orders_panel.reset = self._blank_orders
        self.recommendations_panel.reset = self._recommendation_rows.hide_all

    def _blank_cart(self) -> None:
        self._cart_rows.hide_all()
        for widget in (self.cart_total, self.floor_summary):
            widget.setText("")
            widget.hide()
        self.order_rest.hide()

    def _blank_orders(self) -> None:
        self._order_rows.hide_all()
        self.more_orders.setText("")
        self.more_orders.hide()

    def _rows_changed(self, made: bool) -> None:
        """New rows join the Tab order; filled or blanked ones keep their place in it."""
        if made or not self._chained:
            chain_in_layout_order(self)
            self._chained = True

    def _fill_cart(self, cart: Cart) -> None:
        if not cart.lines:
            self.cart_panel.show_empty(
                self.tr("Your online cart is empty.")
                if self.kiosk
                else self.tr("No online cart: nothing waiting to be bought online.")
            )
            return
        lang = self._language()
        rows, made = self._cart_rows.show(len(cart.lines))
        for row, line in zip(rows, cart.lines, strict=True):
            row.set(self._cart_row_text(line, lang))
        self.cart_total.setText(
            self.tr("%n item(s) · %1", "", cart.item_count).replace(
                "%1", format_money(cart.total, cart.currency, lang)
            )
        )
        self.cart_total.show()
        missing = sum(1 for line in cart.lines if line.availability.here < line.quantity)
        if missing and not self.kiosk:
            text = self.tr("Order the %n line(s) not in stock here", "", missing)
            self.order_rest.setText(text)
            self.order_rest.setAccessibleName(text)
        self.order_rest.setVisible(bool(missing) and not self.kiosk)
        self.cart_panel.show_content()
        self.show_floor_picks(self._floor_picks)
        self._rows_changed(made)

    def _cart_row_text(self, line: CartLine, lang: str) -> CartRowText:
        p = line.product
        details = " · ".join(x for x in (p.colour, p.size) if x)
        qty = self.tr("× %1").replace("%1", str(line.quantity))
        a = line.availability
        where = ""
        if a.here == 0:
            if a.nearest is not None:
                where = (
                    self.tr("Nearest: %1 (%2 km), %3 available")
                    .replace("%1", a.nearest.name)
                    .replace("%2", format_km(a.nearest.distance_km, lang))
                    .replace("%3", str(a.nearest.available))
                )
            elif a.warehouse:
                where = self.tr("Warehouse only: %1 available").replace("%1", str(a.warehouse))
            else:
                where = self.tr("Out of stock everywhere")
        fetchable = not self.kiosk and a.here >= line.quantity
        return CartRowText(
            name=p.name,
            details=f"{details} · {qty} · {format_money(line.line_total, p.currency, lang)}",
            where=where,
            here=a.here,
            badge=self.tr("%1 here").replace("%1", str(a.here)) if a.here else self.tr("None here"),
            accessible=self.tr("%1, %2 in this store")
            .replace("%1", p.name)
            .replace("%2", str(a.here)),
            sku=p.sku,
            fetch=self.tr("Fetch %1 from the shop floor").replace("%1", p.name)
            if fetchable
            else None,
            fetching=p.sku in self._floor_picks,
        )

    def show_floor_picks(self, picks: frozenset[str]) -> None:
        """What the associate goes to fetch on the shop floor for this customer."""
        self._floor_picks = picks
        summary = self.floor_summary
        shown = not self.kiosk and self.cart_panel.state_name == "loaded" and bool(picks)
        summary.setText(
            self.tr("To fetch from the shop floor: %n line(s)", "", len(picks)) if shown else ""
        )
        summary.setVisible(shown)
        for row in self._cart_rows.rows():
            row.fetch.setChecked(row.sku in picks)

    def _fill_open_orders(self, orders: list[OrderSummary]) -> None:
        if not orders:
            self.open_orders_panel.show_empty(self.tr("No open order."))
            return
        lang = self._language()
        ready_here = {o.number for o in ready_pickups_here(orders)}
        rows, made = self._open_rows.show(len(orders))
        for row, order in zip(rows, orders, strict=True):
            if order.pickup is not None:
                where = (
                    self.tr("Pickup in this store")
                    if order.pickup.at_this_store
                    else self.tr("Pickup at %1").replace("%1", order.pickup.store_name)
                )
                status = pickup_status(order.pickup.status)
            else:
                where = channel_name(order.channel)
                status = order_status(order.status)
            ready = order.number in ready_here
            row.set(
                OpenOrderRowText(
                    number=order.number,
                    head=f"{order.number} · {format_money(order.total, order.currency, lang)}",
                    detail=f"{where} · {status} · " + self.tr("%n item(s)", "", order.item_count),
                    hand_over=self.tr("Open pickup %1").replace("%1", order.number)
                    if ready and self.pickup_available
                    else None,
                    ready_badge=pickup_status(order.pickup.status)
                    if ready and not self.pickup_available and order.pickup is not None
                    else None,
                )
            )
        self.open_orders_panel.show_content()
        self._rows_changed(made)

    def _fill_orders(self, page: OrderPage) -> None:
        if not page.items:
            self.orders_panel.show_empty(self.tr("No order yet, online or in store."))
            return
        lang = self._language()
        rows, made = self._order_rows.show(len(page.items))
        for row, order in zip(rows, page.items, strict=True):
            where = channel_name(order.channel)
            if order.store_name and order.channel == "store":
                where = f"{where} · {order.store_name}"
            names = ", ".join(line.name for line in order.lines[:2])
            if len(order.lines) > 2:
                names += " …"
            row.set(
                f"{_date(order.created_at, lang)} · {where}",
                f"{order.number} · {names}",
                format_money(order.total, order.currency, lang),
                order_status(order.status),
            )
            row.order = order
        more = page.total - len(page.items)
        self.more_orders.setText(self.tr("%n more older order(s)", "", more) if more > 0 else "")
        self.more_orders.setVisible(more > 0)
        self.orders_panel.show_content()
        self._rows_changed(made)

    def _open_order(self, row: OrderRow) -> None:
        """The order's detail: its lines, status and pickup; "Return items" for associates."""
        order = row.order
        if order is None:
            return
        lang = self._language()
        where = channel_name(order.channel)
        if order.store_name:
            where = f"{where} · {order.store_name}"
        pickup = None
        if order.pickup is not None:
            pickup = (
                self.tr("Pickup at %1: %2")
                .replace("%1", order.pickup.store_name)
                .replace("%2", pickup_status(order.pickup.status))
            )
        dialog = OrderDetailDialog(
            order,
            placed=f"{_date(order.created_at, lang)} · {where}",
            status=order_status(order.status),
            pickup=pickup,
            language=lang,
            can_return=self.returns_available and not self.kiosk,
            parent=self,
        )
        dialog.return_requested.connect(self.return_requested.emit)
        dialog.finished.connect(dialog.deleteLater)
        self.order_detail = dialog
        dialog.open()

    def _fill_recommendations(self, recs: Recommendations) -> None:
        if not recs.items:
            self.recommendations_panel.show_empty(self.tr("No suggestion yet."))
            return
        lang = self._language()
        rows, made = self._recommendation_rows.show(len(recs.items))
        for row, rec in zip(rows, recs.items, strict=True):
            row.set(self._recommendation_text(rec, lang))
        self.recommendations_panel.show_content()
        self._rows_changed(made)

    def _recommendation_text(self, rec: Recommendation, lang: str) -> RecommendationRowText:
        p = rec.product
        if rec.reason == "bought_together" and rec.because_of:
            why = self.tr("Often bought with %1").replace("%1", _short(rec.because_of))
        elif rec.reason == "your_history":
            why = self.tr("In a category you like")
        else:
            why = self.tr("Popular right now")
        return RecommendationRowText(
            sku=p.sku,
            title=p.name,
            price=format_money(p.price, p.currency, lang),
            why=why,
            here=rec.available_here,
            badge=self.tr("%1 here").replace("%1", str(rec.available_here))
            if rec.available_here
            else self.tr("None here"),
            accessible=self.tr("%1, %2 in this store")
            .replace("%1", p.name)
            .replace("%2", str(rec.available_here)),
        )


class CustomerFlow(QObject):
    """Plugs the customer screen into the window: "customer" scans and the nav entry."""

    handles: tuple[str, ...] = ("customer",)

    def __init__(self, window: FlowHost, core: Customer360, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        services = window.services
        self.service = core
        self._screen = CustomerScreen(
            lambda: self.window.services.language, kiosk=services.mode == "kiosk"
        )
        self._open = TaskSlot(self._screen)
        self._search = TaskSlot(self._screen)
        self._retries: dict[str, TaskSlot] = {}
        s, screen = self.service, self._screen
        self._unsubscribe = [
            s.current.subscribe(screen.show_customer),
            s.refusal.subscribe(screen.show_refusal),
            s.search_results.state.subscribe(screen.render_search),
            s.profile.state.subscribe(screen.render_profile),
            s.cart.state.subscribe(screen.render_cart),
            s.open_orders.state.subscribe(screen.render_open_orders),
            s.orders.state.subscribe(screen.render_orders),
            s.recommendations.state.subscribe(screen.render_recommendations),
            s.floor_picks.subscribe(screen.show_floor_picks),
        ]
        screen.floor_pick_toggled.connect(s.toggle_floor_pick)
        screen.order_cart_requested.connect(self.order_cart)
        screen.search_requested.connect(self.search)
        screen.customer_chosen.connect(self.open_customer)
        screen.retry_requested.connect(self.retry)
        screen.product_requested.connect(window.open_sku)
        screen.pickup_requested.connect(self.open_pickup)
        screen.return_requested.connect(self.open_return)
        # a write of this device went through (an order placed for the customer, a pickup
        # handed over, a return): what the customer screen shows may have changed
        self._refresh = TaskSlot(self._screen)
        self._unsubscribe.append(services.sync.events.delivered.subscribe(self._delivered))
        screen.destroyed.connect(lambda *_: self._disconnect())

    def _delivered(self, _entry: object) -> None:
        self._refresh.start(self.service.refresh())

    def _disconnect(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self.service.cancel()

    # -- Flow protocol ---------------------------------------------------------------------
    def nav_label(self) -> str | None:
        return self.tr("My account") if self.service.kiosk else self.tr("Customer")

    def screen(self) -> QWidget:
        return self._screen

    def modes(self) -> tuple[str, ...]:
        return ("associate", "kiosk")

    def open(self, destination: Destination) -> None:
        self._prepare()
        self._open.start(self.service.open_destination(destination))

    def adopt_session(self, previous: object) -> None:
        """The kiosk switched language: the customer shown there stays shown here."""
        old = getattr(previous, "service", None)
        if not isinstance(old, Customer360):
            return
        s = self.service
        s.current.set(old.current.value)
        s.refusal.set(old.refusal.value)
        s.floor_picks.set(old.floor_picks.value)
        for name in s.panel_names():
            s.panel(name).adopt(old.panel(name))
            if isinstance(s.panel(name).state.value, Loading):  # its request died with it
                self.retry(name)

    # -- actions ---------------------------------------------------------------------------
    def _prepare(self) -> None:
        for slot in self._retries.values():
            slot.cancel()
        self._search.cancel()
        self.service.search_results.clear()
        self._screen.set_pickup_available(self.window.has_flow("pickup"))
        self._screen.returns_available = self.window.has_flow("order")

    def order_cart(self) -> None:
        """The cart lines this store cannot hand over become an endless-aisle order for
        this customer (the associate then picks delivery and the customer pays)."""
        key = self.service.current.value
        lines = self.service.lines_to_order()
        if key is None or not self.window.has_flow("endless_aisle") or not lines:
            return
        self.window.order_for(key.ref, lines)

    def open_customer(self, customer_number: str) -> None:
        self._prepare()
        self._open.start(self.service.open_customer(customer_number))

    def search(self, text: str) -> None:
        self._open.cancel()
        self.service.cancel()
        self._search.start(self.service.search(text))

    def retry(self, panel: str) -> None:
        slot = self._retries.setdefault(panel, TaskSlot(self._screen))
        slot.start(self.service.retry(panel))

    def open_return(self, order_number: str) -> None:
        """Return items of this order: the return flow opens on it."""
        if self.window.has_flow("order"):
            self.window.open_destination(Destination("order", order_number, None))

    def open_pickup(self, order_number: str) -> None:
        if not self.window.has_flow("pickup"):
            return
        # "order" (not "pickup", which means a 6-digit pickup code) opens the order itself
        self.window.open_destination(Destination("order", order_number, None), flow="pickup")
