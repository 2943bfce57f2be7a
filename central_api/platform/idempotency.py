"""``Idempotency-Key`` handling for every state-changing POST.

The first response to a key is stored with a hash of the request in the same database
transaction as the business change, so a retry after "sent, no answer" replays the stored
answer instead of applying the change twice. The same key with another body is refused.
Records are kept ``RETENTION`` (longer than any offline window). An answer that issues a
secret (a token, a signed code) is stored with that secret sealed under the server's key
(``central_api.platform.sealed_replies``): a copy of the table gives none.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlalchemy import DateTime, LargeBinary, String, UniqueConstraint, delete, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from central_api.platform.db import Base, Database
from central_api.platform.problems import PROBLEM_MEDIA_TYPE, Problem

RETENTION = timedelta(days=30)
MAX_KEY_LENGTH = 128
REPLAY_HEADER = "Idempotent-Replayed"
#: runs of a request whose transaction collided with another (see ``run_idempotent``)
ATTEMPTS = 5


class IdempotencyRecord(Base):
    """First response to a POST, replayed for any retry with the same key."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("principal", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    principal: Mapped[str] = mapped_column(String(80))
    key: Mapped[str] = mapped_column(String(128))
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(300))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    response_body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


@dataclass(frozen=True)
class IdempotentRequest:
    key: str
    method: str
    path: str
    request_hash: str
    #: the same request's fingerprints under retired keys (``central_api.platform.sealed_replies``)
    earlier_hashes: tuple[str, ...] = ()


async def idempotent_request(request: Request) -> IdempotentRequest:
    """FastAPI dependency: the key and a hash of what was asked."""
    key = request.headers.get("idempotency-key", "").strip()
    if not key:
        raise Problem(
            400,
            "idempotency-key-missing",
            "Idempotency-Key header required",
            "Every state-changing request must carry an Idempotency-Key header.",
        )
    if len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise Problem(
            400,
            "idempotency-key-invalid",
            "Invalid Idempotency-Key",
            f"The key must be printable and at most {MAX_KEY_LENGTH} characters.",
        )
    body = await request.body()
    try:
        canonical = json.dumps(json.loads(body or b"null"), sort_keys=True, separators=(",", ":"))
    except ValueError:
        canonical = body.decode("latin-1")
    digest = hashlib.sha256(
        f"{request.method} {request.url.path}\n{canonical}".encode()
    ).hexdigest()
    return IdempotentRequest(key, request.method, request.url.path, digest)


Work = Callable[[Session], tuple[int, Any]]


def _stored_response(record: IdempotencyRecord, req: IdempotentRequest) -> JSONResponse:
    if record.request_hash not in (req.request_hash, *req.earlier_hashes):
        raise Problem(
            422,
            "idempotency-key-reused",
            "Idempotency-Key reused with a different request",
            "This key was already used for another request; use a new key for a new request.",
        )
    media = PROBLEM_MEDIA_TYPE if record.status_code >= 400 else "application/json"
    return JSONResponse(
        json.loads(record.response_body),
        status_code=record.status_code,
        media_type=media,
        headers={REPLAY_HEADER: "true"},
    )


class Collided(Exception):
    """Raised by ``work`` when a concurrent request changed what it read (a conditional
    UPDATE matched no row): the request runs again on what the other one committed, and its
    answer is the answer (never a 409 stored as if the client had done something wrong)."""


def run_idempotent(
    db: Database, principal: str, req: IdempotentRequest, work: Work
) -> JSONResponse:
    """Run ``work`` once per (principal, key); replay its stored response afterwards.

    ``work`` returns (status, body) or raises :class:`Problem`. 4xx problems are stored too,
    so a retry of a refused request gets the same refusal; 5xx are not stored (retryable).
    """
    for attempt in range(ATTEMPTS):
        with db.write_session() as session:
            try:
                existing = session.scalars(
                    select(IdempotencyRecord).where(
                        IdempotencyRecord.principal == principal,
                        IdempotencyRecord.key == req.key,
                    )
                ).first()
                if existing is not None:
                    return _stored_response(existing, req)
                media = "application/json"
                try:
                    status, body = work(session)
                    payload: Any = jsonable_encoder(body)
                except Problem as problem:
                    session.rollback()  # undo any partial business change
                    if problem.status >= 500:
                        raise
                    status, payload = problem.status, problem.body(req.path)
                    media = PROBLEM_MEDIA_TYPE
                session.add(
                    IdempotencyRecord(
                        principal=principal,
                        key=req.key,
                        method=req.method,
                        path=req.path,
                        request_hash=req.request_hash,
                        status_code=status,
                        response_body=json.dumps(payload).encode(),
                        created_at=datetime.now(UTC),
                    )
                )
                session.commit()
                return JSONResponse(payload, status_code=status, media_type=media)
            except Collided:
                session.rollback()
            except DBAPIError as exc:
                if not _retryable(exc):
                    raise
                # Either a concurrent request with the same key committed first (the next
                # attempt finds its record and replays it), or two independent requests
                # collided (a unique number, a serialization failure): a business retry,
                # the work runs again on what the other one committed.
                session.rollback()
        time.sleep(random.uniform(0.005, 0.02) * (attempt + 1))
    raise Problem(503, "busy", "Server busy", "Concurrent requests collided; retry shortly.")


def _retryable(exc: DBAPIError) -> bool:
    """A unique collision, a serialization failure or a deadlock: the same request may
    succeed when run again."""
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return code in ("40001", "40P01")


def purge_expired(db: Database, now: datetime | None = None) -> int:
    cutoff = (now or datetime.now(UTC)) - RETENTION
    with db.write_session() as session, session.begin():
        result = session.execute(
            delete(IdempotencyRecord).where(IdempotencyRecord.created_at < cutoff)
        )
        return int(getattr(result, "rowcount", 0) or 0)
