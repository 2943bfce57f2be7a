"""The one async client of the central API.

One shared ``httpx.AsyncClient`` (keep-alive, connection pool) for the whole app; explicit
timeouts; safe reads retried with backoff and jitter; every write carries an
``Idempotency-Key``. Every answer is parsed into a typed model or a typed error.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import ssl
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import httpcore
import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from kiosk_app import __version__
from kiosk_app.kernel.api.errors import (
    ApiError,
    ApiTimeout,
    ApiUnavailable,
    ServerError,
    UnexpectedResponse,
    error_from_response,
)
from kiosk_app.kernel.api.pool import KEEPALIVE_EXPIRY_S, ApiTransport
from kiosk_app.kernel.api.route_log import log_request, route_template
from kiosk_app.kernel.models.catalog import (
    Availability,
    DeviceInfo,
    Enrollment,
    Health,
    Product,
    ProductPage,
    Store,
    Variant,
)
from kiosk_app.kernel.offline.freshness import ReadCacheHook

if TYPE_CHECKING:
    from kiosk_app.kernel.security.action_proof import ActionProofKey
from kiosk_app.kernel.security.tls import (
    CertificateError,
    describe_certificate_failure,
    find_certificate_failure,
    tls_context,
)

M = TypeVar("M")
STAFF_TOKEN_HEADER = "X-Staff-Token"


@dataclass(frozen=True)
class Timeouts:
    """Seconds. A read still unanswered after ``probe_after`` asks ``/v1/health`` (waiting
    ``probe`` at most) whether the API answers at all: if not, the read gives up at once (the
    read cache answers, the flow says "no connection") instead of waiting ``request`` and its
    retries out (~25 s with the defaults against an API that accepts and never answers)."""

    connect: float = 3.0
    request: float = 8.0
    probe_after: float = 1.0
    probe: float = 1.5

    def to_httpx(self) -> httpx.Timeout:
        return httpx.Timeout(self.request, connect=self.connect)


@dataclass(frozen=True)
class RequestOutcome:
    """What happened to one request: fed to the connection monitor."""

    ok: bool
    elapsed_s: float
    kind: str  # "ok", "http_error", "server_error", "timeout", "unreachable"


OutcomeListener = Callable[[RequestOutcome], None]


#: how long ``reachable`` waits for the health answer before calling the API unreachable
REACHABLE_TIMEOUT_S = 2.0


class NotAnswering(ApiTimeout):
    """A slow read's health probe got no answer either: the API is down, not slow."""


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


