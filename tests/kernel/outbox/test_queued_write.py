"""The one queued-write object: a flow's write queued, then followed to its end, through the
real sync engine, the in-test ledger server and the fault proxy (network pulled mid-write)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from kiosk_app.kernel.outbox import HttpxSender, Outbox, QueuedWrite, SyncEngine, WritePhase
from tests.kernel.outbox.idempotent_server import Ledger
from tests.kernel.outbox.outbox_helpers import OP, PATH, FakeClock, api_client, op_body
from tests.support.faultproxy import FaultMode, FaultProxy


def _engine(outbox: Outbox, client: httpx.AsyncClient, clock: FakeClock) -> SyncEngine:
    return SyncEngine(outbox, HttpxSender(client), clock=clock, rng=lambda: 0.5)


def test_a_write_is_followed_to_the_servers_answer_and_sent_once(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()

    async def scenario() -> None:
        async with api_client(proxy.url) as client:
            with Outbox(db_path, clock=clock) as outbox:
                engine = _engine(outbox, client, clock)
                write = QueuedWrite(outbox, engine, OP)
                body = op_body()
                first = write.send("POST", PATH, body, idempotency_key="k-1")
                again = write.send("POST", PATH, body, idempotency_key="k-1")  # a double tap
                assert again.id == first.id
                assert write.state.value.phase is WritePhase.SENDING
                assert write.state.value.pending
                await engine.drain()
                done = write.state.value
                assert done.phase is WritePhase.DONE
                assert done.answer == {"op_id": body["op_id"], "ledger_seq": 1}
                assert ledger.times_applied(body["op_id"]) == 1
                write.close()

    asyncio.run(scenario())


def test_a_refused_write_carries_the_servers_problem(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()

    async def scenario() -> None:
        async with api_client(proxy.url) as client:
            with Outbox(db_path, clock=clock) as outbox:
                engine = _engine(outbox, client, clock)
                write = QueuedWrite(outbox, engine, OP)
                write.send("POST", PATH, op_body("conflict"), idempotency_key="k-2")
                await engine.drain()
                refused = write.state.value
                assert refused.phase is WritePhase.REFUSED
                assert refused.problem is not None
                assert (refused.problem.status, refused.problem.detail) == (
                    409,
                    "Collected elsewhere",
                )
                write.close()

    asyncio.run(scenario())


def test_network_pulled_mid_write_saves_it_then_it_goes_when_back(
    db_path: Path, ledger: Ledger, proxy: FaultProxy
) -> None:
    clock = FakeClock()

    async def scenario() -> None:
        async with api_client(proxy.url, timeout=2.0) as client:
            with Outbox(db_path, clock=clock) as outbox:
                engine = _engine(outbox, client, clock)
                write = QueuedWrite(outbox, engine, OP)
                other = QueuedWrite(outbox, engine, OP)  # follows nothing: must stay idle
                await proxy.aset_mode(FaultMode.UNREACHABLE)
                body = op_body()
                write.send("POST", PATH, body, idempotency_key="k-3")
                await engine.drain()
                assert write.state.value.phase is WritePhase.SAVED
                assert ledger.applied == []
                await proxy.aset_mode(FaultMode.PASS)
                clock.advance(60)
                await engine.drain()
                assert write.state.value.phase is WritePhase.DONE
                assert ledger.times_applied(body["op_id"]) == 1
                assert other.state.value.phase is WritePhase.IDLE
                write.forget()
                assert write.state.value.phase is WritePhase.IDLE
                write.close()
                other.close()

    asyncio.run(scenario())
