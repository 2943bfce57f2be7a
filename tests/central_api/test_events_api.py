"""``GET /v1/events`` on SQLite and PostgreSQL, each served by two worker processes: what
each write emits, who receives what, resume, heartbeats, refusals and resync.

The readers are real streaming HTTP clients; the servers poll the log only every minute,
so an event that arrives in seconds was delivered by a wake-up (in-process, the SQLite
head watch or PostgreSQL's NOTIFY), whichever worker answered the write.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from central_api.endless_aisle.expiry import release_expired
from central_api.events.log import head, purge
from central_api.orders.models import Order, OrderLine
from central_api.platform.db import Database
from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.events_support import (
    BACKENDS,
    HEARTBEAT_S,
    Demo,
    EventReader,
    Received,
    events_server,
    stored_ids,
)
from tests.central_api.test_endless_aisle_support import Api
from tests.conftest import enroll

PROBLEM = "https://api.omnistore.example/problems/"
WAKE_UP_S = 5.0  # far below the readers' poll (a minute)


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoServer]:
    with events_server(request.param, tmp_path_factory.mktemp("events")) as srv:
        yield srv


@pytest.fixture(scope="module")
def db(server: DemoServer) -> Iterator[Database]:
    database = Database(server.db_url)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def api(server: DemoServer) -> Api:
    return Api.enroll(server)


@pytest.fixture(scope="module")
def demo(server: DemoServer, api: Api) -> Demo:
    return Demo(server, api)


def test_check_in_and_hand_over_reach_the_store_at_once(
    server: DemoServer, api: Api, demo: Demo
) -> None:
    number = demo.ready_pickup()
    with EventReader(server.url, api.token) as reader:
        assert reader.status == 200 and reader.content_type.startswith("text/event-stream")
        sent = datetime.now(UTC)
        assert api.post(f"/v1/pickups/{number}/check-in", {}).status_code == 200
        checked_in = reader.wait_type("pickup.checked_in", number, WAKE_UP_S)
        assert api.post(f"/v1/pickups/{number}/check-in", {}).status_code == 200  # again
        assert demo.complete(number).status_code == 200
        completed = reader.wait_type("pickup.completed", number, WAKE_UP_S)
    payload = checked_in.data["payload"]
    assert payload["status"] == "customer_waiting" and payload["previous_status"] == "ready"
    assert payload["store"] == "PAR01" and payload["customer_number"]
    assert datetime.fromisoformat(checked_in.data["created_at"]) >= sent - timedelta(seconds=1)
    assert completed.data["payload"]["status"] == "collected"
    assert completed.id is not None and checked_in.id is not None and completed.id > checked_in.id
    # the second check-in changed nothing, so it emitted nothing
    assert [e.type for e in reader.events if e.data["subject"] == number] == [
        "pickup.checked_in",
        "pickup.completed",
    ]


def test_an_order_placed_paid_and_expired_with_its_stock(
    server: DemoServer, api: Api, demo: Demo, db: Database
) -> None:
    with EventReader(server.url, api.token) as reader:

        def stock_of(order: dict[str, Any]) -> list[Received]:
            line = order["lines"][0]
            subject = f"{line['sku']}@{line['source_code']}"
            return [e for e in reader.of_type("stock.changed") if e.data["subject"] == subject]

        paid = demo.place_order()
        number = paid["number"]
        placed = reader.wait_type("order.placed", number, WAKE_UP_S)
        pay = api.post(f"/v1/endless-aisle/orders/{number}/demo-pay", {"method": "till"})
        assert pay.status_code == 200, pay.text
        assert reader.wait_type("order.paid", number, WAKE_UP_S).data["payload"]["status"] == "paid"
        unpaid = demo.place_order()
        reader.wait_type("order.placed", unpaid["number"], WAKE_UP_S)
        # its reservation runs out: expired by another process (a sweep), heard all the same
        assert release_expired(db, datetime.now(UTC) + timedelta(days=1)) == 1
        expired = reader.wait_type("order.expired", unpaid["number"], WAKE_UP_S)
        # reserved by the order, given back by its expiry (the next event, same transaction)
        assert reader.wait_for(lambda: len(stock_of(unpaid)) == 2, WAKE_UP_S), reader.events
    assert placed.data["payload"]["total"] == paid["total"]
    assert placed.data["payload"]["customer_number"] is None  # a guest
    assert expired.data["payload"]["status"] == "expired"
    reserved = stock_of(paid)
    assert len(reserved) == 1  # paid: the units stay reserved for shipping
    stock = reserved[0].data["payload"]
    assert stock["available"] == stock["on_hand"] - stock["reserved"] and stock["reserved"] >= 1
    assert reserved[0].id == placed.id + 1  # type: ignore[operator]
    back = stock_of(unpaid)
    assert back[1].id == expired.id + 1  # type: ignore[operator]
    assert back[1].data["payload"]["reserved"] == back[0].data["payload"]["reserved"] - 1
    assert reader.ids == sorted(set(reader.ids))


def _returnable_line(api: Api, db: Database) -> tuple[str, int]:
    """A delivered order with a line a store associate may take back without approval."""
    since = datetime.now(UTC) - timedelta(days=20)
    with db.session() as s:
        numbers = s.scalars(
            select(Order.number)
            .where(Order.status == "delivered", Order.delivered_at > since)
            .where(~Order.lines.any(OrderLine.returned_qty > 0))
            .order_by(Order.number)
        ).all()
    for number in numbers:
        order = api.get(f"/v1/orders/{number}").json()
        for line in order["lines"]:
            if line["returnable_qty"] < 1:
                continue
            body = {"lines": [{"line_no": line["line_no"], "quantity": 1}]}
            quote = api.post(f"/v1/orders/{number}/refund-quote", body).json()
            if not quote["approval_required"]:
                return number, int(line["line_no"])
    raise AssertionError("no returnable order in the demo data")


def _return(api: Api, db: Database) -> dict[str, Any]:
    number, line_no = _returnable_line(api, db)
    line = {
        "line_no": line_no,
        "quantity": 1,
        "reason": "wrong_size",
        "condition": "as_new",
        "disposition": "back_to_stock",
    }
    done = api.post("/v1/returns", {"order_number": number, "lines": [line]})
    assert done.status_code == 201, done.text
    receipt: dict[str, Any] = done.json()
    return receipt


def test_each_device_receives_what_it_may_read(
    server: DemoServer, api: Api, demo: Demo, db: Database
) -> None:
    """Associate: its store's pickups, orders, returns; every location's stock. Kiosk: the
    stock, and its store's pickups and orders without personal fields. Another store's
    devices: the stock only."""
    number = demo.ready_pickup()
    here_kiosk = enroll(server.url, "PAR01", "kiosk")
    there = [enroll(server.url, "LYO01", mode) for mode in ("associate", "kiosk")]
    readers = [EventReader(server.url, token) for token in (api.token, here_kiosk, *there)]
    for reader in readers:
        reader.__enter__()
    try:
        assert api.post(f"/v1/pickups/{number}/check-in", {}).status_code == 200
        receipt = _return(api, db)
        sku = receipt["lines"][0]["sku"]
        for reader in readers:  # the restock is the last event: every device receives it
            reader.wait_type("stock.changed", f"{sku}@PAR01", WAKE_UP_S)
    finally:
        for reader in readers:
            reader.__exit__()
    associate, kiosk, other_associate, other_kiosk = readers
    returned = associate.wait_type("return.recorded", receipt["return_number"], 0)
    assert returned.data["payload"]["total"] == receipt["total"]
    assert returned.data["payload"]["customer_number"]
    assert associate.wait_type("pickup.checked_in", number, 0).data["payload"]["customer_number"]
    kiosk_check_in = kiosk.wait_type("pickup.checked_in", number, 0).data["payload"]
    assert "customer_number" not in kiosk_check_in and kiosk_check_in["status"]
    assert kiosk.of_type("return.recorded") == []
    for reader in (other_associate, other_kiosk):
        assert {e.type for e in reader.events} == {"stock.changed"}, reader.events
    restocked = associate.wait_type("stock.changed", f"{sku}@PAR01", 0).data["payload"]
    assert Decimal(restocked["available"]) == restocked["on_hand"] - restocked["reserved"]


def test_resume_after_an_id_gives_every_later_event_once(
    server: DemoServer, api: Api, demo: Demo
) -> None:
    with EventReader(server.url, api.token) as live:
        first = demo.place_order()
        live.wait_type("order.placed", first["number"], WAKE_UP_S)
        cursor = live.ids[0]
        later = [demo.place_order()["number"] for _ in range(2)]
        live.wait_type("order.placed", later[-1], WAKE_UP_S)
        expected = [i for i in live.ids if i > cursor]
        by_header = EventReader(server.url, api.token, last_event_id=str(cursor))
        by_query = EventReader(server.url, api.token, after=cursor)
        # an EventSource reconnects to the URL it began with: the header wins over ?after=
        reconnected = EventReader(server.url, api.token, after=0, last_event_id=str(cursor))
        for reader in (by_header, by_query, reconnected):
            with reader:
                assert reader.wait_events(len(expected), WAKE_UP_S)
            assert reader.ids[: len(expected)] == expected
        # heartbeats keep an idle stream open
        beats = live.comments.count("heartbeat")
        assert live.wait_for(lambda: live.comments.count("heartbeat") >= beats + 2, HEARTBEAT_S * 8)


def test_refusals_are_problems(server: DemoServer, api: Api) -> None:
    with EventReader(server.url, None) as anonymous:
        assert anonymous.status == 401
    with EventReader(server.url, api.token, last_event_id="yesterday") as bad:
        assert bad.status == 422 and bad.problem is not None
        assert bad.problem["type"] == PROBLEM + "invalid-cursor"
    with EventReader(server.url, api.token, after=-1) as negative:
        assert negative.status == 422


def test_a_cursor_the_log_cannot_serve_gets_resync_never_a_gap(
    server: DemoServer, api: Api, demo: Demo, db: Database
) -> None:
    """Last: it purges the log. A cursor below what the retention kept, or from another
    server, gets ``event: resync`` whose id is the present; the stream then carries on."""
    old = head(db)
    demo.place_order()
    assert purge(db, timedelta(0), datetime.now(UTC) + timedelta(seconds=1)) >= 1
    assert stored_ids(db, 0) == []
    for cursor, reason in ((old, "cursor-expired"), (head(db) + 1000, "cursor-unknown")):
        now = head(db)
        with EventReader(server.url, api.token, after=cursor) as reader:
            assert reader.wait_events(1, WAKE_UP_S)
            resync = reader.events[0]
            assert resync.type == "resync" and resync.id == now
            assert resync.data["reason"] == reason and resync.data["oldest_available"] > old
            number = demo.place_order()["number"]
            after = reader.wait_type("order.placed", number, WAKE_UP_S)
            assert after.id is not None and after.id > now
    with EventReader(server.url, api.token, after=head(db)) as current:
        assert current.wait_for(lambda: current.comments.count("heartbeat") >= 1, 5)
        assert current.events == []
