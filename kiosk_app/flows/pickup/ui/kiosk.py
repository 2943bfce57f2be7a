"""Kiosk check-in: the customer scans their pickup QR, or types the order number and pickup
code of their confirmation email (the on-screen keyboard comes up under the fields), and is
told to wait at the counter."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from kiosk_app.flows.pickup.session import (
    CheckInState,
    CheckInStep,
    PickupMessage,
    PickupServices,
)
from kiosk_app.flows.pickup.ui.texts import message_text
from kiosk_app.kernel.routing import Destination
from kiosk_app.kernel.scan.results import PickupQR
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import Card, button, label

RESET_AFTER_MS = 20_000  # the confirmation clears itself for the next customer


class KioskCheckInScreen(QWidget):
    """Renders ``KioskCheckIn.state``; scans arrive through the pickup flow."""

    def __init__(
        self,
        core: PickupServices,
        parent: QWidget | None = None,
        *,
        may_check_in: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(parent)
        self._may_check_in = may_check_in  # the offline policy
        self.setObjectName("screen")
        self.setProperty("screen", "kioskPickup")  # its rules are in the theme
        self.core = core
        self._task = TaskSlot(self)
        # in a scroll area: when the on-screen keyboard takes the bottom of a landscape
        # kiosk, the card keeps its size and the field being typed is scrolled into view
        # (squeezed instead, the fields shrank to a few pixels)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        holder.setObjectName("screen")
        scroll.setWidget(holder)
        page.addWidget(scroll)
        outer = QVBoxLayout(holder)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.addStretch(1)
        card = Card()
        card.body.setContentsMargins(48, 40, 48, 40)
        card.body.setSpacing(18)
        self.icon = label("▣", "kioskIcon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label("", "kioskTitle", wrap=True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = label("", "kioskText", wrap=True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.icon, self.title, self.text):
            card.body.addWidget(w)
        card.body.addWidget(self._build_typed_form())
        self.again = button(self.tr("Scan another code"), "primary")
        self.again.setMinimumWidth(320)
        self.again.clicked.connect(self.core.check_in.reset)
        card.body.addWidget(self.again, 0, Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(card)
        outer.addStretch(2)
        self.reset_timer = QTimer(self)
        self.reset_timer.setSingleShot(True)
        self.reset_timer.setInterval(RESET_AFTER_MS)
        self.reset_timer.timeout.connect(self.core.check_in.reset)
        unsubscribe = core.check_in.state.subscribe(self.render_state)

        def release(*_: object) -> None:
            unsubscribe()
            core.close()

        self.destroyed.connect(release)

    def _build_typed_form(self) -> QWidget:
        """No QR at hand: the order number and the pickup code, typed on the screen."""
        self.typed_form = form = QWidget()
        grid = QGridLayout(form)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        grid.addWidget(
            label(self.tr("No QR code? Type the numbers from your email:"), "section", wrap=True),
            0,
            0,
            1,
            2,
        )
        # each field named above it, a short example inside: both fit a portrait kiosk
        self.order_entry = QLineEdit()
        self.order_entry.setPlaceholderText("W00012345")
        self.order_entry.setAccessibleName(self.tr("Order number"))
        self.order_entry.setMaxLength(20)
        self.code_entry = QLineEdit()
        self.code_entry.setPlaceholderText(self.tr("6 digits"))
        self.code_entry.setAccessibleName(self.tr("Pickup code"))
        self.code_entry.setMaxLength(12)
        for entry in (self.order_entry, self.code_entry):
            entry.setMinimumHeight(64)
            entry.setStyleSheet("font-size: 24px;")
        self.order_entry.returnPressed.connect(self.code_entry.setFocus)
        self.code_entry.returnPressed.connect(self._submit_typed)
        self.check_in_button = button(self.tr("Check in"), "primary")
        self.check_in_button.setMinimumHeight(64)
        self.check_in_button.clicked.connect(self._submit_typed)
        grid.addWidget(label(self.tr("Order number"), "muted"), 1, 0)
        grid.addWidget(label(self.tr("Pickup code"), "muted"), 1, 1)
        grid.addWidget(self.order_entry, 2, 0)
        grid.addWidget(self.code_entry, 2, 1)
        grid.addWidget(self.check_in_button, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return form

    def _submit_typed(self) -> None:
        order, code = self.order_entry.text(), self.code_entry.text()
        if not (order.strip() or code.strip()) or not self._may_check_in():
            return
        self.core.check_in.type_codes(order, code)
        if self.core.check_in.state.value.step is not CheckInStep.REFUSED:
            self.order_entry.clear()
            self.code_entry.clear()

    def clear_typed(self) -> None:
        self.order_entry.clear()
        self.code_entry.clear()

    def open_destination(self, destination: Destination) -> None:
        scan = destination.scan
        text = scan.token if isinstance(scan, PickupQR) else destination.key
        self._task.start(self.core.check_in.scan(text))

    def render_state(self, state: CheckInState) -> None:
        step = state.step
        self.again.setVisible(step in (CheckInStep.CONFIRMED, CheckInStep.REFUSED))
        self.typed_form.setVisible(step in (CheckInStep.IDLE, CheckInStep.REFUSED))
        tone = ""
        if step is CheckInStep.IDLE:
            self.icon.setText("▣")
            self.title.setText(self.tr("Collecting an order?"))
            self.text.setText(
                self.tr(
                    "Scan the QR code from your order confirmation email under the scanner, "
                    "or type your order number and pickup code. "
                    "We will bring your order to the counter."
                )
            )
        elif step in (CheckInStep.CHECKING, CheckInStep.SENDING):
            self.icon.setText("…")
            self.title.setText(self.tr("One moment…"))
            self.text.setText(self.tr("We are telling the team you are here."))
        elif step is CheckInStep.CONFIRMED:
            tone = "ok"
            self.icon.setText("✓")
            name = state.first_name
            self.title.setText(
                self.tr("Thank you, %1!").replace("%1", name) if name else self.tr("Thank you!")
            )
            self.text.setText(self.tr("We're coming, please wait at the counter."))
            self.reset_timer.start()
        else:
            tone = "bad"
            self.icon.setText("!")
            self.title.setText(self.tr("We could not check you in"))
            detail = kiosk_message_text(state.message) if state.message else ""
            self.text.setText(detail + "\n" + self.tr("Please see an associate at the counter."))
            self.reset_timer.start()
        self.icon.setProperty("tone", tone)
        self.icon.style().unpolish(self.icon)
        self.icon.style().polish(self.icon)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.reset_timer.stop()


def kiosk_message_text(message: PickupMessage) -> str:
    """Why a check-in failed, said to the customer (the associates' wording otherwise)."""
    texts = {
        "qr_expired": QCoreApplication.translate(
            "KioskCheckIn", "This QR code has expired. Type your order number and pickup code."
        ),
        "qr_no_keys": QCoreApplication.translate(
            "KioskCheckIn",
            "This kiosk cannot check QR codes right now: it has no connection to our system.",
        ),
        "wrong-pickup-code": QCoreApplication.translate(
            "KioskCheckIn",
            "This pickup code does not match the order number. Check your confirmation email.",
        ),
        "kiosk_order_number_format": QCoreApplication.translate(
            "KioskCheckIn", "Type the order number as in your email: W followed by 8 digits."
        ),
        "kiosk_pickup_code_format": QCoreApplication.translate(
            "KioskCheckIn", "Type the 6-digit pickup code from your email."
        ),
        "pickup-already-completed": QCoreApplication.translate(
            "KioskCheckIn", "This order has already been collected."
        ),
        "pickup-not-ready": QCoreApplication.translate(
            "KioskCheckIn", "Your order is not ready yet: we will email you when it is."
        ),
        "not-found": QCoreApplication.translate(
            "KioskCheckIn", "We found no order to collect here with this number."
        ),
    }
    return texts.get(message.code) or message_text(message)
