"""The endless-aisle screen kept current by the live events.

* ``stock.changed`` while the associate builds the order: when a source of the chosen
  option (this store, another store, a warehouse) no longer has enough of a line, the
  service's notice says which line and where (``source_short``), the options are asked
  again in the background and the choice is cleared: the associate chooses another option
  (an order on the old one would be refused). A change that touches only other options
  asks the options again, quietly. A line's "here" follows this store's stock.
* ``order.*`` of the placed order: its payment status is fetched at once (one fetch for
  events that come together). ``watch_payment`` polls only while the stream is not live.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from kiosk_app.flows.endless_aisle.models import FulfilmentOption
from kiosk_app.flows.endless_aisle.session import (
    Editing,
    EndlessAisleService,
    Notice,
    OrderDraft,
    Placed,
)
from kiosk_app.kernel.live import RESYNC, LiveEvent, LiveEvents
from kiosk_app.kernel.remote_state import Loaded

log = logging.getLogger(__name__)

#: what the screen follows
TOPICS = ("stock", "order")
STOCK_CHANGED = "stock.changed"


@dataclass(frozen=True)
class Shortage:
    """A line of ``option`` whose source has fewer units than the line needs."""

    option: FulfilmentOption
    sku: str
    name: str
    source: str
    needed: int
    available: int


def shortages(
    options: list[FulfilmentOption], draft: OrderDraft, payload: Mapping[str, Any]
) -> list[Shortage]:
    """The options a ``stock.changed`` payload makes impossible, with the line it hits."""
    sku, location = payload.get("sku"), payload.get("location")
    available = payload.get("available")
    if not isinstance(sku, str) or not isinstance(location, str) or not isinstance(available, int):
        return []
    names = {ln.sku: ln.name for ln in draft.lines}
    found = []
    for option in options:
        needed = sum(
            ln.quantity for ln in option.lines if ln.sku == sku and ln.source_code == location
        )
        if needed > max(0, available):
            source = next((s.name for s in option.sources if s.code == location), location)
            found.append(Shortage(option, sku, names.get(sku, sku), source, needed, available))
    return found


class LiveBasket:
    def __init__(
        self, service: EndlessAisleService, live: LiveEvents | None, store_code: str = ""
    ) -> None:
        self._service = service
        self._live = live
        self._store_code = store_code
        self._unsubscribe: Callable[[], None] | None = None
        self._requote: asyncio.Task[None] | None = None
        self._order_task: asyncio.Task[None] | None = None
        self._order_again = False
        #: payment fetches made because of an event (tests, benches)
        self.order_fetches = 0

    @property
    def is_live(self) -> bool:
        return self._live is not None and self._live.live.value

    def start(self) -> None:
        if self._live is not None and self._unsubscribe is None:
            self._unsubscribe = self._live.subscribe(TOPICS, self._on_event)

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for task in (self._requote, self._order_task):
            if task is not None:
                task.cancel()
        self._requote = self._order_task = None

    def _on_event(self, event: LiveEvent) -> None:
        if event.type == STOCK_CHANGED:
            self._on_stock(event.payload)
        elif event.family == "order" or event.type == RESYNC:
            self._on_order(event)

    # -- stock -------------------------------------------------------------------------------
    def _on_stock(self, payload: Mapping[str, Any]) -> None:
        service = self._service
        self._here_moved(payload)
        state = service.options.state.value
        if not isinstance(service.submission.value, Editing) or not isinstance(state, Loaded):
            return
        hit = shortages(state.value.options, service.draft.value, payload)
        if not hit:
            return
        chosen = next((s for s in hit if s.option.id == service.selected.value), None)
        if chosen is not None:
            service.notice.set(
                Notice(
                    "source_short",
                    "error",
                    (
                        ("name", chosen.name),
                        ("source", chosen.source),
                        ("available", str(max(0, chosen.available))),
                        ("needed", str(chosen.needed)),
                    ),
                )
            )
            service.selected.set(None)  # an order on it would be refused: choose again
        if self._requote is None or self._requote.done():
            self._requote = asyncio.ensure_future(self._quote_again(chosen is not None))

    def _here_moved(self, payload: Mapping[str, Any]) -> None:
        """The basket lines' "here" (this store's shelf) follows this store's stock."""
        sku, available = payload.get("sku"), payload.get("available")
        if payload.get("location") != self._store_code or not isinstance(available, int):
            return
        draft = self._service.draft.value
        lines = tuple(
            replace(ln, here=max(0, available)) if ln.sku == sku else ln for ln in draft.lines
        )
        if lines != draft.lines:
            self._service.draft.set(replace(draft, lines=lines))  # the options stay

    async def _quote_again(self, choose_again: bool) -> None:
        service = self._service
        with contextlib.suppress(Exception):  # the options keep their Failed state to retry
            await service.refresh_options()
        if choose_again:  # the refresh picks the first option: the associate chooses
            service.selected.set(None)

    # -- payment -----------------------------------------------------------------------------
    def _on_order(self, event: LiveEvent) -> None:
        state = self._service.submission.value
        if not isinstance(state, Placed) or state.order.settled:
            return
        if event.type != RESYNC and event.payload.get("order_number") != state.order.number:
            return
        self._order_again = True
        if self._order_task is None or self._order_task.done():
            self._order_task = asyncio.ensure_future(self._fetch_order())

    async def _fetch_order(self) -> None:
        while self._order_again:
            self._order_again = False
            self.order_fetches += 1
            try:
                await self._service.refresh_order()
            except Exception as exc:  # the connection monitor shows the network state
                log.info("payment status not refreshed: %s", exc)
