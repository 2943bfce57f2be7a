"""A write queued while offline is recorded by the real server at the time it was queued."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.outbox import HttpxSender, Outbox, SyncEngine
from tests.central_api.test_endless_aisle_support import Api, query, sku_with, start_server


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with start_server(tmp_path_factory.mktemp("occurred-at")) as srv:
        yield srv


def test_an_order_queued_an_hour_ago_is_recorded_as_placed_then(
    central: DemoServer, tmp_path: Path
) -> None:
    api = Api.enroll(central)
    sku = sku_with(central, "wh.on_hand >= 5")
    lines = [{"sku": sku, "quantity": 1}]
    option = api.options(lines, {"type": "this_store"}).json()["options"][0]
    queued_at = time.time() - 3600  # the tablet was offline for an hour
    outbox = Outbox(tmp_path / "outbox.db", clock=lambda: queued_at)
    entry = outbox.append(
        "endless_aisle.create_order",
        "POST",
        "/v1/endless-aisle/orders",
        {
            "lines": lines,
            "destination": {"type": "this_store"},
            "option_id": option["id"],
            "customer": {"guest": {"email": "anne@example.com"}},
        },
    )
    synced_from = datetime.now(UTC)

    async def sync() -> None:
        async with httpx.AsyncClient(base_url=central.url, headers=api.headers) as client:
            summary = await SyncEngine(outbox, HttpxSender(client)).drain()
            assert summary.delivered == 1

    asyncio.run(sync())
    answer = outbox.get(entry.id)
    assert answer is not None and isinstance(answer.response_body, dict)
    number = answer.response_body["number"]
    created, recorded = query(
        central, "SELECT created_at, recorded_at FROM orders WHERE number = ?", number
    )[0]
    placed = datetime.fromisoformat(created).replace(tzinfo=UTC)
    assert abs(placed - datetime.fromtimestamp(queued_at, UTC)) < timedelta(milliseconds=2)
    assert datetime.fromisoformat(recorded).replace(tzinfo=UTC) >= synced_from
    outbox.close()
