"""Build an endless-aisle order and place it through the outbox.

The screen renders four observables and calls the methods below; it holds no business state:

* ``draft``      the basket, the customer (attached or guest), the destination
* ``options``    fulfilment options for that draft (``RemoteValue``: stale answers dropped)
* ``selected``   the chosen option id
* ``submission`` Editing → Queued (in the outbox, maybe waiting for the network) → Placed
                 (order number, payment reference; refreshed until paid) or Refused
* ``notice``     the last thing to tell the user (a code the UI translates)

Orders are written with ``Outbox.append`` (a local record of what was submitted goes in the
same transaction) and delivered by the sync engine: an order placed offline is sent when the
network returns, exactly once (same idempotency key). The outcome arrives through
``SyncEngine.events``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal

from kiosk_app.flows.endless_aisle import api
from kiosk_app.flows.endless_aisle.address import (
    AddressInput,
    FieldProblem,
    Problem,
    normalise_phone,
    validate_address,
    validate_contact,
)
from kiosk_app.flows.endless_aisle.models import (
    CustomerSummary,
    EndlessAisleOrder,
    FulfilmentOption,
    FulfilmentOptions,
)
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.api.errors import ApiError, Forbidden, InvalidRequest, NotFound
from kiosk_app.kernel.models.catalog import Availability, Product
from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.outbox import Outbox, OutboxEntry, SyncEngine
from kiosk_app.kernel.outbox.events import ConnectionReport
from kiosk_app.kernel.remote_state import Loaded, RemoteValue
from kiosk_app.kernel.scan.signed_codes import LOYALTY_PREFIX

log = logging.getLogger(__name__)

CREATE_OP = "endless_aisle.create_order"
PAY_OP = "endless_aisle.demo_pay"
MAX_QUANTITY = 20
DestinationType = Literal["home", "this_store", "other_store"]

LOCAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS endless_aisle_submissions (
    idempotency_key TEXT PRIMARY KEY,
    created_at REAL NOT NULL,
    option_id TEXT NOT NULL,
    total TEXT NOT NULL,
    body TEXT NOT NULL
)
"""


# -- state --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BasketLine:
    sku: str
    name: str
    colour: str | None
    size: str | None
    unit_price: Decimal
    currency: str
    quantity: int
    available: int  # most units one location can send
    here: int  # on the shelf of this store

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class GuestContact:
    email: str = ""
    phone: str = ""
    consent: bool = False


@dataclass(frozen=True)
class OrderDraft:
    lines: tuple[BasketLine, ...] = ()
    customer: CustomerSummary | None = None
    #: the signed code that attached the customer (a kiosk orders on their account with it)
    customer_code: str | None = None
    guest: GuestContact = field(default_factory=GuestContact)
    destination: DestinationType = "home"
    address: AddressInput | None = None

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    fee: Decimal | None  # None: no option chosen yet
    total: Decimal
    currency: str


@dataclass(frozen=True)
class Notice:
    """Something to tell the user; ``code`` is translated by the UI with ``params``."""

    code: str
    level: Literal["info", "success", "error"] = "info"
    params: tuple[tuple[str, str], ...] = ()
    error: ApiError | None = None

    def param(self, name: str) -> str:
        return dict(self.params).get(name, "")


@dataclass(frozen=True)
class Editing:
    pass


@dataclass(frozen=True)
class Queued:
    entry_id: int
    waiting_for_network: bool = False


@dataclass(frozen=True)
class Placed:
    order: EndlessAisleOrder
    paying: bool = False  # a demo payment is queued


@dataclass(frozen=True)
class Refused:
    entry_id: int
    slug: str | None
    detail: str
    next_option: FulfilmentOption | None = None
    options: tuple[FulfilmentOption, ...] = ()


Submission = Editing | Queued | Placed | Refused


# -- the service ----------------------------------------------------------------------------


