"""Proof that a staff member made a queued write, checked after their session ended.

An associate may hand an order over offline: the app queues the write in its outbox and it
reaches the server later, perhaps after the associate signed out. The server cannot ask for
their staff token then, so the app attaches a *staff proof* made on the device, offline,
when the associate confirmed:

* each staff session comes with an **action key** (``action_key`` in the sign-in answer):
  ``HMAC-SHA256(seal key, "staff-action-key\\0" + session_id)``. It is never stored: the
  server derives it again from the key file (a copy of the database cannot), and the app
  keeps it in memory only, like the staff token;
* the proof is ``HMAC-SHA256(action key, message)`` over the method, path, Idempotency-Key,
  the moment it happened, the staff ID and the session: it stands for that one write only.

The server accepts it for ``PROOF_WINDOW`` after that moment, provided the session was open
(on this device) at that moment and the person is still active and allowed to do the
action; it then records that person as the author, whoever is signed in when it arrives.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select

from central_api.platform.auth import (
    SCOPES_BY_MODE,
    Principal,
    StaffContext,
    check_scope,
    current_principal,
    effective_scopes,
)
from central_api.platform.idempotency import (
    REPLAY_HEADER,
    IdempotencyRecord,
    IdempotentRequest,
    idempotent_request,
)
from central_api.platform.keys import KeyRing
from central_api.platform.occurred import MAX_FUTURE_SKEW, Occurred, WriteTime, parse_occurred_at
from central_api.platform.permissions import decisions
from central_api.platform.problems import Problem
from central_api.staff.models import StaffSession

PROOF_WINDOW = timedelta(hours=24)
PROOF_FIELD = "staff_proof"
_KEY_LABEL = b"staff-action-key\0"
_MESSAGE_VERSION = "omnistore-staff-action-v1"


class StaffProofIn(BaseModel):
    """Who made this write while offline, and when (``central_api.staff.action_proofs``)."""

    model_config = ConfigDict(extra="forbid")

    session_id: str = Field(min_length=1, max_length=40)
    staff_id: str = Field(min_length=1, max_length=40)
    occurred_at: str = Field(min_length=1, max_length=40, description="RFC 3339")
    signature: str = Field(min_length=1, max_length=100, description="base64url HMAC-SHA256")


def action_key(secret: bytes, session_id: str) -> bytes:
    return hmac.new(secret, _KEY_LABEL + session_id.encode(), hashlib.sha256).digest()


def action_key_text(ring: KeyRing, session_id: str) -> str:
    """The action key a new session's answer carries (made with the current seal key)."""
    key = action_key(ring.current("seal").secret, session_id)
    return base64.urlsafe_b64encode(key).decode().rstrip("=")


def with_action_key(request: Request, answer: JSONResponse) -> JSONResponse:
    """A sign-in answer (first or replayed) with its session's action key added."""
    if answer.status_code >= 400:
        return answer
    data = json.loads(bytes(answer.body))
    data["action_key"] = action_key_text(request.app.state.keys, data["session_id"])
    headers = {k: v for k, v in answer.headers.items() if k.lower() == REPLAY_HEADER.lower()}
    return JSONResponse(data, status_code=answer.status_code, headers=headers)


def proof_message(
    method: str, path: str, idempotency_key: str, occurred_at: str, staff_id: str, session_id: str
) -> bytes:
    """What the proof signs; the app builds the same bytes (``kiosk_app.kernel.security``)."""
    parts = (_MESSAGE_VERSION, method.upper(), path, idempotency_key, occurred_at)
    return "\n".join((*parts, staff_id, session_id)).encode()


def _refused(slug: str, title: str, detail: str) -> Problem:
    return Problem(403, slug, title, detail)


def _signature_ok(ring: KeyRing, proof: StaffProofIn, message: bytes) -> bool:
    try:
        given = base64.urlsafe_b64decode(proof.signature + "=" * (-len(proof.signature) % 4))
    except ValueError:
        return False
    for seal_key in ring.live("seal"):  # a session opened before a rotation still proves
        expected = hmac.new(action_key(seal_key.secret, proof.session_id), message, "sha256")
        if hmac.compare_digest(expected.digest(), given):
            return True
    return False


