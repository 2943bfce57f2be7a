"""The return session: find the order, check each item by scan, reasons, quote, confirm.

Qt-free. The screen renders :attr:`ReturnSession.view` and calls the methods below; the
return itself is queued in the outbox (its idempotency key makes a double refund
impossible, even if the tablet retries or restarts) and the outcome comes back through the
sync engine's events.
"""

from __future__ import annotations

import asyncio
import enum
import json
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from kiosk_app.flows.returns import policy as rules
from kiosk_app.flows.returns.api import (
    RETURN_OP,
    RETURNS_PATH,
    get_order,
    get_policy,
    request_approval,
)
from kiosk_app.flows.returns.models import (
    Approval,
    RefundQuote,
    ReturnableOrder,
    ReturnPolicy,
    ReturnReceipt,
)
from kiosk_app.flows.returns.refund import RefundTooLarge, quote_return
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.outbox import ConnectionReport, Outbox, OutboxEntry, Problem, SyncEngine
from kiosk_app.kernel.remote_state import Failed, Loaded, Loading, RemoteValue
from kiosk_app.kernel.routing import route


class Phase(enum.StrEnum):
    IDLE = "idle"  # no order yet
    LOADING = "loading"
    LOAD_FAILED = "load_failed"
    SELECTING = "selecting"  # scanning items, choosing reasons
    SUBMITTING = "submitting"  # queued in the outbox, waiting for the central system
    SAVED = "saved"  # queued, but the network failed: sent when it is back; next customer
    DONE = "done"  # the server recorded it: receipt
    REFUSED = "refused"  # the server refused it (problem)


class ScanResultCode(enum.StrEnum):
    MATCHED = "matched"
    NOT_A_PRODUCT = "not_a_product"
    NOT_IN_ORDER = "not_in_order"
    NOT_RETURNABLE = "not_returnable"
    ALL_SCANNED = "all_scanned"
    NO_ORDER = "no_order"


class Missing(enum.StrEnum):
    """What still stops the confirmation."""

    ITEMS = "items"  # no item scanned yet
    REASON = "reason"  # a line has no reason code
    APPROVAL = "approval"  # the policy asks for a manager


@dataclass(frozen=True)
class ItemScan:
    code: ScanResultCode
    text: str
    line_no: int | None = None
    name: str | None = None
    block_reason: str | None = None  # why the matched line is not returnable

    @property
    def ok(self) -> bool:
        return self.code is ScanResultCode.MATCHED


@dataclass(frozen=True)
class LineChoice:
    line_no: int
    quantity: int = 0  # units scanned back
    reason: str | None = None
    condition: str = "as_new"
    disposition: str = "back_to_stock"
    #: the associate chose the condition: a reason no longer changes it
    condition_chosen: bool = False


@dataclass(frozen=True)
class ReturnView:
    phase: Phase = Phase.IDLE
    order_number: str = ""
    order: ReturnableOrder | None = None
    policy: ReturnPolicy | None = None
    choices: tuple[LineChoice, ...] = ()
    refund_method: str = "original"
    quote: RefundQuote | None = None
    approval: Approval | None = None
    missing: tuple[Missing, ...] = ()
    last_scan: ItemScan | None = None
    receipt: ReturnReceipt | None = None
    error: Exception | None = None  # the order could not be loaded
    problem: Problem | None = None  # the server refused the return

    def choice(self, line_no: int) -> LineChoice | None:
        return next((c for c in self.choices if c.line_no == line_no), None)

    @property
    def can_confirm(self) -> bool:
        return self.phase is Phase.SELECTING and not self.missing and self.quote is not None


JOURNAL_SQL = """
CREATE TABLE IF NOT EXISTS return_journal (
    idempotency_key TEXT PRIMARY KEY,
    order_number TEXT NOT NULL,
    expected_total TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
)
"""


