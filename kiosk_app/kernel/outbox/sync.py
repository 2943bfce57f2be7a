"""The sync engine: delivers outbox entries to the central API, one at a time, in order.

Exactly-once rests on three rules: an entry is marked in flight (durably) before it is sent;
every retry of an entry reuses its idempotency key; and only a definite answer from the
server (2xx, 409, other 4xx) ends an entry's attempts.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, Protocol, TypeVar

from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.outbox.backoff import BackoffPolicy
from kiosk_app.kernel.outbox.entry import EntryStatus, OutboxEntry, Problem
from kiosk_app.kernel.outbox.events import ConnectionReport, QueueCounts, SyncEvents
from kiosk_app.kernel.outbox.outcome import LinkOutcome, OutcomeKind, SendOutcome
from kiosk_app.kernel.outbox.store import ChangeKind, InvalidTransitionError, Outbox

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

# Changes made by others that may give the engine work (its own changes do not).
_WAKING_CHANGES = frozenset(
    {ChangeKind.APPENDED, ChangeKind.RETRIED, ChangeKind.DISMISSED, ChangeKind.PURGED}
)


class Sender(Protocol):
    async def send(self, entry: OutboxEntry) -> SendOutcome:
        """Send one entry; must not raise for network trouble (return an outcome)."""
        ...


@dataclass
class DrainSummary:
    delivered: int = 0
    conflicts: int = 0
    failed: int = 0
    retries: int = 0  # attempts that ended in "try again later"
    remaining: int = 0  # entries still waiting to be sent
    blocked_until: float | None = None  # when the head of the queue may be tried again

    @property
    def attempts(self) -> int:
        return self.delivered + self.conflicts + self.failed + self.retries


class SyncEngine:
    """Sends the outbox head until the queue is empty, waiting out backoff in between.

    ``clock`` gives wall-clock seconds (as stored in the outbox), ``sleep`` waits for backoff
    timers and ``rng`` returns floats in [0, 1) for the jitter: tests inject all three.
    ``db_in_thread`` runs the SQLite calls in a worker thread: each state change waits for
    an fsync (a few ms here, tens of ms on slow flash), too long to hold the UI's loop.
    """

    def __init__(
        self,
        outbox: Outbox,
        sender: Sender,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: Callable[[], float] = random.random,
        policy: BackoffPolicy | None = None,
        db_in_thread: bool = True,
    ) -> None:
        self._outbox = outbox
        self._sender = sender
        self._clock = clock
        self._sleep = sleep
        self._rng = rng
        self._policy = policy or BackoffPolicy()
        self._db_in_thread = db_in_thread
        self._failures = 0  # consecutive retryable outcomes; reset by a definite answer
        self._wake = asyncio.Event()
        self._send_lock = asyncio.Lock()
        self._stop_requested = False
        self._skip_backoff = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self.events = SyncEvents(queue_counts=Observable(self._read_counts()))
        self._unsubscribe = outbox.add_change_listener(self._on_outbox_change)

    # -- control -----------------------------------------------------------------------------
    def wake(self, *, skip_backoff: bool = False) -> None:
        """Look at the queue now: after an append, or with ``skip_backoff`` when the network
        has just come back (the head entry is then tried at once instead of after its timer).

        Safe to call from any thread.
        """
        if skip_backoff:
            self._skip_backoff = True
        loop = self._loop
        try:
            if loop is None or _running_loop() is loop:
                self._wake.set()
            else:
                loop.call_soon_threadsafe(self._wake.set)
        except RuntimeError:  # the loop closed meanwhile: nothing to wake
            pass

    def stop(self) -> None:
        """Make the current (or next) ``run_forever`` return after the send in progress."""
        self._stop_requested = True
        self.wake()

    def close(self) -> None:
        """Stop and stop listening to the outbox (call before dropping the engine)."""
        self.stop()
        self._unsubscribe()

    # -- running -----------------------------------------------------------------------------
    async def run_forever(self) -> None:
        """Deliver entries as they come until ``stop()``; sleeps while idle or backing off."""
        if self._loop is not None:
            raise RuntimeError("run_forever is already running")
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()  # bound to this loop; the first pass looks anyway
        try:
            while not self._stop_requested:
                self._wake.clear()
                try:
                    async with self._send_lock:
                        wait = await self._pump(DrainSummary(), stop_after_retry=False)
                    await self._publish_counts()
                except Exception:  # e.g. disk full: keep the loop alive, try again later
                    log.exception("outbox sync pass failed")
                    wait = self._policy.delay(self._failures, self._rng)
                    self._failures += 1
                if self._stop_requested:
                    break
                await self._idle(wait)
        finally:
            self._loop = None
            self._stop_requested = False

    async def drain(self) -> DrainSummary:
        """Send until the queue is empty or its head is backing off; never sleeps.

        Each entry is attempted at most once per call: after a retryable outcome everything
        behind the head is blocked, so the call returns.
        """
        summary = DrainSummary()
        async with self._send_lock:
            await self._pump(summary, stop_after_retry=True)
        summary.remaining = await self._db(self._outbox.pending_count)
        await self._publish_counts()
        return summary

    # -- internals ---------------------------------------------------------------------------
    async def _pump(self, summary: DrainSummary, *, stop_after_retry: bool) -> float | None:
        """Send due entries in order; returns seconds until the head is due (None: empty)."""
        while True:
            head = await self._db(self._outbox.head)
            if head is None:
                return None
            wait = self._wait_before(head)
            if wait > 0 or (self._stop_requested and not stop_after_retry):
                summary.blocked_until = head.next_attempt_at
                return wait
            try:
                outcome = await self._attempt(head, summary)
            except InvalidTransitionError as exc:  # changed under us, e.g. by another process
                log.warning("outbox entry %s changed while being sent: %s", head.id, exc)
                continue
            if outcome.retryable and stop_after_retry:
                refreshed = await self._db(self._outbox.get, head.id)
                summary.blocked_until = refreshed.next_attempt_at if refreshed else None
                return None

    def _wait_before(self, head: OutboxEntry) -> float:
        if head.next_attempt_at is None:
            return 0.0
        if self._skip_backoff:
            self._skip_backoff = False
            return 0.0
        wait = head.next_attempt_at - self._clock()
        if wait > self._policy.longest_wait_s:  # the wall clock jumped back: don't stall
            return 0.0
        return max(0.0, wait)

    async def _attempt(self, head: OutboxEntry, summary: DrainSummary) -> SendOutcome:
        started = self._clock()
        entry = await self._db(self._outbox.begin_attempt, head.id, started)
        try:
            outcome = await self._sender.send(entry)
        except Exception as exc:  # a sender bug must not stop the queue; the key stays
            log.exception("outbox sender failed on entry %s", entry.id)
            outcome = SendOutcome(OutcomeKind.UNKNOWN, error=f"sender raised {exc!r}")
        now = self._clock()
        await self._settle(entry, outcome, now, summary)
        report = ConnectionReport(
            ok=outcome.link is LinkOutcome.OK or outcome.link is LinkOutcome.HTTP_ERROR,
            kind=outcome.link,
            elapsed_s=max(0.0, now - started),
            entry_id=entry.id,
            detail=None if outcome.kind is OutcomeKind.DELIVERED else outcome.describe(),
        )
        self.events.connection.emit(report)
        await self._publish_counts()
        return outcome

    async def _settle(
        self, entry: OutboxEntry, outcome: SendOutcome, now: float, summary: DrainSummary
    ) -> None:
        if outcome.kind is OutcomeKind.DELIVERED:
            self._failures = 0
            done = await self._db(
                self._outbox.record_delivered,
                entry.id,
                status_code=outcome.status_code or 200,
                body=outcome.body,
                now=now,
            )
            summary.delivered += 1
            self.events.delivered.emit(done)
        elif outcome.kind in (OutcomeKind.CONFLICT, OutcomeKind.REJECTED):
            self._failures = 0
            conflict = outcome.kind is OutcomeKind.CONFLICT
            problem = outcome.problem or Problem(status=outcome.status_code, title=outcome.kind)
            parked = await self._db(
                self._outbox.record_needs_attention,
                entry.id,
                status=EntryStatus.CONFLICT if conflict else EntryStatus.FAILED,
                problem=problem,
                error=outcome.describe(),
                now=now,
            )
            if conflict:
                summary.conflicts += 1
            else:
                summary.failed += 1
            log.warning("outbox entry %s needs attention: %s", entry.id, outcome.describe())
            self.events.needs_attention.emit(parked)
        else:
            delay = self._policy.delay(self._failures, self._rng, outcome.retry_after)
            self._failures += 1
            await self._db(
                self._outbox.record_retry,
                entry.id,
                next_attempt_at=now + delay,
                error=outcome.describe(),
                maybe_applied=outcome.maybe_applied,
            )
            summary.retries += 1
            log.info("outbox entry %s: %s; retry in %.1fs", entry.id, outcome.describe(), delay)

    async def _idle(self, wait: float | None) -> None:
        """Wait for ``wake()`` or, when the head is backing off, for its timer."""
        waiters: list[asyncio.Future[Any]] = [asyncio.ensure_future(self._wake.wait())]
        if wait is not None:
            waiters.append(asyncio.ensure_future(self._sleep(wait)))
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
            await asyncio.gather(*waiters, return_exceptions=True)

    async def _publish_counts(self) -> None:
        self.events.queue_counts.set(await self._db(self._read_counts))

    def _read_counts(self) -> QueueCounts:
        return QueueCounts(
            pending=self._outbox.pending_count(),
            needs_attention=self._outbox.needs_attention_count(),
        )

    def _on_outbox_change(self, kind: ChangeKind) -> None:
        if kind in _WAKING_CHANGES:
            self.wake()

    async def _db(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        if self._db_in_thread:
            return await asyncio.to_thread(fn, *args, **kwargs)
        return fn(*args, **kwargs)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
