"""Kiosk check-in: the customer scans their pickup QR and is told to wait at the counter."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk_app.core.routing import Destination
from kiosk_app.core.scan.results import PickupQR
from kiosk_app.core.services.pickups import CheckInState, CheckInStep, PickupServices
from kiosk_app.ui.screens.pickup_text import message_text
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import Card, button, label

RESET_AFTER_MS = 20_000  # the confirmation clears itself for the next customer


class KioskCheckInScreen(QWidget):
    """Renders ``KioskCheckIn.state``; scans arrive through the pickup flow."""

    def __init__(self, core: PickupServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setProperty("screen", "kioskPickup")  # its rules are in the theme
        self.core = core
        self._task = TaskSlot(self)
        outer = QVBoxLayout(self)
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

    def open_destination(self, destination: Destination) -> None:
        scan = destination.scan
        text = scan.token if isinstance(scan, PickupQR) else destination.key
        self._task.start(self.core.check_in.scan(text))

    def render_state(self, state: CheckInState) -> None:
        step = state.step
        self.again.setVisible(step in (CheckInStep.CONFIRMED, CheckInStep.REFUSED))
        tone = ""
        if step is CheckInStep.IDLE:
            self.icon.setText("▣")
            self.title.setText(self.tr("Collecting an order?"))
            self.text.setText(
                self.tr(
                    "Scan the QR code from your order confirmation email under the scanner. "
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
            detail = message_text(state.message) if state.message else ""
            self.text.setText(detail + "\n" + self.tr("Please see an associate at the counter."))
            self.reset_timer.start()
        self.icon.setProperty("tone", tone)
        self.icon.style().unpolish(self.icon)
        self.icon.style().polish(self.icon)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.reset_timer.stop()
