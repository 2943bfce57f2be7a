"""Click-and-collect use cases: the queue, one pickup session, and the kiosk check-in.

Screens render the observable states below and call these methods; nothing here imports Qt.
User-facing outcomes are :class:`PickupMessage` codes with arguments, which the UI turns into
translated sentences. Every write (completion, check-in) goes through the outbox with its
own idempotency key; the sessions learn the outcome from the sync engine's events.
"""

from __future__ import annotations

import enum
import json
import logging
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk_app.flows.pickup.api import (
    check_in_path,
    complete_path,
    get_pickup,
    list_pickups,
    pickup_by_code,
    pickup_keys,
)
from kiosk_app.flows.pickup.models import (
    CheckInResult,
    CompletionResult,
    PickupDetail,
    PickupSummary,
)
from kiosk_app.flows.pickup.offline import NETWORK_ERRORS, OfflinePickups
from kiosk_app.flows.pickup.rules import (
    COLLECTABLE,
    COMPLETED,
    ID_DOCUMENTS,
    PickupStatus,
    VerificationMethod,
    accepted_methods,
    apply,
    collect_event,
    same_person_name,
)
from kiosk_app.kernel.api import errors
from kiosk_app.kernel.api.client import ApiClient, new_idempotency_key
from kiosk_app.kernel.live import LiveEvents
from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.offline.freshness import track_cached_reads
from kiosk_app.kernel.outbox import ConnectionReport, Outbox, OutboxEntry, SyncEngine
from kiosk_app.kernel.outbox.entry import UNSENT_STATUSES
from kiosk_app.kernel.remote_state import RemoteValue
from kiosk_app.kernel.routing import route
from kiosk_app.kernel.scan.results import PickupQR
from kiosk_app.kernel.scan.signed_codes import (
    PICKUP_PREFIX,
    ExpiredCode,
    ForgedCode,
    NotYetValidCode,
    SignedCodeError,
    UnknownKeyId,
    b64url_decode,
    verify_signed_code,
)
from kiosk_app.kernel.scan.store_codes import ORDER_NUMBER_PATTERN
from kiosk_app.kernel.security.action_proof import PROOF_FIELD

log = logging.getLogger(__name__)

