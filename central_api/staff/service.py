"""Staff credentials: PIN hashing, badge/ID + PIN checks with lockout, sessions, approvals.

* PINs are stored only as salted, peppered scrypt hashes (``central_api.staff.pin_hashing``; the
  pepper is in the key file, not the database) and compared in constant time; an unknown
  staff ID costs the same hash as a known one. Badges are HMACs under the pepper.
* Lockout is server-side (``central_api.staff.pin_lockouts``): ``MAX_FAILURES`` wrong PINs on
  associate devices of a store lock that ID (or badge) at that store for ``LOCKOUT``
  (sign-in *and* approvals); kiosk attempts never count, every device is throttled on its
  own, and an unknown ID is answered exactly as a known one with a wrong PIN.
* A staff token (``stf_…``) is short-lived (``SESSION_TTL``), stored as a hash and bound to
  the device that asked for it: stolen from one tablet, it is useless on another.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from fastapi import Request
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central_api.platform.auth import (
    Principal,
    StaffContext,
    new_token,
    permission_denied,
    token_hash,
)
from central_api.platform.keys import KeyRing
from central_api.platform.permissions import ALLOWED, decisions, may_approve
from central_api.platform.problems import Problem
from central_api.staff import pin_lockouts
from central_api.staff.models import (
    StaffApproval,
    StaffAuthEvent,
    StaffMember,
    StaffSession,
    StoreStaffPolicy,
)
from central_api.staff.pin_hashing import (
    badge_hash,
    badge_hashes,
    hash_pin,
    pin_hash_is_current,
    pin_matches,
)

STAFF_TOKEN_PREFIX = "stf_"
APPROVAL_TOKEN_PREFIX = "apv_"
MAX_FAILURES = pin_lockouts.MAX_FAILURES
LOCKOUT = pin_lockouts.LOCKOUT
SESSION_TTL = timedelta(hours=4)
APPROVAL_TTL = timedelta(hours=24)  # the app may hold the approved action in its outbox
Outcome = Literal["ok", "bad_credentials", "locked", "inactive", "other_store"]


def as_utc(value: datetime) -> datetime:
    """SQLite gives naive datetimes back: they were stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# -- credential checks ------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckResult:
    outcome: Outcome
    staff: StaffMember | None = None
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def find_staff(
    session: Session, keys: KeyRing, *, staff_id: str | None, badge: str | None
) -> StaffMember | None:
    if badge:
        query = select(StaffMember).where(StaffMember.badge_hash.in_(badge_hashes(badge, keys)))
    elif staff_id:
        query = select(StaffMember).where(StaffMember.staff_id == staff_id.strip().upper())
    else:
        return None
    return session.scalars(query).first()


def check_credentials(
    session: Session,
    keys: KeyRing,
    *,
    staff_id: str | None,
    badge: str | None,
    pin: str,
    store_id: int,
    device_id: str,
    kind: str,
    now: datetime | None = None,
) -> CheckResult:
    """Check badge/ID + PIN inside the caller's *write* transaction; count failures.

    The failure counter and the audit row are written in that transaction: the caller
    commits them even when it answers a refusal.
    """
    now = now or datetime.now(UTC)
    mode = pin_lockouts.device_mode(session, device_id)
    pin_lockouts.refuse_if_device_throttled(session, device_id, mode, now)
    member = find_staff(session, keys, staff_id=staff_id, badge=badge)
    ident = pin_lockouts.ident_key(member, staff_id, badge, keys)
    # the PIN is hashed whatever happens next: an unknown ID or a lock costs the same time
    if member is None:
        hash_pin(pin, keys.current("pepper"))
        pin_ok = False
    else:
        pin_ok = pin_matches(pin, member.pin_hash, keys)
    locked_until = pin_lockouts.locked_until(session, ident, store_id, now)
    if locked_until is not None:
        result = CheckResult("locked", member, locked_until)
    elif not pin_ok:
        locked_until = None
        if mode == "associate":  # a kiosk's guesses never lock anyone out
            locked_until = pin_lockouts.count_failure(session, ident, store_id, now)
        if locked_until is not None:
            result = CheckResult("locked", member, locked_until)
        else:
            result = CheckResult("bad_credentials", member)
    elif member is None or not member.active:
        result = CheckResult("inactive", member)
    elif member.location_id is not None and member.location_id != store_id:
        result = CheckResult("other_store", member)
    else:
        pin_lockouts.reset(session, ident, store_id)
        changes = _rehashed(member, pin, badge, keys)
        if changes:
            session.execute(
                update(StaffMember).where(StaffMember.id == member.id).values(**changes)
            )
        result = CheckResult("ok", member)
    session.add(
        StaffAuthEvent(
            at=now,
            kind=kind,
            outcome=result.outcome,
            staff_member_id=member.id if member else None,
            device_id=device_id,
        )
    )
    return result