class ReturnSession:
    """One return at a time; ``open`` starts over with another order."""

    def __init__(
        self,
        client: ApiClient,
        outbox: Outbox | None,
        sync: SyncEngine | None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._client = client
        self._outbox = outbox
        self._sync = sync
        self._clock = clock
        self._policy: ReturnPolicy | None = None
        self._pending_entry: int | None = None
        self.view: Observable[ReturnView] = Observable(ReturnView())
        self.remote: RemoteValue[tuple[ReturnPolicy, ReturnableOrder]] = RemoteValue()
        self._unsubscribe = [self.remote.state.subscribe(self._on_remote, now=False)]
        if sync is not None:
            self._unsubscribe += [
                sync.events.delivered.subscribe(self._on_delivered),
                sync.events.needs_attention.subscribe(self._on_needs_attention),
                sync.events.connection.subscribe(self._on_connection),
            ]

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []

    # -- finding the order ---------------------------------------------------------------
    async def open(self, order_number: str) -> None:
        """Load the order (and the policy, once) and start a fresh selection."""
        number = order_number.strip().upper()
        self._pending_entry = None
        self.view.set(ReturnView(phase=Phase.LOADING, order_number=number))
        await self.remote.load(number, lambda: self._fetch(number))

    async def _fetch(self, number: str) -> tuple[ReturnPolicy, ReturnableOrder]:
        if self._policy is None:
            policy, order = await asyncio.gather(
                get_policy(self._client), get_order(self._client, number)
            )
            self._policy = policy
            return policy, order
        return self._policy, await get_order(self._client, number)

    async def reload(self) -> None:
        if self.view.value.order_number:
            await self.open(self.view.value.order_number)

    def _on_remote(self, state: object) -> None:
        current = self.view.value
        if isinstance(state, Loading):
            self.view.set(ReturnView(phase=Phase.LOADING, order_number=state.what))
        elif isinstance(state, Failed):
            self.view.set(
                ReturnView(phase=Phase.LOAD_FAILED, order_number=state.what, error=state.error)
            )
        elif isinstance(state, Loaded):
            policy, order = state.value
            choices = tuple(LineChoice(ln.line_no) for ln in order.lines if ln.returnable_qty > 0)
            self._update(
                ReturnView(
                    phase=Phase.SELECTING,
                    order_number=order.number,
                    order=order,
                    policy=policy,
                    choices=choices,
                    refund_method=current.refund_method,
                )
            )

    # -- the selection -------------------------------------------------------------------
    def scan_item(self, text: str) -> ItemScan:
        """An item the customer brought back: it must match a returnable line."""
        view = self.view.value
        order = view.order
        if order is None or view.phase is not Phase.SELECTING:
            return ItemScan(ScanResultCode.NO_ORDER, text)
        destination = route(text, allow_search=False)
        if destination.flow != "product":
            return self._scanned(ItemScan(ScanResultCode.NOT_A_PRODUCT, text))
        lines = [ln for ln in order.lines if ln.gtin == destination.key]
        if not lines:
            return self._scanned(ItemScan(ScanResultCode.NOT_IN_ORDER, text))
        returnable = [ln for ln in lines if ln.returnable_qty > 0]
        if not returnable:
            first = lines[0]
            return self._scanned(
                ItemScan(
                    ScanResultCode.NOT_RETURNABLE,
                    text,
                    first.line_no,
                    first.name,
                    first.not_returnable_reason,
                )
            )
        for line in returnable:
            choice = view.choice(line.line_no) or LineChoice(line.line_no)
            if choice.quantity < line.returnable_qty:
                self._set_choice(replace(choice, quantity=choice.quantity + 1))
                return self._scanned(
                    ItemScan(ScanResultCode.MATCHED, text, line.line_no, line.name)
                )
        line = returnable[0]
        return self._scanned(ItemScan(ScanResultCode.ALL_SCANNED, text, line.line_no, line.name))

    def remove_one(self, line_no: int) -> None:
        choice = self.view.value.choice(line_no)
        if choice is not None and choice.quantity > 0:
            self._set_choice(replace(choice, quantity=choice.quantity - 1))

    def set_reason(self, line_no: int, reason: str) -> None:
        choice = self.view.value.choice(line_no)
        policy = self.view.value.policy
        if choice is None or policy is None or reason not in policy.reason_codes:
            raise ValueError(f"no reason {reason!r} for line {line_no}")
        if not choice.condition_chosen:  # the condition follows the reason (defective …)
            condition = rules.condition_for_reason(reason, policy)
            choice = replace(
                choice,
                condition=condition,
                disposition=rules.default_disposition(condition, policy),
            )
        self._set_choice(replace(choice, reason=reason))

    def set_condition(self, line_no: int, condition: str) -> None:
        """The item's condition; its disposition follows (as new → back to stock …)."""
        choice = self.view.value.choice(line_no)
        policy = self.view.value.policy
        if choice is None or policy is None or condition not in policy.conditions:
            raise ValueError(f"no condition {condition!r} for line {line_no}")
        disposition = rules.default_disposition(condition, policy)
        self._set_choice(
            replace(choice, condition=condition, disposition=disposition, condition_chosen=True)
        )

    def set_disposition(self, line_no: int, disposition: str) -> None:
        choice = self.view.value.choice(line_no)
        policy = self.view.value.policy
        if (
            choice is None
            or policy is None
            or not rules.disposition_allowed(choice.condition, disposition, policy)
        ):
            raise ValueError(f"disposition {disposition!r} not allowed for line {line_no}")
        self._set_choice(replace(choice, disposition=disposition))

    def set_refund_method(self, method: str) -> None:
        self._update(replace(self.view.value, refund_method=method))

    # -- manager approval ------------------------------------------------------------------
    async def approve(self, manager_id: str, pin: str) -> Approval:
        """Check the manager's ID + PIN with the server; raises the API error if refused."""
        view = self.view.value
        approval = await request_approval(self._client, view.order_number, manager_id, pin)
        current = self.view.value
        if current.order_number == approval.order_number and current.phase is Phase.SELECTING:
            self._update(replace(current, approval=approval))
        return approval

    # -- confirming --------------------------------------------------------------------------
    def return_body(self) -> dict[str, Any]:
        view = self.view.value
        if not view.can_confirm or view.quote is None:
            raise ValueError(f"cannot confirm yet: missing {list(view.missing)}")
        body: dict[str, Any] = {
            "order_number": view.order_number,
            "lines": [
                {
                    "line_no": c.line_no,
                    "quantity": c.quantity,
                    "reason": c.reason,
                    "condition": c.condition,
                    "disposition": c.disposition,
                }
                for c in view.choices
                if c.quantity > 0
            ],
            "refund_method": view.refund_method,
            "expected_total": str(view.quote.total),
        }
        if view.approval is not None:
            body["approval_token"] = view.approval.approval_token
        return body

    def confirm(self) -> OutboxEntry:
        """Queue the return (with a local journal row, in one transaction) and wake the sync."""
        if self._outbox is None:
            raise RuntimeError("no outbox: this device cannot record returns")
        body = self.return_body()
        key = str(uuid.uuid4())

        def journal(conn: sqlite3.Connection) -> None:
            conn.execute(JOURNAL_SQL)
            conn.execute(
                "INSERT INTO return_journal VALUES (?, ?, ?, ?, ?)",
                (
                    key,
                    body["order_number"],
                    body["expected_total"],
                    json.dumps(body),
                    self._clock().isoformat(),
                ),
            )

        entry = self._outbox.append(
            RETURN_OP, "POST", RETURNS_PATH, body, local_record=journal, idempotency_key=key
        )
        self._pending_entry = entry.id
        waiting = self._outbox.behind_a_failed_send(entry.id)  # no answer will come soon
        phase = Phase.SAVED if waiting else Phase.SUBMITTING
        self.view.set(replace(self.view.value, phase=phase, problem=None))
        if self._sync is not None:
            self._sync.wake()
        return entry

    def new_return(self) -> None:
        """Back to an empty screen (after a receipt or to give up)."""
        self._pending_entry = None
        self.remote.clear()
        self.view.set(ReturnView())

    def _on_delivered(self, entry: OutboxEntry) -> None:
        if entry.id != self._pending_entry:
            return
        self._pending_entry = None
        receipt = ReturnReceipt.model_validate(entry.response_body)
        self.view.set(replace(self.view.value, phase=Phase.DONE, receipt=receipt))

    def _on_needs_attention(self, entry: OutboxEntry) -> None:
        if entry.id != self._pending_entry:
            return
        self._pending_entry = None
        problem = entry.problem or Problem(status=entry.response_status)
        self.view.set(replace(self.view.value, phase=Phase.REFUSED, problem=problem))

    def _on_connection(self, report: ConnectionReport) -> None:
        """A send failed on the network while this return waits: it stays safe in the outbox
        and goes when the network is back, so the associate may take the next customer."""
        view = self.view.value
        if not report.ok and self._pending_entry is not None and view.phase is Phase.SUBMITTING:
            self.view.set(replace(view, phase=Phase.SAVED))

    # -- internals ---------------------------------------------------------------------------
    def _scanned(self, result: ItemScan) -> ItemScan:
        self.view.set(replace(self.view.value, last_scan=result))
        return result

    def _set_choice(self, choice: LineChoice) -> None:
        view = self.view.value
        choices = tuple(choice if c.line_no == choice.line_no else c for c in view.choices)
        self._update(replace(view, choices=choices))

    def _update(self, view: ReturnView) -> None:
        """Recompute the quote, the approval reasons and what is missing, then publish."""
        order, policy = view.order, view.policy
        if order is None or policy is None:
            self.view.set(view)
            return
        returning = {c.line_no: c.quantity for c in view.choices if c.quantity > 0}
        quote: RefundQuote | None = None
        if returning:
            try:
                quote = quote_return(order, returning, view.refund_method)
            except RefundTooLarge:
                quote = None
        if quote is not None:
            reasons = rules.approval_reasons(order, quote.total, policy, self._clock())
            quote = quote.model_copy(update={"approval_reasons": reasons})
        missing: list[Missing] = []
        if not returning:
            missing.append(Missing.ITEMS)
        if any(c.quantity > 0 and c.reason is None for c in view.choices):
            missing.append(Missing.REASON)
        if quote is not None and quote.approval_required and view.approval is None:
            missing.append(Missing.APPROVAL)
        self.view.set(replace(view, quote=quote, missing=tuple(missing)))
