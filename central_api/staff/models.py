"""ORM tables of staff sign-in: staff members, their sessions, approvals, store policy, audit.

Nothing secret is stored in clear: PINs are salted, peppered scrypt hashes and badges HMACs
under the pepper of the server's key file (``central_api.staff.service``); tokens are SHA-256 hashes
(they are long random values, so a plain hash is enough to make a stolen table useless for
signing in).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from central_api.platform.db import Base
from central_api.stores.models import Location


class StaffMember(Base):
    """A person who may sign in on associate devices (and open kiosk settings)."""

    __tablename__ = "staff_members"
    __table_args__ = (
        CheckConstraint("failed_attempts >= 0", name="staff_failed_attempts_non_negative"),
        CheckConstraint("role IN ('trainee', 'associate', 'manager')", name="staff_role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    #: home store; None = every store (regional managers)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    pin_hash: Mapped[str] = mapped_column(String(200))  # "scrypt$n$r$p$pepper-id$salt$hash"
    badge_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(default=True)

    location: Mapped[Location | None] = relationship()


class StaffSession(Base):
    """A short-lived staff token, bound to the device it was issued on."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(String(40), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    staff_member_id: Mapped[int] = mapped_column(ForeignKey("staff_members.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(40), index=True)
    method: Mapped[str] = mapped_column(String(8))  # "badge" | "id"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    staff: Mapped[StaffMember] = relationship()


class StaffApproval(Base):
    """A manager's approval of one action on one subject: the audit record and the token."""

    __tablename__ = "staff_approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    approval_id: Mapped[str] = mapped_column(String(40), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(80))
    approver_id: Mapped[int] = mapped_column(ForeignKey("staff_members.id"))
    requester_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    device_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    approver: Mapped[StaffMember] = relationship(foreign_keys=[approver_id])


class StoreStaffPolicy(Base):
    """Whether associate devices of a store need a staff session for staff actions.

    A store without a row is ``required`` (the safe default).
    """

    __tablename__ = "store_staff_policies"
    __table_args__ = (
        CheckConstraint(
            "staff_sign_in IN ('required', 'optional')", name="store_staff_sign_in_known"
        ),
    )

    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    staff_sign_in: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str | None] = mapped_column(String(16))


class StaffAuthEvent(Base):
    """Audit of every credential check (sign-in, approval): who, where, outcome. No PIN."""

    __tablename__ = "staff_auth_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "sign_in" | "approval"
    outcome: Mapped[str] = mapped_column(String(24))  # ok | bad_credentials | locked | ...
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    device_id: Mapped[str] = mapped_column(String(40))