def _rehashed(member: StaffMember, pin: str, badge: str | None, keys: KeyRing) -> dict[str, str]:
    """New hashes for what was made with a retired pepper (or weaker parameters)."""
    changes = {}
    if not pin_hash_is_current(member.pin_hash, keys):
        changes["pin_hash"] = hash_pin(pin, keys.current("pepper"))
    if badge and member.badge_hash != (current := badge_hash(badge, keys)):
        changes["badge_hash"] = current
    return changes


def refusal(result: CheckResult, *, manager: bool = False) -> Problem:
    """The problem answered for a failed check (never says whether the ID exists)."""
    if result.outcome == "locked":
        until = result.locked_until or datetime.now(UTC)
        return Problem(
            423,
            "staff-locked",
            "Too many wrong PINs",
            "This person is locked after too many wrong PINs; try again after "
            f"{until.strftime('%H:%M')} UTC or ask a manager.",
            locked_until=until.isoformat(),
        )
    if result.outcome == "other_store":
        return Problem(
            403,
            "staff-other-store",
            "Not a member of this store",
            "This person works in another store and cannot sign in here.",
        )
    if manager:
        return Problem(
            403,
            "invalid-manager-credentials",
            "Manager ID or PIN not recognised",
            "The manager ID or PIN is wrong, or this person may not approve this.",
        )
    return Problem(
        401,
        "invalid-staff-credentials",
        "Badge, staff ID or PIN not recognised",
        "Check the staff ID or badge and the PIN, then try again.",
    )


# -- sessions ---------------------------------------------------------------------------------
def open_session(
    session: Session, member: StaffMember, device_id: str, method: str, now: datetime
) -> tuple[str, StaffSession]:
    token = new_token(STAFF_TOKEN_PREFIX)
    record = StaffSession(
        session_id=f"ss-{uuid.uuid4().hex[:16]}",
        token_hash=token_hash(token),
        staff_member_id=member.id,
        device_id=device_id,
        method=method,
        created_at=now,
        expires_at=now + SESSION_TTL,
    )
    session.add(record)
    return token, record


def staff_context(
    session: Session, token: str, device_id: str, store_id: int, mode: str
) -> StaffContext:
    """The staff member behind ``token`` on this device, or 401 ``invalid-staff-token``."""
    record = session.scalars(
        select(StaffSession).where(StaffSession.token_hash == token_hash(token))
    ).first()
    now = datetime.now(UTC)
    member = record.staff if record is not None else None
    if (
        record is None
        or member is None
        or record.revoked_at is not None
        or as_utc(record.expires_at) <= now
        or record.device_id != device_id
        or not member.active
        or (member.location_id is not None and member.location_id != store_id)
    ):
        raise Problem(
            401,
            "invalid-staff-token",
            "Staff session ended",
            "The staff session expired or was signed out; sign in again.",
        )
    return StaffContext(
        staff_id=member.staff_id,
        name=member.name,
        role=member.role,
        session_id=record.session_id,
        expires_at=as_utc(record.expires_at),
        permissions=decisions(member.role, mode),
    )


def staff_sign_in_required(session: Session, store_id: int) -> bool:
    policy = session.get(StoreStaffPolicy, store_id)
    return policy is None or policy.staff_sign_in == "required"


# -- approvals --------------------------------------------------------------------------------
def check_approver(
    request: Request, principal: Principal, ident: str, pin: str, action: str
) -> StaffMember:
    """Another person's ID (or badge) + PIN who may approve ``action``; refusals raise.

    Used by endpoints that grant their own approval (``POST /v1/returns/approvals``). The
    failure counter and audit row are committed even when the check fails.
    """
    db = request.app.state.db
    ident = ident.strip()
    with db.write_session() as session:
        is_badge = ident.upper().startswith(BADGE_PREFIX)
        result = check_credentials(
            session,
            request.app.state.keys,
            staff_id=None if is_badge else ident,
            badge=ident if is_badge else None,
            pin=pin,
            store_id=principal.store_id,
            device_id=principal.subject,
            kind="approval",
        )
        session.commit()
    problem = approval_refusal(result, principal, action)
    if problem is not None:
        raise problem
    assert result.staff is not None
    return result.staff


