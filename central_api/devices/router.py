"""Device enrollment (an enrollment token → the device's own bearer token) and ``/me``."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.devices import enrollment, service
from central_api.devices.models import Device
from central_api.devices.schemas import DeviceOut, EnrollIn, EnrollOut, StoreDeviceOut
from central_api.platform.auth import (
    DEVICE_TOKEN_PREFIX,
    SCOPES_BY_MODE,
    Principal,
    current_principal,
    new_token,
    token_hash,
)
from central_api.platform.deps import DB
from central_api.platform.idempotency import (
    IdempotentRequest,
    idempotent_request,
    run_idempotent,
)
from central_api.platform.inline_reads import InlineReadRoute
from central_api.platform.problems import Problem
from central_api.platform.sealed_replies import keyed_idempotent_request, open_sealed, sealed_field
from central_api.staff.service import permission_or_problem
from central_api.stores.models import Location
from central_api.stores.schemas import StoreOut

router = APIRouter(route_class=InlineReadRoute, prefix="/v1/devices", tags=["devices"])


@router.post(
    "/enroll",
    status_code=201,
    response_model=EnrollOut,
    responses={401: {"description": "Bad enrollment token"}},
)
def enroll(
    body: EnrollIn,
    request: Request,
    db: DB,
    idem: Annotated[IdempotentRequest, Depends(keyed_idempotent_request)],
) -> JSONResponse:
    """Enroll a device to a store and a mode; answers its bearer token.

    The idempotency record keeps the token sealed (``central_api.platform.sealed_replies``): a retry
    after a lost answer gets the same token, a copy of the database none.
    """
    with db.session() as session:
        enrollment.check(session, body.enrollment_token)

    def work(session: Session) -> tuple[int, Any]:
        loc = session.scalars(
            select(Location).where(Location.code == body.store_code.upper())
        ).first()
        if loc is None or loc.kind != "store":
            raise Problem(
                422,
                "unknown-store",
                "Unknown store",
                f"No store has the code {body.store_code!r}.",
            )
        token = new_token(DEVICE_TOKEN_PREFIX)
        device = Device(
            device_id=f"dev-{uuid.uuid4().hex[:12]}",
            name=body.device_name,
            location_id=loc.id,
            mode=body.mode,
            token_hash=token_hash(token),
            enrolled_at=datetime.now(UTC),
        )
        session.add(device)
        session.flush()
        out = EnrollOut(
            device_id=device.device_id,
            name=device.name,
            mode=device.mode,
            store=StoreOut.model_validate(loc),
            scopes=sorted(SCOPES_BY_MODE[device.mode]),
            token="",
        )
        return 201, {**out.model_dump(exclude={"token"}), **sealed_field(request, "token", token)}

    principal = "enroll:" + token_hash(body.enrollment_token)[:16]
    return open_sealed(request, run_idempotent(db, principal, idem, work), "token")


@router.get("/me", response_model=DeviceOut)
def me(db: DB, principal: Annotated[Principal, Depends(current_principal)]) -> DeviceOut:
    with db.session() as s:
        device = s.scalars(select(Device).where(Device.device_id == principal.subject)).one()
        return DeviceOut(
            device_id=device.device_id,
            name=device.name,
            mode=device.mode,
            store=StoreOut.model_validate(device.location),
            scopes=sorted(principal.scopes),
        )


Caller = Annotated[Principal, Depends(current_principal)]
MANAGERS_ONLY: dict[int | str, dict[str, Any]] = {
    403: {"description": "permission-denied (device.manage: managers)"}
}


def _manager(principal: Principal) -> None:
    """A staff member allowed ``device.manage`` signed in on one of the store's tablets."""
    if permission_or_problem(principal, "device.manage") != "allowed":
        raise Problem(403, "permission-denied", "Not allowed for your role", "Managers only.")


@router.get("", response_model=list[StoreDeviceOut], responses=MANAGERS_ONLY)
def store_devices(db: DB, principal: Caller) -> list[StoreDeviceOut]:
    """This store's devices (tablets and kiosks), oldest first: what a manager revokes."""
    _manager(principal)
    with db.session() as session:
        return service.store_devices(session, principal.store_id, principal.subject)


@router.post(
    "/{device_id}/revoke",
    response_model=StoreDeviceOut,
    responses={
        **MANAGERS_ONLY,
        404: {"description": "not-found (no such device in this store)"},
        409: {"description": "own-device (revoke it from another device)"},
    },
)
def revoke_device(
    device_id: str,
    db: DB,
    principal: Caller,
    idem: Annotated[IdempotentRequest, Depends(idempotent_request)],
) -> JSONResponse:
    """Revoke one of this store's devices: its token is refused from the next request on,
    on every worker. Enrolling it again takes a new enrollment token from IT."""
    _manager(principal)

    def work(session: Session) -> tuple[int, Any]:
        out = service.revoke(session, principal.store_id, device_id, principal.subject)
        return 200, out

    return run_idempotent(db, principal.key, idem, work)
