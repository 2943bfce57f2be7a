"""The device's one subscription to the live events, shared by every screen.

``LiveEvents.run_forever`` keeps one ``GET /v1/events`` open on the app's shared httpx
client: it resumes after the last event processed (``Last-Event-ID``, from the cursor file,
written after each burst of events: a restart or a kill loses nothing), drops an event
whose id it has already processed, and reconnects after any failure with exponential
backoff and jitter (0.5 s doubling up to 30 s; back to 0.5 s once a connection has
lasted). ``live`` is True while the stream is connected. A ``resync`` (the cursor is older
than the server keeps) is given to every subscriber: they reload what they show.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import httpx

from kiosk_app.kernel.live.cursor import CursorFile
from kiosk_app.kernel.live.sse import RESYNC, LiveEvent, SseParser
from kiosk_app.kernel.observable import Observable

if TYPE_CHECKING:
    from kiosk_app.kernel.api.client import ApiClient

log = logging.getLogger(__name__)
EVENTS_PATH = "/v1/events"
#: no byte for this long (the server's heartbeat is 15 s): the connection is dead
READ_TIMEOUT_S = 45.0
CONNECT_TIMEOUT_S = 5.0
#: a connection that lasted this long (or brought an event) resets the backoff
STABLE_AFTER_S = 10.0
#: a subscription to every event
EVERYTHING = "*"

Listener = Callable[[LiveEvent], None]


class Backoff:
    """Exponential backoff with jitter: the n-th wait is drawn in [d/2, d], d = base·2ⁿ
    capped (devices of a store that lost the API together do not come back together)."""

    def __init__(
        self, base_s: float = 0.5, cap_s: float = 30.0, rng: random.Random | None = None
    ) -> None:
        self.base_s, self.cap_s = base_s, cap_s
        self._rng = rng or random.Random()
        self.failures = 0

    def next_delay(self) -> float:
        delay = min(self.cap_s, self.base_s * 2**self.failures)
        self.failures += 1
        return self._rng.uniform(delay / 2, delay)

    def reset(self) -> None:
        self.failures = 0


class StreamRefused(Exception):
    """The server answered ``GET /v1/events`` with something other than a stream."""


class LiveEvents:
    def __init__(
        self,
        client: ApiClient,
        cursor: CursorFile,
        *,
        backoff: Backoff | None = None,
        read_timeout_s: float = READ_TIMEOUT_S,
    ) -> None:
        self._client = client
        self._cursor_file = cursor
        self.cursor: int | None = cursor.load()
        self.backoff = backoff or Backoff()
        self._read_timeout_s = read_timeout_s
        self.live: Observable[bool] = Observable(False)
        self._listeners: list[tuple[frozenset[str], Listener]] = []
        self._wake = asyncio.Event()
        self._closed = False
        self._save_pending = False
        #: counts, for tests and benches
        self.delivered = 0
        self.duplicates = 0
        self.connections = 0

    # -- subscribers -------------------------------------------------------------------
    def subscribe(self, topics: str | Iterable[str], listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with each event of ``topics`` (a type such as
        ``pickup.checked_in``, a family such as ``pickup``, or ``*``) and with every
        ``resync``. Returns the unsubscribe function."""
        wanted = frozenset([topics] if isinstance(topics, str) else topics)
        entry = (wanted, listener)
        self._listeners.append(entry)

        def unsubscribe() -> None:
            if entry in self._listeners:
                self._listeners.remove(entry)

        return unsubscribe

    def _dispatch(self, event: LiveEvent) -> None:
        for topics, listener in list(self._listeners):
            if (
                event.type == RESYNC
                or EVERYTHING in topics
                or event.type in topics
                or event.family in topics
            ):
                try:
                    listener(event)
                except Exception:  # one broken screen must not stop the stream
                    log.exception("live event subscriber failed on %s", event.type)

    def accept(self, event: LiveEvent) -> bool:
        """Process one event of the stream: dispatched once, then the cursor moves past
        it (kept on disk). An id at or below the cursor was processed already: dropped."""
        if event.type != RESYNC and self.cursor is not None and event.id <= self.cursor:
            self.duplicates += 1
            return False
        self._dispatch(event)
        self.cursor = event.id
        self.delivered += event.type != RESYNC
        self._save_soon()
        return True

    def _save_soon(self) -> None:
        """The cursor is written once for the events that came in together: right after
        them, when the stream next waits for the network (a rename over the old file costs
        ~1.5 ms on ext4, where it also starts the write-back)."""
        if self._save_pending:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._save()
            return
        self._save_pending = True
        loop.call_soon(self._save)

    def _save(self, *, durable: bool = False) -> None:
        self._save_pending = False
        if self.cursor is None:
            return
        try:
            self._cursor_file.save(self.cursor, durable=durable)
        except OSError as exc:  # the stream goes on; a restart would resume earlier
            log.warning("live events: cannot save the cursor (%s)", exc)

    # -- the stream --------------------------------------------------------------------
    def reconnect_now(self) -> None:
        """Cut the backoff short (the connection monitor saw the API come back)."""
        self._wake.set()

    async def run_forever(self) -> None:
        try:
            while not self._closed and not self._client.http.is_closed:
                started = time.monotonic()
                before = self.delivered
                try:
                    await self._follow()
                except (httpx.TransportError, StreamRefused) as exc:
                    log.info("live events: stream ended (%s)", exc or type(exc).__name__)
                except Exception:  # never let the subscription die: retry with backoff
                    log.warning("live events: unexpected failure; reconnecting", exc_info=True)
                self.live.set(False)
                lasted = time.monotonic() - started >= STABLE_AFTER_S
                if lasted or self.delivered > before:
                    self.backoff.reset()
                await self._wait(self.backoff.next_delay())
        finally:
            self.live.set(False)

    async def _wait(self, delay_s: float) -> None:
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), delay_s)

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        headers.update(self._client.auth_headers())
        headers.pop("X-Staff-Token", None)  # the device's stream, whoever is signed in
        if self.cursor is not None:
            headers["Last-Event-ID"] = str(self.cursor)
        return headers

    async def _follow(self) -> None:
        if not self._client.has_token:
            raise StreamRefused("the device is not enrolled yet")
        timeout = httpx.Timeout(self._read_timeout_s, connect=CONNECT_TIMEOUT_S)
        http = self._client.http
        async with http.stream("GET", EVENTS_PATH, headers=self._headers(), timeout=timeout) as r:
            if r.status_code != 200 or not r.headers.get("content-type", "").startswith(
                "text/event-stream"
            ):
                await r.aread()
                raise StreamRefused(f"HTTP {r.status_code}: {r.text[:200]}")
            self.connections += 1
            log.info("live events: connected (after event %s)", self.cursor)
            self.live.set(True)
            parser = SseParser()
            async for line in r.aiter_lines():
                event = parser.feed(line)
                if event is not None:
                    self.accept(event)

    def close(self) -> None:
        """Stop reconnecting (the running ``run_forever`` task is cancelled by its owner)
        and flush the cursor to the disk."""
        self._closed = True
        self._wake.set()
        self.live.set(False)
        self._save(durable=True)
