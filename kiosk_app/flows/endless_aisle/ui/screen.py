"""Endless aisle: order what the shelf does not have, delivered home or to a store.

The screen renders the state of :class:`EndlessAisleService` (basket, customer, destination,
options, submission) and forwards taps to it; scans go to it while the screen is showing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.flows.endless_aisle.address import (
    SUPPORTED_COUNTRIES,
    AddressInput,
    FieldProblem,
    Problem,
)
from kiosk_app.flows.endless_aisle.live import LiveBasket
from kiosk_app.flows.endless_aisle.models import (
    EndlessAisleOrder,
    FulfilmentOption,
    FulfilmentOptions,
)
from kiosk_app.flows.endless_aisle.session import (
    BasketLine,
    DestinationType,
    EndlessAisleService,
    OrderDraft,
    Placed,
    Queued,
    Refused,
    Submission,
)
from kiosk_app.flows.endless_aisle.session import Notice as CoreNotice
from kiosk_app.flows.endless_aisle.ui.texts import (
    PROBLEM_FIELDS,
    address_label,
    describe_notice,
    describe_problem,
    field_texts,
    option_title,
    problem_texts,
    promise_text,
)
from kiosk_app.kernel.money import format_money
from kiosk_app.kernel.offline.policy import OfflineFlow
from kiosk_app.kernel.remote_state import Failed, Idle, Loaded, Loading, RemoteState
from kiosk_app.kernel.routing import Destination, route
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.ui.dates import format_time
from kiosk_app.ui.messages import describe_error
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.barcode_image import BarcodeImage
from kiosk_app.ui.widgets.choice_button import ChoiceButton
from kiosk_app.ui.widgets.common import (
    Card,
    PlaceholderWideLineEdit,
    button,
    clear_layout,
    label,
    set_badge,
)
from kiosk_app.ui.widgets.focus_order import chain_in_layout_order
from kiosk_app.ui.widgets.notice import MessageLine, Notice
from kiosk_app.ui.widgets.responsive import StackWhenNarrow
from kiosk_app.ui.widgets.touch import make_kinetic

if TYPE_CHECKING:
    from kiosk_app.ui.navigator import FlowHost

LOCAL_QSS = """
QPushButton[dest="true"] { padding: 0 4px; }
QCheckBox { min-height: 48px; spacing: 12px; }
QCheckBox::indicator { width: 32px; height: 32px; }
QComboBox { min-height: 56px; padding: 0 12px; font-size: 20px; }
QLabel[role="fieldError"] { color: #b3261e; font-size: 14px; font-weight: 600; }
QPushButton[role="option"] {
    text-align: left; padding: 0; min-height: 76px; background: #ffffff;
    font-weight: 500;
}
QPushButton[role="option"]:checked { border: 3px solid #1f4fd1; background: #eef3ff; }
QPushButton[role="primary"]:disabled { background: #b9c6e6; color: #ffffff; }
QPushButton[role="qty"] { min-width: 56px; max-width: 56px; font-size: 26px; padding: 0; }
"""
ADDRESS_FIELDS = ("name", "line1", "line2", "postcode", "city")


class EndlessAisleScreen(QWidget):
    def __init__(
        self,
        service: EndlessAisleService,
        *,
        language: str,
        kiosk: bool,
        store_name: str,
        may_submit: Callable[[], Awaitable[bool]] | None = None,
        live: LiveBasket | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setStyleSheet(LOCAL_QSS)
        # the offline policy, checked when the order is confirmed: may it go on now?
        self._may_submit = may_submit
        self.service = service
        #: the live events: stock that invalidates the chosen option, the payment status
        self.live = live
        self.language = language
        self.kiosk = kiosk
        self.store_name = store_name
        self.poll_interval_s = 3.0
        self._work = TaskSlot(self)  # lookups (scan, customer, cart)
        self._quote = TaskSlot(self)  # fulfilment options
        self._poll = TaskSlot(self)  # payment status while the confirmation shows
        self._submitting = TaskSlot(self)  # the network check before the order is queued
        self._pop_scans: object = None
        #: the (masked) name a saved address of the customer put in the name field: sent as
        #: "the customer", whose real name the server puts on the parcel
        self._customer_name_shown: str | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 12)
        outer.setSpacing(10)
        top = QHBoxLayout()
        self.title = label(self.tr("Order from another store or the warehouse"), "title", wrap=True)
        top.addWidget(self.title, 1)
        self.start_over = button(self.tr("Start over"))
        self.start_over.clicked.connect(self._new_order)
        top.addWidget(self.start_over)
        outer.addLayout(top)
        self.notice = Notice()
        self.notice.action.clicked.connect(self._notice_action)
        self.notice.reserve_in(outer)

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.builder = self._build_builder()
        self.confirmation = self._build_confirmation()
        self.pages.addWidget(self.builder)
        self.pages.addWidget(self.confirmation)

        self._unsubscribe = [
            service.draft.subscribe(self._render_draft),
            service.options.state.subscribe(self._render_options),
            service.selected.subscribe(lambda _id: self._render_selection()),
            service.submission.subscribe(self._render_submission),
            service.notice.subscribe(self._render_notice),
        ]
        self.destroyed.connect(lambda *_: self._teardown())
        chain_in_layout_order(self)  # header first, then the cards column by column

    # -- layout ------------------------------------------------------------------------------
    def _build_builder(self) -> QWidget:
        kiosk = self.kiosk  # the customer reads a kiosk's texts: spoken to them
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(10)
        scroll = QScrollArea()
        page_layout.addWidget(scroll, 1)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_kinetic(scroll)
        content = QWidget()
        scroll.setWidget(content)
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(16)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.setSpacing(14)
        right.setSpacing(14)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self._responsive = StackWhenNarrow(self, columns, 980)

        # Basket
        self.basket_card = Card(self.tr("1 · Items"))
        entry_row = QHBoxLayout()
        self.code_entry = QLineEdit()
        self.code_entry.setPlaceholderText(
            self.tr("Scan or type the barcode") if kiosk else self.tr("Barcode or SKU")
        )
        self.code_entry.setAccessibleName(
            self.tr("Barcode to add") if kiosk else self.tr("Barcode or SKU to add")
        )
        self.code_entry.returnPressed.connect(self._submit_code)
        self.add_button = button(self.tr("Add"), "primary")
        self.add_button.clicked.connect(self._submit_code)
        entry_row.addWidget(self.code_entry, 1)
        entry_row.addWidget(self.add_button)
        self.basket_card.body.addLayout(entry_row)
        self.lines_box = QVBoxLayout()
        self.lines_box.setSpacing(6)
        self.basket_card.body.addLayout(self.lines_box)
        left.addWidget(self.basket_card)

        # Customer
        self.customer_card = Card(self.tr("2 · Your account") if kiosk else self.tr("2 · Customer"))
        loyalty_row = QHBoxLayout()
        self.loyalty_entry = QLineEdit()
        if kiosk:  # a kiosk takes only the signed code of the customer's app
            self.loyalty_entry.setPlaceholderText(self.tr("Code from your app"))
            self.loyalty_entry.setAccessibleName(self.tr("Scan the code shown in your app"))
        else:
            self.loyalty_entry.setPlaceholderText(self.tr("Card or customer number"))
            self.loyalty_entry.setAccessibleName(self.tr("Loyalty card or customer number"))
        self.loyalty_entry.returnPressed.connect(self._attach_customer)
        self.attach_button = button(self.tr("Attach"))
        self.attach_button.clicked.connect(self._attach_customer)
        loyalty_row.addWidget(self.loyalty_entry, 1)
        loyalty_row.addWidget(self.attach_button)
        self.customer_card.body.addLayout(loyalty_row)
        self.customer_info = QWidget()  # who, then the buttons under it (a narrow column)
        info = QVBoxLayout(self.customer_info)
        info.setContentsMargins(0, 0, 0, 0)
        self.customer_label = label("", wrap=True)
        info.addWidget(self.customer_label)
        info_row = QHBoxLayout()
        info.addLayout(info_row)
        self.cart_button = button(self.tr("Add online cart"))
        self.cart_button.clicked.connect(self._load_cart)
        info_row.addWidget(self.cart_button)
        self.detach_button = button(self.tr("Remove"))
        self.detach_button.clicked.connect(self.service.detach_customer)
        info_row.addWidget(self.detach_button)
        info_row.addStretch(1)
        self.customer_card.body.addWidget(self.customer_info)
        self.guest_box = QWidget()
        guest = QVBoxLayout(self.guest_box)
        guest.setContentsMargins(0, 0, 0, 0)
        guest.setSpacing(4)
        guest.addWidget(
            label(
                self.tr("Or your email or mobile number, for the payment link")
                if kiosk
                else self.tr("Or a guest: email or mobile for the payment link"),
                "muted",
            )
        )
        self.email_entry = QLineEdit()
        self.email_entry.setPlaceholderText(self.tr("Email"))
        self.email_entry.setAccessibleName(
            self.tr("Your email") if kiosk else self.tr("Guest email")
        )
        self.phone_entry = QLineEdit()
        self.phone_entry.setPlaceholderText(self.tr("Mobile phone"))
        self.phone_entry.setAccessibleName(
            self.tr("Your mobile phone") if kiosk else self.tr("Guest mobile phone")
        )
        contact_row = QHBoxLayout()
        contact_row.addWidget(self.email_entry, 1)
        contact_row.addWidget(self.phone_entry, 1)
        guest.addLayout(contact_row)
        self.contact_error = MessageLine(  # room kept for the longest, whatever it says
            samples=lambda: problem_texts(
                ("email", "phone"),
                (Problem.EMAIL_FORMAT, Problem.PHONE_FORMAT, Problem.CONTACT_REQUIRED),
                self.kiosk,
            )
        )
        guest.addWidget(self.contact_error)
        self.consent_box = QCheckBox(
            self.tr("I agree to receive news and offers")
            if kiosk
            else self.tr("The customer agrees to receive news and offers")
        )
        guest.addWidget(self.consent_box)
        for widget in (self.email_entry, self.phone_entry):
            # checked as it is typed (it was only when the field lost the focus)
            widget.textChanged.connect(lambda _text: self._guest_changed())
        self.consent_box.toggled.connect(lambda _on: self._guest_changed())
        self.customer_card.body.addWidget(self.guest_box)
        left.addWidget(self.customer_card)
        left.addStretch(1)

        # Destination
        self.destination_card = Card(self.tr("3 · Delivery"))
        chips = QHBoxLayout()
        self._dest_group = QButtonGroup(self)
        self.dest_buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("home", self.tr("Home")),
            ("this_store", self.tr("This store")),
            ("other_store", self.tr("Other store")),
        ):
            chip = QPushButton(text)
            chip.setProperty("role", "chip")
            chip.setProperty("dest", True)  # narrow padding: three labels share the card
            chip.setCheckable(True)
            chip.setMinimumHeight(56)
            chip.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            chip.setAccessibleName(self.tr("Deliver to: %1").replace("%1", text))
            chip.clicked.connect(lambda _=False, k=key: self._destination_chosen(k))
            self._dest_group.addButton(chip)
            self.dest_buttons[key] = chip
            chips.addWidget(chip, 1)
        self.destination_card.body.addLayout(chips)
        self.address_box = QWidget()
        grid = QGridLayout(self.address_box)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.address_entries: dict[str, QLineEdit] = {}
        self.address_errors: dict[str, MessageLine] = {}
        self._address_pause = QTimer(self)
        self._address_pause.setSingleShot(True)
        self._address_pause.setInterval(400)
        self._address_pause.timeout.connect(self._address_changed)
        self._quoted_for: object = None  # the basket and destination the options are for
        placeholders = {
            "name": self.tr("Full name"),
            "line1": self.tr("Street and number"),
            "line2": self.tr("Flat, floor (optional)"),
            "postcode": self.tr("Postcode"),
            "city": self.tr("City"),
        }
        self.country_box = QComboBox()
        self.country_box.addItems(list(SUPPORTED_COUNTRIES))
        self.country_box.setAccessibleName(self.tr("Country"))
        self.country_box.currentTextChanged.connect(lambda _t: self._address_changed())
        # postcode and country share the line under them (the postcode's error, with its
        # example, may take two)
        town_error = MessageLine(
            samples=lambda: (
                problem_texts(
                    ("postcode",), (Problem.POSTCODE_FORMAT, Problem.REQUIRED, Problem.TOO_LONG)
                )
                + problem_texts(("country",), (Problem.COUNTRY_UNSUPPORTED,))
            )
        )
        self.address_errors["country"] = town_error
        for i, key in enumerate(ADDRESS_FIELDS):
            entry = PlaceholderWideLineEdit() if key == "postcode" else QLineEdit()
            entry.setPlaceholderText(placeholders[key])
            entry.setAccessibleName(placeholders[key])
            entry.editingFinished.connect(self._address_changed)
            # a pause in the typing is enough: no need to leave the field (or tap again)
            entry.textChanged.connect(lambda _text: self._address_pause.start())
            error = town_error if key == "postcode" else MessageLine(samples=field_texts(key))
            error.hide()
            if key == "postcode":  # with the country; the city has a row of its own
                town_row = QHBoxLayout()
                town_row.addWidget(entry, 1)
                town_row.addWidget(self.country_box)
                grid.addLayout(town_row, 2 * i, 0)
                grid.addWidget(error, 2 * i + 1, 0)
            else:
                grid.addWidget(entry, 2 * i, 0)
                grid.addWidget(error, 2 * i + 1, 0)
            self.address_entries[key] = entry
            self.address_errors[key] = error
        self.saved_addresses = QVBoxLayout()
        grid.addLayout(self.saved_addresses, 2 * len(ADDRESS_FIELDS), 0)
        self.destination_card.body.addWidget(self.address_box)
        right.addWidget(self.destination_card)

        # Options
        self.options_card = Card(self.tr("4 · When and how"))
        self.options_status = label("", "muted", wrap=True)
        self.options_card.body.addWidget(self.options_status)
        self.options_box = QVBoxLayout()
        self.options_box.setSpacing(8)
        self.options_card.body.addLayout(self.options_box)
        self._option_group = QButtonGroup(self)
        self.option_buttons: dict[str, QPushButton] = {}
        right.addWidget(self.options_card)

        right.addStretch(1)

        # Totals: a footer that never scrolls away
        self.totals_card = Card()
        footer = QHBoxLayout()
        footer.setSpacing(16)
        amounts = QVBoxLayout()
        amounts.setSpacing(0)
        # amounts: never cut; the room of large ones kept ("Place order" stays put)
        self.subtotal_label = MessageLine(samples=self._subtotal_samples, role="muted")
        # what stops the order: the room of the longest, so "Place order" never moves
        self.missing_label = MessageLine(
            samples=lambda: problem_texts(PROBLEM_FIELDS, kiosk=self.kiosk), role="muted"
        )
        amounts.addWidget(self.subtotal_label)
        amounts.addWidget(self.missing_label)
        footer.addLayout(amounts, 1)
        footer.addWidget(label(self.tr("Total")), 0, Qt.AlignmentFlag.AlignVCenter)
        self.total_label = label("", "title")
        footer.addWidget(self.total_label, 0, Qt.AlignmentFlag.AlignVCenter)
        self.submit_button = button(self.tr("Place order"), "primary")
        self.submit_button.setMinimumSize(220, 64)
        self.submit_button.clicked.connect(self._submit)
        footer.addWidget(self.submit_button)
        self.totals_card.body.setContentsMargins(20, 8, 12, 8)
        self.totals_card.body.addLayout(footer)
        page_layout.addWidget(self.totals_card)
        return page

    def _build_confirmation(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        left = Card()
        self.conf_heading = label("", "section", wrap=True)
        self.conf_number = label("", "display")
        self.conf_number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conf_status = QLabel()
        status_row = QHBoxLayout()
        status_row.addWidget(self.conf_number)
        status_row.addWidget(self.conf_status, 0, Qt.AlignmentFlag.AlignVCenter)
        status_row.addStretch(1)
        self.conf_message = label("", wrap=True)
        self.conf_promise = label("", wrap=True)
        self.conf_lines = label("", "muted", wrap=True)
        self.conf_total = label("", "title", wrap=True)
        left.body.addWidget(self.conf_heading)
        left.body.addLayout(status_row)
        for w in (self.conf_message, self.conf_promise, self.conf_lines, self.conf_total):
            left.body.addWidget(w)
        left.body.addStretch(1)
        actions = QHBoxLayout()
        self.new_order_button = button(self.tr("New order"), "primary")
        self.new_order_button.clicked.connect(self._new_order)
        actions.addWidget(self.new_order_button)
        self.demo_pay_button = button(self.tr("Mark paid (demo)"))
        self.demo_pay_button.clicked.connect(lambda: self.service.request_demo_payment("till"))
        self.demo_pay_button.setVisible(not self.kiosk)
        actions.addWidget(self.demo_pay_button)
        actions.addStretch(1)
        left.body.addLayout(actions)
        row.addWidget(left, 11)

        self.pay_card = Card(self.tr("Payment"))
        self.pay_till = label(self.tr("Pay at the till: show this code"), wrap=True)
        self.barcode = BarcodeImage("code128", scale=3)
        self.pay_reference = label("", "title")
        self.pay_reference.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pay_reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pay_link = label("", wrap=True)
        self.pay_expiry = label("", "muted", wrap=True)
        for w in (self.pay_till, self.barcode, self.pay_reference, self.pay_link, self.pay_expiry):
            self.pay_card.body.addWidget(w)
        self.pay_card.body.addStretch(1)
        row.addWidget(self.pay_card, 9)
        row.setAlignment(left, Qt.AlignmentFlag.AlignTop)
        row.setAlignment(self.pay_card, Qt.AlignmentFlag.AlignTop)
        return page

    # -- lifecycle -----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.live is not None:
            self.live.start()
        self._start_polling()

    def hideEvent(self, event: QHideEvent) -> None:
        self._poll.cancel()
        if self.live is not None:
            self.live.stop()
        if self._address_pause.isActive():  # typed just before leaving: take it now
            self._address_pause.stop()
            self._address_changed()
        super().hideEvent(event)

    def _teardown(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()

    def take_scan(self, scan: Scan) -> bool:
        """Scans while this screen shows: products go in the basket, loyalty cards attach."""
        if not self.isVisible() or self.pages.currentWidget() is not self.builder:
            return False
        destination = route(scan.text)
        if destination.flow == "product":
            self._work.start(self.service.add_gtin(destination.key))
            return True
        if destination.flow == "customer":
            self._work.start(self._attach(destination.key))
            return True
        return False

    def open_destination(self, destination: Destination, customer_ref: str | None = None) -> None:
        """From elsewhere (the product screen): add this SKU, for the customer being served
        when there is one (their loyalty or customer number)."""
        if destination.key:
            self._start_basket()
            self._work.start(self._add_for(destination.key, customer_ref))

    def order_lines_for(self, lines: list[tuple[str, int]], customer_ref: str) -> None:
        """From the customer screen: their online-cart lines not in stock here."""
        self._start_basket()
        self._work.start(self._add_lines_for(lines, customer_ref))

    def _start_basket(self) -> None:
        """Back to the basket; a fresh one if the last went into an order (which stays
        placed: it is not sent again with the new items)."""
        if self.service.basket_ordered:
            self._new_order()
        self.pages.setCurrentWidget(self.builder)

    async def _add_lines_for(self, lines: list[tuple[str, int]], customer_ref: str) -> None:
        for sku, quantity in lines:
            await self.service.add_sku(sku, quantity)
        if self.service.draft.value.customer is None:
            await self.service.attach_customer(customer_ref)

    async def _add_for(self, sku: str, customer_ref: str | None) -> None:
        await self.service.add_sku(sku)
        if customer_ref and self.service.draft.value.customer is None:
            await self.service.attach_customer(customer_ref)

    # -- actions ---------------------------------------------------------------------------------
    def _submit_code(self) -> None:
        text = self.code_entry.text().strip()
        if not text:
            return
        self.code_entry.clear()
        destination = route(text, allow_search=False)
        if destination.flow == "product":
            self._work.start(self.service.add_gtin(destination.key))
        elif destination.flow == "customer":
            self._work.start(self._attach(destination.key))
        else:
            self._work.start(self.service.add_sku(text))

    def _attach_customer(self) -> None:
        text = self.loyalty_entry.text().strip()
        if text:
            self._work.start(self._attach(text))

    async def _attach(self, code: str) -> None:
        if await self.service.attach_customer(code) is not None:
            self.loyalty_entry.clear()

    def _load_cart(self) -> None:
        self._work.start(self.service.load_online_cart())

    def _guest_changed(self) -> None:
        self.service.set_guest(
            self.email_entry.text(), self.phone_entry.text(), self.consent_box.isChecked()
        )

    def _destination_chosen(self, key: str) -> None:
        dest: DestinationType = key  # type: ignore[assignment]
        self.service.set_destination(dest, self._address_input() if key == "home" else None)
        self._requote()

    def _address_input(self) -> AddressInput:
        values = {k: e.text() for k, e in self.address_entries.items()}
        shown = self._customer_name_shown
        for_customer = shown is not None and values["name"].strip() == shown
        return AddressInput(
            country=self.country_box.currentText(), recipient_is_customer=for_customer, **values
        )

    def _address_changed(self) -> None:
        if self.service.draft.value.destination == "home":
            self.service.set_destination("home", self._address_input())
            self._requote()

    def _fill_address(self, values: dict[str, str]) -> None:
        self._customer_name_shown = values.get("name")
        for key, entry in self.address_entries.items():
            entry.setText(values.get(key, ""))
        self.country_box.setCurrentText(values.get("country", "FR"))
        self._address_changed()

    def _requote(self) -> None:
        if self.service.can_quote():
            self._quote.start(self.service.refresh_options())
        else:
            self._quote.cancel()

    def _change_quantity(self, sku: str, delta: int) -> None:
        if self.service.change_quantity(sku, delta):
            self._requote()

    def _submit(self) -> None:
        self._guest_changed()
        self._submitting.start(self._submit_if_allowed())

    async def _submit_if_allowed(self) -> None:
        if self._may_submit is None or await self._may_submit():
            self.service.submit()

    def _new_order(self) -> None:
        self._poll.cancel()
        self.service.new_order()
        for entry in (self.email_entry, self.phone_entry, self.code_entry, self.loyalty_entry):
            entry.clear()
        for entry in self.address_entries.values():
            entry.clear()
        self.consent_box.setChecked(False)
        self.pages.setCurrentWidget(self.builder)

    def _notice_action(self) -> None:
        state = self.service.submission.value
        if isinstance(state, Refused) and state.next_option is not None:
            self.service.take_next_option()
        elif isinstance(state, Refused):
            self.service.back_to_editing()
            self._requote()
        elif isinstance(self.service.options.state.value, Failed):
            self._requote()

    def _start_polling(self) -> None:
        state = self.service.submission.value
        placed = isinstance(state, Placed) and not state.order.settled
        if self.isVisible() and placed and not self._poll.running:
            live = self.live
            is_live = (lambda: live.is_live) if live is not None else None
            self._poll.start(self.service.watch_payment(self.poll_interval_s, is_live))

    # -- rendering -------------------------------------------------------------------------------
    def _money(self, amount: Decimal, currency: str = "EUR") -> str:
        return format_money(amount, currency, self.language)

    def _subtotal_text(self, subtotal: str, fee: str) -> str:
        return self.tr("Items %1 · delivery %2").replace("%1", subtotal).replace("%2", fee)

    def _subtotal_samples(self) -> list[str]:
        large = self._money(Decimal("99999.99"))
        return [self._subtotal_text(large, fee) for fee in (large, self.tr("free"))]

    def _render_draft(self, draft: OrderDraft) -> None:
        clear_layout(self.lines_box)
        if not draft.lines:
            hint = self.tr("Scan the items to order, or type their barcode.")
            self.lines_box.addWidget(label(hint, "muted", wrap=True))
        for line in draft.lines:
            self.lines_box.addWidget(self._line_row(line))
        customer = draft.customer
        if customer is None and self._customer_name_shown is not None:
            self._customer_name_shown = None  # their name no longer stands for the recipient
            self.address_entries["name"].clear()
        self.customer_info.setVisible(customer is not None)
        self.guest_box.setVisible(customer is None)
        if customer is not None:
            self.customer_label.setText(
                self.tr("%1 · %2 · %3")
                .replace("%1", customer.display_name)
                .replace("%2", customer.tier.capitalize())
                .replace("%3", customer.email_masked)
            )
        self.cart_button.setVisible(customer is not None)
        for key, chip in self.dest_buttons.items():
            chip.setChecked(key == draft.destination)
        self.address_box.setVisible(draft.destination == "home")
        clear_layout(self.saved_addresses)
        if customer is not None and customer.addresses and draft.destination == "home":
            for saved in customer.addresses:
                chip = ChoiceButton(
                    self.tr("Use saved address: %1").replace("%1", address_label(saved.label)),
                    f"{saved.line1}, {saved.postcode} {saved.city}",
                )
                chip.setProperty("role", "option")
                values = {
                    "name": f"{customer.first_name} {customer.last_name_initial}.",
                    "line1": saved.line1,
                    "line2": saved.line2 or "",
                    "postcode": saved.postcode,
                    "city": saved.city,
                    "country": saved.country,
                }
                chip.clicked.connect(lambda _=False, v=values: self._fill_address(v))
                self.saved_addresses.addWidget(chip)
        self._render_address_problems()
        self._render_totals()
        self._requote_if_changed(draft)
        chain_in_layout_order(self)  # new line and address buttons: where they show

    def _requote_if_changed(self, draft: OrderDraft) -> None:
        """The options follow the basket and the destination, whatever changed them (a scan,
        a quantity, the customer's cart, an address typed): ask again when they change."""
        key = (
            tuple((ln.sku, ln.quantity) for ln in draft.lines),
            draft.destination,
            draft.address,
        )
        if key != self._quoted_for:
            self._quoted_for = key
            self._requote()
        if isinstance(self.service.options.state.value, Idle):
            self.options_status.setText(self._options_hint(draft))

    def _options_hint(self, draft: OrderDraft) -> str:
        """Why there are no options to show yet (idle)."""
        if not draft.lines:
            return self.tr("Add items first.")
        if draft.destination == "home":
            return self.tr("Complete the address to see dates and fees.")
        return ""

    def _line_row(self, line: BasketLine) -> QWidget:
        row = QWidget()
        v = QVBoxLayout(row)
        v.setContentsMargins(0, 6, 0, 6)
        v.setSpacing(0)
        variant = " · ".join(x for x in (line.colour, line.size) if x)
        v.addWidget(label(f"{line.name} · {variant}" if variant else line.name, wrap=True))
        h = QHBoxLayout()
        h.setSpacing(8)
        v.addLayout(h)
        stock = (
            self.tr("%1 here\n%2 can be sent")
            .replace("%1", str(line.here))
            .replace("%2", str(line.available))
        )
        h.addWidget(label(stock, "muted"), 1)
        minus = button("−", accessible=self.tr("One less %1").replace("%1", line.name))
        minus.setProperty("role", "qty")
        minus.clicked.connect(lambda _=False, s=line.sku: self._change_quantity(s, -1))
        qty = label(str(line.quantity), "title")
        qty.setMinimumWidth(40)
        qty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qty.setAccessibleName(self.tr("Quantity %1").replace("%1", str(line.quantity)))
        plus = button("+", accessible=self.tr("One more %1").replace("%1", line.name))
        plus.setProperty("role", "qty")
        plus.setEnabled(line.quantity < line.available)
        plus.clicked.connect(lambda _=False, s=line.sku: self._change_quantity(s, +1))
        for w in (minus, qty, plus):
            h.addWidget(w)
        total = label(self._money(line.line_total, line.currency))
        total.setMinimumWidth(96)
        total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        h.addWidget(total)
        row.setObjectName(f"line-{line.sku}")
        return row

    def _render_address_problems(self) -> None:
        problems: dict[str, FieldProblem] = {}
        address = self.service.draft.value.address
        if address is not None and any(v for v in (address.line1, address.postcode, address.city)):
            problems = {p.field: p for p in self.service.address_problems()}
        texts: dict[MessageLine, list[str]] = {error: [] for error in self.address_errors.values()}
        for key, error in self.address_errors.items():
            if (problem := problems.get(key)) is not None:
                texts[error].append(describe_problem(problem))
        for error, lines in texts.items():
            error.show_error(" ".join(lines))

    def _render_options(self, state: RemoteState[FulfilmentOptions]) -> None:
        clear_layout(self.options_box)
        for b in self._option_group.buttons():
            self._option_group.removeButton(b)
        self.option_buttons.clear()
        if isinstance(state, Loading):
            self.options_status.setText(self.tr("Looking for stock and delivery dates…"))
        elif isinstance(state, Failed):
            self.options_status.setText("")
            self.notice.show_message(describe_error(state.error), "error", self.tr("Try again"))
        elif isinstance(state, Loaded):
            options = state.value.options
            self.options_status.setText(
                self.tr("No store and no warehouse can send all of it. Remove or change an item.")
                if not options
                else ""
            )
            for option in options:
                self._option_button(option)
            chain_in_layout_order(self)  # the options: before "Place order"
        else:
            self.options_status.setText(self._options_hint(self.service.draft.value))
        self._render_selection()

    def _option_button(self, option: FulfilmentOption) -> None:
        fee = self.tr("Free") if option.fee == 0 else self._money(option.fee, option.currency)
        b = ChoiceButton(
            option_title(option, self.store_name), promise_text(option.promise, self.language), fee
        )
        b.setCheckable(True)
        b.setProperty("role", "option")
        b.clicked.connect(lambda _=False, oid=option.id: self.service.select_option(oid))
        self._option_group.addButton(b)
        self.option_buttons[option.id] = b
        self.options_box.addWidget(b)

    def _render_selection(self) -> None:
        selected = self.service.selected.value
        # none chosen (a live event cleared it): an exclusive group keeps one checked
        self._option_group.setExclusive(selected is not None)
        for oid, b in self.option_buttons.items():
            b.setChecked(oid == selected)
        self._render_totals()

    def _render_totals(self) -> None:
        totals = self.service.totals()
        fee = (
            "–"
            if totals.fee is None
            else self.tr("free")
            if totals.fee == 0
            else self._money(totals.fee, totals.currency)
        )
        self.subtotal_label.show_error(
            self._subtotal_text(self._money(totals.subtotal, totals.currency), fee)
        )
        self.total_label.setText(self._money(totals.total, totals.currency))
        problems = self.service.problems()
        self.submit_button.setEnabled(not problems)
        self.missing_label.show_error(describe_problem(problems[0], self.kiosk) if problems else "")
        contact = [p for p in problems if p.field in ("email", "phone")]
        touched = bool(self.email_entry.text() or self.phone_entry.text())
        shown = bool(contact) and touched
        self.contact_error.show_error(describe_problem(contact[0], self.kiosk) if shown else "")

    def _render_notice(self, notice: CoreNotice | None) -> None:
        if notice is not None:
            text = describe_notice(notice, kiosk=self.kiosk)
            self.notice.show_message(text, notice.level)
        else:  # what it said no longer holds ("Customer attached" after Remove)
            self.notice.hide()

    def _render_submission(self, state: Submission) -> None:
        if isinstance(state, Refused):
            self.pages.setCurrentWidget(self.builder)
            if state.next_option is not None:
                action = self.tr("Take: %1").replace(
                    "%1", promise_text(state.next_option.promise, self.language)
                )
                text = self.tr("Someone else just took the last units (%1). Next option: %2.")
                text = text.replace("%1", state.detail).replace(
                    "%2", option_title(state.next_option, self.store_name)
                )
                self.notice.show_message(text, "error", action)
            else:
                self.notice.show_message(
                    self.tr("The order was refused: %1").replace("%1", state.detail),
                    "error",
                    self.tr("Change the order"),
                )
            return
        if isinstance(state, Queued):
            self.pages.setCurrentWidget(self.confirmation)
            self._render_queued(state)
        elif isinstance(state, Placed):
            self.pages.setCurrentWidget(self.confirmation)
            self.notice.hide()
            self._render_order(state.order, state.paying)
            self._start_polling()
        else:
            self.pages.setCurrentWidget(self.builder)
        self._render_totals()

    def _render_queued(self, state: Queued) -> None:
        self.conf_heading.setText(self.tr("ORDER SAVED ON THIS DEVICE"))
        # waiting for the network: not "sending…" for ever; "New order" takes the next one
        self.conf_number.setText("" if state.waiting_for_network else self.tr("Sending…"))
        set_badge(self.conf_status, 1, self.tr("Not sent yet"))
        self.conf_message.setText(
            self.tr(
                "No connection to the central system. The order is kept on this device and "
                "will be sent automatically when the network returns."
            )
            if state.waiting_for_network
            else self.tr("The order is being sent to the central system.")
        )
        for w in (self.conf_promise, self.conf_lines, self.conf_total):
            w.setText("")
        self.pay_card.hide()
        self.demo_pay_button.hide()

    def _render_order(self, order: EndlessAisleOrder, paying: bool) -> None:
        self.pay_card.show()
        self.conf_heading.setText(self.tr("ORDER NUMBER"))
        self.conf_number.setText(order.number)
        status = order.payment.status
        if status == "paid":
            set_badge(self.conf_status, 5, self.tr("Paid"))
            self.conf_message.setText(self.tr("Payment received. The order is on its way."))
        elif status == "expired":
            set_badge(self.conf_status, 0, self.tr("Expired"))
            self.conf_message.setText(
                self.tr(
                    "It was not paid in time: the reserved items went back on sale. "
                    "Start a new order if you still want them."
                )
                if self.kiosk
                else self.tr(
                    "It was not paid in time: the reserved items went back on sale. "
                    "Start a new order if the customer still wants them."
                )
            )
        else:
            set_badge(self.conf_status, 1, self.tr("Awaiting payment"))
            self.conf_message.setText(
                self.tr("The items are reserved for you. Pay by the link we sent, or at the till.")
                if self.kiosk
                else self.tr(
                    "The items are reserved. The customer pays at the till or by the link."
                )
            )
        self.conf_promise.setText(
            option_title(order.option, self.store_name)
            + " · "
            + promise_text(order.option.promise, self.language)
        )
        self.conf_lines.setText(
            "\n".join(
                self.tr("%1 × %2").replace("%1", str(ln.quantity)).replace("%2", ln.name)
                for ln in order.lines
            )
        )
        fee = (
            self.tr("free")
            if order.shipping_fee == 0
            else self._money(order.shipping_fee, order.currency)
        )
        self.conf_total.setText(
            self.tr("Total %1 (delivery %2)")
            .replace("%1", self._money(order.total, order.currency))
            .replace("%2", fee)
        )
        self.barcode.setVisible(status == "awaiting_payment")
        self.pay_till.setVisible(status == "awaiting_payment")
        if self.kiosk:  # nothing to show it on: the link was sent, a photo keeps the code
            self.pay_till.setText(
                self.tr(
                    "Pay with the link we sent to %1, or at the till: show this code "
                    "(take a photo of it)."
                ).replace("%1", order.payment.link_sent_to or "–")
            )
            self.new_order_button.setText(
                self.tr("Done, I have my code") if status == "awaiting_payment" else self.tr("Done")
            )
        self.barcode.set_code(order.payment.reference)
        self.pay_reference.setText(order.payment.reference)
        sent_to = order.payment.link_sent_to or "–"
        paid_by = self.tr("by link") if order.payment.paid_by == "link" else self.tr("at the till")
        link_status = {
            "sent": self.tr("Payment link sent to %1: waiting for payment.").replace("%1", sent_to),
            "paid": self.tr("Paid %1.").replace("%1", paid_by),
            "expired": self.tr("Payment link expired."),
        }[order.payment.link_status]
        self.pay_link.setText(link_status)
        expires = order.reservation_expires_at
        self.pay_expiry.setText(
            self.tr("Items reserved until %1.").replace("%1", format_time(expires))
            if expires
            else ""
        )
        self.demo_pay_button.setVisible(not self.kiosk and status == "awaiting_payment")
        self.demo_pay_button.setEnabled(not paying)


class EndlessAisleFlow:
    """Plugs the endless-aisle screen into the main window ("endless_aisle" destinations
    carry a SKU to add, e.g. from an "Order this" button on the product screen)."""

    handles: tuple[str, ...] = ("endless_aisle",)

    def __init__(self, window: FlowHost, core: EndlessAisleService) -> None:
        services = window.services
        self._window = window
        self.service = core
        self._live = LiveBasket(self.service, services.live, services.store_code)
        self._screen = EndlessAisleScreen(
            self.service,
            language=services.language,
            kiosk=services.mode == "kiosk",
            store_name=services.store_name,
            may_submit=lambda: window.confirm_gate(OfflineFlow.ENDLESS_AISLE),
            live=self._live,
        )
        self._pop = services.scans.push(self._screen.take_scan)
        self._screen.destroyed.connect(lambda *_: self._close())

    def _close(self) -> None:
        self._pop()
        self._live.stop()
        self.service.close()

    def idle_note(self) -> str | None:
        """What the kiosk's "Still here?" prompt must add before the reset wipes this screen:
        an order awaiting payment whose code the customer has not confirmed they have."""
        state = self.service.submission.value
        if not isinstance(state, Placed) or state.order.payment.status != "awaiting_payment":
            return None
        return (
            QCoreApplication.translate(
                "EndlessAisle",
                "Your order %1 will be cleared from this screen. The payment link was sent "
                "to %2: you can still pay with it.",
            )
            .replace("%1", state.order.number)
            .replace("%2", state.order.payment.link_sent_to or "–")
        )

    def adopt_session(self, previous: object) -> None:
        """The kiosk switched language: the basket, customer, delivery and order carry on."""
        old = getattr(previous, "service", None)
        if not isinstance(old, EndlessAisleService):
            return
        s = self.service
        s.draft.set(old.draft.value)
        s.options.adopt(old.options)
        s.selected.set(old.selected.value)
        s.submission.set(old.submission.value)
        if isinstance(s.options.state.value, Loading):  # its request died with the old screen
            self._screen._requote()

    def nav_label(self) -> str | None:
        return QCoreApplication.translate("EndlessAisle", "Endless aisle")

    def screen(self) -> QWidget:
        return self._screen

    def open(self, destination: Destination, customer_ref: str | None = None) -> None:
        if not self._window.offline_gate(OfflineFlow.ENDLESS_AISLE):  # refused up front
            return
        self._screen.open_destination(destination, customer_ref)

    def modes(self) -> tuple[str, ...]:
        return ("associate", "kiosk")
