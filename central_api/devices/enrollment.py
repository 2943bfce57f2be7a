"""Enrollment tokens: what a new device presents once to get its own bearer token.

An enrollment token travels in provisioning QR codes and config files, so it is treated as
semi-public: it expires on the server (``ServerSettings.enrollment_token_ttl``, default 7
days) and IT can revoke it (``python -m central_api.admin enrollment revoke``). Only its
SHA-256 is stored. The token given on the command line (``--enrollment-token``) is recorded
the first time a server starts with it, and expires that long after; IT issues more with
``python -m central_api.admin enrollment issue``. Revoking or expiring an enrollment token
does not touch the devices already enrolled with it (revoke those one by one).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from central_api.platform.auth import new_token, token_hash
from central_api.platform.db import Base, Database
from central_api.platform.problems import Problem
from central_api.platform.settings import ENROLLMENT_TTL

DEFAULT_TTL = ENROLLMENT_TTL
ENROLLMENT_TOKEN_PREFIX = "enr_"


class EnrollmentToken(Base):
    __tablename__ = "enrollment_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    label: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def register(db: Database, token: str, ttl: timedelta, label: str = "command line") -> None:
    """Record ``token`` (valid ``ttl`` from now) unless it is already known."""
    with db.write_session() as session:
        known = session.scalars(
            select(EnrollmentToken.id).where(EnrollmentToken.token_hash == token_hash(token))
        ).first()
        if known is None:
            now = datetime.now(UTC)
            session.add(
                EnrollmentToken(
                    token_hash=token_hash(token), label=label, created_at=now, expires_at=now + ttl
                )
            )
            session.commit()


def issue(db: Database, ttl: timedelta, label: str) -> str:
    """A new random enrollment token (shown once; only its hash is kept)."""
    token = new_token(ENROLLMENT_TOKEN_PREFIX)
    register(db, token, ttl, label)
    return token


def revoke(db: Database, token: str) -> bool:
    """Stop ``token`` enrolling devices; False when the server does not know it."""
    with db.write_session() as session:
        done = session.execute(
            update(EnrollmentToken)
            .where(EnrollmentToken.token_hash == token_hash(token))
            .values(revoked_at=datetime.now(UTC))
        )
        session.commit()
        return int(getattr(done, "rowcount", 0) or 0) > 0


def check(session: Session, token: str, now: datetime | None = None) -> None:
    """401 ``invalid-enrollment-token`` unless ``token`` is known, current and not revoked."""
    now = now or datetime.now(UTC)
    record = session.scalars(
        select(EnrollmentToken).where(EnrollmentToken.token_hash == token_hash(token))
    ).first()
    if record is None or record.revoked_at is not None or _aware(record.expires_at) <= now:
        raise Problem(
            401,
            "invalid-enrollment-token",
            "Invalid enrollment token",
            "The enrollment token is wrong, expired or revoked; ask IT for a new one.",
        )
