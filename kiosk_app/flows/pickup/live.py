"""The pickup queue kept current by the live events while it is shown.

A pickup event (a check-in at the kiosk, a hand-over on another device) or an order event
of this store fetches the shown queue again in the background: the screen keeps its rows
and replaces only what changed. Events that come together are one fetch. While the stream
is not live the screen falls back to its periodic refresh (``is_live``).

``LiveSession``: the pickup open in the hand-over flow here is collected, cancelled or
expired on another device: the flow says so at once and stops (``Step.REFUSED``), so no
hand-over is written that the server would refuse. Not while this device's own hand-over
is being sent (its own ``pickup.completed``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from kiosk_app.flows.pickup.session import PickupMessage, PickupQueue, PickupSession, Step
from kiosk_app.kernel.live import RESYNC, LiveEvent, LiveEvents

log = logging.getLogger(__name__)

#: what changes the queue: pickups of this store, and its orders (the server sends only them)
QUEUE_TOPICS = ("pickup", "order")


class LiveQueue:
    def __init__(self, queue: PickupQueue, live: LiveEvents | None) -> None:
        self._queue = queue
        self._live = live
        self._unsubscribe: Callable[[], None] | None = None
        self._task: asyncio.Task[None] | None = None
        self._again = False
        self._offline_too = False
        #: live-event fetches of the queue so far (tests, benches)
        self.refreshes = 0

    @property
    def is_live(self) -> bool:
        return self._live is not None and self._live.live.value

    def start(self) -> None:
        """Follow the events (the screen shows the queue)."""
        if self._live is not None and self._unsubscribe is None:
            self._unsubscribe = self._live.subscribe(QUEUE_TOPICS, self._on_event)

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _on_event(self, event: LiveEvent) -> None:
        self._again = True
        # the device's offline copy of collectable pickups follows hand-overs elsewhere
        self._offline_too |= event.family == "pickup" or event.type == RESYNC
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._follow())

    async def _follow(self) -> None:
        while self._again:
            self._again = False
            offline, self._offline_too = self._offline_too, False
            self.refreshes += 1
            with contextlib.suppress(Exception):  # a failed fetch leaves the rows as they are
                await self._queue.refresh_in_place(offline=offline)


#: the steps where the associate is still working on the pickup (not yet sending it)
OPEN_STEPS = frozenset({Step.VERIFY, Step.ITEMS, Step.HANDOVER})
#: what an event's new status means for a pickup being handed over here
GONE = {
    "collected": "collected_elsewhere",
    "partially_collected": "collected_elsewhere",
    "cancelled": "cancelled_elsewhere",
    "expired": "expired_elsewhere",
}


class LiveSession:
    """Stops the hand-over open here when the pickup ends elsewhere."""

    def __init__(self, session: PickupSession, live: LiveEvents | None) -> None:
        self._session = session
        self._unsubscribe: Callable[[], None] | None = None
        if live is not None:
            self._unsubscribe = live.subscribe(QUEUE_TOPICS, self._on_event)

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_event(self, event: LiveEvent) -> None:
        state = self._session.current
        order = state.order
        if state.step not in OPEN_STEPS or order is None:
            return
        if event.payload.get("order_number") != order.order_number:
            return
        status = str(event.payload.get("status"))
        code = GONE.get(status)
        if code is None:
            return
        args = {"order": order.order_number}
        at = event.payload.get("at")
        if isinstance(at, str):
            args["at"] = at
        self._session.stop_elsewhere(PickupMessage(code, "error", args), status)
