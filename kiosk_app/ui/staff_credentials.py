"""The staff credential form (badge scan or staff ID, plus PIN on a big keypad) and the
words for a refused sign-in: shared by the sign-in screen, the lock screen and every manager
approval dialog. The PIN leaves the field as soon as it is sent; nothing here stores it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk_app.kernel.security.staff_session import SignInRefused
from kiosk_app.ui.widgets.common import button, label
from kiosk_app.ui.widgets.keypad import NumericKeypad
from kiosk_app.ui.widgets.notice import MessageLine


def refusal_text(exc: Exception) -> str:
    from PySide6.QtCore import QCoreApplication

    kind = exc.kind if isinstance(exc, SignInRefused) else "error"
    if kind == "credentials":
        return QCoreApplication.translate(
            "SignIn", "Badge, staff ID or PIN not recognised. Try again."
        )
    if kind == "locked":
        return QCoreApplication.translate(
            "SignIn", "Too many wrong PINs: this person is locked for 15 minutes. Ask a manager."
        )
    if kind == "other_store":
        return QCoreApplication.translate(
            "SignIn", "This person works in another store and cannot sign in here."
        )
    if kind == "same_person":
        return QCoreApplication.translate(
            "SignIn", "An approval needs another person: ask a manager to scan their badge."
        )
    if kind == "not_allowed":
        return QCoreApplication.translate("SignIn", "Your role may not do this.")
    if kind == "offline":
        return QCoreApplication.translate(
            "SignIn", "The central system cannot be reached: staff sign-in needs the network."
        )
    return QCoreApplication.translate("SignIn", "Sign-in failed. Try again.")


class CredentialForm(QWidget):
    """Badge (scanned) or staff ID, then PIN. ``submitted(identifier, pin, is_badge)``."""

    submitted = Signal(str, str, bool)

    def __init__(self, submit_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._badge: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.ident_label = label(self.tr("Staff ID"), "section")
        layout.addWidget(self.ident_label)
        self.staff_id = QLineEdit()
        self.staff_id.setPlaceholderText(self.tr("Scan your badge or type your ID"))
        self.staff_id.setAccessibleName(self.tr("Staff ID"))
        self.staff_id.setMaxLength(16)
        self.staff_id.textEdited.connect(self._typed_id)
        ident_row = QHBoxLayout()
        ident_row.setSpacing(12)
        ident_row.addWidget(self.staff_id, 1)
        # a misread (or someone else's) badge: back to the empty form, no restart needed
        self.clear_badge = button(
            self.tr("Not me / clear"), accessible=self.tr("Clear the scanned badge")
        )
        self.clear_badge.clicked.connect(self.clear_badge_scan)
        self.clear_badge.hide()
        ident_row.addWidget(self.clear_badge)
        layout.addLayout(ident_row)
        layout.addWidget(label(self.tr("PIN"), "section"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("4 to 8 digits"))
        self.pin.setAccessibleName(self.tr("PIN"))
        self.pin.setMaxLength(8)
        self.pin.returnPressed.connect(self._submit)
        layout.addWidget(self.pin)
        self.error = MessageLine(lines=2)  # kept room: an error coming moves no key
        self.error.setObjectName("signInError")
        self.error.setProperty("tone", "danger")  # the theme's danger colour
        self.error.hide()
        layout.addWidget(self.error)
        self.keypad = NumericKeypad(self.pin)
        self.keypad.submitted.connect(self._submit)
        self.submit_button = button(submit_text, "primary")
        self.submit_button.clicked.connect(self._submit)
        self.submit_button.setMinimumHeight(64)

    # -- input ------------------------------------------------------------------------------
    def take_badge(self, badge: str) -> None:
        """A badge was scanned: it replaces the ID; the PIN is next."""
        self._badge = badge.strip()
        self.staff_id.setText(self.tr("Badge scanned ✓"))
        self.staff_id.setReadOnly(True)
        self.clear_badge.show()
        self.error.hide()
        self.pin.setFocus()

    def clear_badge_scan(self) -> None:
        """The "Not me / clear" button: the scanned badge is dropped; scan again or type an ID."""
        self._forget_badge()
        self.pin.clear()
        self.error.hide()
        self.staff_id.setFocus()

    def _forget_badge(self) -> None:
        self._badge = None
        self.staff_id.setReadOnly(False)
        self.staff_id.clear()
        self.clear_badge.hide()

    def _typed_id(self, _text: str) -> None:
        self._badge = None

    def set_identifier_visible(self, visible: bool) -> None:
        self.ident_label.setVisible(visible)
        self.staff_id.setVisible(visible)
        self.clear_badge.setVisible(visible and self._badge is not None)

    def _submit(self) -> None:
        pin = self.pin.text().strip()
        ident = self._badge or self.staff_id.text().strip()
        if self.staff_id.isVisible() and not ident:
            self.show_error(self.tr("Scan your badge or type your staff ID."))
            return
        if len(pin) < 4:
            self.show_error(self.tr("Enter your PIN (4 to 8 digits)."))
            return
        self.pin.clear()  # the PIN leaves the screen now
        self.error.hide()
        self.submit_button.setEnabled(False)
        self.submitted.emit(ident, pin, self._badge is not None)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.pin.clear()
        self.submit_button.setEnabled(True)

    def refuse(self, text: str) -> None:
        """The API refused the attempt: say why and forget a scanned badge, so a misread
        badge cannot keep using up PIN tries (a typed ID stays, to fix the PIN)."""
        had_badge = self._badge is not None
        if had_badge:
            self._forget_badge()
        self.show_error(text)
        if had_badge:
            self.staff_id.setFocus()

    def reset(self) -> None:
        self._forget_badge()
        self.pin.clear()
        self.error.hide()
        self.submit_button.setEnabled(True)
