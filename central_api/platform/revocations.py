"""A revision number that every revocation made outside the API bumps.

The principal cache (``central_api.platform.auth.PrincipalCache``) keeps who a token is for up to a
minute; changes made through the API clear it at once (``InvalidatePrincipals``), but
``python -m central_api.admin devices revoke`` is another process, perhaps on another
machine. It bumps this one-row counter in the revocation's transaction, and every request
reads it (one primary-key read) before trusting the cache: a revision it has not seen
clears the cache, so the very next request with a revoked token is refused, on every
worker.
"""

from __future__ import annotations

from sqlalchemy import Engine, Integer, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from central_api.platform.db import Base

ROW_ID = 1


class AuthRevision(Base):
    __tablename__ = "auth_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


_READ = select(AuthRevision.value).where(AuthRevision.id == ROW_ID)


def current(engine: Engine) -> int:
    """One primary-key read on a pooled connection (no ORM session: it runs per request)."""
    with engine.connect() as connection:
        value = connection.execute(_READ).scalar()
    return int(value or 0)


def bump(session: Session) -> None:
    """Inside the caller's write transaction (committed with the revocation)."""
    done = session.execute(
        update(AuthRevision).where(AuthRevision.id == ROW_ID).values(value=AuthRevision.value + 1)
    )
    if int(getattr(done, "rowcount", 0) or 0) == 0:
        session.add(AuthRevision(id=ROW_ID, value=1))
