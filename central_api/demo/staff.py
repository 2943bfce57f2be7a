"""Demo staff: managers, associates and trainees with badges and PINs (fixed, documented).

The PINs and badge codes below are demo credentials printed in the README; the database
only ever holds their hashes (peppered scrypt for PINs, HMAC for badges, with random salts
and the pepper of the server's key file). M001 / 2468 and
M002 / 1357 are the managers the returns flow used before staff sign-in existed: they stay
valid, as regional managers (every store).

Every demo store starts with the staff sign-in policy the server was started with
(``kiosk-central-api --staff-sign-in required|optional``, default ``required``: staff actions
need a signed-in person). ``optional`` keeps device-level grants for associate devices with
nobody signed in; tests of other domains and the installer test use it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from central_api.platform.keys import KeyRing
from central_api.staff.models import StaffMember, StoreStaffPolicy
from central_api.staff.pin_hashing import badge_hash, hash_pin
from central_api.stores.models import Location


class DemoStaff(NamedTuple):
    staff_id: str
    name: str
    role: str
    store: str | None  # None: every store
    badge: str
    pin: str
    active: bool = True


DEMO_STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("M001", "Claire Fontaine", "manager", None, "OSB1-7Q2M4K9C", "2468"),
    DemoStaff("M002", "Karim Haddad", "manager", None, "OSB1-3H8T6W1P", "1357"),
    DemoStaff("M101", "Sophie Laurent", "manager", "PAR01", "OSB1-M101PAR1", "8642"),
    DemoStaff("A101", "Léa Moreau", "associate", "PAR01", "OSB1-A101PAR1", "4821"),
    DemoStaff("A102", "Hugo Bernard", "associate", "PAR01", "OSB1-A102PAR1", "7395"),
    DemoStaff("T101", "Inès Petit", "trainee", "PAR01", "OSB1-T101PAR1", "5173"),
    DemoStaff("M201", "Antoine Girard", "manager", "LYO01", "OSB1-M201LYO1", "9317"),
    DemoStaff("A201", "Camille Roux", "associate", "LYO01", "OSB1-A201LYO1", "3141"),
    DemoStaff("A202", "Nathan Faure", "associate", "LYO01", "OSB1-A202LYO1", "2718"),
    DemoStaff("T201", "Zoé Blanc", "trainee", "LYO01", "OSB1-T201LYO1", "1618"),
    DemoStaff("A301", "Manon Garnier", "associate", "MRS01", "OSB1-A301MRS1", "5926"),
    DemoStaff("A302", "Lucas Chevalier", "associate", "MRS01", "OSB1-A302MRS1", "5358"),
    DemoStaff("A303", "Chloé Lambert", "associate", "MRS01", "OSB1-A303MRS1", "9793"),
    DemoStaff("A304", "Louis Fournier", "associate", "MRS01", "OSB1-A304MRS1", "2384"),
    DemoStaff("M301", "Élodie Marchand", "manager", "MRS01", "OSB1-M301MRS1", "4729"),
    DemoStaff("T301", "Jules Henry", "trainee", "MRS01", "OSB1-T301MRS1", "8156"),
    DemoStaff("X901", "Paul Mercier", "associate", "PAR01", "OSB1-X901PAR1", "6264", False),
)


def generate_staff(
    session: Session, now: datetime, keys: KeyRing, staff_sign_in: str = "required"
) -> None:
    stores = {loc.code: loc for loc in session.scalars(select(Location))}
    pepper = keys.current("pepper")
    with ThreadPoolExecutor(4) as pool:  # a slow hash each: hashlib.scrypt frees the GIL
        pin_hashes = list(pool.map(lambda p: hash_pin(p.pin, pepper), DEMO_STAFF))
    for person, pin_hash in zip(DEMO_STAFF, pin_hashes, strict=True):
        session.add(
            StaffMember(
                staff_id=person.staff_id,
                name=person.name,
                role=person.role,
                location_id=stores[person.store].id if person.store else None,
                pin_hash=pin_hash,
                badge_hash=badge_hash(person.badge, keys),
                failed_attempts=0,
                active=person.active,
            )
        )
    for loc in stores.values():
        if loc.kind == "store":
            session.add(
                StoreStaffPolicy(
                    location_id=loc.id,
                    staff_sign_in=staff_sign_in,
                    updated_at=now,
                    updated_by=None,
                )
            )


def demo_staff(staff_id: str) -> DemoStaff:
    return next(p for p in DEMO_STAFF if p.staff_id == staff_id)
