"""Hypothesis drives appends, network faults, duplicate sends and restarts; exactly-once holds.

At teardown the network heals and the outbox drains; then every appended op must have been
applied by the server exactly once and nothing may be left pending or in flight.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from kiosk_app.kernel.outbox import BackoffPolicy, EntryStatus, HttpxSender, Outbox, SyncEngine
from tests.kernel.outbox.idempotent_server import Ledger
from tests.kernel.outbox.outbox_helpers import OP, PATH, FakeClock, op_body
from tests.support.faultproxy import FaultMode, FaultProxy

POLICY = BackoffPolicy(base_s=1.0, cap_s=8.0)
CLIENT_TIMEOUT_S = 0.2  # DELAY_RESPONSE holds answers 4x longer than the client waits
HELD_FOR_S = 0.8
FAULTS = [
    FaultMode.PASS,
    FaultMode.UNREACHABLE,  # dropped before send: connect refused
    FaultMode.REFUSE,  # connection accepted, then closed before the request is forwarded
    FaultMode.RESET_AFTER_REQUEST,  # the server committed; the client hears a reset
    FaultMode.DELAY_RESPONSE,  # the server committed; the client times out
]


class OutboxSyncMachine(RuleBasedStateMachine):
    def __init__(self, ledger: Ledger, proxy: FaultProxy) -> None:
        super().__init__()
        self.ledger = ledger
        self.proxy = proxy
        self.proxy.set_mode(FaultMode.PASS)
        self.ledger.clear_injected()
        self.dir = Path(tempfile.mkdtemp(prefix="outbox-stateful-"))
        self.loop = asyncio.new_event_loop()
        self.clock = FakeClock()
        self.op_ids: list[str] = []
        self.client = self._client(CLIENT_TIMEOUT_S)
        self.outbox = Outbox(self.dir / "outbox.db", clock=self.clock)
        self.engine = self._engine()

    # -- rules -------------------------------------------------------------------------------
    @rule(count=st.integers(1, 3))
    def append(self, count: int) -> None:
        for _ in range(count):
            body = op_body()
            self.outbox.append(OP, "POST", PATH, body)
            self.op_ids.append(body["op_id"])

    @rule(fault=st.sampled_from(FAULTS))
    def switch_network(self, fault: FaultMode) -> None:
        self.proxy.set_mode(fault, delay_s=HELD_FOR_S)

    @rule()
    def server_overloaded_once(self) -> None:
        self.ledger.fail_next(503, retry_after="2")

    @rule()
    def drain(self) -> None:
        self.clock.advance(POLICY.cap_s)  # whatever the backoff, the head is due again
        self._await(self.engine.drain())

    @precondition(lambda self: bool(self.op_ids))
    @rule(pick=st.integers(min_value=0))
    def duplicate_send(self, pick: int) -> None:
        """Someone sends an entry again behind the engine's back (any status, same key)."""
        entries = self.outbox.list_by_status(list(EntryStatus))
        entry = entries[pick % len(entries)]
        self._await(HttpxSender(self.client).send(entry))

    @rule(crash_mid_send=st.booleans(), request_reached_server=st.booleans())
    def restart(self, crash_mid_send: bool, request_reached_server: bool) -> None:
        """New process: new Outbox and SyncEngine on the same file, maybe killed mid-send."""
        head = self.outbox.head()
        if crash_mid_send and head is not None:
            flying = self.outbox.begin_attempt(head.id, self.clock.now)
            if request_reached_server:
                self._await(HttpxSender(self.client).send(flying))  # answer lost in the crash
        self.engine.close()
        self.outbox.close()
        self._await(self.client.aclose())
        self.client = self._client(CLIENT_TIMEOUT_S)
        self.outbox = Outbox(self.dir / "outbox.db", clock=self.clock)
        self.engine = self._engine()

    # -- checks ------------------------------------------------------------------------------
    @invariant()
    def never_applied_twice(self) -> None:
        with self.ledger.lock:
            assert all(self.ledger.apply_counts[op_id] <= 1 for op_id in self.op_ids)

    def teardown(self) -> None:
        try:
            self._heal_and_drain()
            counts = self.outbox.counts()
            assert counts[EntryStatus.PENDING] == counts[EntryStatus.IN_FLIGHT] == 0, counts
            assert counts[EntryStatus.DONE] == len(self.op_ids), counts
            with self.ledger.lock:
                applied = [self.ledger.apply_counts[op_id] for op_id in self.op_ids]
            assert applied == [1] * len(self.op_ids)
        finally:
            self.engine.close()
            self.outbox.close()
            self._await(self.client.aclose())
            self.loop.close()
            shutil.rmtree(self.dir, ignore_errors=True)

    # -- plumbing ----------------------------------------------------------------------------
    def _heal_and_drain(self) -> None:
        self.proxy.set_mode(FaultMode.PASS)
        self.ledger.clear_injected()
        self._await(self.client.aclose())
        self.client = self._client(30.0)
        self.engine.close()
        self.engine = self._engine()
        for _ in range(5):  # a drain stops at its first retry (a stale keep-alive connection)
            if self.outbox.pending_count() == 0:
                return
            self.clock.advance(POLICY.max_retry_after_s)
            self._await(self.engine.drain())

    def _engine(self) -> SyncEngine:
        sender = HttpxSender(self.client)
        return SyncEngine(self.outbox, sender, clock=self.clock, rng=lambda: 1.0, policy=POLICY)

    def _client(self, timeout: float) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.proxy.url, timeout=httpx.Timeout(timeout))

    def _await(self, awaitable: Any) -> Any:
        return self.loop.run_until_complete(awaitable)


def test_every_appended_op_is_applied_exactly_once(ledger: Ledger, proxy: FaultProxy) -> None:
    run_state_machine_as_test(
        lambda: OutboxSyncMachine(ledger, proxy),  # type: ignore[arg-type]  # any factory works
        settings=settings(
            max_examples=30,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
