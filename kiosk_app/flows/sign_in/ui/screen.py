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
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.kernel.provisioning import looks_like_provisioning
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.kernel.security.staff_session import (
    Locked,
    SignedIn,
    SignedOut,
    SignInRefused,
    StaffSession,
    StaffState,
)
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import Card, button, label
from kiosk_app.ui.widgets.responsive import StackWhenNarrow

if TYPE_CHECKING:
    from kiosk_app.kernel.services import SharedServices


from kiosk_app.ui.staff_credentials import CredentialForm, refusal_text


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

    def __init__(
        self, window: QMainWindow, services: SharedServices, session: StaffSession
    ) -> None:
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