OP_COMPLETE = "pickup.complete"
OP_CHECK_IN = "pickup.check_in"
LOCAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS pickup_actions (
    idempotency_key TEXT PRIMARY KEY,
    op TEXT NOT NULL,
    order_number TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_at REAL NOT NULL
)
"""
INSERT_ACTION = (
    "INSERT INTO pickup_actions (idempotency_key, op, order_number, summary, created_at)"
    " VALUES (?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class PickupMessage:
    """Something to tell the user: a stable ``code`` and its arguments (the UI translates).

    ``level`` is ``info``, ``success``, ``warning`` or ``error``.
    """

    code: str
    level: str = "error"
    args: Mapping[str, str] = field(default_factory=dict)


def _api_message(exc: Exception) -> PickupMessage:
    if isinstance(exc, errors.ApiError) and exc.slug:
        return PickupMessage(exc.slug, "error", {"detail": exc.detail or str(exc)})
    if isinstance(exc, errors.ApiUnavailable | errors.ApiTimeout):
        return PickupMessage("offline", "error", {"detail": str(exc)})
    return PickupMessage("api_error", "error", {"detail": str(exc)})


# -- offline QR verification -------------------------------------------------------------------
@dataclass(frozen=True)
class VerifiedPickupQr:
    order_number: str
    store_code: str
    token: str
    expires_at: int


class PickupQrRefused(Exception):
    def __init__(self, message: PickupMessage) -> None:
        super().__init__(message.code)
        self.message = message


class PickupKeyring:
    """The central API's pickup QR public keys, cached so scans verify without the network.

    ``cache_file`` (JSON) keeps the last keys across restarts: a kiosk that starts offline
    still checks QR codes.
    """

    def __init__(
        self,
        client: ApiClient,
        cache_file: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client = client
        self._cache_file = cache_file
        self._clock = clock
        self._keys: dict[str, Ed25519PublicKey] = {}
        if cache_file is not None and cache_file.exists():
            try:
                self._keys = _decode_keys(json.loads(cache_file.read_text("utf-8")))
            except (ValueError, OSError, KeyError, TypeError):
                log.warning("ignoring unreadable pickup key cache %s", cache_file)

    @property
    def loaded(self) -> bool:
        return bool(self._keys)

    async def refresh(self) -> bool:
        """Fetch the published keys; False (keeping the cached ones) when unreachable."""
        try:
            keys = await pickup_keys(self._client)
        except errors.ApiError as exc:
            log.warning("pickup keys not refreshed: %s", exc)
            return False
        raw = {"keys": [k.model_dump() for k in keys.keys]}
        self._keys = _decode_keys(raw)
        if self._cache_file is not None:
            try:
                self._cache_file.parent.mkdir(parents=True, exist_ok=True)
                tmp = self._cache_file.with_suffix(".tmp")
                tmp.write_text(json.dumps(raw), "utf-8")
                tmp.replace(self._cache_file)
            except OSError:
                log.warning("cannot write pickup key cache %s", self._cache_file)
        return True

    async def ensure(self) -> None:
        if not self._keys:
            await self.refresh()

    def verify(self, token: str, store_code: str) -> VerifiedPickupQr:
        """Signature, validity window and store of a ``PKP1`` token; PickupQrRefused if bad."""
        if not self._keys:
            raise PickupQrRefused(PickupMessage("qr_no_keys"))
        try:
            code = verify_signed_code(
                token, self._keys, self._clock(), expected_prefix=PICKUP_PREFIX
            )
        except ExpiredCode:
            raise PickupQrRefused(PickupMessage("qr_expired")) from None
        except NotYetValidCode:
            raise PickupQrRefused(PickupMessage("qr_clock")) from None
        except (ForgedCode, UnknownKeyId):
            raise PickupQrRefused(PickupMessage("qr_forged")) from None
        except SignedCodeError:
            raise PickupQrRefused(PickupMessage("qr_malformed")) from None
        order = code.claims.get("o")
        store = code.claims.get("s")
        if not isinstance(order, str) or not isinstance(store, str):
            raise PickupQrRefused(PickupMessage("qr_malformed"))
        if store != store_code:
            raise PickupQrRefused(
                PickupMessage("qr_other_store", "error", {"store": store, "order": order})
            )
        return VerifiedPickupQr(order, store, token, code.expires_at)


def _decode_keys(raw: Mapping[str, Any]) -> dict[str, Ed25519PublicKey]:
    return {
        str(k["kid"]): Ed25519PublicKey.from_public_bytes(b64url_decode(str(k["public_key"])))
        for k in raw["keys"]
    }


def _pickup_qr_token(text: str) -> str | None:
    scan = route(text).scan
    return scan.token if isinstance(scan, PickupQR) else None


# -- the queue ---------------------------------------------------------------------------------
class PickupQueue:
    """This store's active pickups, customers waiting first, as a RemoteValue.

    Online, a refresh of the whole queue also refreshes the device's offline copy of the
    collectable pickups (``offline``) and makes sure the QR keys are known (``keyring``), so
    those pickups can be handed over without the network.
    """

    def __init__(
        self,
        client: ApiClient,
        offline: OfflinePickups | None = None,
        keyring: PickupKeyring | None = None,
    ) -> None:
        self._client = client
        self._offline = offline
        self._keyring = keyring
        self.items: RemoteValue[list[PickupSummary]] = RemoteValue()
        self.query = ""

    async def refresh(self, query: str | None = None) -> list[PickupSummary] | None:
        if query is not None:
            self.query = query.strip()
        q = self.query
        with track_cached_reads() as report:
            items = await self.items.load(q, lambda: list_pickups(self._client, query=q or None))
        if items is not None and not q and not report.from_cache:  # the network answered
            if self._offline is not None:
                await self._offline.refresh()
            if self._keyring is not None:
                await self._keyring.ensure()
        return items

    async def refresh_in_place(self, *, offline: bool = False) -> None:
        """Fetch the shown queue again in the background (no "Refreshing…", rows stay);
        ``offline``: the offline copy of collectable pickups too."""
        await self.items.refresh()
        if offline and self._offline is not None and not self.query:
            await self._offline.refresh(force=True)


# -- one pickup --------------------------------------------------------------------------------
class Step(enum.StrEnum):
    IDLE = "idle"
    LOADING = "loading"
    FAILED = "failed"  # could not open the order (not found, network): message says why
    REFUSED = "refused"  # the order cannot be handed over (expired, cancelled, collected…)
    VERIFY = "verify"
    ITEMS = "items"
    HANDOVER = "handover"
    SENDING = "sending"  # queued in the outbox, waiting for the server's answer
    SAVED = "saved"  # queued, but the network failed: sent when it is back; next customer
    DONE = "done"
    CONFLICT = "conflict"  # the server refused: collected elsewhere, expired meanwhile…


@dataclass(frozen=True)
class Verification:
    method: VerificationMethod
    pickup_code: str | None = None
    qr_token: str | None = None
    id_document_type: str | None = None
    person_name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method.value,
            "pickup_code": self.pickup_code,
            "qr_token": self.qr_token,
            "id_document_type": self.id_document_type,
            "person_name": self.person_name,
        }


@dataclass(frozen=True)
class LineProgress:
    line_no: int
    sku: str
    gtin: str
    name: str
    quantity: int
    scanned: int = 0
    missing: int = 0
    damaged: int = 0
    reason: str | None = None

    @property
    def remaining(self) -> int:
        return self.quantity - self.scanned - self.missing - self.damaged

    @property
    def done(self) -> bool:
        return self.remaining == 0


@dataclass(frozen=True)
class SessionState:
    step: Step = Step.IDLE
    order: PickupDetail | None = None
    verification: Verification | None = None
    lines: tuple[LineProgress, ...] = ()
    message: PickupMessage | None = None
    result: CompletionResult | None = None
    what: str = ""  # what is being opened (order number, code)

    @property
    def picked_units(self) -> int:
        return sum(line.scanned for line in self.lines)

    @property
    def ordered_units(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def all_accounted(self) -> bool:
        return bool(self.lines) and all(line.done for line in self.lines)

    @property
    def can_hand_over(self) -> bool:
        return self.all_accounted and self.picked_units > 0

    @property
    def partial(self) -> bool:
        return self.picked_units < self.ordered_units

    @property
    def accepted(self) -> tuple[VerificationMethod, ...]:
        if self.order is None:
            return ()
        return accepted_methods(
            self.order.verification_method, self.order.alternate_person is not None
        )


class PickupSession:
    """One pickup at the counter: open → verify → item check → hand-over → confirmation."""

    def __init__(
        self,
        client: ApiClient,
        store_code: str,
        keyring: PickupKeyring,
        outbox: Outbox | None,
        sync: SyncEngine | None,
        offline: OfflinePickups | None = None,
    ) -> None:
        self._client = client
        self._store_code = store_code
        self._keyring = keyring
        self._outbox = outbox
        self._sync = sync
        self._offline = offline  # the device's copy, for when the network is down
        self.state: Observable[SessionState] = Observable(SessionState())
        self._generation = 0
        self._pending_key: str | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        if outbox is not None:
            outbox.register_schema(LOCAL_SCHEMA)
        if sync is not None:
            self._unsubscribe += [
                sync.events.delivered.subscribe(self._on_delivered),
                sync.events.needs_attention.subscribe(self._on_needs_attention),
                sync.events.connection.subscribe(self._on_connection),
            ]

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()

    # -- helpers -------------------------------------------------------------------------------
    @property
    def current(self) -> SessionState:
        return self.state.value

    def _set(self, **changes: Any) -> SessionState:
        new = replace(self.current, **changes)
        self.state.set(new)
        return new

    def _say(self, message: PickupMessage) -> None:
        self._set(message=message)

    def reset(self) -> None:
        self._generation += 1
        self._pending_key = None
        self.state.set(SessionState())

    # -- opening -------------------------------------------------------------------------------
    async def open_scan(self, text: str) -> SessionState:
        """A scan or typed text: pickup QR, 6-digit pickup code or order number."""
        destination = route(text, allow_search=False)
        scan = destination.scan
        if isinstance(scan, PickupQR):
            return await self.open_qr(scan.token)
        if destination.flow == "pickup":
            return await self.open_code(destination.key)
        if destination.flow == "order":
            return await self.open_order(destination.key)
        self.reset()
        return self._set(
            step=Step.FAILED,
            message=PickupMessage("not_a_pickup", "error", {"text": text.strip()[:60]}),
        )

    async def open_order(self, order_number: str) -> SessionState:
        number = order_number.strip().upper()
        return await self._open(
            number, lambda: get_pickup(self._client, number), None, lambda o: o.by_number(number)
        )

    async def open_code(self, code: str) -> SessionState:
        verification = Verification(VerificationMethod.PICKUP_CODE, pickup_code=code.strip())
        return await self._open(
            code.strip(),
            lambda: pickup_by_code(self._client, code),
            verification,
            lambda o: o.by_code(code),
        )

    async def open_qr(self, token: str) -> SessionState:
        self.reset()
        await self._keyring.ensure()
        try:
            qr = self._keyring.verify(token, self._store_code)
        except PickupQrRefused as refused:
            return self._set(step=Step.FAILED, message=refused.message)
        verification = Verification(VerificationMethod.SIGNED_QR, qr_token=qr.token)
        number = qr.order_number
        return await self._open(
            number,
            lambda: get_pickup(self._client, number),
            verification,
            lambda o: o.by_number(number),
        )

    async def _open(
        self,
        what: str,
        fetch: Callable[[], Any],
        verification: Verification | None,
        offline_copy: Callable[[OfflinePickups], PickupDetail | None],
    ) -> SessionState:
        self._generation += 1
        mine = self._generation
        self._pending_key = None
        self.state.set(SessionState(step=Step.LOADING, what=what))
        try:
            order: PickupDetail = await fetch()
        except errors.ApiError as exc:
            if mine != self._generation:
                return self.current
            kept = None
            if isinstance(exc, NETWORK_ERRORS) and self._offline is not None:
                kept = offline_copy(self._offline)
            if kept is None:
                return self._set(step=Step.FAILED, message=self._open_failure(exc, what))
            order = kept
        if mine != self._generation:
            return self.current
        lines = tuple(
            LineProgress(line.line_no, line.sku, line.gtin, line.name, line.quantity)
            for line in order.lines
        )
        self._set(order=order, lines=lines)
        refusal = _refusal(order) or self._handed_over_here(order.order_number)
        if refusal is not None:
            return self._set(step=Step.REFUSED, message=refusal)
        if verification is not None and verification.method in self.current.accepted:
            return self._set(
                step=Step.ITEMS,
                verification=verification,
                message=PickupMessage(f"verified_{verification.method.value}", "success"),
            )
        return self._set(step=Step.VERIFY, message=None)

    def stop_elsewhere(self, message: PickupMessage, status: str) -> None:
        """The pickup ended on another device (a live event, its new ``status``): stop
        here, write nothing."""
        order = self.current.order
        if order is not None and self.current.step in (Step.VERIFY, Step.ITEMS, Step.HANDOVER):
            self._generation += 1
            ended = order.model_copy(update={"status": status})
            self._set(step=Step.REFUSED, message=message, order=ended)

    def _handed_over_here(self, order_number: str) -> PickupMessage | None:
        """A hand-over of this order waits in the outbox (e.g. offline): never a second one."""
        if self._outbox is None:
            return None
        path = complete_path(order_number)
        waiting = self._outbox.list_by_status(list(UNSENT_STATUSES))
        if any(e.op == OP_COMPLETE and e.path == path for e in waiting):
            return PickupMessage("handed_over_here", "error", {"order": order_number})
        return None

    def _open_failure(self, exc: errors.ApiError, what: str) -> PickupMessage:
        if isinstance(exc, errors.NotFound) and exc.slug == "not-found":
            return PickupMessage("order_not_found", "error", {"what": what})
        if isinstance(exc, NETWORK_ERRORS) and self._offline is not None:
            return PickupMessage("offline_not_kept", "error", {"what": what})
        return _api_message(exc)

    # -- verification --------------------------------------------------------------------------
    def _accept(self, verification: Verification) -> bool:
        state = self.current
        if state.step is not Step.VERIFY or state.order is None:
            return False
        if verification.method not in state.accepted:
            self._say(
                PickupMessage(
                    "method_not_accepted",
                    "error",
                    {"methods": ", ".join(m.value for m in state.accepted)},
                )
            )
            return False
        self._set(
            step=Step.ITEMS,
            verification=verification,
            message=PickupMessage(f"verified_{verification.method.value}", "success"),
        )
        return True

    async def verify_code(self, code: str) -> bool:
        """The customer's 6-digit code, checked with the central API; wrong: nothing changes."""
        state = self.current
        if state.order is None or state.step is not Step.VERIFY:
            return False
        code = code.strip()
        if len(code) != 6 or not code.isdigit():
            self._say(PickupMessage("wrong_code"))
            return False
        if VerificationMethod.PICKUP_CODE not in state.accepted:
            return self._accept(Verification(VerificationMethod.PICKUP_CODE, pickup_code=code))
        mine = self._generation
        try:
            found = await pickup_by_code(self._client, code)
        except errors.NotFound:
            found = None
        except errors.ApiError as exc:
            if mine != self._generation:
                return False
            return self._verify_code_offline(exc, state.order.order_number, code)
        if mine != self._generation:
            return False
        if found is None or found.order_number != state.order.order_number:
            self._say(PickupMessage("wrong_code"))
            return False
        return self._accept(Verification(VerificationMethod.PICKUP_CODE, pickup_code=code))

    def _verify_code_offline(self, exc: errors.ApiError, order_number: str, code: str) -> bool:
        """No network: the code is compared with the digest in the device's offline copy."""
        matches = None
        if isinstance(exc, NETWORK_ERRORS) and self._offline is not None:
            matches = self._offline.code_matches(order_number, code)
        if matches is None:
            self._say(_api_message(exc))
            return False
        if not matches:
            self._say(PickupMessage("wrong_code"))
            return False
        return self._accept(Verification(VerificationMethod.PICKUP_CODE, pickup_code=code))

    async def verify_qr_text(self, text: str) -> bool:
        """The customer shows their pickup QR while the order is open."""
        state = self.current
        if state.order is None or state.step is not Step.VERIFY:
            return False
        token = _pickup_qr_token(text)
        if token is None:
            self._say(PickupMessage("qr_malformed"))
            return False
        await self._keyring.ensure()
        try:
            qr = self._keyring.verify(token, self._store_code)
        except PickupQrRefused as refused:
            self._say(refused.message)
            return False
        if qr.order_number != state.order.order_number:
            self._say(PickupMessage("qr_wrong_order", "error", {"order": qr.order_number}))
            return False
        return self._accept(Verification(VerificationMethod.SIGNED_QR, qr_token=qr.token))

    def verify_id(self, document_type: str) -> bool:
        if document_type not in ID_DOCUMENTS:
            self._say(PickupMessage("id_document_required"))
            return False
        return self._accept(
            Verification(VerificationMethod.ID_CHECK, id_document_type=document_type)
        )

    def verify_alternate(self, person_name: str, document_type: str) -> bool:
        state = self.current
        if state.order is None or not state.order.alternate_person:
            self._say(PickupMessage("alternate_person_mismatch"))
            return False
        if document_type not in ID_DOCUMENTS:
            self._say(PickupMessage("id_document_required"))
            return False
        if not same_person_name(person_name, state.order.alternate_person):
            self._say(
                PickupMessage(
                    "alternate_person_mismatch", "error", {"name": state.order.alternate_person}
                )
            )
            return False
        return self._accept(
            Verification(
                VerificationMethod.ALTERNATE_PERSON,
                id_document_type=document_type,
                person_name=person_name.strip(),
            )
        )

    # -- item check ----------------------------------------------------------------------------
    def scan_item(self, text: str) -> bool:
        """A scanned item: the right GTIN counts down; anything else is refused unchanged."""
        state = self.current
        if state.step is not Step.ITEMS:
            return False
        destination = route(text, allow_search=False)
        if destination.flow != "product":
            self._say(PickupMessage("not_an_item", "error", {"text": text.strip()[:60]}))
            return False
        gtin = destination.key
        matching = [line for line in state.lines if line.gtin == gtin]
        if not matching:
            self._say(PickupMessage("wrong_item", "error", {"gtin": gtin}))
            return False
        line = next((ln for ln in matching if ln.remaining > 0), None)
        if line is None:
            self._say(PickupMessage("item_already_done", "warning", {"name": matching[0].name}))
            return False
        updated = replace(line, scanned=line.scanned + 1)
        lines = tuple(updated if ln.line_no == line.line_no else ln for ln in state.lines)
        message = (
            PickupMessage("all_items_checked", "success")
            if all(ln.done for ln in lines)
            else PickupMessage(
                "item_counted", "success", {"name": line.name, "left": str(updated.remaining)}
            )
        )
        self._set(lines=lines, message=message)
        return True

    def mark_line(self, line_no: int, kind: str, reason: str, quantity: int | None = None) -> bool:
        """Mark the line's unscanned units (or ``quantity`` of them) missing or damaged."""
        state = self.current
        if state.step is not Step.ITEMS:
            return False
        line = next((ln for ln in state.lines if ln.line_no == line_no), None)
        if line is None or kind not in ("missing", "damaged"):
            return False
        if not reason.strip():
            self._say(PickupMessage("reason_required"))
            return False
        count = line.remaining if quantity is None else quantity
        if count <= 0 or count > line.remaining:
            self._say(PickupMessage("nothing_to_mark", "warning", {"name": line.name}))
            return False
        updated = replace(
            line,
            missing=line.missing + (count if kind == "missing" else 0),
            damaged=line.damaged + (count if kind == "damaged" else 0),
            reason=reason.strip(),
        )
        lines = tuple(updated if ln.line_no == line_no else ln for ln in state.lines)
        self._set(
            lines=lines,
            message=PickupMessage(
                f"marked_{kind}", "warning", {"name": line.name, "count": str(count)}
            ),
        )
        return True

    def reset_line(self, line_no: int) -> None:
        state = self.current
        if state.step is not Step.ITEMS:
            return
        lines = tuple(
            replace(ln, scanned=0, missing=0, damaged=0, reason=None)
            if ln.line_no == line_no
            else ln
            for ln in state.lines
        )
        self._set(lines=lines, message=None)

    def to_handover(self) -> bool:
        state = self.current
        if state.step is not Step.ITEMS:
            return False
        if not state.can_hand_over:
            code = "nothing_picked" if state.all_accounted else "items_left"
            self._say(PickupMessage(code, "warning"))
            return False
        self._set(step=Step.HANDOVER, message=None)
        return True

    def back_to_items(self) -> None:
        if self.current.step is Step.HANDOVER:
            self._set(step=Step.ITEMS, message=None)

    # -- completion ----------------------------------------------------------------------------
    def completion_body(self, signature_svg_path: str | None) -> dict[str, Any]:
        """What the hand-over sends. Who hands over is not a name in it: ``complete`` adds
        the signed-in staff member's proof (``staff_proof``), which the server checks."""
        state = self.current
        assert state.verification is not None
        return {
            "lines": [
                {
                    "line_no": ln.line_no,
                    "picked": ln.scanned,
                    "missing": ln.missing,
                    "damaged": ln.damaged,
                    "reason": ln.reason,
                }
                for ln in state.lines
            ],
            "verification": state.verification.to_json(),
            "signature_svg_path": signature_svg_path,
        }

    def complete(self, signature_svg_path: str | None = None) -> OutboxEntry | None:
        """Queue the hand-over in the outbox (durable, one idempotency key) and wake the sync."""
        state = self.current
        if state.step is not Step.HANDOVER or state.order is None or state.verification is None:
            return None
        if self._outbox is None:
            self._say(PickupMessage("no_outbox"))
            return None
        # The state machine must allow it before anything is queued.
        apply(
            PickupStatus(state.order.status),
            collect_event(state.picked_units, state.ordered_units),
        )
        body = self.completion_body(signature_svg_path)
        key = new_idempotency_key()
        order_number = state.order.order_number
        action_key = self._client.action_key
        if action_key is not None:  # who did it, for when it is sent after they sign out
            body[PROOF_FIELD] = action_key.prove(
                "POST", complete_path(order_number), key, time.time()
            )
        summary = json.dumps(
            {"picked": state.picked_units, "ordered": state.ordered_units}, separators=(",", ":")
        )

        def record(conn: sqlite3.Connection) -> None:
            conn.execute(INSERT_ACTION, (key, OP_COMPLETE, order_number, summary, time.time()))

        self._pending_key = key
        entry = self._outbox.append(
            OP_COMPLETE,
            "POST",
            complete_path(order_number),
            body,
            local_record=record,
            idempotency_key=key,
        )
        if self._outbox.behind_a_failed_send(entry.id):  # no answer will come soon
            self._set(step=Step.SAVED, message=PickupMessage("saved_offline", "warning"))
        else:
            self._set(step=Step.SENDING, message=PickupMessage("sending", "info"))
        if self._sync is not None:
            self._sync.wake()
        return entry

    def _on_delivered(self, entry: OutboxEntry) -> None:
        if entry.idempotency_key != self._pending_key:
            return
        self._pending_key = None
        try:
            result = CompletionResult.model_validate(entry.response_body)
        except ValueError:
            result = None
        code = "partial_done" if result and result.status == "partially_collected" else "done"
        self._set(step=Step.DONE, result=result, message=PickupMessage(code, "success"))

    def _on_needs_attention(self, entry: OutboxEntry) -> None:
        if entry.idempotency_key != self._pending_key:
            return
        self._pending_key = None
        problem = entry.problem
        slug = (problem.type.rsplit("/", 1)[-1] if problem else "") or "rejected"
        detail = (problem.detail if problem else None) or entry.last_error or ""
        self._set(step=Step.CONFLICT, message=PickupMessage(slug, "error", {"detail": detail}))

    def _on_connection(self, report: ConnectionReport) -> None:
        """A send failed on the network while the hand-over waits: it is safe in the outbox
        and goes when the network is back, so the associate may take the next customer."""
        if not report.ok and self._pending_key is not None and self.current.step is Step.SENDING:
            self._set(step=Step.SAVED, message=PickupMessage("saved_offline", "warning"))


