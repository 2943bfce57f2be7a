"""Manager approval: another person's badge (scanned) or ID, plus PIN (opened with ``open()``).

The shared approval dialog of the app. Two ways to use it:

* with a :class:`StaffSession` (``approve_with``): the dialog asks the API itself
  (``POST /v1/staff/approvals``) and emits ``approved(Approval)``;
* like the returns flow's original dialog: connect ``submitted(identifier, pin)`` and call
  ``show_error``/``accept`` yourself (``manager``, ``pin``, ``error`` and ``approve_button``
  are kept under the same names).

While it is open, scans are taken as the approver's badge.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.kernel.scan_hub import Scan, ScanHub
from kiosk_app.kernel.security.staff_session import Approval, SignInRefused, StaffSession
from kiosk_app.ui.staff_credentials import CredentialForm, refusal_text
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import button, label


class StaffApprovalDialog(QDialog):
    submitted = Signal(str, str)  # badge or staff ID, PIN
    approved = Signal(object)  # Approval

    def __init__(
        self,
        what: str,
        parent: QWidget | None = None,
        *,
        scans: ScanHub | None = None,
        requester: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setWindowTitle(self.tr("Manager approval"))
        self.setModal(True)
        self.setMinimumSize(860, 600)
        self._session: StaffSession | None = None
        self._action = ""
        self._subject = ""
        self._task = TaskSlot(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(16)
        outer.addWidget(label(self.tr("Manager approval"), "title"))
        self.what = label(what, None, wrap=True)
        self.what.setStyleSheet("font-size: 20px;")
        outer.addWidget(self.what)
        hint = self.tr("A manager scans their badge or types their ID, then their PIN.")
        if requester:
            hint += " " + self.tr("It cannot be %1.").replace("%1", requester)
        outer.addWidget(label(hint, "muted", wrap=True))
        row = QHBoxLayout()
        row.setSpacing(32)
        outer.addLayout(row, 1)
        left = QVBoxLayout()
        self.form = CredentialForm(self.tr("Approve"))
        self.form.ident_label.setText(self.tr("Manager"))
        self.form.staff_id.setPlaceholderText(self.tr("Scan the badge or type the manager ID"))
        left.addWidget(self.form)
        left.addStretch(1)
        row.addLayout(left, 1)
        row.addWidget(self.form.keypad, 1)
        buttons = QHBoxLayout()
        self.cancel_button = button(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.form.submit_button, 1)
        outer.addLayout(buttons)
        # the returns flow's names
        self.manager = self.form.staff_id
        self.pin = self.form.pin
        self.error = self.form.error
        self.approve_button = self.form.submit_button
        self.form.submitted.connect(self._submitted)
        self._pop: Callable[[], None] | None = None
        if scans is not None:
            self._pop = scans.push(self._scan)
            self.finished.connect(lambda *_: self._release())

    @classmethod
    def for_return(cls, order_number: str, parent: QWidget | None = None) -> StaffApprovalDialog:
        from PySide6.QtCore import QCoreApplication

        text = QCoreApplication.translate(
            "StaffApprovalDialog", "A manager approves the return of order %1."
        ).replace("%1", order_number)
        return cls(text, parent)

    def approve_with(self, session: StaffSession, action: str, subject: str) -> None:
        """Check the credentials at the API for ``action`` on ``subject``."""
        self._session, self._action, self._subject = session, action, subject

    def _scan(self, scan: Scan) -> bool:
        self.form.take_badge(scan.text)
        return True

    def _release(self) -> None:
        self._task.cancel()
        if self._pop is not None:
            self._pop()
            self._pop = None

    def _submitted(self, ident: str, pin: str, is_badge: bool) -> None:
        if self._session is None:
            self.submitted.emit(ident, pin)
            return
        self._task.start(self._check(self._session, ident, pin, is_badge))

    async def _check(self, session: StaffSession, ident: str, pin: str, is_badge: bool) -> None:
        try:
            approval: Approval = await session.request_approval(
                self._action,
                self._subject,
                pin=pin,
                badge=ident if is_badge else None,
                staff_id=None if is_badge else ident,
            )
        except SignInRefused as exc:
            self.form.refuse(refusal_text(exc))
            return
        self.approved.emit(approval)
        self.accept()

    def show_error(self, text: str) -> None:
        self.form.show_error(text)


__all__ = ["StaffApprovalDialog"]
