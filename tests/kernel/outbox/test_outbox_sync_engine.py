"""The sync engine against the in-test ledger server, through the fault proxy."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from kiosk_app.kernel.outbox import (
    BackoffPolicy,
    ConnectionReport,
    EntryStatus,
    HttpxSender,
    LinkOutcome,
    Outbox,
    OutboxEntry,
    QueueCounts,
    SendOutcome,
    SyncEngine,
)
from tests.kernel.outbox.idempotent_server import Ledger
from tests.kernel.outbox.outbox_helpers import (
    OP,
    PATH,
    FakeClock,
    RecordingSleep,
    api_client,
    op_body,
)
from tests.support.faultproxy import FaultMode, FaultProxy

POLICY = BackoffPolicy(base_s=1.0, cap_s=4.0)
Scenario = Callable[[httpx.AsyncClient], Awaitable[None]]


def _run(url: str, scenario: Scenario, *, timeout: float = 10.0) -> None:
    async def main() -> None:
        async with api_client(url, timeout=timeout) as client:
            await scenario(client)

    asyncio.run(main())


def _engine(
    outbox: Outbox, client: httpx.AsyncClient, clock: FakeClock, **kwargs: object
) -> SyncEngine:
    options: dict[str, object] = {"rng": lambda: 0.5, "policy": POLICY, **kwargs}
    return SyncEngine(outbox, HttpxSender(client), clock=clock, **options)  # type: ignore[arg-type]


def _status(outbox: Outbox, entry: OutboxEntry) -> EntryStatus:
    current = outbox.get(entry.id)
    assert current is not None
    return current.status


def test_entries_are_sent_in_order_and_the_head_blocks_while_retrying(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()
    with Outbox(db_path, clock=clock) as outbox:
        bodies = [op_body(n=n) for n in range(3)]
        entries = [outbox.append(OP, "POST", PATH, body) for body in bodies]
        ledger.fail_next(503)

        async def scenario(client: httpx.AsyncClient) -> None:
            engine = _engine(outbox, client, clock)
            first = await engine.drain()
            assert (first.retries, first.delivered, first.remaining) == (1, 0, 3)
            assert first.blocked_until == clock.now + 0.5
            assert ledger.applied == []
            blocked = await engine.drain()  # still backing off: nothing is sent
            assert (blocked.attempts, blocked.remaining) == (0, 3)
            clock.advance(0.5)
            final = await engine.drain()
            assert (final.delivered, final.remaining, final.blocked_until) == (3, 0, None)

        _run(proxy.url, scenario)
        assert ledger.applied == [body["op_id"] for body in bodies]
        done = [outbox.get(e.id) for e in entries]
    assert [e.status if e else None for e in done] == [EntryStatus.DONE] * 3
    assert [e.response_body["ledger_seq"] if e else None for e in done] == [1, 2, 3]
    assert [e.attempts if e else None for e in done] == [2, 1, 1]


def test_backoff_doubles_is_capped_and_resets_after_a_success(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()
    sleep = RecordingSleep(clock)
    links: list[LinkOutcome] = []
    delivered: list[int] = []
    with Outbox(db_path, clock=clock) as outbox:

        async def healing_sleep(seconds: float) -> None:
            await sleep(seconds)
            if len(sleep.waits) in (4, 6):  # the network comes back
                proxy.set_mode(FaultMode.PASS)

        async def scenario(client: httpx.AsyncClient) -> None:
            engine = _engine(outbox, client, clock, sleep=healing_sleep)

            def on_delivered(entry: OutboxEntry) -> None:
                delivered.append(entry.id)
                if len(delivered) == 1:  # the network drops again; a new write comes in
                    proxy.set_mode(FaultMode.UNREACHABLE)
                    outbox.append(OP, "POST", PATH, op_body())
                else:
                    engine.stop()

            engine.events.delivered.subscribe(on_delivered)
            engine.events.connection.subscribe(lambda report: links.append(report.kind))
            proxy.set_mode(FaultMode.UNREACHABLE)
            outbox.append(OP, "POST", PATH, op_body())
            await engine.run_forever()

        _run(proxy.url, scenario)
        assert outbox.pending_count() == 0
    assert sleep.waits == [0.5, 1.0, 2.0, 2.0, 0.5, 1.0]
    unreachable, ok = LinkOutcome.UNREACHABLE, LinkOutcome.OK
    assert links == [unreachable] * 4 + [ok] + [unreachable] * 2 + [ok]
    assert len(ledger.applied) == 2


def test_retry_after_from_the_server_is_honoured(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()
    with Outbox(db_path, clock=clock) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        ledger.fail_next(429, retry_after="120")

        async def scenario(client: httpx.AsyncClient) -> None:
            engine = _engine(outbox, client, clock)
            throttled = await engine.drain()
            assert throttled.blocked_until == clock.now + 120
            waiting = outbox.get(entry.id)
            assert waiting is not None
            assert waiting.status is EntryStatus.PENDING  # 429: the server did not apply it
            assert waiting.next_attempt_at == clock.now + 120
            clock.advance(119)
            assert (await engine.drain()).attempts == 0
            clock.advance(1)
            assert (await engine.drain()).delivered == 1

        _run(proxy.url, scenario)
    assert len(ledger.applied) == 1


def test_conflicts_and_permanent_failures_go_to_needs_attention_and_the_queue_goes_on(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()
    attention: list[OutboxEntry] = []
    counts: list[QueueCounts] = []
    with Outbox(db_path, clock=clock) as outbox:
        conflict = outbox.append(OP, "POST", PATH, op_body("conflict"))
        invalid = outbox.append(OP, "POST", PATH, op_body("invalid"))
        fine = outbox.append(OP, "POST", PATH, op_body())

        async def scenario(client: httpx.AsyncClient) -> None:
            engine = _engine(outbox, client, clock)
            engine.events.needs_attention.subscribe(attention.append)
            engine.events.queue_counts.subscribe(counts.append)
            summary = await engine.drain()
            assert (summary.conflicts, summary.failed, summary.delivered) == (1, 1, 1)

        _run(proxy.url, scenario)
        assert [_status(outbox, e) for e in (conflict, invalid, fine)] == [
            EntryStatus.CONFLICT,
            EntryStatus.FAILED,
            EntryStatus.DONE,
        ]
        listed = outbox.needs_attention()
    assert [e.id for e in attention] == [conflict.id, invalid.id] == [e.id for e in listed]
    conflict_problem, invalid_problem = (e.problem for e in listed)
    assert conflict_problem is not None
    assert conflict_problem.type.endswith("/already-collected")
    assert conflict_problem.status == 409
    assert invalid_problem is not None
    assert invalid_problem.detail == "quantity must be positive"
    assert counts[0] == QueueCounts(pending=3, needs_attention=0)
    assert counts[-1] == QueueCounts(pending=0, needs_attention=2)
    assert len(ledger.applied) == 1


def test_a_failed_entry_retried_by_a_person_is_delivered_once(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()
    with Outbox(db_path, clock=clock) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        ledger.fail_next(401)  # token expired: answered before the idempotency layer

        async def scenario(client: httpx.AsyncClient) -> None:
            engine = _engine(outbox, client, clock)
            assert (await engine.drain()).failed == 1
            outbox.retry_now(entry.id)  # after signing in again
            assert (await engine.drain()).delivered == 1

        _run(proxy.url, scenario)
        assert _status(outbox, entry) is EntryStatus.DONE
    assert ledger.times_applied(entry.body["op_id"]) == 1


@pytest.mark.parametrize("fault", [FaultMode.RESET_AFTER_REQUEST, FaultMode.DELAY_RESPONSE])
def test_an_unknown_outcome_is_replayed_with_the_same_key_and_applied_once(
    db_path: Path, ledger: Ledger, proxy: FaultProxy, fault: FaultMode
) -> None:
    clock = FakeClock()
    reports: list[ConnectionReport] = []
    with Outbox(db_path, clock=clock) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        behind = outbox.append(OP, "POST", PATH, op_body())
        proxy.set_mode(fault, delay_s=3.0)

        async def scenario(client: httpx.AsyncClient) -> None:
            engine = _engine(outbox, client, clock)
            engine.events.connection.subscribe(reports.append)
            first = await engine.drain()
            assert (first.retries, first.remaining) == (1, 2)
            unknown = outbox.get(entry.id)
            assert unknown is not None
            assert unknown.status is EntryStatus.IN_FLIGHT  # sent, answer unknown
            assert _status(outbox, behind) is EntryStatus.PENDING
            assert ledger.times_applied(entry.body["op_id"]) == 1  # the server did commit
            proxy.set_mode(FaultMode.PASS)
            clock.advance(60)
            assert (await engine.drain()).delivered == 2

        _run(proxy.url, scenario, timeout=0.5)
        done = outbox.get(entry.id)
    assert done is not None
    assert done.status is EntryStatus.DONE
    assert done.response_body == {"op_id": entry.body["op_id"], "ledger_seq": 1}
    assert ledger.times_applied(entry.body["op_id"]) == 1
    assert ledger.replays == 1
    assert entry.idempotency_key in ledger.answers
    assert [r.kind for r in reports] == [LinkOutcome.TIMEOUT, LinkOutcome.OK, LinkOutcome.OK]
    assert not reports[0].ok


@pytest.mark.parametrize("reached_server", [True, False])
def test_an_entry_left_in_flight_by_a_crash_is_replayed_with_the_same_key(
    db_path: Path, ledger: Ledger, proxy: FaultProxy, reached_server: bool
) -> None:
    clock = FakeClock()
    outbox = Outbox(db_path, clock=clock)
    entry = outbox.append(OP, "POST", PATH, op_body())

    async def crash_mid_send(client: httpx.AsyncClient) -> None:
        flying = outbox.begin_attempt(entry.id, clock.now)
        if reached_server:
            await HttpxSender(client).send(flying)  # the answer is lost with the process

    _run(proxy.url, crash_mid_send)
    outbox.close()
    with Outbox(db_path, clock=clock) as restarted:
        assert _status(restarted, entry) is EntryStatus.IN_FLIGHT

        async def restart(client: httpx.AsyncClient) -> None:
            assert (await _engine(restarted, client, clock).drain()).delivered == 1

        _run(proxy.url, restart)
        done = restarted.get(entry.id)
    assert done is not None
    assert (done.status, done.attempts) == (EntryStatus.DONE, 2)
    assert ledger.times_applied(entry.body["op_id"]) == 1
    assert ledger.replays == (1 if reached_server else 0)


def test_run_forever_wakes_on_appends_from_any_thread_and_stops(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    with Outbox(db_path) as outbox:

        async def scenario(client: httpx.AsyncClient) -> None:
            engine = SyncEngine(outbox, HttpxSender(client))
            delivered: asyncio.Queue[OutboxEntry] = asyncio.Queue()
            engine.events.delivered.subscribe(delivered.put_nowait)
            runner = asyncio.create_task(engine.run_forever())
            first = outbox.append(OP, "POST", PATH, op_body())
            assert (await delivered.get()).id == first.id
            second = await asyncio.to_thread(outbox.append, OP, "POST", PATH, op_body())
            assert (await delivered.get()).id == second.id
            engine.stop()
            await runner
            engine.close()

        _run(proxy.url, scenario)
    assert len(ledger.applied) == 2


def test_wake_after_the_network_is_back_can_skip_the_backoff(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()
    with Outbox(db_path, clock=clock) as outbox:

        async def scenario(client: httpx.AsyncClient) -> None:
            waits: asyncio.Queue[float] = asyncio.Queue()
            delivered: asyncio.Queue[OutboxEntry] = asyncio.Queue()

            async def endless_sleep(seconds: float) -> None:
                waits.put_nowait(seconds)
                await asyncio.Event().wait()  # only a wake() ends this backoff

            engine = _engine(outbox, client, clock, sleep=endless_sleep)
            engine.events.delivered.subscribe(delivered.put_nowait)
            proxy.set_mode(FaultMode.UNREACHABLE)
            entry = outbox.append(OP, "POST", PATH, op_body())
            runner = asyncio.create_task(engine.run_forever())
            assert await waits.get() == 0.5
            proxy.set_mode(FaultMode.PASS)
            engine.wake()  # a plain wake re-checks the queue but honours the backoff
            assert await waits.get() == 0.5
            assert ledger.applied == []
            engine.wake(skip_backoff=True)
            assert (await delivered.get()).id == entry.id
            engine.stop()
            await runner

        _run(proxy.url, scenario)
    assert len(ledger.applied) == 1


def test_concurrent_drains_never_send_an_entry_twice_or_out_of_order(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    with Outbox(db_path) as outbox:
        bodies = [op_body() for _ in range(20)]
        for body in bodies:
            outbox.append(OP, "POST", PATH, body)

        async def scenario(client: httpx.AsyncClient) -> None:
            engine = SyncEngine(outbox, HttpxSender(client))
            summaries = await asyncio.gather(*(engine.drain() for _ in range(3)))
            assert sum(s.delivered for s in summaries) == 20

        _run(proxy.url, scenario)
    assert ledger.applied == [body["op_id"] for body in bodies]
    assert ledger.replays == 0


def test_sqlite_calls_can_run_on_the_event_loop(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    with Outbox(db_path) as outbox:
        for _ in range(5):
            outbox.append(OP, "POST", PATH, op_body())

        async def scenario(client: httpx.AsyncClient) -> None:
            engine = SyncEngine(outbox, HttpxSender(client), db_in_thread=False)
            assert (await engine.drain()).delivered == 5

        _run(proxy.url, scenario)
    assert len(ledger.applied) == 5


def test_a_wall_clock_jump_back_does_not_stall_the_queue(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()
    with Outbox(db_path, clock=clock) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())
        outbox.begin_attempt(entry.id, clock.now)
        far = clock.now + 10 * POLICY.longest_wait_s  # scheduled before the clock went back
        outbox.record_retry(entry.id, next_attempt_at=far, error="x", maybe_applied=False)

        async def scenario(client: httpx.AsyncClient) -> None:
            assert (await _engine(outbox, client, clock).drain()).delivered == 1

        _run(proxy.url, scenario)


class _CrashingSender:
    async def send(self, entry: OutboxEntry) -> SendOutcome:
        raise RuntimeError("bug in an adapter")


@pytest.mark.usefixtures("expect_log_errors")
def test_a_crashing_sender_keeps_the_entry_and_its_key(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()
    with Outbox(db_path, clock=clock) as outbox:
        entry = outbox.append(OP, "POST", PATH, op_body())

        async def scenario(client: httpx.AsyncClient) -> None:
            broken = SyncEngine(outbox, _CrashingSender(), clock=clock, rng=lambda: 0.0)
            assert (await broken.drain()).retries == 1
            assert _status(outbox, entry) is EntryStatus.IN_FLIGHT
            assert (await _engine(outbox, client, clock).drain()).delivered == 1

        _run(proxy.url, scenario)
    assert ledger.times_applied(entry.body["op_id"]) == 1