def _refusal(order: PickupDetail) -> PickupMessage | None:
    try:
        status = PickupStatus(order.status)
    except ValueError:
        return PickupMessage("unknown_status", "error", {"status": order.status})
    if status in COLLECTABLE:
        return None
    args = {"order": order.order_number}
    if status in COMPLETED:
        return PickupMessage("pickup-already-completed", "error", args)
    if status is PickupStatus.EXPIRED:
        return PickupMessage("pickup-expired", "error", args)
    if status is PickupStatus.CANCELLED:
        return PickupMessage("pickup-cancelled", "error", args)
    return PickupMessage("pickup-not-ready", "warning", args)


# -- kiosk check-in ----------------------------------------------------------------------------
class CheckInStep(enum.StrEnum):
    IDLE = "idle"
    CHECKING = "checking"
    SENDING = "sending"
    CONFIRMED = "confirmed"
    REFUSED = "refused"


@dataclass(frozen=True)
class CheckInState:
    step: CheckInStep = CheckInStep.IDLE
    order_number: str | None = None
    first_name: str = ""
    message: PickupMessage | None = None


class KioskCheckIn:
    """The customer scans their pickup QR at the kiosk: verified offline, sent via the outbox."""

    def __init__(
        self,
        store_code: str,
        keyring: PickupKeyring,
        outbox: Outbox | None,
        sync: SyncEngine | None,
    ) -> None:
        self._store_code = store_code
        self._keyring = keyring
        self._outbox = outbox
        self._sync = sync
        self._pending_key: str | None = None
        self.state: Observable[CheckInState] = Observable(CheckInState())
        self._unsubscribe: list[Callable[[], None]] = []
        if outbox is not None:
            outbox.register_schema(LOCAL_SCHEMA)
        if sync is not None:
            self._unsubscribe += [
                sync.events.delivered.subscribe(self._on_delivered),
                sync.events.needs_attention.subscribe(self._on_needs_attention),
                sync.events.connection.subscribe(self._on_connection),
            ]

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()

    def reset(self) -> None:
        self._pending_key = None
        self.state.set(CheckInState())

    def adopt(self, other: KioskCheckIn) -> None:
        """Carry on ``other``'s check-in (the kiosk's screens rebuilt in another language)."""
        self._pending_key = other._pending_key
        self.state.set(other.state.value)

    async def scan(self, text: str) -> CheckInState:
        destination = route(text, allow_search=False)
        scan = destination.scan
        if not isinstance(scan, PickupQR):
            code = "kiosk_scan_qr" if destination.flow in ("pickup", "order") else "qr_malformed"
            self.state.set(CheckInState(CheckInStep.REFUSED, message=PickupMessage(code)))
            return self.state.value
        self.state.set(CheckInState(CheckInStep.CHECKING))
        await self._keyring.ensure()
        try:
            qr = self._keyring.verify(scan.token, self._store_code)
        except PickupQrRefused as refused:
            self.state.set(CheckInState(CheckInStep.REFUSED, message=refused.message))
            return self.state.value
        return self._send(qr.order_number, {"qr_token": qr.token})

    def type_codes(self, order_number: str, pickup_code: str) -> CheckInState:
        """The customer typed the order number and pickup code of their confirmation email
        (no QR at hand): checked by the server, with the same outcome as the QR."""
        number = "".join(order_number.split()).upper()
        code = "".join(pickup_code.split())
        if not ORDER_NUMBER_PATTERN.fullmatch(number):
            message = PickupMessage("kiosk_order_number_format")
        elif not (len(code) == 6 and code.isdigit()):
            message = PickupMessage("kiosk_pickup_code_format")
        else:
            return self._send(number, {"pickup_code": code})
        self.state.set(CheckInState(CheckInStep.REFUSED, message=message))
        return self.state.value

    def _send(self, number: str, body: dict[str, str]) -> CheckInState:
        """Queue the check-in of order ``number`` with its proof (QR token or pickup code)."""
        if self._outbox is None:
            self.state.set(
                CheckInState(CheckInStep.REFUSED, number, message=PickupMessage("no_outbox"))
            )
            return self.state.value
        key = new_idempotency_key()

        def record(conn: sqlite3.Connection) -> None:
            conn.execute(INSERT_ACTION, (key, OP_CHECK_IN, number, "{}", time.time()))

        self._pending_key = key
        self._outbox.append(
            OP_CHECK_IN,
            "POST",
            check_in_path(number),
            body,
            local_record=record,
            idempotency_key=key,
        )
        self.state.set(CheckInState(CheckInStep.SENDING, number))
        if self._sync is not None:
            self._sync.wake()
        return self.state.value

    def _on_delivered(self, entry: OutboxEntry) -> None:
        if entry.idempotency_key != self._pending_key:
            return
        self._pending_key = None
        try:
            result = CheckInResult.model_validate(entry.response_body)
            first_name = result.first_name
        except ValueError:
            first_name = ""
        current = self.state.value
        self.state.set(CheckInState(CheckInStep.CONFIRMED, current.order_number, first_name))

    def _on_needs_attention(self, entry: OutboxEntry) -> None:
        if entry.idempotency_key != self._pending_key:
            return
        self._pending_key = None
        problem = entry.problem
        slug = (problem.type.rsplit("/", 1)[-1] if problem else "") or "rejected"
        current = self.state.value
        self.state.set(
            CheckInState(CheckInStep.REFUSED, current.order_number, message=PickupMessage(slug))
        )

    def _on_connection(self, report: ConnectionReport) -> None:
        """No network: the team cannot be told now; the customer is sent to the counter
        instead of "one moment…" for ever (the check-in stays queued and is sent later)."""
        current = self.state.value
        if not report.ok and self._pending_key is not None and current.step is CheckInStep.SENDING:
            self._pending_key = None
            message = PickupMessage("check_in_offline")
            self.state.set(CheckInState(CheckInStep.REFUSED, current.order_number, message=message))


