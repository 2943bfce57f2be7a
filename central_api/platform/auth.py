"""Bearer tokens, staff sessions and scopes.

A device token is enrolled per device and bound to its store and mode. Scopes derive from
the mode, so the server - not the app - decides what a kiosk may do.

A staff member signs in on a device (``POST /v1/staff/sessions``) and the app then sends
``X-Staff-Token: stf_…`` next to the device token. Scopes that are staff actions
(``central_api.platform.permissions.STAFF_SCOPE_ACTIONS``) need, on an associate device, a staff
member whose role allows the action - unless the store's policy is ``optional`` and no staff
token is sent (device-level grants, as before staff sign-in existed). A kiosk device never
holds a staff scope, whoever signs in on it.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from central_api.platform import revocations
from central_api.platform.db import Database
from central_api.platform.permissions import STAFF_SCOPE_ACTIONS
from central_api.platform.problems import Problem
from central_api.platform.workers import Epoch

DEVICE_TOKEN_PREFIX = "dvc_"
STAFF_TOKEN_HEADER = "x-staff-token"

SCOPES_BY_MODE: dict[str, frozenset[str]] = {
    "associate": frozenset(
        {"catalog:read", "stock:read", "stores:read", "device:self"}
        | {"pickups:read", "pickups:checkin", "pickups:complete"}
        | {"endless-aisle:order", "payments:demo"}
        | {"returns:read", "returns:write"}
        | {"customers:read", "loyalty:issue"}
    ),
    "kiosk": frozenset(
        {"catalog:read", "stock:read", "stores:read", "device:self"}
        | {"pickups:checkin"}
        | {"endless-aisle:order"}
        | {"customers:self"}
    ),
}


@dataclass(frozen=True)
class StaffContext:
    """The staff member signed in on the calling device (from ``X-Staff-Token``)."""

    staff_id: str
    name: str
    role: str
    session_id: str
    expires_at: datetime
    permissions: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Principal:
    """Who is calling: a device, and the staff member signed in on it (if any)."""

    kind: str
    subject: str
    store_code: str
    store_id: int
    mode: str
    scopes: frozenset[str]
    staff: StaffContext | None = None
    #: the store requires a staff session for staff actions on associate devices
    staff_required: bool = True

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject}"


#: who a (device token, staff token) pair is: set by the app (``central_api.devices.principals``),
#: as the platform knows neither devices nor staff; it runs on the loop on SQLite
ResolvePrincipal = Callable[[Database, str, str], Principal]


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


class PrincipalCache:
    """Who a (device token, staff token) pair is, kept up to a minute.

    Resolving a principal costs several queries (device, store, staff session, store
    policy); a screen that loads five panels at once would pay it five times. Any change to
    devices, staff sessions or policies made through the API clears the whole cache (see
    ``InvalidatePrincipals`` in ``central_api.app``), so sign-out and revocation take effect
    at once; a revocation made outside the API (``central_api.admin``) bumps a revision
    each request reads first (``sync``). An entry never outlives its staff session; the TTL
    only bounds how late another change made behind the API's back (a database edit) is
    seen.

    Concurrent misses for one key share one resolution (``resolving``): when an entry
    expired, the five panels of a customer screen used to resolve it five times at once,
    and that burst was the slowest screen open in a hundred. A resolution that started
    before a ``clear`` is not cached (its answer may predate the sign-out that cleared).

    With several worker processes (``central_api.platform.workers``) a clear in one must reach all:
    every entry carries the shared ``Epoch`` it was made in, and a clear bumps it.
    """

    def __init__(
        self, ttl_s: float = 60.0, max_entries: int = 2048, epoch: Epoch | None = None
    ) -> None:
        self._ttl = ttl_s
        self._max = max_entries
        self._epoch = epoch or Epoch()
        self._entries: dict[tuple[str, str], tuple[float, int, Principal]] = {}
        self._pending: dict[tuple[str, str], asyncio.Task[Principal]] = {}
        self._lock = threading.Lock()
        self._revision = -1

    def get(self, key: tuple[str, str]) -> Principal | None:
        with self._lock:
            hit = self._entries.get(key)
            if hit is None or hit[0] < time.monotonic() or hit[1] != self._epoch.value:
                return None
            return hit[2]

    def put(
        self, key: tuple[str, str], principal: Principal, generation: int | None = None
    ) -> None:
        """Keep ``principal``; not when the cache was cleared since ``generation``."""
        lifetime = self._ttl
        if principal.staff is not None:
            left = (principal.staff.expires_at - datetime.now(UTC)).total_seconds()
            lifetime = min(lifetime, left)
        with self._lock:
            now = self._epoch.value
            if lifetime <= 0 or (generation is not None and generation != now):
                return
            if len(self._entries) >= self._max:
                self._entries.clear()
            self._entries[key] = (time.monotonic() + lifetime, now, principal)

    def sync(self, revision: int) -> None:
        """Forget everything when the revocation revision moved
        (``central_api.platform.revocations``)."""
        if revision != self._revision:
            self.clear()
            self._revision = revision

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._epoch.bump()

    def resolving(
        self, key: tuple[str, str], resolve: Callable[[], Awaitable[Principal]]
    ) -> asyncio.Task[Principal]:
        """The one resolution of ``key`` in flight on this loop (started if none is)."""
        task = self._pending.get(key)
        if task is not None and task.get_loop() is asyncio.get_running_loop():
            return task
        generation = self._epoch.value
        task = asyncio.ensure_future(resolve())
        self._pending[key] = task

        def settle(done: asyncio.Task[Principal]) -> None:
            if self._pending.get(key) is done:
                del self._pending[key]
            if not done.cancelled() and done.exception() is None:
                self.put(key, done.result(), generation)

        task.add_done_callback(settle)
        return task


async def current_principal(request: Request) -> Principal:
    """Who is calling. A coroutine so that a cache hit (nearly every request) costs no hop
    to the thread pool."""
    known_here: Principal | None = getattr(request.state, "principal", None)
    if known_here is not None:  # authenticate-first already resolved it for this request
        return known_here
    principal = await _find_principal(request)
    request.state.principal = principal
    return principal


async def _find_principal(request: Request) -> Principal:
    token = _bearer(request)
    cache: PrincipalCache | None = getattr(request.app.state, "principals", None)
    if cache is None:
        return await _resolve(request, token)
    cache.sync(await _revision(request))  # one revocation read per request
    key = (token_hash(token), request.headers.get(STAFF_TOKEN_HEADER, "").strip())
    if (known := cache.get(key)) is not None:
        return known
    # shielded: a caller that goes away does not cancel the others' shared resolution
    return await asyncio.shield(cache.resolving(key, lambda: _resolve(request, token)))


async def _revision(request: Request) -> int:
    """The revocation revision: one primary-key read, on the loop on SQLite."""
    db = request.app.state.db

    if db.is_sqlite:
        return revocations.current(db.engine)
    return await run_in_threadpool(revocations.current, db.engine)


async def _resolve(request: Request, token: str) -> Principal:
    """On SQLite the queries run on the loop (as reads do, see
    ``central_api.platform.inline_reads``);
    elsewhere in the thread pool, as they wait on the network."""
    resolve: ResolvePrincipal = request.app.state.resolve_principal
    db = request.app.state.db
    staff_token = request.headers.get(STAFF_TOKEN_HEADER, "").strip()
    if db.is_sqlite:
        return resolve(db, token, staff_token)
    return await run_in_threadpool(resolve, db, token, staff_token)


def effective_scopes(
    device_scopes: frozenset[str], staff: StaffContext | None, staff_required: bool
) -> frozenset[str]:
    """The device's scopes, less the staff actions nobody signed in here may do.

    Handlers that test ``scope in principal.scopes`` themselves (instead of ``require``)
    therefore see the staff decision too.
    """
    kept = set()
    for scope in device_scopes:
        action = STAFF_SCOPE_ACTIONS.get(scope)
        if action is None:
            kept.add(scope)
        elif staff is None:
            if not staff_required:
                kept.add(scope)  # the store's policy keeps device-level grants
        elif staff.permissions.get(action) == "allowed":
            kept.add(scope)
    return frozenset(kept)


def check_scope(principal: Principal, scope: str) -> None:
    """403 unless the caller holds ``scope``; says why when it is a staff decision."""
    if scope in principal.scopes:
        return
    action = STAFF_SCOPE_ACTIONS.get(scope)
    if action is not None and scope in SCOPES_BY_MODE.get(principal.mode, frozenset()):
        if principal.staff is None:
            raise Problem(
                403,
                "staff-sign-in-required",
                "Staff sign-in required",
                "A staff member must sign in on this device for this.",
                action=action,
            )
        raise permission_denied(principal.staff.role, action)
    raise Problem(
        403,
        "forbidden",
        "Not allowed",
        f"This {principal.mode} device may not do this (needs scope {scope!r}).",
    )


def permission_denied(role: str, action: str) -> Problem:
    """403 ``permission-denied``: the signed-in person's role may not do ``action``."""
    return Problem(
        403,
        "permission-denied",
        "Not allowed for your role",
        f"Your role ({role}) may not do this ({action}).",
        action=action,
    )


def require(scope: str):  # type: ignore[no-untyped-def]
    """Dependency factory: the caller must hold ``scope`` (and the staff permission)."""

    async def _check(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        check_scope(principal, scope)
        return principal

    return _check
