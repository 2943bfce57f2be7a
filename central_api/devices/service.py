"""A store's devices as its manager sees them, and revoking one (a lost or stolen tablet).

Revoking marks the device and bumps the revocation revision in the same transaction, so the
very next request with its token is refused on every worker (``platform.revocations``).
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central_api.devices.models import Device
from central_api.devices.schemas import StoreDeviceOut
from central_api.platform import revocations
from central_api.platform.problems import Problem, not_found


def _out(device: Device, caller: str) -> StoreDeviceOut:
    return StoreDeviceOut(
        device_id=device.device_id,
        name=device.name,
        mode=device.mode,
        enrolled_at=device.enrolled_at,
        revoked=device.revoked,
        this_device=device.device_id == caller,
    )


def store_devices(session: Session, store_id: int, caller: str) -> list[StoreDeviceOut]:
    rows = session.scalars(
        select(Device).where(Device.location_id == store_id).order_by(Device.enrolled_at)
    )
    return [_out(d, caller) for d in rows]


def revoke(session: Session, store_id: int, device_id: str, caller: str) -> StoreDeviceOut:
    """Revoke ``device_id`` of this store (another store's device is not found here)."""
    device = session.scalars(
        select(Device).where(Device.device_id == device_id, Device.location_id == store_id)
    ).first()
    if device is None:
        raise not_found("Device", device_id)
    if device.device_id == caller:
        raise Problem(
            409,
            "own-device",
            "This is the device you are using",
            "Revoke it from another device of the store (or ask IT).",
        )
    if not device.revoked:
        session.execute(update(Device).where(Device.id == device.id).values(revoked=True))
        revocations.bump(session)
    session.refresh(device)
    return _out(device, caller)