class ApiClient:
    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeouts: Timeouts | None = None,
        read_retries: int = 2,
        transport: httpx.AsyncBaseTransport | None = None,
        verify: bool | str | ssl.SSLContext = True,
        rng: random.Random | None = None,
        ca_bundle: str | Path | None = None,
    ) -> None:
        if verify is False:
            raise ValueError("TLS verification cannot be turned off (use ca_bundle)")
        if ca_bundle is not None:
            verify = tls_context(ca_bundle)  # trusted instead of the default CAs
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._staff_token: str | None = None
        self._action_key: ActionProofKey | None = None
        self._staff_token_rejected: list[Callable[[], None]] = []
        self._read_retries = read_retries
        self._timeouts = timeouts or Timeouts()
        self._probing: asyncio.Future[bool] | None = None
        self._rng = rng or random.Random()
        self._listeners: list[OutcomeListener] = []
        self._read_cache: ReadCacheHook | None = None
        limits = httpx.Limits(
            max_connections=20, max_keepalive_connections=10, keepalive_expiry=KEEPALIVE_EXPIRY_S
        )
        self._transport = transport or ApiTransport(verify, limits)
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=self._timeouts.to_httpx(),
            transport=self._transport,
            verify=verify,
            headers={"User-Agent": f"omnistore-kiosk/{__version__}", "Accept": "application/json"},
            limits=limits,
        )

    # -- plumbing -----------------------------------------------------------------------
    @property
    def http(self) -> httpx.AsyncClient:
        """The shared httpx client (the outbox sender reuses its pool)."""
        return self._http

    def set_read_cache(self, cache: ReadCacheHook | None) -> None:
        """Keep GET answers in ``cache`` and serve them when the API is unreachable."""
        self._read_cache = cache

    @property
    def read_cache(self) -> ReadCacheHook | None:
        return self._read_cache

    def set_token(self, token: str | None) -> None:
        self._token = token

    def set_staff_token(self, token: str | None, action_key: ActionProofKey | None = None) -> None:
        """The signed-in staff member's token, sent as ``X-Staff-Token`` (None: nobody), and
        the session's key that signs the writes they queue (``staff_proof``)."""
        self._staff_token = token
        self._action_key = action_key if token else None

    @property
    def action_key(self) -> ActionProofKey | None:
        """The signed-in staff member's action key (None: nobody, or an older server)."""
        return self._action_key

    @property
    def has_staff_token(self) -> bool:
        return bool(self._staff_token)

    def on_staff_token_rejected(self, callback: Callable[[], None]) -> None:
        """Called when the API says the staff session ended (expired, signed out elsewhere)."""
        self._staff_token_rejected.append(callback)

    @property
    def has_token(self) -> bool:
        return bool(self._token)

    def auth_headers(self) -> dict[str, str]:
        """The Authorization header for other senders sharing this client (the outbox)."""
        return self._headers()

    def add_outcome_listener(self, listener: OutcomeListener) -> None:
        self._listeners.append(listener)

    async def aclose(self) -> None:
        await self._http.aclose()

    def _headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        headers = dict(extra or {})
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        if self._staff_token:
            headers[STAFF_TOKEN_HEADER] = self._staff_token
        return headers

    def _report(self, ok: bool, started: float, kind: str) -> None:
        outcome = RequestOutcome(ok=ok, elapsed_s=time.monotonic() - started, kind=kind)
        for listener in self._listeners:
            listener(outcome)

    async def _forget_idle_connections(self) -> None:
        """After a network failure: the next attempt opens a connection of its own."""
        if isinstance(self._transport, ApiTransport):
            with contextlib.suppress(OSError, httpcore.NetworkError):
                await self._transport.pool.close_idle()

    async def _send_once(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        started = time.monotonic()
        if self._http.is_closed:  # the app is closing: a late background read goes nowhere
            raise ApiUnavailable(f"The API client is closed ({method} {route_template(path)}).")
        try:
            response = await self._http.request(
                method, path, params=params, json=json, headers=self._headers(headers)
            )
        except httpx.TimeoutException as exc:
            log_request(method, path, "timeout", time.monotonic() - started)
            self._report(False, started, "timeout")
            await self._forget_idle_connections()
            raise ApiTimeout(f"No answer from the central API in time ({method} {path}).") from exc
        except httpx.TransportError as exc:
            log_request(method, path, "unreachable", time.monotonic() - started)
            self._report(False, started, "unreachable")
            await self._forget_idle_connections()
            failure = find_certificate_failure(exc)
            if failure is not None:
                message = describe_certificate_failure(failure, self.base_url)
                raise CertificateError(message) from exc
            raise ApiUnavailable(f"Cannot reach the central API: {exc!r}") from exc
        log_request(method, path, str(response.status_code), time.monotonic() - started)
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = None
            if response.is_success:
                self._report(False, started, "http_error")
                raise UnexpectedResponse(
                    f"The central API sent a non-JSON answer to {method} {path}.",
                    status=response.status_code,
                ) from None
        if response.is_success:
            self._report(True, started, "ok")
            return body
        error = error_from_response(response.status_code, body)
        if error.slug == "invalid-staff-token" and self._staff_token:
            self._staff_token = None
            self._action_key = None
            for callback in list(self._staff_token_rejected):
                callback()
        self._report(
            response.status_code < 500,
            started,
            "server_error" if response.status_code >= 500 else "http_error",
        )
        raise error

    async def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET with retries on transport failures and 5xx (reads are safe to repeat).

        With a read cache (``set_read_cache``), fresh answers are kept and, when the API
        cannot be reached or does not answer in time, the last known answer is served
        instead (``kiosk_app.kernel.offline.freshness.track_cached_reads`` tells callers).
        """
        cache = self._read_cache
        try:
            body = await self._get_fresh(path, params)
        except (ApiUnavailable, ApiTimeout):
            cached = cache.lookup(path, params) if cache is not None else None
            if cache is None or cached is None:
                raise
            cache.note_served(path, cached)
            return cached.body
        if cache is not None:
            cache.store(path, params, body)
        return body

    async def _get_fresh(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        attempt = 0
        while True:
            try:
                return await self._read_once(path, params)
            except NotAnswering:
                raise  # the API is down: retrying only makes the user wait
            except (ApiUnavailable, ApiTimeout, ServerError) as exc:
                if attempt >= self._read_retries or (
                    isinstance(exc, ServerError) and exc.status not in (500, 502, 503, 504)
                ):
                    raise
                delay = min(2.0, 0.2 * 3**attempt)
                await asyncio.sleep(self._rng.uniform(delay / 2, delay))
                attempt += 1

    async def _read_once(self, path: str, params: Mapping[str, Any] | None) -> Any:
        """One GET; when it is slow, a health probe tells a slow API from one that is gone."""
        started = time.monotonic()
        read = asyncio.ensure_future(self._send_once("GET", path, params=params))
        try:
            await asyncio.wait({read}, timeout=self._timeouts.probe_after)
            probe = None if read.done() else self._probe()
            if probe is not None:
                await asyncio.wait({read, probe}, return_when=asyncio.FIRST_COMPLETED)
            if read.done() or (probe is not None and await asyncio.shield(probe)):
                return await read  # answered, or the API answers and this read is just slow
            elapsed = time.monotonic() - started
            log_request("GET", path, "abandoned: the API does not answer", elapsed)
            self._report(False, started, "timeout")  # the read failed as well as the probe
            raise NotAnswering(f"The central API does not answer (GET {route_template(path)}).")
        finally:
            if not read.done():
                read.cancel()

    def _probe(self) -> asyncio.Future[bool]:
        """The health probe in flight, shared by the slow reads (a screen sends several)."""
        if self._probing is None or self._probing.done():
            self._probing = asyncio.ensure_future(self.reachable(self._timeouts.probe))
        return self._probing

    async def post(self, path: str, body: Any, *, idempotency_key: str | None = None) -> Any:
        """POST a state change. Not retried here: the outbox owns retries of writes."""
        key = idempotency_key or new_idempotency_key()
        return await self._send_once("POST", path, json=body, headers={"Idempotency-Key": key})

    @staticmethod
    def parse_as(model: type[M] | Any, data: Any) -> M:
        try:
            if isinstance(model, type) and issubclass(model, BaseModel):
                return model.model_validate(data)  # type: ignore[return-value]
            return TypeAdapter(model).validate_python(data)  # type: ignore[no-any-return]
        except ValidationError as exc:
            raise UnexpectedResponse(
                f"The central API answered with an unexpected shape: {exc.errors()[0]['msg']}"
            ) from exc

    # -- typed endpoints ----------------------------------------------------------------
    async def health(self) -> Health:
        return self.parse_as(Health, await self._send_once("GET", "/v1/health"))

    async def reachable(self, timeout_s: float = REACHABLE_TIMEOUT_S) -> bool:
        """Does the central API answer right now? One quick health request, no retry.

        For the moment a flow that needs the network is confirmed: the connection monitor
        may still say "online" for a few seconds after the network went away.
        """
        started = time.monotonic()
        try:
            await asyncio.wait_for(self._send_once("GET", "/v1/health"), timeout_s)
        except TimeoutError:
            self._report(False, started, "timeout")
            return False
        except (ApiUnavailable, ApiTimeout, ServerError):
            return False
        except ApiError:  # any other answer (even a refusal) came from the server
            return True
        return True

    async def enroll(
        self, enrollment_token: str, store_code: str, mode: str, device_name: str
    ) -> Enrollment:
        body = {
            "enrollment_token": enrollment_token,
            "store_code": store_code,
            "mode": mode,
            "device_name": device_name,
        }
        return self.parse_as(Enrollment, await self.post("/v1/devices/enroll", body))

    async def me(self) -> DeviceInfo:
        return self.parse_as(DeviceInfo, await self.get("/v1/devices/me"))

    async def stores(self) -> list[Store]:
        return self.parse_as(list[Store], await self.get("/v1/stores"))

    async def product_by_gtin(self, gtin: str) -> Product:
        return self.parse_as(Product, await self.get(f"/v1/products/gtin/{quote(gtin, safe='')}"))

    async def product_by_sku(self, sku: str) -> Product:
        return self.parse_as(Product, await self.get(f"/v1/products/sku/{quote(sku, safe='')}"))

    async def variants(self, sku: str) -> list[Variant]:
        data = await self.get(f"/v1/products/sku/{quote(sku, safe='')}/variants")
        return self.parse_as(list[Variant], data)

    async def availability(self, sku: str, store: str | None = None) -> Availability:
        params = {"store": store} if store else None
        data = await self.get(f"/v1/products/sku/{quote(sku, safe='')}/availability", params)
        return self.parse_as(Availability, data)

    async def search_products(self, query: str, limit: int = 30, offset: int = 0) -> ProductPage:
        params = {"q": query, "limit": limit, "offset": offset}
        return self.parse_as(ProductPage, await self.get("/v1/products", params))


__all__ = [
    "ApiClient",
    "ApiError",
    "NotAnswering",
    "RequestOutcome",
    "Timeouts",
    "new_idempotency_key",
]