class EndlessAisleService:
    def __init__(
        self,
        client: ApiClient,
        outbox: Outbox | None,
        sync: SyncEngine | None,
        *,
        clock: Callable[[], float] = time.time,
        kiosk: bool = False,
    ) -> None:
        self._client = client
        #: a kiosk attaches a customer only by the signed code of their app, never a number
        self.kiosk = kiosk
        self._outbox = outbox
        self._sync = sync
        self._clock = clock
        self.draft: Observable[OrderDraft] = Observable(OrderDraft())
        self.options: RemoteValue[FulfilmentOptions] = RemoteValue()
        self.selected: Observable[str | None] = Observable(None)
        self.submission: Observable[Submission] = Observable(Editing())
        self.notice: Observable[Notice | None] = Observable(None)
        self._pay_entry: int | None = None
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

    # -- basket ------------------------------------------------------------------------------
    def _set_draft(self, draft: OrderDraft, *, stale_options: bool = True) -> None:
        self.draft.set(draft)
        if stale_options:
            self.options.clear()
            self.selected.set(None)

    async def add_gtin(self, gtin: str) -> BasketLine | None:
        return await self._add(lambda: self._client.product_by_gtin(gtin), gtin)

    async def add_sku(self, sku: str, quantity: int = 1) -> BasketLine | None:
        return await self._add(lambda: self._client.product_by_sku(sku), sku, quantity)

    async def _add(self, fetch: Any, code: str, quantity: int = 1) -> BasketLine | None:
        try:
            product: Product = await fetch()
            availability = await self._client.availability(product.sku)
        except NotFound:
            self.notice.set(Notice("unknown_product", "error", (("code", code),)))
            return None
        except InvalidRequest as exc:
            self.notice.set(Notice("unknown_product", "error", (("code", code),), exc))
            return None
        except ApiError as exc:
            self.notice.set(Notice("api_error", "error", (("code", code),), exc))
            return None
        available = _best_single(availability)
        draft = self.draft.value
        existing = next((ln for ln in draft.lines if ln.sku == product.sku), None)
        wanted = (existing.quantity if existing else 0) + quantity
        if wanted > available:
            self.notice.set(
                Notice(
                    "quantity_above_available",
                    "error",
                    (("name", product.name), ("available", str(available))),
                )
            )
            if existing is not None or available == 0:
                return None
            wanted = available
        line = BasketLine(
            sku=product.sku,
            name=product.name,
            colour=product.colour,
            size=product.size,
            unit_price=product.price,
            currency=product.currency,
            quantity=wanted,
            available=available,
            here=availability.here,
        )
        if existing is not None:
            lines = tuple(line if ln.sku == line.sku else ln for ln in draft.lines)
        else:
            lines = (*draft.lines, line)
        self._set_draft(replace(draft, lines=lines))
        if wanted == quantity + (existing.quantity if existing else 0):
            self.notice.set(Notice("added", "success", (("name", _line_label(line)),)))
        return line

    def set_quantity(self, sku: str, quantity: int) -> bool:
        """Change a line's quantity (0 removes it); refused above what can be sent."""
        draft = self.draft.value
        line = next((ln for ln in draft.lines if ln.sku == sku), None)
        if line is None:
            return False
        if quantity <= 0:
            self._set_draft(replace(draft, lines=tuple(ln for ln in draft.lines if ln.sku != sku)))
            return True
        if quantity > min(line.available, MAX_QUANTITY):
            self.notice.set(
                Notice(
                    "quantity_above_available",
                    "error",
                    (("name", line.name), ("available", str(min(line.available, MAX_QUANTITY)))),
                )
            )
            return False
        new = replace(line, quantity=quantity)
        self._set_draft(
            replace(draft, lines=tuple(new if ln.sku == sku else ln for ln in draft.lines))
        )
        return True

    def change_quantity(self, sku: str, delta: int) -> bool:
        line = next((ln for ln in self.draft.value.lines if ln.sku == sku), None)
        return line is not None and self.set_quantity(sku, line.quantity + delta)

    # -- customer ----------------------------------------------------------------------------
    async def attach_customer(self, code: str) -> CustomerSummary | None:
        """Attach a customer (replaces a guest contact): by the signed code of their app, or
        for staff by loyalty card or customer number too. A kiosk refuses any number."""
        signed = code.strip().startswith(LOYALTY_PREFIX + ".")
        if self.kiosk and not signed:
            self.notice.set(Notice("signed_code_required", "error"))
            return None
        try:
            customer = await api.customer_summary(self._client, code)
        except Forbidden as exc:
            self.notice.set(Notice("code_refused" if signed else "api_error", "error", (), exc))
            return None
        except NotFound:
            self.notice.set(Notice("customer_not_found", "error", (("code", code),)))
            return None
        except ApiError as exc:
            self.notice.set(Notice("api_error", "error", (("code", code),), exc))
            return None
        draft = self.draft.value
        attached = replace(
            draft,
            customer=customer,
            customer_code=code.strip() if signed else None,
            guest=GuestContact(),
        )
        self._set_draft(attached, stale_options=False)
        self.notice.set(Notice("customer_attached", "success", (("name", customer.display_name),)))
        return customer

    def detach_customer(self) -> None:
        draft = self.draft.value
        address = draft.address
        if address is not None and address.recipient_is_customer:
            # their name was the recipient: someone else must be named now
            address = replace(address, name="", recipient_is_customer=False)
        self._set_draft(
            replace(draft, customer=None, customer_code=None, address=address),
            stale_options=False,
        )
        self.notice.set(None)  # "Customer attached: …" no longer holds

    def set_guest(self, email: str, phone: str, consent: bool) -> None:
        guest = GuestContact(email.strip(), normalise_phone(phone), consent)
        self._set_draft(replace(self.draft.value, guest=guest), stale_options=False)

    async def load_online_cart(self) -> int | None:
        """Add the attached customer's online cart; None when carts cannot be read here."""
        customer = self.draft.value.customer
        if customer is None:
            return None
        try:
            items = await api.online_cart(self._client, customer.customer_number)
        except ApiError as exc:
            self.notice.set(Notice("cart_unavailable", "error", (), exc))
            return None
        if items is None:
            self.notice.set(Notice("cart_unavailable", "error"))
            return None
        added = 0
        for item in items:
            if await self.add_sku(item.sku, item.quantity) is not None:
                added += 1
        self.notice.set(
            Notice("cart_loaded", "success" if added else "info", (("count", str(added)),))
        )
        return added

    # -- destination and options -----------------------------------------------------------
    def set_destination(
        self, destination: DestinationType, address: AddressInput | None = None
    ) -> None:
        draft = self.draft.value
        self._set_draft(replace(draft, destination=destination, address=address))

    def address_problems(self) -> list[FieldProblem]:
        address = self.draft.value.address
        if self.draft.value.destination != "home":
            return []
        if address is None:
            return [FieldProblem("line1", Problem.REQUIRED)]
        if address.recipient_is_customer and self.draft.value.customer is None:
            return [FieldProblem("name", Problem.REQUIRED)]  # no customer to take it from
        return validate_address(address)

    def can_quote(self) -> bool:
        return bool(self.draft.value.lines) and not self.address_problems()

    def _destination_body(self, draft: OrderDraft) -> dict[str, Any]:
        body: dict[str, Any] = {"type": draft.destination}
        if draft.destination == "home" and draft.address is not None:
            body["address"] = draft.address.to_api()
        return body

    @staticmethod
    def _lines_body(draft: OrderDraft) -> list[dict[str, Any]]:
        return [{"sku": ln.sku, "quantity": ln.quantity} for ln in draft.lines]

    async def refresh_options(self) -> FulfilmentOptions | None:
        """Ask the server where the basket can come from, for the current destination."""
        draft = self.draft.value
        if not self.can_quote():
            self.options.clear()
            self.selected.set(None)
            return None
        lines, destination = self._lines_body(draft), self._destination_body(draft)
        result = await self.options.load(
            draft.destination, lambda: api.fulfilment_options(self._client, lines, destination)
        )
        if result is not None and self.draft.value is draft:
            self._apply_server_lines(result)
            ids = [o.id for o in result.options]
            if self.selected.value not in ids:
                self.selected.set(ids[0] if ids else None)
        return result

    def _apply_server_lines(self, result: FulfilmentOptions) -> None:
        """The server's availability is the truth: keep the lines' ``available`` current."""
        by_sku = {ln.sku: ln.available for ln in result.lines}
        draft = self.draft.value
        lines = tuple(replace(ln, available=by_sku.get(ln.sku, ln.available)) for ln in draft.lines)
        if lines != draft.lines:
            self.draft.set(replace(draft, lines=lines))

    def select_option(self, option_id: str) -> None:
        self.selected.set(option_id)

    def selected_option(self) -> FulfilmentOption | None:
        state = self.options.state.value
        if not isinstance(state, Loaded):
            return None
        return next((o for o in state.value.options if o.id == self.selected.value), None)

    def totals(self) -> Totals:
        draft = self.draft.value
        subtotal = sum((ln.line_total for ln in draft.lines), Decimal("0.00"))
        option = self.selected_option()
        fee = option.fee if option else None
        currency = draft.lines[0].currency if draft.lines else "EUR"
        return Totals(subtotal, fee, subtotal + (fee or Decimal("0.00")), currency)

    # -- submit ------------------------------------------------------------------------------
    def problems(self) -> list[FieldProblem]:
        """Everything that stops the order from being placed, per field."""
        draft = self.draft.value
        problems: list[FieldProblem] = []
        if not draft.lines:
            problems.append(FieldProblem("basket", Problem.REQUIRED))
        if draft.customer is None:
            problems += validate_contact(draft.guest.email, draft.guest.phone)
        problems += self.address_problems()
        if self.selected_option() is None:
            problems.append(FieldProblem("option", Problem.REQUIRED))
        return problems

    def order_body(self) -> dict[str, Any]:
        draft = self.draft.value
        option = self.selected_option()
        if option is None:
            raise ValueError("no fulfilment option chosen")
        if draft.customer is not None and self.kiosk and draft.customer_code:
            # a kiosk proves the customer was there: the code their app showed
            customer: dict[str, Any] = {"loyalty_code": draft.customer_code}
        elif draft.customer is not None:
            customer = {"customer_number": draft.customer.customer_number}
        else:
            guest: dict[str, Any] = {"consent": draft.guest.consent}
            if draft.guest.email:
                guest["email"] = draft.guest.email
            if draft.guest.phone:
                guest["phone"] = draft.guest.phone
            customer = {"guest": guest}
        return {
            "lines": self._lines_body(draft),
            "destination": self._destination_body(draft),
            "option_id": option.id,
            "customer": customer,
        }

    def submit(self) -> OutboxEntry | None:
        """Queue the order in the outbox (works offline) and wake the sync engine."""
        if self._outbox is None:
            raise RuntimeError("placing orders needs the outbox")
        problems = self.problems()
        if problems:
            self.notice.set(Notice("incomplete", "error", (("field", problems[0].field),)))
            return None
        body = self.order_body()
        key = str(uuid.uuid4())
        total = str(self.totals().total)
        now = self._clock()

        def local_record(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO endless_aisle_submissions"
                " (idempotency_key, created_at, option_id, total, body) VALUES (?, ?, ?, ?, ?)",
                (key, now, body["option_id"], total, json.dumps(body)),
            )

        entry = self._outbox.append(
            CREATE_OP, "POST", api.ORDERS_PATH, body, local_record=local_record, idempotency_key=key
        )
        waiting = self._outbox.behind_a_failed_send(entry.id)  # no answer will come soon
        self.submission.set(Queued(entry.id, waiting_for_network=waiting))
        self.notice.set(None)
        if self._sync is not None:
            self._sync.wake()
        return entry

    def take_next_option(self) -> OutboxEntry | None:
        """After "taken meanwhile": choose the option the server offered and place again."""
        state = self.submission.value
        if not isinstance(state, Refused) or state.next_option is None:
            return None
        loaded = self.options.state.value
        if isinstance(loaded, Loaded):
            self.options.state.set(
                Loaded(loaded.value.model_copy(update={"options": list(state.options)}))
            )
        self.selected.set(state.next_option.id)
        self._dismiss(state.entry_id, "customer took the next option")
        self.submission.set(Editing())
        return self.submit()

    def back_to_editing(self) -> None:
        state = self.submission.value
        if isinstance(state, Refused):
            self._dismiss(state.entry_id, "order changed after a refusal")
        self.submission.set(Editing())

    @property
    def basket_ordered(self) -> bool:
        """The basket went into an order (queued or placed): more items start a new one."""
        return isinstance(self.submission.value, Queued | Placed)

    def new_order(self) -> None:
        state = self.submission.value
        if isinstance(state, Refused):
            self._dismiss(state.entry_id, "order abandoned after a refusal")
        self._pay_entry = None
        self.submission.set(Editing())
        self._set_draft(OrderDraft())
        self.notice.set(None)

    def _dismiss(self, entry_id: int, note: str) -> None:
        if self._outbox is None:
            return
        try:
            self._outbox.dismiss(entry_id, note)
        except Exception:  # already dismissed elsewhere: nothing to do
            log.info("outbox entry %s could not be dismissed", entry_id)

    # -- payment -----------------------------------------------------------------------------
    def request_demo_payment(self, method: Literal["till", "link"] = "till") -> None:
        """Demo: ask the server to mark the order paid (what the till would do)."""
        state = self.submission.value
        if not isinstance(state, Placed) or self._outbox is None or state.order.settled:
            return
        entry = self._outbox.append(
            PAY_OP, "POST", api.demo_pay_path(state.order.number), {"method": method}
        )
        self._pay_entry = entry.id
        self.submission.set(replace(state, paying=True))
        if self._sync is not None:
            self._sync.wake()

    async def refresh_order(self) -> EndlessAisleOrder | None:
        state = self.submission.value
        if not isinstance(state, Placed):
            return None
        order = await api.get_order(self._client, state.order.number)
        current = self.submission.value
        if isinstance(current, Placed) and current.order.number == order.number:
            paying = current.paying and not order.settled
            self.submission.set(replace(current, order=order, paying=paying))
        return order

    async def watch_payment(
        self, interval_s: float = 3.0, live: Callable[[], bool] | None = None
    ) -> None:
        """Refresh the placed order every ``interval_s`` until it is paid or released;
        not while ``live()`` says the order's events arrive (``endless_aisle_live``)."""
        while True:
            state = self.submission.value
            if not isinstance(state, Placed) or state.order.settled:
                return
            await asyncio.sleep(interval_s)
            if live is not None and live():
                continue
            try:
                await self.refresh_order()
            except ApiError as exc:  # the connection monitor shows the network state
                log.info("payment status not refreshed: %s", exc)

    # -- sync events ---------------------------------------------------------------------------
    def _on_delivered(self, entry: OutboxEntry) -> None:
        state = self.submission.value
        if entry.op == CREATE_OP and isinstance(state, Queued) and state.entry_id == entry.id:
            try:
                body = entry.response_body
                order: EndlessAisleOrder = ApiClient.parse_as(EndlessAisleOrder, body)
            except ApiError as exc:
                self.notice.set(Notice("api_error", "error", (), exc))
                return
            self.submission.set(Placed(order))
            self._set_draft(OrderDraft())  # a placed order ends its basket: never twice
        elif entry.op == PAY_OP and entry.id == self._pay_entry and isinstance(state, Placed):
            try:
                order = ApiClient.parse_as(EndlessAisleOrder, entry.response_body)
            except ApiError:
                return
            if order.number == state.order.number:
                self.submission.set(Placed(order))

    def _on_needs_attention(self, entry: OutboxEntry) -> None:
        state = self.submission.value
        problem = entry.problem
        slug = problem.type.rsplit("/", 1)[-1] if problem else None
        detail = (problem.detail or problem.title or "") if problem else ""
        if entry.op == CREATE_OP and isinstance(state, Queued) and state.entry_id == entry.id:
            extensions = dict(problem.extensions) if problem else {}
            options: tuple[FulfilmentOption, ...] = tuple(
                ApiClient.parse_as(FulfilmentOption, raw)
                for raw in extensions.get("options") or []
                if isinstance(raw, dict)
            )
            next_raw = extensions.get("next_option")
            next_option: FulfilmentOption | None = None
            if isinstance(next_raw, dict):
                next_option = ApiClient.parse_as(FulfilmentOption, next_raw)
            self.submission.set(Refused(entry.id, slug, detail, next_option, options))
        elif entry.op == PAY_OP and entry.id == self._pay_entry and isinstance(state, Placed):
            self._dismiss(entry.id, "payment refusal shown to the user")
            self.notice.set(Notice("payment_refused", "error", (("detail", detail),)))
            self.submission.set(replace(state, paying=False))

    def _on_connection(self, report: ConnectionReport) -> None:
        """A send failed on the network (this order's, or one queued before it, which keeps
        it waiting): the order is safe in the outbox and goes when the network is back."""
        state = self.submission.value
        if not isinstance(state, Queued):
            return
        if not report.ok and not state.waiting_for_network:
            self.submission.set(Queued(state.entry_id, waiting_for_network=True))
        elif report.ok and state.entry_id == report.entry_id and state.waiting_for_network:
            self.submission.set(Queued(state.entry_id, waiting_for_network=False))


def _best_single(availability: Availability) -> int:
    elsewhere = [loc.available for loc in (*availability.stores, *availability.warehouses)]
    return max([availability.here, *elsewhere])


def _line_label(line: BasketLine) -> str:
    return " · ".join(x for x in (line.name, line.colour, line.size) if x)
