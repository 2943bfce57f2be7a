"""Stores and warehouses as a per-process snapshot: reference data read by nearly every
request (the caller's store, the nearest store having a product) and written by none.

This API has no endpoint that creates, moves or renames a location (the demo seed and an
operator's migration do), so the snapshot is reloaded only when it is ``TTL_S`` old, or
when a code it does not know is asked for (a store added behind the API's back).
Reading it costs a dictionary lookup instead of a query and an ORM entity per location.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.platform.db import Reader, database_key
from central_api.platform.problems import not_found
from central_api.stores.models import Location

TTL_S = 300.0


@dataclass(frozen=True)
class Place:
    """What readers need of a location."""

    id: int
    code: str
    name: str
    kind: str  # "store" | "warehouse"
    city: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Places:
    by_id: dict[int, Place]
    by_code: dict[str, Place]
    expires: float


_snapshots: dict[str, Places] = {}
_lock = threading.Lock()


def places(session: Reader, *, refresh: bool = False) -> Places:
    """Every location of the reader's database (kept ``TTL_S`` per process)."""
    key = database_key(session)
    with _lock:
        snapshot = _snapshots.get(key)
    if snapshot is not None and not refresh and snapshot.expires > time.monotonic():
        return snapshot
    rows = session.execute(
        select(
            Location.id,
            Location.code,
            Location.name,
            Location.kind,
            Location.city,
            Location.latitude,
            Location.longitude,
        )
    ).all()
    found = [Place(*row) for row in rows]
    snapshot = Places(
        by_id={p.id: p for p in found},
        by_code={p.code: p for p in found},
        expires=time.monotonic() + TTL_S,
    )
    with _lock:
        _snapshots[key] = snapshot
    return snapshot


def place_by_code(session: Session, code: str) -> Place:
    """The location with this code, or 404."""
    wanted = code.strip().upper()
    known = places(session).by_code.get(wanted)
    if known is None:
        known = places(session, refresh=True).by_code.get(wanted)
    if known is None:
        raise not_found("Store", code)
    return known
