"""The order builder service end to end: real client, real outbox, real sync engine, real server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kiosk_app.flows.endless_aisle.address import AddressInput
from kiosk_app.flows.endless_aisle.session import (
    EndlessAisleService,
    Placed,
    Queued,
    Refused,
)
from kiosk_app.kernel.api.client import ApiClient, Timeouts
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.outbox import HttpxSender, Outbox, SyncEngine
from kiosk_app.kernel.remote_state import Failed, Loaded
from tests.central_api.test_endless_aisle_support import (
    Api,
    available,
    sku_scarce_in_a_store,
    sku_with,
    start_server,
)
from tests.conftest import run

LYON = AddressInput(name="Anne Morel", line1="12 rue des Lilas", postcode="69003", city="Lyon")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with start_server(tmp_path_factory.mktemp("ea-core")) as srv:
        yield srv


@pytest.fixture(scope="module")
def token(server: DemoServer) -> str:
    return Api.enroll(server).token


@asynccontextmanager
async def service_for(
    url: str, token: str, folder: Path
) -> AsyncIterator[tuple[EndlessAisleService, SyncEngine, Outbox]]:
    client = ApiClient(url, token=token, timeouts=Timeouts(connect=1, request=10), read_retries=0)
    outbox = Outbox(folder / "outbox.db")
    sync = SyncEngine(outbox, HttpxSender(client.http, headers=client.auth_headers))
    service = EndlessAisleService(client, outbox, sync)
    try:
        yield service, sync, outbox
    finally:
        service.close()
        sync.close()
        await client.aclose()
        outbox.close()


@pytest.mark.parametrize("destination", ["home", "this_store", "other_store"])
def test_each_fulfilment_type_is_placed_and_paid(
    server: DemoServer, token: str, tmp_path: Path, destination: str
) -> None:
    sku = sku_with(server, "here.on_hand = 0 AND wh.on_hand >= 5 AND p.price >= 30")

    async def scenario() -> None:
        async with service_for(server.url, token, tmp_path) as (service, sync, _outbox):
            assert await service.add_sku(sku) is not None
            assert service.change_quantity(sku, +1)
            service.set_guest("anne.morel@example.com", "", consent=True)
            service.set_destination(destination, LYON if destination == "home" else None)  # type: ignore[arg-type]
            options = await service.refresh_options()
            assert options is not None and options.options
            chosen = service.selected_option()
            assert chosen is not None
            totals = service.totals()
            assert totals.total == totals.subtotal + chosen.fee
            assert isinstance(totals.total, Decimal)
            entry = service.submit()
            assert entry is not None and isinstance(service.submission.value, Queued)
            summary = await sync.drain()
            assert summary.delivered == 1
            placed = service.submission.value
            assert isinstance(placed, Placed)
            order = placed.order
            assert order.payment.status == "awaiting_payment"
            assert order.total == totals.total
            assert order.option.id == chosen.id
            expected = {"home": "home_delivery", "this_store": "ship_to_store"}
            assert order.option.kind == expected.get(destination, "pickup")
            service.request_demo_payment("link")
            await sync.drain()
            await service.refresh_order()
            placed = service.submission.value
            assert isinstance(placed, Placed) and placed.order.payment.status == "paid"
            await service.watch_payment(0.01)  # returns at once: nothing left to wait for

    run(scenario())


def test_order_placed_offline_is_sent_when_the_network_returns(tmp_path: Path) -> None:
    srv = start_server(tmp_path / "srv")
    port = urlsplit(srv.url).port
    assert port is not None
    api = Api.enroll(srv)
    sku = sku_with(srv, "wh.on_hand >= 5")

    async def scenario() -> None:
        nonlocal srv
        async with service_for(srv.url, api.token, tmp_path) as (service, sync, outbox):
            await service.add_sku(sku)
            service.set_guest("", "+33612345678", consent=False)
            service.set_destination("this_store")
            await service.refresh_options()
            srv.stop()  # the network goes down after the options were shown
            entry = service.submit()
            assert entry is not None
            summary = await sync.drain()
            assert summary.delivered == 0 and summary.remaining == 1
            queued = service.submission.value
            assert isinstance(queued, Queued) and queued.waiting_for_network
            srv = start_server(tmp_path / "srv", port=port)  # back, same data, same port
            outbox.retry_now(entry.id)  # what the "network is back" wake-up does
            summary = await sync.drain()
            assert summary.delivered == 1
            placed = service.submission.value
            assert isinstance(placed, Placed) and placed.order.number.startswith("E")

    try:
        run(scenario())
        assert Api(srv.url, api.token).get("/v1/endless-aisle/orders/E00000001").status_code == 200
    finally:
        srv.stop()


def test_stock_taken_meanwhile_offers_the_next_option(
    server: DemoServer, token: str, tmp_path: Path
) -> None:
    sku, store = sku_scarce_in_a_store(server)
    qty = available(server, sku, store)

    async def scenario() -> None:
        async with service_for(server.url, token, tmp_path) as (service, sync, outbox):
            await service.add_sku(sku, qty)
            service.set_guest("anne@example.com", "", consent=False)
            service.set_destination("other_store")
            await service.refresh_options()
            option_id = f"pickup:{store}:{store}"
            service.select_option(option_id)
            assert service.selected_option() is not None
            # another device takes the last units first
            rival = Api.enroll(server, store="LYO01")
            lines = [{"sku": sku, "quantity": qty}]
            taken = rival.order(lines, {"type": "other_store", "store_code": store}, option_id)
            assert taken.status_code == 201
            service.submit()
            await sync.drain()
            refused = service.submission.value
            assert isinstance(refused, Refused) and refused.slug == "stock-unavailable"
            assert refused.next_option is not None and refused.next_option.id != option_id
            assert service.take_next_option() is not None
            await sync.drain()
            placed = service.submission.value
            assert isinstance(placed, Placed)
            assert placed.order.option.id == refused.next_option.id
            assert outbox.needs_attention_count() == 0  # the refusal was handled, not left

    run(scenario())


def test_bad_input_gets_a_clear_notice(server: DemoServer, token: str, tmp_path: Path) -> None:
    sku = sku_with(server, "wh.on_hand BETWEEN 5 AND 15")

    async def scenario() -> None:
        async with service_for(server.url, token, tmp_path) as (service, _sync, _outbox):
            assert await service.add_gtin("3760123999994") is None
            notice = service.notice.value
            assert notice is not None and notice.code == "unknown_product"
            line = await service.add_sku(sku)
            assert line is not None
            assert not service.set_quantity(sku, line.available + 1)
            notice = service.notice.value
            assert notice is not None and notice.code == "quantity_above_available"
            assert notice.param("available") == str(line.available)
            assert service.draft.value.lines[0].quantity == 1
            service.set_destination("home", AddressInput("A", "1 rue X", "750", "Paris"))
            assert [p.field for p in service.address_problems()] == ["postcode"]
            assert await service.refresh_options() is None  # not asked with a bad address
            assert service.submit() is None
            notice = service.notice.value
            assert notice is not None and notice.code == "incomplete"
            assert {p.field for p in service.problems()} >= {"email", "postcode", "option"}

    run(scenario())


def test_an_expired_reservation_shows_on_the_placed_order(tmp_path: Path) -> None:
    with start_server(tmp_path / "srv", ttl_s=1) as srv:
        api = Api.enroll(srv)
        sku = sku_with(srv, "wh.on_hand >= 5")

        async def scenario() -> None:
            async with service_for(srv.url, api.token, tmp_path) as (service, sync, outbox):
                await service.add_sku(sku)
                service.set_guest("anne@example.com", "", consent=True)
                service.set_destination("this_store")
                await service.refresh_options()
                service.submit()
                await sync.drain()
                assert isinstance(service.submission.value, Placed)
                await asyncio.wait_for(service.watch_payment(0.2), timeout=30)
                placed = service.submission.value
                assert isinstance(placed, Placed)
                assert placed.order.payment.status == "expired"
                assert placed.order.reservation_expires_at is None
                service.request_demo_payment("till")  # nothing to pay any more
                assert outbox.pending_count() == 0

        run(scenario())


def test_options_failure_is_rendered_as_failed_state(
    server: DemoServer, token: str, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with service_for(server.url, token, tmp_path) as (service, _sync, _outbox):
            sku = sku_with(server, "wh.on_hand >= 5")
            await service.add_sku(sku)
            service.set_destination("other_store")
            result = await service.refresh_options()
            assert result is None or isinstance(service.options.state.value, Loaded)
            Api.enroll(server)  # the server is still fine
            service._client.set_token("dvc_revoked")
            await service.refresh_options()
            assert isinstance(service.options.state.value, Failed)

    run(scenario())
