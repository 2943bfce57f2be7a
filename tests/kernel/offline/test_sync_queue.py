"""The outbox in plain words, and what a person can do with it, against the real server."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from kiosk_app.kernel.api.client import ApiClient, Timeouts
from kiosk_app.kernel.connection import ConnectionMonitor, ConnectionState
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.offline.link import ConnectionLink
from kiosk_app.kernel.offline.queue_view import (
    Advice,
    OpKind,
    SyncQueue,
    format_age,
    reference_of,
)
from kiosk_app.kernel.outbox import (
    BackoffPolicy,
    EntryStatus,
    HttpxSender,
    InvalidTransitionError,
    Outbox,
    SyncEngine,
)
from tests.kernel.offline.offline_helpers import (
    ENROLL_OP,
    ENROLL_PATH,
    collected_order,
    enroll_body,
    queue_refusals,
)
from tests.support.faultproxy import FaultMode, FaultProxy


def _engine(outbox: Outbox, client: ApiClient) -> SyncEngine:
    sender = HttpxSender(client.http, headers=client.auth_headers)
    return SyncEngine(
        outbox,
        sender,
        db_in_thread=False,
        rng=lambda: 0.99,
        policy=BackoffPolicy(base_s=30, cap_s=60),
    )


def test_refusals_need_attention_in_plain_words_and_a_person_closes_them(
    tmp_path: Path, api_server: DemoServer, device_token: str
) -> None:
    outbox = Outbox(tmp_path / "outbox.db")
    entries = queue_refusals(outbox, api_server.url, device_token)
    number = collected_order(api_server.url, device_token)["order_number"]
    client = ApiClient(api_server.url, token=device_token, timeouts=Timeouts(1, 10))
    sync = _engine(outbox, client)

    async def drain() -> None:
        try:
            summary = await sync.drain()
            assert (summary.delivered, summary.conflicts, summary.failed) == (1, 1, 2)
        finally:
            await client.aclose()

    asyncio.run(drain())
    queue = SyncQueue(outbox, sync)
    snap = queue.snapshot()
    assert snap.pending == ()
    by_id = {view.id: view for view in snap.attention}
    assert set(by_id) == {entries[k].id for k in ("conflict", "bad_token", "bad_store")}

    conflict = by_id[entries["conflict"].id]
    assert conflict.kind is OpKind.PICKUP_COMPLETE
    assert conflict.reference == number
    assert conflict.status is EntryStatus.CONFLICT
    assert conflict.problem_slug == "pickup-already-completed"
    assert conflict.advice is Advice.DONE_ELSEWHERE
    assert conflict.problem_text and "Already collected" in conflict.problem_text
    assert conflict.can_dismiss and not conflict.can_retry
    assert conflict.title == f"Pickup handed over {number}"

    bad_token = by_id[entries["bad_token"].id]
    assert bad_token.status is EntryStatus.FAILED and bad_token.advice is Advice.CALL_IT
    bad_store = by_id[entries["bad_store"].id]
    assert bad_store.advice is Advice.REDO and bad_store.problem_slug == "unknown-store"
    assert bad_store.can_retry and bad_store.can_dismiss

    with pytest.raises(ValueError, match="note"):
        queue.dismiss(conflict.id, "   ")
    queue.dismiss(conflict.id, "Collected on tablet 2, nothing missing")
    with pytest.raises(InvalidTransitionError):
        queue.retry(conflict.id)

    retried = queue.retry(bad_store.id)
    assert retried.status is EntryStatus.PENDING
    assert retried.idempotency_key == entries["bad_store"].idempotency_key
    assert queue.retry_all() == 1  # the bad token entry

    snap = queue.snapshot()
    assert [v.id for v in snap.pending] == [bad_token.id, bad_store.id]
    assert all(v.advice is Advice.WILL_SEND for v in snap.pending)
    assert [v.note for v in snap.dismissed] == ["Collected on tablet 2, nothing missing"]
    assert [v.id for v in snap.attention] == []
    outbox.close()


def test_references_and_ages_in_plain_words(tmp_path: Path) -> None:
    with Outbox(tmp_path / "outbox.db") as outbox:
        paid = outbox.append(
            "endless_aisle.demo_pay", "POST", "/v1/endless-aisle/orders/EA-000123/demo-pay", {}
        )
        ret = outbox.append("returns.create", "POST", "/v1/returns", {"order_number": "W-42"})
        other = outbox.append("something.new", "POST", "/v1/other", {})
        assert reference_of(paid) == "EA-000123"
        assert reference_of(ret) == "W-42"
        assert reference_of(other) is None
    assert [format_age(s) for s in (5, 125, 3 * 3600 + 300, 2 * 86400 + 7200)] == [
        "5 s",
        "2 min",
        "3 h 05",
        "2 d 2 h",
    ]


def test_sync_reports_feed_the_monitor_and_the_network_coming_back_skips_the_backoff(
    tmp_path: Path, api_server: DemoServer
) -> None:
    port = int(api_server.url.rsplit(":", 1)[1])

    async def scenario() -> None:
        async with FaultProxy("127.0.0.1", port) as proxy:
            await proxy.aset_mode(FaultMode.UNREACHABLE)
            client = ApiClient(proxy.url, timeouts=Timeouts(1, 5), read_retries=0)
            monitor = ConnectionMonitor(offline_after=1)
            client.add_outcome_listener(monitor.record)
            with Outbox(tmp_path / "outbox.db") as outbox:
                sync = _engine(outbox, client)
                link = ConnectionLink(monitor, sync)
                outbox.append(ENROLL_OP, "POST", ENROLL_PATH, enroll_body())
                first = await sync.drain()
                assert first.retries == 1
                assert first.blocked_until is not None and first.blocked_until > time.time() + 10
                assert monitor.state.value is ConnectionState.OFFLINE  # from the send alone
                assert (await sync.drain()).attempts == 0  # backing off

                await proxy.aset_mode(FaultMode.PASS)
                await client.health()  # any read that works: the link is back
                assert monitor.state.value is ConnectionState.ONLINE
                back = await sync.drain()
                assert back.delivered == 1 and back.remaining == 0
                link.close()
                sync.close()
            await client.aclose()

    asyncio.run(scenario())
