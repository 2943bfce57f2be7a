"""Manager approval of a return: another person's ID + PIN (opened with ``open()``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk_app.ui.widgets.common import button, label
from kiosk_app.ui.widgets.keypad import NumericKeypad


class ApprovalDialog(QDialog):
    """Asks for the manager's ID and PIN; ``submitted`` carries them, the flow checks them.

    Stand-in for the staff badge sign-in of issue 9.
    """

    submitted = Signal(str, str)  # manager id, PIN

    def __init__(self, order_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setWindowTitle(self.tr("Manager approval"))
        self.setModal(True)
        self.setMinimumSize(480, 720)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(label(self.tr("Manager approval"), "title"))
        layout.addWidget(
            label(
                self.tr("A manager approves the return of order %1 with their ID and PIN.").replace(
                    "%1", order_number
                ),
                None,
                wrap=True,
            )
        )
        self.manager = QLineEdit()
        self.manager.setPlaceholderText(self.tr("Manager ID (e.g. M001)"))
        self.manager.setAccessibleName(self.tr("Manager ID"))
        layout.addWidget(self.manager)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setAccessibleName(self.tr("PIN"))
        self.pin.setMaxLength(8)
        layout.addWidget(self.pin)
        self.keypad = NumericKeypad(self.pin)
        self.keypad.submitted.connect(self._submit)
        layout.addWidget(self.keypad)
        self.error = label("", None, wrap=True)
        self.error.setStyleSheet("color: #b3261e; font-weight: 700;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.cancel_button = button(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.approve_button = button(self.tr("Approve"), "primary")
        self.approve_button.clicked.connect(self._submit)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.approve_button, 1)
        layout.addLayout(buttons)
        self.pin.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        manager, pin = self.manager.text().strip(), self.pin.text().strip()
        if not manager or not pin:
            self.show_error(self.tr("Enter the manager ID and PIN."))
            return
        self.error.hide()
        self.approve_button.setEnabled(False)
        self.submitted.emit(manager, pin)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.adjustSize()
        self.pin.clear()
        self.approve_button.setEnabled(True)
