"""The kiosk's "Still here?" prompt: a dimmed window, a big countdown, one big button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.ui.widgets.common import Card, button, label


class IdleOverlay(QWidget):
    """Covers its parent; ``still_here`` when the customer taps anywhere."""

    still_here = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#idleOverlay { background: rgba(16, 22, 36, 235); }")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = Card()
        card.setFixedWidth(620)
        card.body.setContentsMargins(48, 40, 48, 40)
        card.body.setSpacing(18)
        self.title = label(self.tr("Still here?"), "display")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card.body.addWidget(self.title)
        self.explain = label(
            self.tr("For your privacy, this screen will be cleared in"), None, wrap=True
        )
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain.setStyleSheet("font-size: 22px;")
        card.body.addWidget(self.explain)
        self.note = label("", None, wrap=True)  # what the reset would wipe (an order's code)
        self.note.setObjectName("idleNote")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.note.hide()
        card.body.addWidget(self.note)
        self.count = label("", None)
        self.count.setObjectName("idleCountdown")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setStyleSheet("font-size: 96px; font-weight: 800; color: #1f4fd1;")
        card.body.addWidget(self.count)
        self.button = button(self.tr("I'm still here"), "primary")
        self.button.setMinimumHeight(72)
        self.button.setStyleSheet("font-size: 24px;")
        self.button.clicked.connect(self.still_here.emit)
        card.body.addWidget(self.button)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.hide()

    def show_countdown(self, seconds: int) -> None:
        self.count.setText(self.tr("%1 s").replace("%1", str(seconds)))
        self.count.setAccessibleName(self.tr("%n second(s) left", "", seconds))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        if not self.isVisible():
            self.show()
            self.raise_()

    def set_note(self, text: str | None) -> None:
        self.note.setText(text or "")
        self.note.setVisible(bool(text))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.still_here.emit()
        event.accept()