def staff_from_proof(
    request: Request, principal: Principal, proof: StaffProofIn, idem: IdempotentRequest
) -> StaffContext:
    """The staff member who made this write, or 403 ``invalid-staff-proof`` /
    ``staff-proof-expired``."""
    forged = _refused(
        "invalid-staff-proof",
        "Staff proof refused",
        "The proof of who made this write does not match it (altered, or made for another "
        "write or device).",
    )
    message = proof_message(
        idem.method, idem.path, idem.key, proof.occurred_at, proof.staff_id, proof.session_id
    )
    if not _signature_ok(request.app.state.keys, proof, message):
        raise forged
    now = datetime.now(UTC)
    moment = parse_occurred_at(proof.occurred_at, now).or_now(now)
    if now - moment > PROOF_WINDOW:
        raise _refused(
            "staff-proof-expired",
            "Staff proof expired",
            f"A write made offline must reach the server within {PROOF_WINDOW.days * 24} h "
            "of being made; a staff member must sign in and do it again.",
        )
    with request.app.state.db.session() as session:
        record = session.scalars(
            select(StaffSession).where(StaffSession.session_id == proof.session_id)
        ).first()
        member = record.staff if record is not None else None
        if record is None or member is None or member.staff_id != proof.staff_id:
            raise forged
        if record.device_id != principal.subject:
            raise forged
        opened, ended = _utc(record.created_at), _utc(record.revoked_at or record.expires_at)
        if not opened - MAX_FUTURE_SKEW <= moment <= ended:
            raise _refused(
                "invalid-staff-proof",
                "Staff proof refused",
                "The write is dated when that staff session was not open on this device.",
            )
        if not member.active or member.location_id not in (None, principal.store_id):
            raise _refused(
                "invalid-staff-proof",
                "Staff proof refused",
                "The staff member who made this write is no longer active in this store.",
            )
        return StaffContext(
            staff_id=member.staff_id,
            name=member.name,
            role=member.role,
            session_id=record.session_id,
            expires_at=_utc(record.expires_at),
            permissions=decisions(member.role, principal.mode),
        )


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


async def _proof_in_body(request: Request) -> StaffProofIn | None:
    try:
        data: Any = await request.json()
    except ValueError:
        return None  # the body's own validation says what is wrong with it
    raw = data.get(PROOF_FIELD) if isinstance(data, dict) else None
    if raw is None:
        return None
    try:
        return StaffProofIn.model_validate(raw)
    except ValidationError:
        raise _refused(
            "invalid-staff-proof", "Staff proof refused", "The staff proof is malformed."
        ) from None


def require_staff_or_proof(scope: str):  # type: ignore[no-untyped-def]
    """Like ``auth.require``, but the staff member may also be named by a valid proof in
    the body (``staff_proof``): they then are the author, whoever is signed in now."""

    async def _check(
        request: Request,
        principal: Annotated[Principal, Depends(current_principal)],
        idem: Annotated[IdempotentRequest, Depends(idempotent_request)],
        occurred: Occurred,
    ) -> Principal:
        proof = await _proof_in_body(request)
        if proof is not None:
            resolve = partial(_author, request, principal, proof, idem, occurred)
            # as ``auth`` does: SQLite queries on the loop, others in the thread pool
            sqlite = request.app.state.db.is_sqlite
            author = resolve() if sqlite else await run_in_threadpool(resolve)
            if author is None:
                return principal  # run_idempotent replays the stored answer
            principal = author
        check_scope(principal, scope)
        return principal

    return _check


def _author(
    request: Request,
    principal: Principal,
    proof: StaffProofIn,
    idem: IdempotentRequest,
    occurred: WriteTime,
) -> Principal | None:
    """``principal`` with the proof's author as its staff member. None for a retry of a
    write already answered (its answer was lost): the stored answer is replayed as it is,
    even once the proof expired or its author left."""
    if _answered(request, principal, idem):
        return None
    on_device = occurred.on_device
    moment = parse_occurred_at(proof.occurred_at).on_device
    if on_device is not None and moment is not None and abs(on_device - moment) > MAX_FUTURE_SKEW:
        raise _refused(
            "invalid-staff-proof",
            "Staff proof refused",
            "The proof's time and the Occurred-At header disagree.",
        )
    return with_staff(principal, staff_from_proof(request, principal, proof, idem))


def _answered(request: Request, principal: Principal, idem: IdempotentRequest) -> bool:
    with request.app.state.db.session() as session:
        found = session.scalars(
            select(IdempotencyRecord.id).where(
                IdempotencyRecord.principal == principal.key, IdempotencyRecord.key == idem.key
            )
        ).first()
    return found is not None


def with_staff(principal: Principal, staff: StaffContext) -> Principal:
    scopes = effective_scopes(SCOPES_BY_MODE[principal.mode], staff, principal.staff_required)
    return replace(principal, staff=staff, scopes=scopes)
