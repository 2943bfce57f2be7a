"""Bearer tokens and scopes.

A device token is enrolled per device and bound to its store and mode. Scopes derive from
the mode, so the server - not the app - decides what a kiosk may do.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import select

from central_api.models import Device
from central_api.problems import Problem

DEVICE_TOKEN_PREFIX = "dvc_"

SCOPES_BY_MODE: dict[str, frozenset[str]] = {
    "associate": frozenset(
        {"catalog:read", "stock:read", "stores:read", "device:self"}
        | {"pickups:read", "pickups:checkin", "pickups:complete"}
        | {"endless-aisle:order", "payments:demo"}
        | {"returns:read", "returns:write"}
        | {"customers:read", "loyalty:issue"}
    ),
    "kiosk": frozenset(
        {"catalog:read", "stock:read", "stores:read", "device:self"} | {"pickups:checkin"}
        | {"endless-aisle:order"}
        | {"customers:self"}
    ),
}


@dataclass(frozen=True)
class Principal:
    """Who is calling: a device (and later a staff member acting on it)."""

    kind: str
    subject: str
    store_code: str
    store_id: int
    mode: str
    scopes: frozenset[str]

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject}"


def new_token(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Problem(
            401,
            "unauthorized",
            "Authentication required",
            "Send 'Authorization: Bearer <device token>'.",
        )
    return token.strip()


def current_principal(request: Request) -> Principal:
    token = _bearer(request)
    db = request.app.state.db
    with db.session() as session:
        device = session.scalars(
            select(Device).where(Device.token_hash == token_hash(token))
        ).first()
        if device is None or device.revoked:
            raise Problem(401, "invalid-token", "Invalid token", "The token is unknown or revoked.")
        return Principal(
            kind="device",
            subject=device.device_id,
            store_code=device.location.code,
            store_id=device.location_id,
            mode=device.mode,
            scopes=SCOPES_BY_MODE[device.mode],
        )


def require(scope: str):  # type: ignore[no-untyped-def]
    """Dependency factory: the caller must hold ``scope``."""

    def _check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if scope not in principal.scopes:
            raise Problem(
                403,
                "forbidden",
                "Not allowed",
                f"This {principal.mode} device may not do this (needs scope {scope!r}).",
            )
        return principal

    return _check