def approval_refusal(result: CheckResult, principal: Principal, action: str) -> Problem | None:
    if not result.ok:
        return refusal(result, manager=True)
    member = result.staff
    assert member is not None
    if principal.staff is not None and principal.staff.staff_id == member.staff_id:
        return Problem(
            403,
            "approver-must-differ",
            "Approval needs another person",
            "A manager approval is another person's badge or ID and PIN, not your own.",
        )
    if not may_approve(member.role, action):
        return refusal(CheckResult("bad_credentials", member), manager=True)
    return None


def record_approval(
    session: Session,
    *,
    approver: StaffMember,
    requester: StaffContext | None,
    action: str,
    subject: str,
    device_id: str,
    now: datetime,
) -> tuple[str, StaffApproval]:
    token = new_token(APPROVAL_TOKEN_PREFIX)
    requester_id = None
    if requester is not None:
        requester_id = session.scalars(
            select(StaffMember.id).where(StaffMember.staff_id == requester.staff_id)
        ).first()
    record = StaffApproval(
        approval_id=f"apr-{uuid.uuid4().hex[:16]}",
        token_hash=token_hash(token),
        action=action,
        subject=subject,
        approver_id=approver.id,
        requester_id=requester_id,
        device_id=device_id,
        created_at=now,
        expires_at=now + APPROVAL_TTL,
    )
    session.add(record)
    return token, record


def verify_approval(
    session: Session,
    token: str | None,
    *,
    action: str | tuple[str, ...],
    subject: str,
    principal: Principal,
) -> StaffApproval:
    """The approval behind ``token`` for this action, subject and device, or 403.

    Only the server's own approval records count (``record_approval``: what
    ``/v1/staff/approvals`` and ``/v1/returns/approvals`` issue; a token is looked up by its
    hash, there is nothing to forge). The approver must still exist, be active, be allowed
    to approve the recorded action and not be the staff member asking now
    (``approver-must-differ``). ``action`` may name several actions any of which will do.
    """
    actions = (action,) if isinstance(action, str) else action
    action = actions[0]
    if not token:
        raise Problem(
            403,
            "manager-approval-required",
            "Manager approval required",
            f"This needs a manager's approval ({action}).",
            action=action,
        )
    record = session.scalars(
        select(StaffApproval).where(StaffApproval.token_hash == token_hash(token))
    ).first()
    approver = session.get(StaffMember, record.approver_id) if record is not None else None
    if (
        record is None
        or approver is None
        or record.action not in actions
        or record.subject != subject
        or record.device_id != principal.subject
        or as_utc(record.expires_at) <= datetime.now(UTC)
    ):
        raise Problem(
            403,
            "invalid-approval",
            "Manager approval not valid",
            "The approval is for another action, subject or device, or has expired; ask again.",
        )
    if principal.staff is not None and principal.staff.staff_id == approver.staff_id:
        raise Problem(
            403,
            "approver-must-differ",
            "Approval needs another person",
            "A manager approval is another person's badge or ID and PIN, not your own.",
        )
    elsewhere = approver.location_id not in (None, principal.store_id)
    if not approver.active or elsewhere or not may_approve(approver.role, record.action):
        raise Problem(
            403,
            "invalid-approval",
            "Manager approval not valid",
            f"{approver.name} may no longer approve this; ask another manager.",
        )
    return record


def permission_or_problem(principal: Principal, action: str) -> str:
    """The caller's decision for ``action``; 403 when there is no staff member or it is denied."""
    if principal.staff is None:
        raise Problem(
            403,
            "staff-sign-in-required",
            "Staff sign-in required",
            "A staff member must sign in on this device first.",
        )
    decision = principal.staff.permissions.get(action, "denied")
    if decision == "denied":
        raise permission_denied(principal.staff.role, action)
    return decision


BADGE_PREFIX = "OSB1-"
__all__ = [
    "ALLOWED",
    "APPROVAL_TTL",
    "BADGE_PREFIX",
    "LOCKOUT",
    "MAX_FAILURES",
    "SESSION_TTL",
    "check_approver",
    "check_credentials",
    "hash_pin",
    "pin_matches",
]
