"""Click-and-collect: the associate's pickup queue and step-by-step hand-over, and the flow.

The screen renders the core's states (``PickupQueue.items``, ``PickupSession.state``) and
calls the core; it owns no business rule. While the verify or item-check step is showing,
scans go to it (``services.scans.push``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
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

from kiosk_app.flows.pickup.key_fetch import KeyFetch
from kiosk_app.flows.pickup.models import PickupSummary
from kiosk_app.flows.pickup.rules import ID_DOCUMENTS, VerificationMethod
from kiosk_app.flows.pickup.session import (
    LineProgress,
    PickupMessage,
    PickupServices,
    SessionState,
    Step,
)
from kiosk_app.flows.pickup.ui.texts import (
    document_text,
    message_text,
    method_text,
    overdue_text,
    status_text,
    verification_hint,
)
from kiosk_app.kernel.offline.policy import OfflineFlow
from kiosk_app.kernel.remote_state import Failed, Loaded, Loading, RemoteState
from kiosk_app.kernel.routing import Destination, route
from kiosk_app.kernel.scan.results import PickupQR
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.ui.dates import format_date_time, format_time
from kiosk_app.ui.messages import describe_error
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import Card, button, clear_layout, label
from kiosk_app.ui.widgets.focus_order import chain_in_layout_order
from kiosk_app.ui.widgets.keypad import NumericKeypad
from kiosk_app.ui.widgets.notice import Notice
from kiosk_app.ui.widgets.responsive import StackWhenNarrow
from kiosk_app.ui.widgets.signature_pad import SignaturePad
from kiosk_app.ui.widgets.touch import make_kinetic

if TYPE_CHECKING:
    from kiosk_app.ui.navigator import FlowHost

REFRESH_MS = 4000
#: under this screen width a hand-over step stacks its two cards (portrait tablets; 1024 x 768
#: keeps them side by side). Queue rows stack under the common 980 px (see responsive.py).
SESSION_NARROW = 760


def _clock(value: datetime | None) -> str:
    if value is None:
        return "–"
    return format_date_time(value)


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _pill(status: str) -> QLabel:
    pill = QLabel(status_text(status))
    pill.setProperty(
        "pill",
        "waiting" if status == "customer_waiting" else "ready" if status == "ready" else "other",
    )
    return pill


class QueueRow(QPushButton):
    """One order of the queue; tapping it opens the hand-over.

    Wide: name | time | status. Narrow (``set_narrow``): the time goes under the name.
    """

    def __init__(
        self, item: PickupSummary, narrow: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.order_number = item.order_number
        self.setProperty("role", "queueRow")
        self.setProperty("waiting", item.status == "customer_waiting")
        self.setProperty("overdue", item.overdue)
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 10, 18, 10)
        row.setSpacing(16)
        self._details = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._details.setSpacing(16)
        who = QVBoxLayout()
        who.setSpacing(2)
        name = label(item.customer_name, "title")
        name.setStyleSheet("font-size: 21px;")
        who.addWidget(name)
        who.addWidget(
            label(
                self.tr("%1 · %n item(s)", "", item.item_count).replace("%1", item.order_number),
                "muted",
            )
        )
        self._details.addLayout(who, 3)
        when = QVBoxLayout()
        when.setSpacing(2)
        if item.status == "customer_waiting" and item.checked_in_at:
            when.addWidget(label(self.tr("Arrived %1").replace("%1", _clock(item.checked_in_at))))
        else:
            when.addWidget(label(self.tr("Promised %1").replace("%1", _clock(item.promised_at))))
        late = label(overdue_text(item.overdue_reason), "late")
        late.setVisible(item.overdue)
        when.addWidget(late)
        self._details.addLayout(when, 2)
        row.addLayout(self._details, 1)
        self._pill = _pill(item.status)
        row.addWidget(self._pill, 0, Qt.AlignmentFlag.AlignVCenter)
        self._row = row
        self._style_min_height: int | None = None
        self.set_narrow(narrow)
        accessible = self.tr("%1, order %2, %3").replace("%1", item.customer_name)
        accessible = accessible.replace("%2", item.order_number)
        accessible = accessible.replace("%3", status_text(item.status))
        if item.overdue:
            accessible += " – " + overdue_text(item.overdue_reason)
        self.setAccessibleName(accessible)

    def set_narrow(self, narrow: bool) -> None:
        self._details.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        self._details.setSpacing(6 if narrow else 16)
        self._row.setAlignment(
            self._pill, Qt.AlignmentFlag.AlignTop if narrow else Qt.AlignmentFlag.AlignVCenter
        )
        if self.isVisible():
            self._fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()  # polished now: the labels have their real fonts

    def _fit_height(self) -> None:
        """As tall as the lines inside (a button's own size hint ignores its layout, and
        the style sheet's min-height would squeeze four stacked lines into two lines' room)."""
        if self._style_min_height is None:
            self._style_min_height = self.minimumHeight()
        self.setMinimumHeight(max(self._style_min_height, self._row.minimumSize().height()))


class PickupScreen(QWidget):
    """Queue of this store's pickups and the verify → items → hand-over → done flow."""

    def __init__(self, window: FlowHost, core: PickupServices) -> None:
        super().__init__()
        self.setObjectName("screen")
        self.setProperty("screen", "pickup")  # its rules are in the theme (theme.py)
        self._window = window
        self.core = core
        self._queue_task = TaskSlot(self)
        self._session_task = TaskSlot(self)
        self._pop_capture: list[object] = []
        self._release_capture: object = None
        self._reason_for: tuple[int, str] | None = None
        self._shown = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.queue_page = self._build_queue_page()
        self.session_page = self._build_session_page()
        self.pages.addWidget(self.queue_page)
        self.pages.addWidget(self.session_page)
        # Narrow screens: queue rows put the time under the name; a step's cards stack.
        self._queue_layout = StackWhenNarrow(self, [])
        self._queue_layout.changed.connect(self._relayout_queue)
        self._session_layout = StackWhenNarrow(
            self, [self._verify_row, self._handover_row, self._items_bottom], SESSION_NARROW
        )
        self._session_layout.changed.connect(self._relayout_session)

        self.timer = QTimer(self)  # while the live events do not arrive
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._periodic_refresh)
        from kiosk_app.flows.pickup.ui.queue_rows import QueueRows

        self._rows = QueueRows(self.queue_rows, self.open_order)
        #: the order numbers the last render marked as changed
        self.marked_rows: list[str] = []

        unsubscribe = [
            core.queue.items.state.subscribe(self.render_queue),
            core.session.state.subscribe(self.render_session),
        ]
        live = window.services.live
        if live is not None:
            unsubscribe.append(live.live.subscribe(self._on_live, now=False))

        def release(*_: object) -> None:
            for fn in unsubscribe:
                fn()
            core.close()

        self.destroyed.connect(release)

    # ==== building ================================================================================
    def _build_queue_page(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(12)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Pickups"), "title"))
        self.queue_status = label("", "muted", wrap=True)
        self.queue_status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.queue_status, 1)
        self.refresh_button = button(
            self.tr("Refresh"), accessible=self.tr("Refresh the pickup queue")
        )
        self.refresh_button.clicked.connect(lambda: self.refresh())
        top.addWidget(self.refresh_button)
        col.addLayout(top)
        search = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Order no., pickup code or name"))
        self.search.setAccessibleName(self.tr("Find a pickup"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.search.returnPressed.connect(self._submit_search)
        search.addWidget(self.search, 1)
        self.search_button = button(self.tr("Find"), "primary", accessible=self.tr("Find a pickup"))
        self.search_button.clicked.connect(self._submit_search)
        search.addWidget(self.search_button)
        col.addLayout(search)
        col.addWidget(
            label(
                self.tr(
                    "Customers waiting come first, then the oldest promised. Scan a pickup QR "
                    "or type a pickup code to open an order."
                ),
                "muted",
                wrap=True,
            )
        )
        self.queue_notice = Notice()
        self.queue_notice.action.clicked.connect(lambda: self.refresh())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_kinetic(scroll)
        holder = QWidget()
        self.queue_rows = QVBoxLayout(holder)
        self.queue_rows.setContentsMargins(0, 0, 8, 0)
        self.queue_rows.setSpacing(10)
        self.queue_rows.addStretch(1)
        scroll.setWidget(holder)
        col.addWidget(scroll, 1)
        self.queue_scroll = scroll
        self._back_to_top = False
        # a background refresh that failed says so over the list, which stays in place
        self.queue_notice.float_over(scroll)
        return page

    def _build_session_page(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(10)
        top = QHBoxLayout()
        self.back_button = button(
            self.tr("‹ Pickups"), accessible=self.tr("Back to the pickup queue")
        )
        self.back_button.clicked.connect(self.show_queue)
        top.addWidget(self.back_button)
        heading = QVBoxLayout()
        heading.setSpacing(0)
        self.order_title = label("", "title")
        self.order_sub = label("", "muted")
        heading.addWidget(self.order_title)
        heading.addWidget(self.order_sub)
        top.addLayout(heading, 1)
        # a pill from the start: a re-polish later changes its colours but would not give a
        # plain label the pill's padding (the status touched the edge, "Client en attente")
        self.status_pill = _pill("other")
        self.status_pill.setText("")
        top.addWidget(self.status_pill, 0, Qt.AlignmentFlag.AlignVCenter)
        col.addLayout(top)
        steps = QHBoxLayout()
        steps.setSpacing(6)
        self.step_labels: dict[str, QLabel] = {}
        for key, text in (
            ("verify", self.tr("1  Verify")),
            ("items", self.tr("2  Items")),
            ("handover", self.tr("3  Hand-over")),
            ("done", self.tr("4  Done")),
        ):
            lab = label(text, "step")
            self.step_labels[key] = lab
            steps.addWidget(lab)
        steps.addStretch(1)
        col.addLayout(steps)
        self.notice = Notice()
        self.notice.reserve_in(col)  # "Saved… sending" moves no button
        self.content = QStackedWidget()
        col.addWidget(self.content, 1)
        self.message_view = self._build_message_view()
        self.verify_view = self._build_verify_view()
        self.items_view = self._build_items_view()
        self.handover_view = self._build_handover_view()
        for view in (self.message_view, self.verify_view, self.items_view, self.handover_view):
            self.content.addWidget(view)
        return page

    def _build_message_view(self) -> QWidget:
        view = QWidget()
        col = QVBoxLayout(view)
        col.addStretch(1)
        self.big_mark = label("", "mark")
        self.big_mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.big_text = label("", "big", wrap=True)
        self.big_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.big_detail = label("", wrap=True)
        self.big_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.big_mark, self.big_text, self.big_detail):
            col.addWidget(w)
        row = QHBoxLayout()
        row.addStretch(1)
        self.next_button = button(self.tr("Next pickup"), "primary")
        self.next_button.setMinimumWidth(260)
        self.next_button.clicked.connect(self.show_queue)
        row.addWidget(self.next_button)
        row.addStretch(1)
        col.addSpacing(16)
        col.addLayout(row)
        col.addStretch(2)
        return view

    def _build_verify_view(self) -> QWidget:
        # In a vertical scroll area: stacked on a portrait tablet, the cards can be taller
        # than the screen (no kinetic scrolling: a drag on the keypad must not scroll).
        view = QScrollArea()
        view.setWidgetResizable(True)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        view.setWidget(holder)
        col = QVBoxLayout(holder)
        col.setContentsMargins(0, 0, 8, 0)
        self.verify_hint = label("", wrap=True)
        self.verify_hint.setStyleSheet("font-size: 20px; font-weight: 600;")
        col.addWidget(self.verify_hint)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(16)
        col.addLayout(row, 1)
        self._verify_row = row

        self.code_card = Card(self.tr("Pickup code or QR code"))
        self.code_entry = QLineEdit()
        self.code_entry.setMaxLength(6)
        self.code_entry.setPlaceholderText(self.tr("6-digit code"))
        self.code_entry.setAccessibleName(self.tr("Customer's pickup code"))
        self.code_entry.returnPressed.connect(self._check_code)
        self.code_card.body.addWidget(self.code_entry)
        keypad = NumericKeypad(self.code_entry)
        keypad.submitted.connect(self._check_code)
        self.code_card.body.addWidget(keypad)
        self.code_card.body.addWidget(
            label(self.tr("Or scan the QR code on the customer's phone."), "muted", wrap=True)
        )
        row.addWidget(self.code_card, 1, Qt.AlignmentFlag.AlignTop)

        right = QVBoxLayout()
        right.setSpacing(16)
        self.id_card = Card(self.tr("Identity document checked"))
        self.id_card.body.addWidget(
            label(self.tr("Check the name on the document, then tap it:"), "muted", wrap=True)
        )
        id_grid = QGridLayout()
        id_grid.setSpacing(8)
        for i, doc in enumerate(ID_DOCUMENTS):
            chip = button(document_text(doc), "chip")
            chip.clicked.connect(lambda _=False, d=doc: self.core.session.verify_id(d))
            id_grid.addWidget(chip, i // 2, i % 2)
        self.id_card.body.addLayout(id_grid)
        right.addWidget(self.id_card)

        self.alt_card = Card(self.tr("Someone else collects"))
        self.alt_name = label("", wrap=True)
        self.alt_card.body.addWidget(self.alt_name)
        self.alt_entry = QLineEdit()
        self.alt_entry.setPlaceholderText(self.tr("Name on their ID document"))
        self.alt_entry.setAccessibleName(self.tr("Name of the person collecting"))
        self.alt_entry.setMaxLength(120)
        self.alt_card.body.addWidget(self.alt_entry)
        alt_grid = QGridLayout()
        alt_grid.setSpacing(8)
        for i, doc in enumerate(ID_DOCUMENTS):
            chip = button(document_text(doc), "chip")
            chip.clicked.connect(
                lambda _=False, d=doc: self.core.session.verify_alternate(self.alt_entry.text(), d)
            )
            alt_grid.addWidget(chip, i // 2, i % 2)
        self.alt_card.body.addLayout(alt_grid)
        right.addWidget(self.alt_card)
        right.addStretch(1)
        row.addLayout(right, 1)
        return view

    def _build_items_view(self) -> QWidget:
        view = QWidget()
        col = QVBoxLayout(view)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(10)
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Scan each item"), "title"))
        head.addStretch(1)
        self.items_progress = label("", "count")
        head.addWidget(self.items_progress)
        col.addLayout(head)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_kinetic(scroll)
        card = Card()
        self.line_rows = QVBoxLayout()
        self.line_rows.setSpacing(4)
        card.body.addLayout(self.line_rows)
        holder = QWidget()
        holder_col = QVBoxLayout(holder)
        holder_col.setContentsMargins(0, 0, 8, 0)
        holder_col.addWidget(card)
        holder_col.addStretch(1)
        scroll.setWidget(holder)
        col.addWidget(scroll, 1)
        bottom = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # narrow: the field above
        self._items_bottom = bottom
        self.item_entry = QLineEdit()
        self.item_entry.setPlaceholderText(self.tr("Type an item barcode if it will not scan"))
        self.item_entry.setAccessibleName(self.tr("Item barcode"))
        self.item_entry.setMaxLength(100)
        self.item_entry.returnPressed.connect(self._typed_item)
        bottom.addWidget(self.item_entry, 1)
        item_buttons = QHBoxLayout()
        check = button(self.tr("Check item"))
        check.clicked.connect(self._typed_item)
        item_buttons.addWidget(check)
        self.to_handover_button = button(self.tr("Continue to hand-over ›"), "primary")
        self.to_handover_button.clicked.connect(lambda: self.core.session.to_handover())
        item_buttons.addWidget(self.to_handover_button, 1)
        bottom.addLayout(item_buttons)
        col.addLayout(bottom)
        return view

    def _build_handover_view(self) -> QWidget:
        view = QWidget()
        col = QVBoxLayout(view)
        col.setContentsMargins(0, 0, 0, 0)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(16)
        col.addLayout(row, 1)
        self._handover_col, self._handover_row = col, row
        self.summary_card = Card(self.tr("Hand-over summary"))
        self.summary_rows = QVBoxLayout()
        self.summary_rows.setSpacing(6)
        self.summary_card.body.addLayout(self.summary_rows)
        row.addWidget(self.summary_card, 1, Qt.AlignmentFlag.AlignTop)
        sign_card = Card(self.tr("Customer signature (optional)"))
        self.signature = SignaturePad()
        sign_card.body.addWidget(self.signature, 1)
        clear = button(self.tr("Clear signature"))
        clear.clicked.connect(self.signature.clear)
        sign_card.body.addWidget(clear, 0, Qt.AlignmentFlag.AlignRight)
        row.addWidget(sign_card, 1)
        self.sign_card = sign_card
        bottom = QHBoxLayout()
        back = button(self.tr("‹ Back to items"))
        back.clicked.connect(lambda: self.core.session.back_to_items())
        bottom.addWidget(back)
        bottom.addStretch(1)
        self.complete_button = button(self.tr("Hand over and complete"), "primary")
        self.complete_button.setMinimumWidth(320)
        self.complete_button.clicked.connect(self._complete)
        bottom.addWidget(self.complete_button)
        col.addLayout(bottom)
        col.addStretch(0)  # narrow: the space left goes under the buttons
        return view

    # ==== queue ===================================================================================
    def refresh(self, query: str | None = None) -> None:
        self._queue_task.start(self.core.queue.refresh(query))

    def _periodic_refresh(self) -> None:
        if self.pages.currentWidget() is self.queue_page and not self._queue_task.running:
            self.refresh()

    def _on_live(self, live: bool) -> None:
        """Live: the events keep the queue current, no polling. Not live: poll again. Both
        ways the queue is read once now (a queue whose last read failed is read again)."""
        self._poll_unless_live()
        if self._shown:
            self._periodic_refresh()

    def _poll_unless_live(self) -> None:
        if self._shown and not self.core.live.is_live:
            self.timer.start()
        else:
            self.timer.stop()

    def _submit_search(self) -> None:
        text = self.search.text().strip()
        destination = route(text, allow_search=False) if text else None
        if destination is not None and destination.flow in ("pickup", "order"):
            self.search.clear()
            self.open_destination(destination)
            return
        self.refresh(text)

    def render_queue(self, state: RemoteState[list[PickupSummary]]) -> None:
        if isinstance(state, Loading):
            self.queue_status.setText(self.tr("Refreshing…"))
            return
        if isinstance(state, Failed):
            self.queue_status.setText("")
            self.queue_notice.show_message(
                self.tr("Could not refresh the queue: %1").replace(
                    "%1", describe_error(state.error)
                ),
                "error",
                self.tr("Try again"),
            )
            return
        if not isinstance(state, Loaded):
            return
        self.queue_notice.hide()
        items: list[PickupSummary] = state.value
        top = self._back_to_top or self.queue_scroll.verticalScrollBar().value() == 0
        self._back_to_top = False
        empty = None
        if not items:
            empty = label(
                self.tr("No pickup matches “%1”.").replace("%1", self.core.queue.query)
                if self.core.queue.query
                else self.tr("No pickup orders waiting in this store."),
                "muted",
            )
        # rows that did not change stay; new and changed ones are briefly marked
        self.marked_rows = self._rows.show(
            items, self.core.queue.query, self._queue_layout.narrow, empty
        )
        waiting = sum(1 for i in items if i.status == "customer_waiting")
        self.queue_status.setText(
            self.tr("%n order(s) · %1 waiting · updated %2", "", len(items))
            .replace("%1", str(waiting))
            .replace("%2", format_time(datetime.now()))
        )
        chain_in_layout_order(self)
        if top:  # rows rebuilt: waiting customers (first) stay in view
            self.queue_scroll.verticalScrollBar().setValue(0)

    def queue_order_numbers(self) -> list[str]:
        numbers: list[str] = []
        for i in range(self.queue_rows.count()):
            item = self.queue_rows.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QueueRow):
                numbers.append(widget.order_number)
        return numbers

    def _relayout_queue(self, narrow: bool) -> None:
        for i in range(self.queue_rows.count()):
            item = self.queue_rows.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QueueRow):
                widget.set_narrow(narrow)

    def _relayout_session(self, narrow: bool) -> None:
        # Stacked, the cards keep their natural height (a signature pad as tall as a
        # portrait screen is no use) and the space left goes below them.
        self._verify_row.setStretchFactor(self.code_card, 0 if narrow else 1)
        self._handover_row.setStretchFactor(self.summary_card, 0 if narrow else 1)
        self._handover_row.setStretchFactor(self.sign_card, 0 if narrow else 1)
        self._handover_col.setStretchFactor(self._handover_row, 0 if narrow else 1)
        policy = QSizePolicy.Policy.Preferred if narrow else QSizePolicy.Policy.Expanding
        self.signature.setSizePolicy(QSizePolicy.Policy.Expanding, policy)
        self.signature.setMinimumHeight(260 if narrow else 160)
        if self.core.session.current.step is Step.ITEMS:
            self._render_items(self.core.session.current)  # the line buttons move

    def show_queue(self) -> None:
        self.core.session.reset()
        # back from an order: the queue from its top, where waiting customers come first
        # (left where the last order was, it hid them and the wrong order was tapped)
        self.queue_scroll.verticalScrollBar().setValue(0)
        self._back_to_top = True  # and again once the refreshed rows are in
        self.pages.setCurrentWidget(self.queue_page)
        self.refresh_button.setFocus()  # the focus is not left on a row at the bottom
        self._update_capture()
        self.refresh()

    # ==== session =================================================================================
    def open_destination(self, destination: Destination) -> None:
        self._enter_session()
        scan = destination.scan
        if isinstance(scan, PickupQR):
            self._session_task.start(self.core.session.open_qr(scan.token))
        elif destination.flow == "pickup":
            self._session_task.start(self.core.session.open_code(destination.key))
        else:
            self._session_task.start(self.core.session.open_order(destination.key))

    def open_order(self, order_number: str) -> None:
        self._enter_session()
        self._session_task.start(self.core.session.open_order(order_number))

    def _enter_session(self) -> None:
        self.signature.clear()
        self.code_entry.clear()
        self.alt_entry.clear()
        self.item_entry.clear()
        self._reason_for = None
        self.pages.setCurrentWidget(self.session_page)

    def _check_code(self) -> None:
        code = self.code_entry.text().strip()
        self._session_task.start(self.core.session.verify_code(code))
        self.code_entry.clear()

    def _typed_item(self) -> None:
        text = self.item_entry.text().strip()
        if text:
            self.core.session.scan_item(text)
        self.item_entry.clear()

    def _complete(self) -> None:
        verification = self.core.session.current.verification
        method = verification.method.value if verification is not None else ""
        flow = {
            "signed_qr": OfflineFlow.PICKUP_SIGNED_QR,
            "pickup_code": OfflineFlow.PICKUP_CODE,
        }.get(method, OfflineFlow.PICKUP_ID)
        if not self._window.offline_gate(flow):
            return
        self.core.session.complete(self.signature.svg_path())

    def _on_scan(self, scan: Scan) -> bool:
        """While verifying or checking items, every scan belongs to this pickup."""
        step = self.core.session.current.step
        if step is Step.ITEMS:
            self.core.session.scan_item(scan.text)
            return True
        if step is Step.VERIFY:
            destination = route(scan.text, allow_search=False)
            if destination.flow == "pickup" and not isinstance(destination.scan, PickupQR):
                self._session_task.start(self.core.session.verify_code(destination.key))
            else:
                self._session_task.start(self.core.session.verify_qr_text(scan.text))
            return True
        return False

    def _update_capture(self) -> None:
        wanted = (
            self._shown
            and self.pages.currentWidget() is self.session_page
            and self.core.session.current.step in (Step.VERIFY, Step.ITEMS)
        )
        if wanted and self._release_capture is None:
            self._release_capture = self._window.services.scans.push(self._on_scan)
        elif not wanted and self._release_capture is not None:
            release = self._release_capture
            self._release_capture = None
            if callable(release):
                release()

    @property
    def capturing_scans(self) -> bool:
        return self._release_capture is not None

    def render_session(self, state: SessionState) -> None:
        order = state.order
        if order is not None:
            self.order_title.setText(self.tr("Order %1").replace("%1", order.order_number))
            who = order.customer_name
            if order.alternate_person:
                who += " · " + self.tr("collected by %1").replace("%1", order.alternate_person)
            self.order_sub.setText(who + " · " + self.tr("%n item(s)", "", order.item_count))
            status = state.result.status if state.result is not None else order.status
            self.status_pill.setText(status_text(status))
            self.status_pill.setProperty(
                "pill",
                "waiting"
                if status == "customer_waiting"
                else "ready"
                if status in ("ready", "collected", "partially_collected")
                else "other",
            )
            _repolish(self.status_pill)
            self.status_pill.setVisible(state.step is not Step.CONFLICT)
        else:
            self.order_title.setText(
                self.tr("Opening %1…").replace("%1", state.what)
                if state.step is Step.LOADING
                else ""
            )
            self.order_sub.setText("")
            self.status_pill.hide()
        self._render_steps(state.step)
        self._render_notice(state)
        step = state.step
        if step is Step.VERIFY:
            self._render_verify(state)
            self.content.setCurrentWidget(self.verify_view)
        elif step is Step.ITEMS:
            self._render_items(state)
            self.content.setCurrentWidget(self.items_view)
        elif step is Step.HANDOVER:
            self._render_summary(state)
            self.complete_button.setEnabled(True)
            self.content.setCurrentWidget(self.handover_view)
        elif step is Step.SENDING:
            self.complete_button.setEnabled(False)
            self.content.setCurrentWidget(self.handover_view)
        else:
            self._render_message(state)
            self.content.setCurrentWidget(self.message_view)
        self._update_capture()

    def _render_steps(self, step: Step) -> None:
        order = ["verify", "items", "handover", "done"]
        current = {
            Step.VERIFY: "verify",
            Step.ITEMS: "items",
            Step.HANDOVER: "handover",
            Step.SENDING: "handover",
            Step.SAVED: "handover",
            Step.DONE: "done",
        }.get(step)
        index = order.index(current) if current else -1
        for i, key in enumerate(order):
            lab = self.step_labels[key]
            lab.setProperty("current", i == index)
            lab.setProperty("done", 0 <= i < index)
            _repolish(lab)

    def _render_notice(self, state: SessionState) -> None:
        message = state.message
        big_steps = (Step.DONE, Step.SAVED, Step.CONFLICT, Step.FAILED, Step.REFUSED, Step.LOADING)
        if message is None or state.step in big_steps:
            self.notice.hide()
            return
        self.notice.show_message(message_text(message), message.level)

    def _render_verify(self, state: SessionState) -> None:
        order = state.order
        if order is None:
            return
        accepted = state.accepted
        self.verify_hint.setText(
            verification_hint(order.verification_method, [m.value for m in accepted])
        )
        self.code_card.setVisible(
            VerificationMethod.PICKUP_CODE in accepted or VerificationMethod.SIGNED_QR in accepted
        )
        self.id_card.setVisible(VerificationMethod.ID_CHECK in accepted)
        self.alt_card.setVisible(VerificationMethod.ALTERNATE_PERSON in accepted)
        self.alt_name.setText(
            self.tr("Named on the order: %1").replace("%1", order.alternate_person or "")
        )

    def _render_items(self, state: SessionState) -> None:
        clear_layout(self.line_rows)
        for line in state.lines:
            self.line_rows.addWidget(self._line_row(line))
        checked = sum(ln.quantity - ln.remaining for ln in state.lines)
        self.items_progress.setText(
            self.tr("%1 / %2 checked")
            .replace("%1", str(checked))
            .replace("%2", str(state.ordered_units))
        )
        self.items_progress.setProperty("complete", state.all_accounted)
        _repolish(self.items_progress)
        self.to_handover_button.setEnabled(state.can_hand_over)
        chain_in_layout_order(self)

    def _line_row(self, line: LineProgress) -> QWidget:
        row = QFrame()
        row.setProperty("lineRow", True)
        col = QVBoxLayout(row)
        col.setContentsMargins(0, 8, 0, 8)
        top = QHBoxLayout()
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(label(line.name, wrap=True))
        text.addWidget(
            label(
                self.tr("SKU %1 · GTIN %2").replace("%1", line.sku).replace("%2", line.gtin),
                "muted",
            )
        )
        if line.missing or line.damaged:
            parts = []
            if line.missing:
                parts.append(self.tr("%n missing", "", line.missing))
            if line.damaged:
                parts.append(self.tr("%n damaged", "", line.damaged))
            text.addWidget(
                label(" · ".join(parts) + " — " + self._reason_label(line.reason), "late")
            )
        top.addLayout(text, 1)
        count = label(
            self.tr("%1 / %2").replace("%1", str(line.scanned)).replace("%2", str(line.quantity)),
            "count",
        )
        count.setProperty("complete", line.done)
        count.setMinimumWidth(90)
        count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        count.setAccessibleName(
            self.tr("%1 of %2 scanned")
            .replace("%1", str(line.scanned))
            .replace("%2", str(line.quantity))
        )
        top.addWidget(count)
        actions = top
        if self._session_layout.narrow:  # the buttons go under the name, right-aligned
            actions = QHBoxLayout()
            actions.addStretch(1)
            col.addLayout(top)
        if line.remaining > 0:
            missing = button(
                self.tr("Missing"), accessible=self.tr("Mark %1 missing").replace("%1", line.name)
            )
            missing.clicked.connect(lambda _=False, n=line.line_no: self._ask_reason(n, "missing"))
            damaged = button(
                self.tr("Damaged"), accessible=self.tr("Mark %1 damaged").replace("%1", line.name)
            )
            damaged.clicked.connect(lambda _=False, n=line.line_no: self._ask_reason(n, "damaged"))
            actions.addWidget(missing)
            actions.addWidget(damaged)
        if line.scanned or line.missing or line.damaged:
            undo = button(
                self.tr("Undo"), accessible=self.tr("Start %1 again").replace("%1", line.name)
            )
            undo.clicked.connect(lambda _=False, n=line.line_no: self.core.session.reset_line(n))
            actions.addWidget(undo)
        col.addLayout(actions)
        if self._reason_for is not None and self._reason_for[0] == line.line_no:
            kind = self._reason_for[1]
            reasons = (
                ["not_on_shelf", "sold_out", "other"]
                if kind == "missing"
                else ["damaged_packaging", "defective", "stained_or_torn"]
            )
            question = label(
                self.tr("Why is it missing?") if kind == "missing" else self.tr("What is damaged?"),
                "section",
            )
            chips = QHBoxLayout()
            if self._session_layout.narrow:  # the question above the chips
                col.addWidget(question)
            else:
                chips.addWidget(question)
            for reason in reasons:  # stable codes go to the server; people see labels
                chip = button(self._reason_label(reason), "chip")
                chip.clicked.connect(
                    lambda _=False, n=line.line_no, k=kind, r=reason: self._mark(n, k, r)
                )
                chips.addWidget(chip)
            chips.addStretch(1)
            col.addLayout(chips)
        return row

    def _reason_label(self, code: str | None) -> str:
        labels = {
            "not_on_shelf": self.tr("Not found on the shelf"),
            "sold_out": self.tr("Sold out in store"),
            "other": self.tr("Other"),
            "damaged_packaging": self.tr("Damaged packaging"),
            "defective": self.tr("Defective"),
            "stained_or_torn": self.tr("Stained or torn"),
        }
        return labels.get(code or "", code or "")

    def _ask_reason(self, line_no: int, kind: str) -> None:
        self._reason_for = (line_no, kind)
        self._render_items(self.core.session.current)

    def _mark(self, line_no: int, kind: str, reason: str) -> None:
        self._reason_for = None
        self.core.session.mark_line(line_no, kind, reason)

    def _render_summary(self, state: SessionState) -> None:
        clear_layout(self.summary_rows)
        for line in state.lines:
            if line.scanned:
                self.summary_rows.addWidget(
                    label(
                        self.tr("✓ %1 × %2")
                        .replace("%1", str(line.scanned))
                        .replace("%2", line.name),
                        wrap=True,
                    )
                )
            if line.missing or line.damaged:
                what = self.tr("missing") if line.missing else self.tr("damaged")
                self.summary_rows.addWidget(
                    label(
                        self.tr("✗ %1 × %2 — %3: %4")
                        .replace("%1", str(line.missing + line.damaged))
                        .replace("%2", line.name)
                        .replace("%3", what)
                        .replace("%4", self._reason_label(line.reason)),
                        "warnline",
                        wrap=True,
                    )
                )
        total = (
            self.tr("Handing over %1 of %n item(s) (partial collection).", "", state.ordered_units)
            if state.partial
            else self.tr("Handing over all %1 of %n item(s).", "", state.ordered_units)
        )
        self.summary_rows.addSpacing(8)
        self.summary_rows.addWidget(
            label(
                total.replace("%1", str(state.picked_units)),
                wrap=True,
            )
        )
        if state.verification is not None:
            self.summary_rows.addWidget(
                label(
                    self.tr("Identity: %1").replace(
                        "%1", method_text(state.verification.method.value)
                    ),
                    "muted",
                )
            )

    def _render_message(self, state: SessionState) -> None:
        step = state.step
        text = message_text(state.message) if state.message else ""
        self.next_button.setText(self.tr("Back to pickups"))
        self.big_detail.setText("")
        if step is Step.LOADING:
            self.big_mark.setText("")
            self.big_text.setProperty("role", "big")
            self.big_text.setText(self.tr("Opening %1…").replace("%1", state.what))
        elif step is Step.DONE:
            self.big_mark.setText("✓")
            self.big_mark.setProperty("tone", "ok")
            self.big_text.setProperty("role", "bigok")
            number = state.order.order_number if state.order else ""
            self.big_text.setText(self.tr("Order %1 handed over").replace("%1", number))
            result = state.result
            if result is not None:
                detail = self.tr("%n item(s) handed over", "", result.picked_units)
                if result.missing_units or result.damaged_units:
                    detail += " · " + self.tr("%1 missing, %2 damaged").replace(
                        "%1", str(result.missing_units)
                    ).replace("%2", str(result.damaged_units))
                self.big_detail.setText(detail + "\n" + text)
            self.next_button.setText(self.tr("Next pickup"))
        elif step is Step.SAVED:  # safe in the outbox; the network is down: on to the next one
            self.big_mark.setText("✓")
            self.big_mark.setProperty("tone", "ok")
            self.big_text.setProperty("role", "big")
            number = state.order.order_number if state.order else ""
            self.big_text.setText(self.tr("Order %1 handed over").replace("%1", number))
            self.big_detail.setText(text)
            self.next_button.setText(self.tr("Next pickup"))
        else:
            self.big_mark.setText("✗" if step is not Step.IDLE else "")
            self.big_mark.setProperty("tone", "bad")
            self.big_text.setProperty("role", "bigbad")
            self.big_text.setText(text)
            detail = state.message.args.get("detail", "") if state.message else ""
            if step is Step.CONFLICT and detail:
                self.big_detail.setText(self.tr("Central system: %1").replace("%1", detail))
        _repolish(self.big_mark)
        _repolish(self.big_text)

    # ==== visibility ==============================================================================
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._shown = True
        self.core.live.start()
        self._poll_unless_live()
        self._update_capture()
        if self.pages.currentWidget() is self.queue_page:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._shown = False
        self.core.live.stop()
        self.timer.stop()
        self._update_capture()


class PickupFlow:
    """Plugs the pickup screens into the main window (associate queue, kiosk check-in)."""

    handles: tuple[str, ...] = ("pickup",)

    def __init__(self, window: FlowHost, core: PickupServices) -> None:
        services = window.services
        self.window = window
        self.core = core
        self._screen: QWidget
        if services.mode == "kiosk":
            from kiosk_app.flows.pickup.ui.kiosk import KioskCheckInScreen

            self._screen = KioskCheckInScreen(
                self.core,
                may_check_in=lambda: window.offline_gate(OfflineFlow.PICKUP_CHECK_IN),
            )
        else:
            self._screen = PickupScreen(window, self.core)
        # the QR keys as soon as the API answers: a QR is then checked even offline
        self._keys = KeyFetch(self.core.keyring, services.connection.state)
        QTimer.singleShot(0, self._screen, self._keys.start)
        self._screen.destroyed.connect(lambda *_: self._keys.close())

    def device_enrolled(self) -> None:
        """First run enrolled this device (its token is in use): the QR keys now."""
        self._keys.start()

    def adopt_session(self, previous: object) -> None:
        """The kiosk switched language: a check-in under way carries on here."""
        core = getattr(previous, "core", None)
        if isinstance(core, PickupServices):
            self.core.check_in.adopt(core.check_in)

    def nav_label(self) -> str | None:
        if self.window.services.mode == "kiosk":
            return QCoreApplication.translate("PickupFlow", "Collect an order")
        return QCoreApplication.translate("PickupFlow", "Pickups")

    def screen(self) -> QWidget:
        return self._screen

    def open(self, destination: Destination) -> None:
        screen = self._screen
        if isinstance(screen, PickupScreen):
            screen.open_destination(destination)
        else:
            from kiosk_app.flows.pickup.ui.kiosk import KioskCheckInScreen

            if isinstance(screen, KioskCheckInScreen) and self.window.offline_gate(
                OfflineFlow.PICKUP_CHECK_IN
            ):
                screen.open_destination(destination)

    def modes(self) -> tuple[str, ...]:
        return ("associate", "kiosk")


__all__ = ["PickupFlow", "PickupMessage", "PickupScreen"]
