"""Staff sign-in and lock screen (badge scan or staff ID, plus PIN on a big keypad).

:class:`CredentialForm` is shared with the manager approval dialog. :class:`StaffGate`
covers the whole window with the sign-in screen while nobody is signed in, or with the lock
screen once the session locked; scans go to it (badges) and nowhere else meanwhile.
The PIN leaves the field as soon as it is sent; nothing here stores it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.core.provisioning import looks_like_provisioning
from kiosk_app.core.scan_hub import Scan
from kiosk_app.core.security.staff_session import (
    Locked,
    SignedIn,
    SignedOut,
    SignInRefused,
    StaffSession,
    StaffState,
)
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import Card, button, label
from kiosk_app.ui.widgets.keypad import NumericKeypad
from kiosk_app.ui.widgets.notice import MessageLine
from kiosk_app.ui.widgets.responsive import StackWhenNarrow

if TYPE_CHECKING:
    from kiosk_app.app.services import Services


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


class SignInScreen(QWidget):
    """Full-window sign-in (or lock) screen: instructions and fields left, keypad right."""

    switch_user_requested = Signal()

    def __init__(self, store_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.addStretch(1)
        card = Card()
        card.setMaximumWidth(1040)
        row = QHBoxLayout()
        row.setSpacing(40)
        card.body.setContentsMargins(40, 32, 40, 32)
        card.body.addLayout(row)
        left = QVBoxLayout()
        left.setSpacing(12)
        row.addLayout(left, 1)
        self.store = label(store_name, "section")
        left.addWidget(self.store)
        self.title = label(self.tr("Staff sign-in"), "display", wrap=True)  # long in French
        left.addWidget(self.title)
        self.subtitle = label(
            self.tr("Scan your staff badge, or type your staff ID, then enter your PIN."),
            None,
            wrap=True,
        )
        left.addWidget(self.subtitle)
        left.addSpacing(8)
        self.form = CredentialForm(self.tr("Sign in"))
        left.addWidget(self.form)
        left.addStretch(1)
        left.addWidget(self.form.submit_button)
        self.switch_user = button(self.tr("Switch user"))
        self.switch_user.clicked.connect(self.switch_user_requested.emit)
        self.switch_user.hide()
        left.addWidget(self.switch_user)
        right = QVBoxLayout()
        right.addStretch(1)
        right.addWidget(self.form.keypad)
        right.addStretch(1)
        row.addLayout(right, 1)
        # portrait tablets: the keypad goes under the fields
        self._responsive = StackWhenNarrow(self, row, 900)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(card, 30)  # up to its maximum width; a margin either side
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(1)

    def show_sign_in(self, reason: str | None = None) -> None:
        self.title.setText(self.tr("Staff sign-in"))
        if reason == "expired":
            text = self.tr("Your session ended. Scan your badge or type your staff ID, then PIN.")
        elif reason == "enrolled":
            text = self.tr(
                "This device is set up. Scan your staff badge, or type your staff ID, then "
                "enter your PIN."
            )
        else:
            text = self.tr("Scan your staff badge, or type your staff ID, then enter your PIN.")
        self.subtitle.setText(text)
        self.form.reset()
        self.form.set_identifier_visible(True)
        self.form.submit_button.setText(self.tr("Sign in"))
        self.switch_user.hide()

    def show_locked(self, name: str) -> None:
        self.title.setText(self.tr("Locked"))
        self.subtitle.setText(self.tr("%1, enter your PIN to continue.").replace("%1", name))
        self.form.reset()
        self.form.set_identifier_visible(False)
        self.form.submit_button.setText(self.tr("Unlock"))
        self.switch_user.show()
        self.form.pin.setFocus()


class StaffGate(QObject):
    """Puts the sign-in / lock screen over ``window`` whenever no staff member is active,
    except while the device is being set up (:meth:`step_aside`): first run comes first."""

    def __init__(self, window: QMainWindow, services: Services, session: StaffSession) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.session = session
        self.screen = SignInScreen(services.store_name, window)
        self.screen.hide()
        self._task = TaskSlot(self.screen)
        self._pop_scans: Callable[[], None] | None = None
        self._aside = False
        self.screen.form.submitted.connect(self._submitted)
        self.screen.switch_user_requested.connect(self._switch_user)
        window.installEventFilter(self)
        self._status = self._build_status_controls()
        self._unsubscribe = session.state.subscribe(self._render)
        self.screen.destroyed.connect(lambda *_: self._unsubscribe())

    def _build_status_controls(self) -> QWidget:
        """Who is signed in, "Lock" and "Sign out": at the foot of the navigation rail."""
        box = QWidget()
        box.setObjectName("staffBox")
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 8)
        column.setSpacing(6)
        self.staff_label = QLabel()
        self.staff_label.setObjectName("staffName")
        self.staff_label.setWordWrap(True)
        self.staff_label.setStyleSheet("font-weight: 700;")
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setAccessibleName(self.tr("Lock the screen"))
        self.lock_button.clicked.connect(lambda: self.session.lock("manual"))
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.clicked.connect(lambda: self._task.start(self.session.sign_out()))
        column.addWidget(self.staff_label)
        column.addWidget(self.lock_button)
        column.addWidget(self.sign_out_button)
        rail = self.window.findChild(QWidget, "navRail")
        layout = rail.layout() if rail is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(max(0, layout.count() - 1), box)  # above the version line
        else:
            self.window.statusBar().addPermanentWidget(box)
        return box

    @property
    def covering(self) -> bool:
        return self.screen.isVisible()

    def step_aside(self, aside: bool) -> None:
        """True while the device is not enrolled (first run shows); False once it is."""
        if aside == self._aside:
            return
        self._aside = aside
        self._render(self.session.state.value)
        if not aside and isinstance(self.session.state.value, SignedOut):
            self.screen.show_sign_in("enrolled")

    def _render(self, state: StaffState) -> None:
        if isinstance(state, SignedIn) or self._aside:
            self._uncover()
            if isinstance(state, SignedIn):
                self.staff_label.setText(f"{state.staff.name} · {state.staff.staff_id}")
            self._status.setVisible(isinstance(state, SignedIn))
            return
        self._status.hide()
        if isinstance(state, Locked):
            self.screen.show_locked(state.staff.name)
        elif isinstance(state, SignedOut):
            self.screen.show_sign_in(state.reason)
        self._cover()

    def _cover(self) -> None:
        central = self.window.centralWidget()
        if central is not None:
            central.setEnabled(False)  # no keyboard path to the screens underneath
        self.screen.setGeometry(self.window.rect())
        self.screen.show()
        self.screen.raise_()
        if self._pop_scans is None:
            self._pop_scans = self.services.scans.push(self._scan)
        self.screen.form.staff_id.setFocus()

    def _uncover(self) -> None:
        if self._pop_scans is not None:
            self._pop_scans()
            self._pop_scans = None
        self.screen.hide()
        central = self.window.centralWidget()
        if central is not None:
            central.setEnabled(True)

    def _scan(self, scan: Scan) -> bool:
        """Every scan while covered is a badge (never routed to the screens beneath), except
        IT's set-up code: first run takes it on a device not enrolled yet."""
        if looks_like_provisioning(scan.text):
            if not self.services.client.has_token:
                return False  # to first run, which shows (the gate steps aside) and enrolls
            self.screen.form.show_error(self.tr("This is a device set-up code, not a staff badge."))
            return True
        if isinstance(self.session.state.value, SignedOut):
            self.screen.form.take_badge(scan.text)
        return True

    def _submitted(self, ident: str, pin: str, is_badge: bool) -> None:
        state = self.session.state.value
        if isinstance(state, Locked):
            self._task.start(self._run(self.session.unlock(pin)))
        elif is_badge:
            self._task.start(self._run(self.session.sign_in(badge=ident, pin=pin)))
        else:
            self._task.start(self._run(self.session.sign_in(staff_id=ident, pin=pin)))

    async def _run(self, attempt: object) -> None:
        try:
            await attempt  # type: ignore[misc]
        except SignInRefused as exc:
            self.screen.form.refuse(refusal_text(exc))

    def _switch_user(self) -> None:
        self._task.start(self.session.sign_out())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self.covering:
            self.screen.setGeometry(self.window.rect())
        return False
