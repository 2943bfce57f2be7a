"""Wrong-PIN throttling that cannot be turned against staff, nor tell real IDs from invented.

* A lockout belongs to an *identifier at a store*: ``MAX_FAILURES`` wrong PINs typed on
  associate devices of store S lock that identifier at S only. A person's lockout at the
  stores they work in therefore counts only attempts from those stores' devices: five
  guesses on a tablet of another store do not lock the regional manager everywhere.
* Kiosks are public: their attempts never count toward anyone's lockout; instead every
  device is throttled on its own (``DEVICE_MAX_FAILURES`` wrong PINs in ``LOCKOUT`` → 429
  for any ID from that device; few for a kiosk, more for a tablet a shift shares).
* An unknown identifier goes through exactly the same steps (its key is an HMAC of the
  identifier under the pepper, so the table holds no typed ID in clear): same hash cost,
  same 401s, the same 423 after the same count. Nothing in the answers says whether an ID
  is real.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, Integer, String, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from central_api.devices.models import Device
from central_api.platform.db import Base
from central_api.platform.idempotency import Collided
from central_api.platform.keys import KeyRing
from central_api.platform.problems import Problem
from central_api.staff.models import StaffAuthEvent, StaffMember

MAX_FAILURES = 5
#: wrong PINs one device may type in ``LOCKOUT``: a public kiosk few, a store's tablet
#: (shared by a shift, each person also under their own lockout) enough not to lock a shift
DEVICE_MAX_FAILURES = {"kiosk": 10, "associate": 30}
LOCKOUT = timedelta(minutes=15)
FAILURES = ("bad_credentials", "locked")


class PinLockout(Base):
    __tablename__ = "staff_pin_lockouts"

    ident: Mapped[str] = mapped_column(String(64), primary_key=True)
    location_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def ident_key(
    member: StaffMember | None, staff_id: str | None, badge: str | None, keys: KeyRing
) -> str:
    """One key per person (ID and badge share it); an HMAC for what matches nobody."""
    if member is not None:
        return f"m:{member.id}"
    typed = f"badge:{badge}" if badge else f"id:{(staff_id or '').strip().upper()}"
    pepper = keys.current("pepper").secret
    return "u:" + hmac.new(pepper, typed.encode(), hashlib.sha256).hexdigest()[:60]


def device_mode(session: Session, device_id: str) -> str:
    """``kiosk`` or ``associate``: only associate devices' attempts count toward a lockout."""
    mode = session.scalar(select(Device.mode).where(Device.device_id == device_id))
    return str(mode or "kiosk")


def refuse_if_device_throttled(session: Session, device_id: str, mode: str, now: datetime) -> None:
    failures = session.scalar(
        select(func.count())
        .select_from(StaffAuthEvent)
        .where(
            StaffAuthEvent.device_id == device_id,
            StaffAuthEvent.outcome.in_(FAILURES),
            StaffAuthEvent.at > now - LOCKOUT,
        )
    )
    if int(failures or 0) >= DEVICE_MAX_FAILURES.get(mode, DEVICE_MAX_FAILURES["kiosk"]):
        raise Problem(
            429,
            "too-many-pin-attempts",
            "Too many wrong PINs on this device",
            "This device made too many wrong PIN attempts; wait a few minutes.",
        )


def locked_until(session: Session, ident: str, store_id: int, now: datetime) -> datetime | None:
    row = session.get(PinLockout, (ident, store_id))
    if row is None or row.locked_until is None or _aware(row.locked_until) <= now:
        return None
    return _aware(row.locked_until)


def count_failure(session: Session, ident: str, store_id: int, now: datetime) -> datetime | None:
    """One more wrong PIN for ``ident`` at ``store_id``; the lock's end when it locks now.

    The UPDATE is conditional on what was read: two devices guessing at once cannot both
    get an extra try (the loser's request runs again on the winner's count).
    """
    row = session.get(PinLockout, (ident, store_id))
    if row is None:
        try:
            with session.begin_nested():
                session.add(PinLockout(ident=ident, location_id=store_id, failed_attempts=1))
        except IntegrityError:
            raise Collided from None  # another request made the row first: count again
        return None
    expired = row.locked_until is not None and _aware(row.locked_until) <= now
    after = 1 if expired else row.failed_attempts + 1
    until = now + LOCKOUT if after >= MAX_FAILURES else None
    done = session.execute(
        update(PinLockout)
        .where(
            PinLockout.ident == ident,
            PinLockout.location_id == store_id,
            PinLockout.failed_attempts == row.failed_attempts,
        )
        .values(failed_attempts=after, locked_until=until)
        .execution_options(synchronize_session=False)
    )
    if int(getattr(done, "rowcount", 0) or 0) != 1:  # another guess counted meanwhile
        raise Collided
    return until


def reset(session: Session, ident: str, store_id: int) -> None:
    session.execute(
        update(PinLockout)
        .where(PinLockout.ident == ident, PinLockout.location_id == store_id)
        .values(failed_attempts=0, locked_until=None)
        .execution_options(synchronize_session=False)
    )
