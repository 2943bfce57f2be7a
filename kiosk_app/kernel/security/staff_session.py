"""The staff member signed in on this device: sign-in, lock, unlock, sign-out, approvals.

* The PIN goes to the API once (``POST /v1/staff/sessions``) and is forgotten: it is never
  stored, queued in the outbox or logged. Sign-in is online by nature (the API checks the
  PIN and counts failures), so it is a direct request with its own Idempotency-Key rather
  than an outbox entry - an outbox would write the PIN to disk.
* The staff token lives in memory only and rides on every request (``X-Staff-Token``); so
  does the session's action key, which signs the writes queued offline
  (``kiosk_app.kernel.security.action_proof``).
* Locking (idle, or "Lock" tapped) keeps the session for the outbox but hides everything
  behind the lock screen; unlocking asks the API again (new token, PIN re-checked).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from kiosk_app.kernel.api.client import ApiClient, new_idempotency_key
from kiosk_app.kernel.api.errors import ApiError, ApiTimeout, ApiUnavailable
from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.security.action_proof import ActionProofKey
from kiosk_app.kernel.security.permissions import NO_PERMISSIONS, Decision, Permissions
from kiosk_app.kernel.security.redaction import SECRETS

log = logging.getLogger(__name__)


class StaffOut(BaseModel):
    staff_id: str
    name: str
    role: str


class _SessionOut(BaseModel):
    token: str
    action_key: str = ""  # signs the writes queued offline (older servers: none)
    session_id: str
    expires_at: datetime
    staff: StaffOut
    store_code: str
    permissions: dict[str, str]


class _ApprovalOut(BaseModel):
    approval_id: str
    approval_token: str
    action: str
    subject: str
    approver: StaffOut
    requested_by: str | None
    expires_at: datetime


@dataclass(frozen=True)
class StaffMember:
    staff_id: str
    name: str
    role: str


@dataclass(frozen=True)
class SignedOut:
    reason: str | None = None  # "expired", "signed_out" …


@dataclass(frozen=True)
class SignedIn:
    staff: StaffMember
    permissions: Permissions
    expires_at: datetime


@dataclass(frozen=True)
class Locked:
    staff: StaffMember
    permissions: Permissions
    reason: str = "idle"


StaffState = SignedOut | SignedIn | Locked


@dataclass(frozen=True)
class Approval:
    """A manager's approval of one action on one subject, to send with that action."""

    approval_id: str
    token: str
    action: str
    subject: str
    approver: StaffMember
    expires_at: datetime