class PickupServices:
    """Everything the pickup screens need, built once per window from the app's services."""

    def __init__(
        self,
        client: ApiClient,
        store_code: str,
        outbox: Outbox | None,
        sync: SyncEngine | None,
        live: LiveEvents | None = None,
    ) -> None:
        cache = Path(outbox.path).parent / "pickup_keys.json" if outbox is not None else None
        self.keyring = PickupKeyring(client, cache)
        self.offline = OfflinePickups(client)
        self.queue = PickupQueue(client, self.offline, self.keyring)
        self.session = PickupSession(client, store_code, self.keyring, outbox, sync, self.offline)
        self.check_in = KioskCheckIn(store_code, self.keyring, outbox, sync)
        from kiosk_app.flows.pickup.live import LiveQueue, LiveSession

        self.live = LiveQueue(self.queue, live)
        self.live_session = LiveSession(self.session, live)

    def close(self) -> None:
        self.live.stop()
        self.live_session.close()
        self.session.close()
        self.check_in.close()


__all__ = [
    "CheckInState",
    "CheckInStep",
    "KioskCheckIn",
    "LineProgress",
    "PickupKeyring",
    "PickupMessage",
    "PickupQueue",
    "PickupServices",
    "PickupSession",
    "SessionState",
    "Step",
    "Verification",
    "VerifiedPickupQr",
]
