"""Staff sign-in (badge or ID + PIN), permissions, manager approvals, store staff policy.

Every POST takes an ``Idempotency-Key``. The requests that carry a PIN get a keyed request
fingerprint, and the tokens they answer are kept in the idempotency record only sealed under
the server's key (``central_api.platform.sealed_replies``): a replay still answers the token, a copy
of the database gives none.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import update
from sqlalchemy.orm import Session

from central_api.platform.auth import Principal, current_principal
from central_api.platform.deps import DB
from central_api.platform.idempotency import IdempotentRequest, idempotent_request, run_idempotent
from central_api.platform.inline_reads import InlineReadRoute
from central_api.platform.permissions import ACTIONS, decisions
from central_api.platform.problems import Problem
from central_api.platform.sealed_replies import keyed_idempotent_request, open_sealed, sealed_field
from central_api.staff.action_proofs import with_action_key
from central_api.staff.models import StaffMember, StaffSession, StoreStaffPolicy
from central_api.staff.schemas import (
    ApprovalIn,
    ApprovalOut,
    SignInIn,
    SignOutOut,
    StaffMeOut,
    StaffOut,
    StaffPolicyIn,
    StaffPolicyOut,
    StaffSessionOut,
)
from central_api.staff.service import (
    approval_refusal,
    as_utc,
    check_credentials,
    open_session,
    permission_or_problem,
    record_approval,
    refusal,
)

router = APIRouter(route_class=InlineReadRoute, prefix="/v1/staff", tags=["staff"])
Device = Annotated[Principal, Depends(current_principal)]


PinIdem = Annotated[IdempotentRequest, Depends(keyed_idempotent_request)]
Idem = Annotated[IdempotentRequest, Depends(idempotent_request)]


def _staff_out(member: StaffMember) -> StaffOut:
    return StaffOut(staff_id=member.staff_id, name=member.name, role=member.role)


@router.post(
    "/sessions",
    status_code=201,
    response_model=StaffSessionOut,
    responses={
        401: {"description": "invalid-staff-credentials"},
        403: {"description": "staff-other-store"},
        423: {"description": "staff-locked (5 wrong PINs: 15 minutes)"},
    },
)
def sign_in(body: SignInIn, request: Request, db: DB, principal: Device, idem: PinIdem) -> Any:
    """Badge or staff ID + PIN → a short-lived staff token bound to this device.

    Signing in ends any other staff session of this device (one person at a time).
    """

    def work(session: Session) -> tuple[int, Any]:
        now = datetime.now(UTC)
        result = check_credentials(
            session,
            request.app.state.keys,
            staff_id=body.staff_id,
            badge=body.badge,
            pin=body.pin,
            store_id=principal.store_id,
            device_id=principal.subject,
            kind="sign_in",
            now=now,
        )
        if not result.ok or result.staff is None:
            problem = refusal(result)
            return problem.status, problem.body(request.url.path)  # counted, then refused
        member = result.staff
        session.execute(
            update(StaffSession)
            .where(StaffSession.device_id == principal.subject, StaffSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        token, record = open_session(
            session, member, principal.subject, "badge" if body.badge else "id", now
        )
        session.flush()
        out = StaffSessionOut(
            token="",
            action_key="",
            session_id=record.session_id,
            expires_at=record.expires_at,
            staff=_staff_out(member),
            store_code=principal.store_code,
            permissions=decisions(member.role, principal.mode),
        )
        sealed = sealed_field(request, "token", token)
        return 201, {**out.model_dump(exclude={"token", "action_key"}), **sealed}

    answer = open_sealed(request, run_idempotent(db, principal.key, idem, work), "token")
    return with_action_key(request, answer)  # derived again, never stored


def _signed_in(principal: Principal) -> Any:
    if principal.staff is None:
        raise Problem(
            401,
            "staff-sign-in-required",
            "No staff member signed in",
            "Sign in with your badge or staff ID and PIN.",
        )
    return principal.staff


@router.get("/me", response_model=StaffMeOut)
def me(principal: Device) -> StaffMeOut:
    """The signed-in staff member and what they may do here (per action)."""
    staff = _signed_in(principal)
    return StaffMeOut(
        staff=StaffOut(staff_id=staff.staff_id, name=staff.name, role=staff.role),
        session_id=staff.session_id,
        expires_at=staff.expires_at,
        store_code=principal.store_code,
        device_mode=principal.mode,
        permissions=dict(staff.permissions),
    )


@router.post("/sessions/current/sign-out", response_model=SignOutOut)
def sign_out(db: DB, principal: Device, idem: Idem) -> JSONResponse:
    """End the calling staff session now (the token stops working everywhere)."""
    staff = _signed_in(principal)

    def work(session: Session) -> tuple[int, Any]:
        session.execute(
            update(StaffSession)
            .where(StaffSession.session_id == staff.session_id, StaffSession.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
        return 200, SignOutOut(session_id=staff.session_id, signed_out=True)

    return run_idempotent(db, principal.key, idem, work)


@router.post(
    "/approvals",
    status_code=201,
    response_model=ApprovalOut,
    responses={
        403: {"description": "invalid-manager-credentials, approver-must-differ, ..."},
        423: {"description": "staff-locked"},
    },
)
def approve(body: ApprovalIn, request: Request, db: DB, principal: Device, idem: PinIdem) -> Any:
    """Another person's badge/ID + PIN approves one action on one subject (24 h, this device).

    The approval is recorded (who approved what, for whom, where); the answer's
    ``approval_token`` goes with the approved request, which records the approval with it.
    """
    if body.action not in ACTIONS:
        raise Problem(422, "unknown-action", "Unknown action", f"No action {body.action!r}.")
    if principal.mode == "kiosk" or principal.staff is not None or principal.staff_required:
        # the requester must be signed in and not denied this action (kiosks: always denied)
        permission_or_problem(principal, body.action)
    subject = body.subject.strip().upper()

    def work(session: Session) -> tuple[int, Any]:
        now = datetime.now(UTC)
        result = check_credentials(
            session,
            request.app.state.keys,
            staff_id=body.staff_id,
            badge=body.badge,
            pin=body.pin,
            store_id=principal.store_id,
            device_id=principal.subject,
            kind="approval",
            now=now,
        )
        problem = approval_refusal(result, principal, body.action)
        if problem is not None or result.staff is None:
            assert problem is not None
            return problem.status, problem.body(request.url.path)
        token, record = record_approval(
            session,
            approver=result.staff,
            requester=principal.staff,
            action=body.action,
            subject=subject,
            device_id=principal.subject,
            now=now,
        )
        session.flush()
        out = ApprovalOut(
            approval_id=record.approval_id,
            approval_token="",
            action=body.action,
            subject=subject,
            approver=_staff_out(result.staff),
            requested_by=principal.staff.staff_id if principal.staff else None,
            expires_at=as_utc(record.expires_at),
        )
        sealed = sealed_field(request, "approval_token", token)
        return 201, {**out.model_dump(exclude={"approval_token"}), **sealed}

    return open_sealed(request, run_idempotent(db, principal.key, idem, work), "approval_token")


def _policy_out(session: Session, principal: Principal) -> StaffPolicyOut:
    policy = session.get(StoreStaffPolicy, principal.store_id)
    return StaffPolicyOut(
        store_code=principal.store_code,
        staff_sign_in="required" if policy is None else policy.staff_sign_in,
        updated_by=policy.updated_by if policy else None,
    )


@router.get("/policy", response_model=StaffPolicyOut)
def get_policy(db: DB, principal: Device) -> StaffPolicyOut:
    """Whether this store's associate devices need a staff session for staff actions."""
    with db.session() as session:
        return _policy_out(session, principal)


@router.post("/policy", response_model=StaffPolicyOut)
def set_policy(body: StaffPolicyIn, db: DB, principal: Device, idem: Idem) -> JSONResponse:
    """A manager signed in here switches the store between ``required`` and ``optional``."""
    if permission_or_problem(principal, "store.policy") != "allowed":
        raise Problem(403, "permission-denied", "Not allowed for your role", "Managers only.")
    assert principal.staff is not None
    staff_id = principal.staff.staff_id

    def work(session: Session) -> tuple[int, Any]:
        now = datetime.now(UTC)
        policy = session.get(StoreStaffPolicy, principal.store_id)
        if policy is None:
            session.add(
                StoreStaffPolicy(
                    location_id=principal.store_id,
                    staff_sign_in=body.staff_sign_in,
                    updated_at=now,
                    updated_by=staff_id,
                )
            )
        else:
            policy.staff_sign_in = body.staff_sign_in
            policy.updated_at, policy.updated_by = now, staff_id
        session.flush()
        return 200, _policy_out(session, principal)

    return run_idempotent(db, principal.key, idem, work)
