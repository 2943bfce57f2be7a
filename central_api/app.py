"""FastAPI application factory of the reference central API."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from fastapi import FastAPI
from sqlalchemy import func, select
from starlette.types import ASGIApp, Receive, Scope, Send

from central_api import __version__, tables
from central_api.catalog.router import router as products_router
from central_api.customers.loyalty import LoyaltySigner
from central_api.customers.router import router as customers_router
from central_api.demo.seed import seed_database
from central_api.devices import enrollment
from central_api.devices.principals import resolve_principal
from central_api.devices.router import router as devices_router
from central_api.endless_aisle.router import router as endless_aisle_router
from central_api.events.log import install as install_event_log
from central_api.events.stream import router as events_router
from central_api.pickups.legacy_keys import adopt_legacy_keys
from central_api.pickups.qr import PickupSigner, use_signer
from central_api.pickups.router import router as pickups_router
from central_api.platform import openapi_contract
from central_api.platform.auth import PrincipalCache
from central_api.platform.db import Database
from central_api.platform.idempotency import purge_expired
from central_api.platform.inline_reads import InlineReadRoute
from central_api.platform.keys import KeyRing
from central_api.platform.numbering import sync_sequences
from central_api.platform.problems import install_problem_handlers
from central_api.platform.request_guard import RequestGuard
from central_api.platform.schemas import HealthOut
from central_api.platform.settings import ServerSettings
from central_api.platform.workers import Epoch
from central_api.returns.router import router as returns_router
from central_api.staff.router import router as staff_router
from central_api.stores.models import Location
from central_api.stores.router import router as stores_router


class InvalidatePrincipals:
    """Pure ASGI middleware: a write to devices or staff (sign-in, sign-out, lockout,
    policy) clears the principal cache once it has been answered."""

    PREFIXES = ("/v1/staff", "/v1/devices")

    def __init__(self, app: ASGIApp, cache: PrincipalCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
        if (
            scope["type"] == "http"
            and scope["method"] != "GET"
            and str(scope["path"]).startswith(self.PREFIXES)
        ):
            self.cache.clear()


class AddedLatency:
    """Pure ASGI middleware for benchmarks: every HTTP request waits ``delay_s`` first, as
    if the API were a WAN round trip away (cheaper than ``@app.middleware``, which would
    add its own cost to what the benchmark measures)."""

    def __init__(self, app: ASGIApp, delay_s: float) -> None:
        self.app = app
        self.delay_s = delay_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await asyncio.sleep(self.delay_s)
        await self.app(scope, receive, send)


def create_app(
    settings: ServerSettings, db: Database | None = None, epoch: Epoch | None = None
) -> FastAPI:
    """Build the app; the database must already hold its schema (see ``prepare_database``).

    ``epoch`` is shared by the worker processes of one server (``central_api.platform.workers``).
    """
    app = FastAPI(
        title="Omnistore central API (reference)",
        version=__version__,
        description="Reference implementation of the central commerce API used by the store app.",
    )
    app.router.route_class = InlineReadRoute  # /v1/health
    app.state.settings = settings
    app.state.db = db or Database(settings.db_url)
    app.state.keys = keys = settings.load_keys()  # the key file, never the database
    app.state.loyalty_signer = LoyaltySigner.from_keys(keys)
    use_signer(app.state.db, PickupSigner.from_keys(keys))
    app.state.principals = PrincipalCache(epoch=epoch)
    app.state.resolve_principal = resolve_principal  # the platform knows no devices
    app.add_middleware(InvalidatePrincipals, cache=app.state.principals)
    install_problem_handlers(app)
    openapi_contract.install(app)

    if settings.latency_ms > 0:
        app.add_middleware(AddedLatency, delay_s=settings.latency_ms / 1000)
    app.add_middleware(RequestGuard)  # outermost: size, path and NUL checks come first

    @app.get("/v1/health", response_model=HealthOut, tags=["health"])
    def health() -> HealthOut:
        return HealthOut(status="ok", version=__version__, time=datetime.now(UTC).isoformat())

    # Routers are matched one route at a time, in order (FastAPI checks every route of an
    # included router before the next). The customer screen's five parallel reads and the
    # product screen's come first: each customer read was checked against ~35 routes of
    # the devices, stores, products, pickups, endless-aisle and returns routers before its
    # own. No two routers share a path, so the order changes nothing else.
    for router in (
        customers_router,
        products_router,
        devices_router,
        stores_router,
        pickups_router,
        endless_aisle_router,
        returns_router,
        staff_router,
        events_router,
    ):
        app.include_router(router)
    return app


def prepare_database(
    db: Database,
    seed: int | None,
    staff_sign_in: str = "required",
    settings: ServerSettings | None = None,
) -> KeyRing:
    """Create the schema; seed demo data when the database is empty and a seed is given;
    record the command-line enrollment token. Answers the server's keys (its key file)."""
    settings = settings or ServerSettings(db_url=db.url)
    keys = settings.load_keys()
    tables.create_schema(db)
    install_event_log(db)
    keys = adopt_legacy_keys(db, keys, settings.key_path)
    with db.session() as s:
        empty = (s.scalar(select(func.count()).select_from(Location)) or 0) == 0
    if empty and seed is not None:
        seed_database(db, seed, keys, staff_sign_in)
    sync_sequences(db)
    enrollment.register(db, settings.enrollment_token, settings.enrollment_token_ttl)
    purge_expired(db)
    return keys