class SignInRefused(Exception):
    """Why a sign-in or approval failed, in one of a few kinds the screens explain."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        #: credentials, locked, other_store, not_allowed, same_person, offline, error
        self.kind = kind


_KINDS = {
    "invalid-staff-credentials": "credentials",
    "invalid-manager-credentials": "credentials",
    "staff-locked": "locked",
    "staff-other-store": "other_store",
    "approver-must-differ": "same_person",
    "permission-denied": "not_allowed",
    "staff-sign-in-required": "not_allowed",
}


def refusal_of(exc: ApiError) -> SignInRefused | None:
    """The sign-in or approval refusal an API error stands for (None: not one of them)."""
    return _refusal(exc) if (exc.slug or "") in _KINDS else None


def _refusal(exc: ApiError) -> SignInRefused:
    if isinstance(exc, ApiUnavailable | ApiTimeout):
        return SignInRefused("offline", str(exc))
    return SignInRefused(_KINDS.get(exc.slug or "", "error"), exc.detail or str(exc))


def _credentials(pin: str, staff_id: str | None, badge: str | None) -> dict[str, Any]:
    if bool(staff_id) == bool(badge):
        raise ValueError("give a staff ID or a badge")
    body: dict[str, Any] = {"pin": pin}
    if badge:
        body["badge"] = badge.strip()
    else:
        body["staff_id"] = (staff_id or "").strip().upper()
    return body


class StaffSession:
    def __init__(self, client: ApiClient) -> None:
        self._client = client
        self.state: Observable[StaffState] = Observable(SignedOut())
        self._token: str | None = None
        client.on_staff_token_rejected(self._rejected)

    # -- what the UI asks --------------------------------------------------------------------
    @property
    def signed_in(self) -> bool:
        return isinstance(self.state.value, SignedIn)

    @property
    def staff(self) -> StaffMember | None:
        state = self.state.value
        return None if isinstance(state, SignedOut) else state.staff

    def decision(self, action: str) -> Decision:
        state = self.state.value
        if not isinstance(state, SignedIn):
            return Decision.DENIED
        return state.permissions.decide(action)

    # -- sign-in / out ------------------------------------------------------------------------
    async def sign_in(
        self, *, pin: str, staff_id: str | None = None, badge: str | None = None
    ) -> SignedIn:
        body = _credentials(pin, staff_id, badge)
        self._forget_token()  # a stale token would make the API refuse the request
        try:
            data = await self._client.post(
                "/v1/staff/sessions", body, idempotency_key=new_idempotency_key()
            )
        except ApiError as exc:
            raise _refusal(exc) from None  # "from None": the request body stays out of logs
        finally:
            body.clear()
        answer: _SessionOut = ApiClient.parse_as(_SessionOut, data)
        self._token = answer.token
        SECRETS.add(answer.token)
        if answer.action_key:
            SECRETS.add(answer.action_key)
        action_key = ActionProofKey.from_api(
            answer.session_id, answer.staff.staff_id, answer.action_key
        )
        self._client.set_staff_token(answer.token, action_key)
        staff = StaffMember(answer.staff.staff_id, answer.staff.name, answer.staff.role)
        state = SignedIn(staff, Permissions.from_api(answer.permissions), answer.expires_at)
        self.state.set(state)
        log.info("staff %s signed in (%s)", staff.staff_id, staff.role)
        return state

    def lock(self, reason: str = "idle") -> None:
        """Hide everything until the PIN is entered again (the session stays for the outbox)."""
        state = self.state.value
        if isinstance(state, SignedIn):
            self.state.set(Locked(state.staff, state.permissions, reason))
            log.info("staff session locked (%s)", reason)

    async def unlock(self, pin: str) -> SignedIn:
        state = self.state.value
        if not isinstance(state, Locked):
            raise ValueError("not locked")
        return await self.sign_in(pin=pin, staff_id=state.staff.staff_id)

    async def sign_out(self) -> None:
        """End the session here and at the API (best effort: the token expires anyway)."""
        token = self._token
        if token is not None:
            try:
                await self._client.post(
                    "/v1/staff/sessions/current/sign-out",
                    None,
                    idempotency_key=new_idempotency_key(),
                )
            except ApiError as exc:
                log.info("sign-out not confirmed by the API: %s", type(exc).__name__)
        self._forget_token()
        self.state.set(SignedOut("signed_out"))

    def _forget_token(self) -> None:
        if self._token is not None:
            SECRETS.add(self._token)  # stays masked in logs after it is gone
        self._token = None
        self._client.set_staff_token(None)

    def _rejected(self) -> None:
        """The API ended the session (expired, or another sign-in on this device)."""
        self._token = None
        state = self.state.value
        if not isinstance(state, SignedOut):
            self.state.set(SignedOut("expired"))

    # -- manager approval ---------------------------------------------------------------------
    async def request_approval(
        self,
        action: str,
        subject: str,
        *,
        pin: str,
        staff_id: str | None = None,
        badge: str | None = None,
    ) -> Approval:
        """Another person's badge/ID + PIN → an approval recorded at the API."""
        body = _credentials(pin, staff_id, badge)
        body.update(action=action, subject=subject)
        try:
            data = await self._client.post(
                "/v1/staff/approvals", body, idempotency_key=new_idempotency_key()
            )
        except ApiError as exc:
            raise _refusal(exc) from None
        finally:
            body.clear()
        answer: _ApprovalOut = ApiClient.parse_as(_ApprovalOut, data)
        SECRETS.add(answer.approval_token)
        approver = StaffMember(answer.approver.staff_id, answer.approver.name, answer.approver.role)
        log.info("%s approved by %s", answer.action, approver.staff_id)
        return Approval(
            answer.approval_id,
            answer.approval_token,
            answer.action,
            answer.subject,
            approver,
            answer.expires_at,
        )


__all__ = [
    "NO_PERMISSIONS",
    "Approval",
    "Locked",
    "SignInRefused",
    "SignedIn",
    "SignedOut",
    "StaffMember",
    "StaffSession",
    "StaffState",
]
