"""Who is calling: the device behind a bearer token and the staff member signed in on it.

``central_api.platform.auth`` caches principals and checks scopes; this is how one is read
from the database (the app hands it to the platform as ``app.state.resolve_principal``), so
the platform imports neither devices nor staff.
"""

from __future__ import annotations

from sqlalchemy import select

from central_api.devices.models import Device
from central_api.platform.auth import SCOPES_BY_MODE, Principal, effective_scopes, token_hash
from central_api.platform.db import Database
from central_api.platform.problems import Problem
from central_api.staff.service import staff_context, staff_sign_in_required


def resolve_principal(db: Database, token: str, staff_token: str) -> Principal:
    with db.session() as session:
        device = session.scalars(
            select(Device).where(Device.token_hash == token_hash(token))
        ).first()
        if device is None or device.revoked:
            raise Problem(401, "invalid-token", "Invalid token", "The token is unknown or revoked.")
        staff = None
        if staff_token:
            staff = staff_context(
                session, staff_token, device.device_id, device.location_id, device.mode
            )
        required = staff_sign_in_required(session, device.location_id)
        return Principal(
            kind="device",
            subject=device.device_id,
            store_code=device.location.code,
            store_id=device.location_id,
            mode=device.mode,
            scopes=effective_scopes(SCOPES_BY_MODE[device.mode], staff, required),
            staff=staff,
            staff_required=required,
        )
