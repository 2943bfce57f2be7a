"""Returns screen: order lines, item scan, reason and condition, live refund, approval, receipt.

Renders the core's :class:`ReturnView`; every decision (what is returnable, the refund, when
a manager must approve) is made in ``kiosk_app.kernel``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.flows.returns.models import OrderLine, ReturnReceipt
from kiosk_app.flows.returns.session import LineChoice, Phase, ReturnSession, ReturnView
from kiosk_app.flows.returns.ui.approval import ApprovalDialog
from kiosk_app.flows.returns.ui.receipt_pdf import receipt_html, write_receipt_pdf
from kiosk_app.flows.returns.ui.texts import (
    approval_reason_label,
    block_reason_label,
    condition_label,
    disposition_label,
    missing_label,
    problem_message,
    reason_label,
    scan_message,
    tender_label,
)
from kiosk_app.kernel.money import format_money
from kiosk_app.kernel.offline.policy import OfflineFlow
from kiosk_app.kernel.routing import Destination, route
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.ui.messages import describe_error
from kiosk_app.ui.offline_text import saved_offline_text
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import Card, button, clear_layout, label, set_badge, set_tone
from kiosk_app.ui.widgets.focus_order import chain_in_layout_order
from kiosk_app.ui.widgets.notice import Notice
from kiosk_app.ui.widgets.responsive import ElidingLabel, StackWhenNarrow
from kiosk_app.ui.widgets.touch import make_kinetic

if TYPE_CHECKING:
    from kiosk_app.ui.navigator import FlowHost

QUOTE_WIDTH = 420
#: widest the actions under a receipt get (a narrow screen stacks them above the receipt)
WIDGET_MAX = 16777215


def _chip(text: str, group: QButtonGroup) -> QPushButton:
    chip = QPushButton(text)
    chip.setProperty("role", "chip")
    chip.setCheckable(True)
    chip.setAccessibleName(text)
    chip.setMinimumHeight(48)
    group.addButton(chip)
    return chip


class LineRow(Card):
    """One order line: what can come back, the units scanned, reason and condition."""

    remove_requested = Signal(int)
    reason_chosen = Signal(int, str)
    condition_chosen = Signal(int, str)

    def __init__(
        self,
        line: OrderLine,
        reasons: list[str],
        conditions: list[str],
        money: Callable[[Decimal], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(None, parent)
        self.line_no = line.line_no
        self.setAccessibleName(line.name)
        # Slimmer chips: three reasons a row fit a 1280 x 800 column and a portrait tablet.
        self.setStyleSheet('QPushButton[role="chip"] { padding: 0 10px; }')
        head = QHBoxLayout()
        head.setSpacing(12)
        facts = QVBoxLayout()
        facts.setSpacing(2)
        self.name = label(line.name, "cardTitle", wrap=True)
        self.name.setStyleSheet("font-weight: 700; font-size: 19px;")
        facts.addWidget(self.name)
        bought = (
            self.tr("%1 × %2 · bought %3 · returned %4 · %5")
            .replace("%1", str(line.quantity))
            .replace("%2", money(line.unit_price))
            .replace("%3", str(line.quantity))
            .replace("%4", str(line.returned_qty))
            .replace("%5", line.sku)
        )
        facts.addWidget(label(bought, "muted", wrap=True))
        head.addLayout(facts, 1)
        self.badge = QLabel()
        if line.returnable_qty > 0:
            set_badge(
                self.badge,
                3,
                self.tr("%n returnable", "", line.returnable_qty),
            )
        else:
            set_badge(self.badge, 0, block_reason_label(line.not_returnable_reason))
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(head)
        self.returnable = line.returnable_qty
        self.scanned = label("", None)
        self.scanned.setStyleSheet("font-size: 20px; font-weight: 700;")
        self.remove = button(self.tr("− Remove one"), accessible=self.tr("Remove one unit"))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.line_no))
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 4, 0, 0)
        details.setSpacing(8)
        self._reasons = QButtonGroup(self)
        self._conditions = QButtonGroup(self)
        self.reason_chips: dict[str, QPushButton] = {}
        self.condition_chips: dict[str, QPushButton] = {}
        self.disposition = label("", "muted", wrap=True)
        self._grid: QGridLayout | None = None
        self._columns = 3
        if line.returnable_qty > 0:
            row = QHBoxLayout()
            row.addWidget(self.scanned, 1)
            row.addWidget(self.remove)
            self.body.addLayout(row)
            details.addWidget(label(self.tr("Reason"), "section"))
            grid = QGridLayout()
            grid.setSpacing(8)
            self._grid = grid
            for i, code in enumerate(reasons):
                chip = _chip(reason_label(code), self._reasons)
                chip.clicked.connect(
                    lambda _=False, c=code: self.reason_chosen.emit(self.line_no, c)
                )
                self.reason_chips[code] = chip
                grid.addWidget(chip, i // 3, i % 3)
            details.addLayout(grid)
            details.addWidget(label(self.tr("Condition"), "section"))
            cond_row = QHBoxLayout()
            cond_row.setSpacing(8)
            for code in conditions:
                chip = _chip(condition_label(code), self._conditions)
                chip.clicked.connect(
                    lambda _=False, c=code: self.condition_chosen.emit(self.line_no, c)
                )
                self.condition_chips[code] = chip
                cond_row.addWidget(chip)
            cond_row.addWidget(self.disposition, 1)
            details.addLayout(cond_row)
            self.body.addWidget(self.details)
        self.details.setVisible(False)

    def fit(self, width: int) -> None:
        """Reason chips in as many columns (3, 2 or 1) as ``width`` px of card hold."""
        chips = list(self.reason_chips.values())
        if self._grid is None or not chips:
            return
        margins = self.body.contentsMargins()
        room = width - margins.left() - margins.right() - 2
        spacing = max(0, self._grid.horizontalSpacing())
        columns = 1
        for chip in chips:
            chip.ensurePolished()
        for n in (3, 2):
            widths = [max(c.sizeHint().width() for c in chips[i::n]) for i in range(n)]
            if sum(widths) + spacing * (n - 1) <= room:
                columns = n
                break
        if columns == self._columns:
            return
        self._columns = columns
        for chip in chips:
            self._grid.removeWidget(chip)
        for i, chip in enumerate(chips):
            self._grid.addWidget(chip, i // columns, i % columns)

    def show_choice(self, choice: LineChoice | None) -> None:
        if self.returnable <= 0:
            return
        count = choice.quantity if choice else 0
        self.scanned.setText(
            self.tr("Scanned %1 of %2")
            .replace("%1", str(count))
            .replace("%2", str(self.returnable))
            if count
            else self.tr("Scan the item to return it")
        )
        self.scanned.setProperty("role", "scanned" if count else "muted")
        self.scanned.style().unpolish(self.scanned)
        self.scanned.style().polish(self.scanned)
        self.remove.setVisible(count > 0)
        self.details.setVisible(count > 0)
        if choice is None:
            return
        for code, chip in self.reason_chips.items():
            chip.setChecked(code == choice.reason)
        for code, chip in self.condition_chips.items():
            chip.setChecked(code == choice.condition)
        self.disposition.setText("→ " + disposition_label(choice.disposition))


class ReturnScreen(QWidget):
    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        """Always this class's catalogue: PySide looks a plural form up under the runtime
        class's name only, so the flow's subclass showed "Delivered 12 day(s) ago"."""
        return QCoreApplication.translate("ReturnScreen", source, disambiguation, n)

    find_requested = Signal(str)
    remove_requested = Signal(int)
    reason_chosen = Signal(int, str)
    condition_chosen = Signal(int, str)
    refund_method_chosen = Signal(str)
    approval_requested = Signal()
    confirm_requested = Signal()
    retry_requested = Signal()
    new_return_requested = Signal()
    pdf_requested = Signal()

    def __init__(self, language: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._language = language
        self._rows: dict[int, LineRow] = {}
        self._rendered_order: object = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(label(self.tr("Returns"), "title"))
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("Order or receipt number, or scan"))
        self.entry.setAccessibleName(self.tr("Order or receipt number"))
        self.entry.returnPressed.connect(self._submit)
        top.addWidget(self.entry, 1)
        self.find_button = button(self.tr("Find"), "primary")
        self.find_button.clicked.connect(self._submit)
        top.addWidget(self.find_button)
        outer.addLayout(top)

        self.notice = Notice()
        self.notice.action.clicked.connect(self.retry_requested.emit)
        slot = self.notice.reserve_in(outer)
        self.scan_notice = Notice()  # one message at a time: they share the room
        self.scan_notice.reserve_in(outer, slot)

        self.empty = label(
            self.tr(
                "Scan the receipt or the order QR code, or type the order number "
                "(W… for online orders, R-… for store receipts)."
            ),
            "muted",
            wrap=True,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("font-size: 20px; padding: 60px;")
        outer.addWidget(self.empty, 1)

        # -- selecting: lines on the left, refund on the right --------------------------------
        self.selecting = QWidget()
        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.selecting)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(16)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_kinetic(scroll)
        self.lines_scroll = scroll
        scroll.viewport().installEventFilter(self)  # its width sets the reason chips' columns
        content = QWidget()
        scroll.setWidget(content)
        self.lines_box = QVBoxLayout(content)
        self.lines_box.setContentsMargins(0, 0, 0, 0)
        self.lines_box.setSpacing(12)
        self.order_card = Card()
        self.order_title = label("", "title", wrap=True)
        self.order_facts = label("", wrap=True)
        self.order_card.body.addWidget(self.order_title)
        self.order_card.body.addWidget(self.order_facts)
        self.lines_box.addWidget(self.order_card)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(12)
        self.lines_box.addLayout(self.rows_box)
        self.lines_box.addStretch(1)
        columns.addWidget(scroll, 1)

        self.quote_card = Card(self.tr("Refund"))
        self.quote_rows = QVBoxLayout()
        self.quote_rows.setSpacing(4)
        self.quote_card.body.addLayout(self.quote_rows)
        self.total = label("", "display")
        self.quote_card.body.addWidget(self.total)
        self.tender_rows = QVBoxLayout()
        self.tender_rows.setSpacing(2)
        self.quote_card.body.addLayout(self.tender_rows)
        method_row = QHBoxLayout()
        method_row.setSpacing(8)
        self._methods = QButtonGroup(self)
        self.method_original = _chip(self.tr("Original payment"), self._methods)
        self.method_credit = _chip(self.tr("Store credit"), self._methods)
        self.method_original.clicked.connect(lambda: self.refund_method_chosen.emit("original"))
        self.method_credit.clicked.connect(lambda: self.refund_method_chosen.emit("store_credit"))
        for chip in (self.method_original, self.method_credit):
            chip.setStyleSheet("padding: 0 10px;")
            method_row.addWidget(chip, 1)
        self.quote_card.body.addLayout(method_row)
        quote_scroll = QScrollArea()
        quote_scroll.setWidgetResizable(True)
        quote_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_kinetic(quote_scroll)
        quote_content = QWidget()
        quote_box = QVBoxLayout(quote_content)
        quote_box.setContentsMargins(0, 0, 2, 0)
        quote_box.addWidget(self.quote_card)
        quote_box.addStretch(1)
        quote_scroll.setWidget(quote_content)
        self.quote_scroll, self.quote_box = quote_scroll, quote_box
        right_panel = QWidget()
        self.right_panel = right_panel
        right_panel.setFixedWidth(QUOTE_WIDTH)
        right = QVBoxLayout(right_panel)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(8)
        right.addWidget(quote_scroll, 1)
        self.approval_label = label("", None, wrap=True)
        right.addWidget(self.approval_label)
        self.approval_button = button(self.tr("Manager approval…"))
        self.approval_button.clicked.connect(self.approval_requested.emit)
        right.addWidget(self.approval_button)
        self.missing_label = label("", "muted", wrap=True)
        set_tone(self.missing_label, "warning")  # what stops the confirmation, in plain view
        right.addWidget(self.missing_label)
        self.confirm_button = button(self.tr("Confirm return"), "primary")
        self.confirm_button.setMinimumHeight(64)
        self.confirm_button.clicked.connect(self.confirm_requested.emit)
        right.addWidget(self.confirm_button)
        # queued but not sent (the network went away): safe in the outbox, on to the next one
        self.saved_button = button(self.tr("Next customer"), "primary")
        self.saved_button.setMinimumHeight(64)
        self.saved_button.clicked.connect(self.new_return_requested.emit)
        self.saved_button.hide()
        right.addWidget(self.saved_button)
        columns.addWidget(right_panel)
        outer.addWidget(self.selecting, 1)

        # -- receipt ---------------------------------------------------------------------------
        self.receipt_box = QWidget()
        receipt_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.receipt_box)
        self.receipt_row = receipt_row
        receipt_row.setContentsMargins(0, 0, 0, 0)
        receipt_row.setSpacing(16)
        self.receipt_card = Card()
        self.receipt_view = QLabel()
        self.receipt_view.setTextFormat(Qt.TextFormat.RichText)
        self.receipt_view.setWordWrap(True)
        self.receipt_card.body.addWidget(self.receipt_view)
        receipt_scroll = QScrollArea()
        receipt_scroll.setWidgetResizable(True)
        receipt_scroll.setFixedWidth(480)
        receipt_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        make_kinetic(receipt_scroll)
        receipt_scroll.setWidget(self.receipt_card)
        receipt_row.addWidget(receipt_scroll)
        self.receipt_scroll = receipt_scroll
        actions_panel = QWidget()
        actions_panel.setMaximumWidth(520)
        actions = QVBoxLayout(actions_panel)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(12)
        self.done_title = label(self.tr("Return recorded"), "title", wrap=True)
        actions.addWidget(self.done_title)
        self.done_text = label("", None, wrap=True)
        actions.addWidget(self.done_text)
        self.pdf_button = button(self.tr("Save receipt as PDF"), "primary")
        self.pdf_button.clicked.connect(self.pdf_requested.emit)
        actions.addWidget(self.pdf_button)
        self.new_button = button(self.tr("New return"))
        self.new_button.clicked.connect(self.new_return_requested.emit)
        actions.addWidget(self.new_button)
        self.pdf_path = label("", "muted", wrap=True)
        self.pdf_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions.addWidget(self.pdf_path)
        actions.addStretch(1)
        receipt_row.addWidget(actions_panel, 1, Qt.AlignmentFlag.AlignTop)
        self.actions_panel = actions_panel
        outer.addWidget(self.receipt_box, 1)
        # 1024 px and portrait: one column (lines then refund, the confirm button below them;
        # the receipt under its actions)
        self._responsive = StackWhenNarrow(self, columns, pack=False)
        self._responsive.changed.connect(self._set_narrow)
        self.show_view(ReturnView())

    # -- input --------------------------------------------------------------------------------
    def _submit(self) -> None:
        text = self.entry.text().strip()
        if text:
            self.entry.clear()
            self.find_requested.emit(text)

    def money(self, amount: Decimal) -> str:
        return format_money(amount, "EUR", self._language())

    # -- layout -------------------------------------------------------------------------------
    def _set_narrow(self, narrow: bool) -> None:
        """Narrow: the refund card goes under the lines (one scrolling column) and the
        approval and confirm buttons span the width below; the receipt's actions go on top."""
        if narrow:
            self.lines_box.insertWidget(self.lines_box.count() - 1, self.quote_card)
            self.right_panel.setMinimumWidth(0)
            self.right_panel.setMaximumWidth(WIDGET_MAX)
            self.receipt_row.setDirection(QBoxLayout.Direction.BottomToTop)
            self.actions_panel.setMaximumWidth(WIDGET_MAX)
        else:
            self.quote_box.insertWidget(0, self.quote_card)
            self.right_panel.setFixedWidth(QUOTE_WIDTH)
            self.receipt_row.setDirection(QBoxLayout.Direction.LeftToRight)
            self.actions_panel.setMaximumWidth(520)
        self.quote_scroll.setVisible(not narrow)
        self.receipt_row.setStretchFactor(self.actions_panel, 0 if narrow else 1)
        # under its actions the receipt keeps its own height, centred like a printed slip
        self.receipt_row.setAlignment(
            self.receipt_scroll,
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter
            if narrow
            else Qt.AlignmentFlag(0),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lines_scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_rows()
        return super().eventFilter(watched, event)

    def _fit_rows(self) -> None:
        width = self.lines_scroll.viewport().width()
        for row in self._rows.values():
            row.fit(width)

    # -- rendering ------------------------------------------------------------------------------
    def show_view(self, view: ReturnView) -> None:
        phase = view.phase
        self.empty.setVisible(phase in (Phase.IDLE, Phase.LOADING, Phase.LOAD_FAILED))
        self.selecting.setVisible(
            phase in (Phase.SELECTING, Phase.SUBMITTING, Phase.SAVED, Phase.REFUSED)
        )
        self.saved_button.setVisible(phase is Phase.SAVED)
        self.receipt_box.setVisible(phase is Phase.DONE)
        if phase is Phase.IDLE:
            self.notice.hide()
            self.scan_notice.hide()
            self.pdf_path.setText("")
        elif phase is Phase.LOADING:
            self.scan_notice.hide()
            self.notice.show_message(
                self.tr("Looking up order %1…").replace("%1", view.order_number), "info"
            )
        elif phase is Phase.LOAD_FAILED and view.error is not None:
            self.notice.show_message(
                f"{describe_error(view.error)} ({view.order_number})", "error", self.tr("Try again")
            )
        elif phase is Phase.REFUSED and view.problem is not None:
            self.notice.show_message(problem_message(view.problem), "error")
        elif phase is Phase.SUBMITTING:
            self.scan_notice.hide()
            self.notice.show_message(self.tr("Sending the return to the central system…"), "info")
        elif phase is Phase.SAVED:
            self.scan_notice.hide()
            self.notice.show_message(saved_offline_text(), "warning")
        elif phase is Phase.SELECTING:
            self.notice.hide()
        if view.order is not None and phase is not Phase.DONE:
            self._render_order(view)
        if phase is Phase.DONE and view.receipt is not None:
            self._render_receipt(view.receipt)
        if view.last_scan is not None and phase is Phase.SELECTING:
            self.scan_notice.show_message(
                scan_message(view.last_scan), "success" if view.last_scan.ok else "error"
            )
        chain_in_layout_order(self)  # rows and chips built from the answer: in reading order

    def _render_order(self, view: ReturnView) -> None:
        order, policy = view.order, view.policy
        assert order is not None and policy is not None
        if self._rendered_order is not order:
            self._rendered_order = order
            clear_layout(self.rows_box)
            self._rows = {}
            for line in order.lines:
                row = LineRow(line, policy.reason_codes, policy.conditions, self.money)
                row.remove_requested.connect(self.remove_requested.emit)
                row.reason_chosen.connect(self.reason_chosen.emit)
                row.condition_chosen.connect(self.condition_chosen.emit)
                self._rows[line.line_no] = row
                self.rows_box.addWidget(row)
            self._fit_rows()
            self.order_title.setText(
                self.tr("Order %1").replace("%1", order.number)
                + (f" · {order.customer_name}" if order.customer_name else "")
            )
        delivered = (
            self.tr("Delivered %n day(s) ago", "", order.days_since_delivery)
            if order.days_since_delivery is not None
            else self.tr("Not delivered")
        )
        window = (
            self.tr("within the %1-day return period").replace("%1", str(policy.window_days))
            if order.within_window
            else self.tr("outside the %1-day return period").replace("%1", str(policy.window_days))
        )
        paid = ", ".join(
            f"{tender_label(t.kind)} {t.reference} {self.money(t.amount)}" for t in order.tenders
        )
        facts = [
            f"{delivered}, {window}",
            self.tr("Paid %1: %2").replace("%1", self.money(order.total)).replace("%2", paid),
        ]
        if order.discount_total:
            facts.append(
                self.tr("Order discount %1 (%2), shared over the items by value")
                .replace("%1", self.money(order.discount_total))
                .replace("%2", order.promo_code or "")
            )
        if order.shipping_fee:
            facts.append(
                self.tr("Shipping %1: refunded only if the whole order comes back").replace(
                    "%1", self.money(order.shipping_fee)
                )
            )
        self.order_facts.setText("\n".join(facts))
        for line_no, row in self._rows.items():
            row.show_choice(view.choice(line_no))
        self._render_quote(view)

    def _render_quote(self, view: ReturnView) -> None:
        order = view.order
        assert order is not None
        clear_layout(self.quote_rows)
        clear_layout(self.tender_rows)
        quote = view.quote
        self.method_original.setChecked(view.refund_method == "original")
        self.method_credit.setChecked(view.refund_method == "store_credit")
        if quote is None:
            self.total.setText(self.money(Decimal("0.00")))
        else:
            for line_refund in quote.lines:
                line = order.line(line_refund.line_no)
                name = line.name if line else str(line_refund.line_no)
                self.quote_rows.addLayout(
                    _amount_row(f"{line_refund.quantity} × {name}", self.money(line_refund.refund))
                )
                if line_refund.discount:
                    self.quote_rows.addLayout(
                        _amount_row(
                            self.tr("incl. discount share"),
                            "−" + self.money(line_refund.discount),
                            "muted",
                        )
                    )
            if quote.shipping_refund:
                self.quote_rows.addLayout(
                    _amount_row(self.tr("Shipping"), self.money(quote.shipping_refund))
                )
            self.total.setText(self.money(quote.total))
            for tender in quote.tenders:
                self.tender_rows.addLayout(
                    _amount_row(
                        self.tr("to %1 %2")
                        .replace("%1", tender_label(tender.kind))
                        .replace("%2", tender.reference),
                        self.money(tender.amount),
                        "muted",
                    )
                )
        reasons = quote.approval_reasons if quote else []
        if view.approval is not None:
            self.approval_label.setText(
                self.tr("Approved by %1 (%2)")
                .replace("%1", view.approval.manager_name)
                .replace("%2", view.approval.manager_id)
            )
            set_tone(self.approval_label, "success")
        elif reasons:
            self.approval_label.setText(
                self.tr("Manager approval needed: %1").replace(
                    "%1", ", ".join(approval_reason_label(r) for r in reasons)
                )
            )
            set_tone(self.approval_label, "warning")
        self.approval_label.setVisible(view.approval is not None or bool(reasons))
        self.approval_button.setVisible(bool(reasons) and view.approval is None)
        self.missing_label.setText("\n".join(missing_label(m) for m in view.missing))
        self.missing_label.setVisible(bool(view.missing))
        self.confirm_button.setEnabled(view.can_confirm)
        self.confirm_button.setText(
            self.tr("Confirm return · %1").replace("%1", self.money(quote.total))
            if quote is not None
            else self.tr("Confirm return")
        )
        busy = view.phase in (Phase.SUBMITTING, Phase.SAVED)
        if busy:
            self.confirm_button.setText(self.tr("Sending…"))
        self.confirm_button.setVisible(view.phase is not Phase.SAVED)
        for row in self._rows.values():
            row.setEnabled(not busy and view.phase is Phase.SELECTING)
        self.method_original.setEnabled(view.phase is Phase.SELECTING)
        self.method_credit.setEnabled(view.phase is Phase.SELECTING)

    def _render_receipt(self, receipt: ReturnReceipt) -> None:
        self.notice.hide()
        self.scan_notice.hide()
        self.receipt_view.setText(receipt_html(receipt, self._language(), font="16px"))
        self.done_text.setText(
            self.tr("Return %1: %2 refunded. Give the customer the receipt.")
            .replace("%1", receipt.return_number)
            .replace("%2", self.money(receipt.total))
        )


def _amount_row(text: str, amount: str, role: str | None = None) -> QHBoxLayout:
    """Text (elided to one line: a narrow column must not wrap) and a right-aligned amount."""
    row = QHBoxLayout()
    left = ElidingLabel(text, role)
    right = label(amount, role)
    right.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    row.addWidget(left, 1)
    row.addWidget(right)
    return row


class ReturnsFlow(QObject):
    """Plugs returns into the window: receipts ("return"), order numbers ("order"), nav."""

    handles: tuple[str, ...] = ("return", "order")

    def __init__(
        self, window: FlowHost, core: ReturnSession, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.session = core
        self._screen = _CapturingReturnScreen(self, lambda: self.window.services.language)
        self._load = TaskSlot(self._screen)
        self._approve = TaskSlot(self._screen)
        self._confirming = TaskSlot(self._screen)
        self._pop_capture: Callable[[], None] | None = None
        self.dialog: ApprovalDialog | None = None
        self.last_pdf: Path | None = None
        s, screen = self.session, self._screen
        self._unsubscribe = s.view.subscribe(screen.show_view)
        screen.find_requested.connect(self._find)
        screen.remove_requested.connect(s.remove_one)
        screen.reason_chosen.connect(s.set_reason)
        screen.condition_chosen.connect(s.set_condition)
        screen.refund_method_chosen.connect(s.set_refund_method)
        screen.approval_requested.connect(self.ask_approval)
        screen.confirm_requested.connect(self.confirm)
        screen.retry_requested.connect(lambda: self._load.start(s.reload()))
        screen.new_return_requested.connect(s.new_return)
        screen.pdf_requested.connect(self.save_pdf)
        screen.destroyed.connect(lambda *_: self._disconnect())

    def _disconnect(self) -> None:
        self._unsubscribe()
        self.session.close()
        self.release_scans()

    # -- Flow protocol ---------------------------------------------------------------------
    def nav_label(self) -> str | None:
        return self.tr("Returns")

    def screen(self) -> QWidget:
        return self._screen

    def modes(self) -> tuple[str, ...]:
        return ("associate",)

    def open(self, destination: Destination) -> None:
        if not self._may_run():  # refused up front, before a lookup that cannot work
            return
        number = destination.key
        store = getattr(destination.scan, "store_code", None)
        if destination.flow == "return" and store and not number.upper().startswith("R-"):
            number = f"R-{store}-{number}"
        self._load.start(self.session.open(number))

    # -- scans while the screen shows -------------------------------------------------------
    def capture_scans(self) -> None:
        if self._pop_capture is None:
            self._pop_capture = self.window.services.scans.push(self._on_scan)

    def release_scans(self) -> None:
        if self._pop_capture is not None:
            self._pop_capture()
            self._pop_capture = None

    def _on_scan(self, scan: Scan) -> bool:
        """Products are items coming back; anything else (another order …) routes as usual."""
        if self.session.view.value.phase is not Phase.SELECTING:
            return False
        if route(scan.text, allow_search=False).flow != "product":
            return False
        self.session.scan_item(scan.text)
        return True

    def _find(self, text: str) -> None:
        self.window.services.scans.deliver(Scan(text, "typed"))

    def _may_run(self) -> bool:
        """Returns need the central system (refund quote): say so when it is unreachable."""
        return self.window.offline_gate(OfflineFlow.RETURN)

    # -- actions ------------------------------------------------------------------------------
    def ask_approval(self) -> None:
        dialog = ApprovalDialog(self.session.view.value.order_number, self._screen)
        dialog.submitted.connect(
            lambda manager, pin: self._approve.start(self._check(manager, pin))
        )
        dialog.finished.connect(lambda *_: self._approve.cancel())
        self.dialog = dialog
        dialog.open()

    async def _check(self, manager_id: str, pin: str) -> None:
        dialog = self.dialog
        try:
            await self.session.approve(manager_id, pin)
        except Exception as exc:
            if dialog is not None:
                dialog.show_error(_approval_error(exc))
            return
        if dialog is not None:
            dialog.accept()

    def confirm(self) -> None:
        """Queue the return, once the central system really answers (checked at this moment:
        the connection state may lag); refused, nothing is queued and nothing is lost."""
        if not self._may_run():
            return
        self._confirming.start(self._confirm_if_reachable())

    async def _confirm_if_reachable(self) -> None:
        if not await self.window.confirm_gate(OfflineFlow.RETURN):
            return
        try:
            self.session.confirm()
        except ValueError:
            return

    def save_pdf(self) -> Path | None:
        receipt = self.session.view.value.receipt
        if receipt is None:
            return None
        outbox = self.window.services.outbox
        folder = Path(outbox.path).parent if outbox else Path(tempfile.gettempdir())
        path = write_receipt_pdf(
            receipt,
            folder / "receipts" / f"{receipt.return_number}.pdf",
            self.window.services.language,
        )
        self.last_pdf = path
        self._screen.pdf_path.setText(self.tr("Saved: %1").replace("%1", str(path)))
        return path


def _approval_error(exc: Exception) -> str:
    from PySide6.QtCore import QCoreApplication

    from kiosk_app.kernel.api.errors import ApiError, Forbidden
    from kiosk_app.kernel.security.staff_session import refusal_of
    from kiosk_app.ui.staff_credentials import refusal_text

    if isinstance(exc, Forbidden) and exc.slug == "invalid-manager-credentials":
        return QCoreApplication.translate("Returns", "Manager ID or PIN not recognised. Try again.")
    refusal = refusal_of(exc) if isinstance(exc, ApiError) else None
    if refusal is not None:  # e.g. approver-must-differ: the server's own words, translated
        return refusal_text(refusal)
    return describe_error(exc)


class _CapturingReturnScreen(ReturnScreen):
    """The screen takes item scans while it is shown, and gives them back when hidden."""

    def __init__(self, flow: ReturnsFlow, language: Callable[[], str]) -> None:
        super().__init__(language)
        self._flow = flow

    def showEvent(self, event: QShowEvent) -> None:
        self._flow.capture_scans()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._flow.release_scans()
        super().hideEvent(event)
