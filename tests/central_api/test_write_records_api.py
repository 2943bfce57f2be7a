"""What the server records of a write: who did it (the signed-in staff member, never a name
in the body), when it happened on the device (``Occurred-At``) next to when the server got it,
and a parcel addressed to the customer's real name. A dedicated real server: these tests write.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from central_api import tables
from central_api.platform.db import Database
from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.test_endless_aisle_support import HOME, Api, query, sku_with, start_server
from tests.central_api.test_staff_support import PROBLEM, staff_token
from tests.support.demo_data import DemoPool
from tests.support.test_database import days_ago, server_db_url

HOUR_AGO = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with start_server(tmp_path_factory.mktemp("write-records")) as srv:
        yield srv


@pytest.fixture(scope="module")
def api(server: DemoServer) -> Api:
    return Api.enroll(server)


def when(value: str | datetime) -> datetime:
    """A moment from the API's JSON (text) or a database column (PostgreSQL: a datetime)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def slug(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    return str(response.json()["type"]).removeprefix(PROBLEM)


def post(api: Api, path: str, body: Any, **headers: str) -> httpx.Response:
    return httpx.post(
        api.url + path,
        json=body,
        headers=api.headers | {"Idempotency-Key": str(uuid.uuid4())} | headers,
        timeout=20,
    )


PICKUPS = DemoPool()


def collectable_pickup(api: Api) -> dict[str, Any]:
    """A pickup of this store that can be handed over, not used by another test."""
    rows = api.get("/v1/pickups?status=ready,customer_waiting").json()
    row = PICKUPS.take(api.url, rows, lambda _row: True, "pickup to hand over")
    detail: dict[str, Any] = api.get(f"/v1/pickups/{row['order_number']}").json()
    return detail


def hand_over(detail: dict[str, Any]) -> dict[str, Any]:
    """Everything handed over, the person checked with an ID card (every order accepts it)."""
    return {
        "lines": [{"line_no": ln["line_no"], "picked": ln["quantity"]} for ln in detail["lines"]],
        "verification": {"method": "id_check", "id_document_type": "id_card"},
    }


# -- who ------------------------------------------------------------------------------------
def test_hand_over_is_recorded_as_the_signed_in_staff_member_not_the_body(
    server: DemoServer, api: Api
) -> None:
    detail = collectable_pickup(api)
    number = detail["order_number"]
    staff = staff_token(server.url, api.token, "A102")
    body = hand_over(detail) | {"associate": "vm"}  # an earlier app's free text
    response = post(api, f"/v1/pickups/{number}/complete", body, **{"X-Staff-Token": staff})
    assert response.status_code == 200, response.text
    assert (response.json()["associate"], response.json()["associate_name"]) == (
        "A102",
        "Hugo Bernard",
    )
    completion = api.get(f"/v1/pickups/{number}").json()["completion"]
    assert completion["associate"] == "A102" and completion["associate_name"] == "Hugo Bernard"
    assert "vm" not in json.dumps(completion)


# -- when -----------------------------------------------------------------------------------
def test_pickup_completed_offline_keeps_when_it_happened_and_when_it_was_received(
    server: DemoServer, api: Api
) -> None:
    detail = collectable_pickup(api)
    number = detail["order_number"]
    before = datetime.now(UTC)
    response = post(
        api,
        f"/v1/pickups/{number}/complete",
        hand_over(detail),
        **{"Occurred-At": HOUR_AGO.isoformat().replace("+00:00", "Z")},
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert when(answer["completed_at"]) == HOUR_AGO
    assert when(answer["recorded_at"]) >= before
    after = api.get(f"/v1/pickups/{number}").json()
    assert when(after["completed_at"]) == HOUR_AGO
    assert when(after["completion"]["completed_at"]) == HOUR_AGO
    assert when(after["completion"]["recorded_at"]) >= before
    stored = query(
        server,
        "SELECT p.completion_recorded_at, o.delivered_at FROM pickups p"
        " JOIN orders o ON o.id = p.order_id WHERE o.number = ?",
        number,
    )[0]
    assert when(stored[0]) >= before and when(stored[1]) == HOUR_AGO


@pytest.fixture(scope="module")
def untouched(api: Api) -> dict[str, Any]:
    """A pickup the refusal tests try (and fail) to hand over."""
    return collectable_pickup(api)


@pytest.mark.parametrize(
    ("occurred_at", "says"),
    [
        ((datetime.now(UTC) + timedelta(minutes=30)).isoformat(), "in the future"),
        ((datetime.now(UTC) - timedelta(days=45)).isoformat(), "days ago"),
        ("yesterday", "not an RFC 3339"),
        ("2026-05-04T09:30:00", "time zone"),
    ],
)
def test_an_impossible_device_time_is_refused_clearly_and_changes_nothing(
    api: Api, untouched: dict[str, Any], occurred_at: str, says: str
) -> None:
    number = untouched["order_number"]
    response = post(
        api, f"/v1/pickups/{number}/complete", hand_over(untouched), **{"Occurred-At": occurred_at}
    )
    assert response.status_code == 422 and slug(response) == "invalid-occurred-at"
    assert says in response.json()["detail"]
    assert api.get(f"/v1/pickups/{number}").json()["status"] == untouched["status"]


def test_return_keeps_when_it_was_made_who_made_it_and_when_it_was_received(
    server: DemoServer, api: Api
) -> None:
    number = query(
        server,
        "SELECT o.number FROM orders o WHERE o.status = 'delivered' AND o.channel = 'web'"
        f" AND o.delivered_at > {days_ago(20)} AND o.total < 140"
        " AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id"
        " AND (l.final_sale OR l.hygiene OR l.returned_qty > 0)) ORDER BY o.number",
    )[0][0]
    staff = staff_token(server.url, api.token, "A101")
    body = {
        "order_number": number,
        "lines": [
            {
                "line_no": 1,
                "quantity": 1,
                "reason": "wrong_size",
                "condition": "as_new",
                "disposition": "back_to_stock",
            }
        ],
    }
    before = datetime.now(UTC)
    response = post(
        api,
        "/v1/returns",
        body,
        **{"Occurred-At": HOUR_AGO.isoformat(), "X-Staff-Token": staff},
    )
    assert response.status_code == 201, response.text
    receipt = response.json()
    assert when(receipt["created_at"]) == HOUR_AGO and when(receipt["recorded_at"]) >= before
    assert receipt["staff_id"] == "A101"
    created, recorded, staff_id = query(
        server,
        "SELECT created_at, recorded_at, staff_id FROM returns WHERE number = ?",
        receipt["return_number"],
    )[0]
    assert when(created) == HOUR_AGO and when(recorded) >= before and staff_id == "A101"


def test_endless_aisle_order_placed_offline_keeps_both_times_and_a_full_reservation(
    server: DemoServer, api: Api
) -> None:
    sku = sku_with(server, "wh.on_hand >= 5")
    lines = [{"sku": sku, "quantity": 1}]
    option = api.options(lines, {"type": "this_store"}).json()["options"][0]
    before = datetime.now(UTC)
    body = {
        "lines": lines,
        "destination": {"type": "this_store"},
        "option_id": option["id"],
        "customer": {"guest": {"email": "anne@example.com"}},
    }
    response = post(api, "/v1/endless-aisle/orders", body, **{"Occurred-At": HOUR_AGO.isoformat()})
    assert response.status_code == 201, response.text
    order = response.json()
    assert when(order["created_at"]) == HOUR_AGO and when(order["recorded_at"]) >= before
    # the stock is held from when the server got the order, not from an hour ago
    assert when(order["reservation_expires_at"]) > before + timedelta(minutes=20)
    assert order["payment"]["status"] == "awaiting_payment"
    number = order["number"]
    (recorded,) = query(server, "SELECT recorded_at FROM orders WHERE number = ?", number)[0]
    assert when(recorded) >= before


# -- to whom --------------------------------------------------------------------------------
def home_order(api: Api, server: DemoServer, customer: dict[str, Any], name: str | None) -> Any:
    sku = sku_with(server, "wh.on_hand >= 5")
    lines = [{"sku": sku, "quantity": 1}]
    address: dict[str, Any] = dict(HOME["address"])  # type: ignore[call-overload]
    del address["name"]
    if name is not None:
        address["name"] = name
    destination = {"type": "home", "address": address}
    option = api.options(lines, destination).json()["options"][0]
    return api.order(lines, destination, option["id"], customer)


def test_a_parcel_for_the_customer_carries_their_real_name(server: DemoServer, api: Api) -> None:
    first, last = query(
        server, "SELECT first_name, last_name FROM customers WHERE customer_number = 'C0000003'"
    )[0]
    response = home_order(api, server, {"customer_number": "C0000003"}, None)
    assert response.status_code == 201, response.text
    assert response.json()["delivery_address"]["name"] == f"{first} {last}"
    (stored,) = query(
        server, "SELECT delivery_address FROM orders WHERE number = ?", response.json()["number"]
    )[0]
    assert json.loads(stored)["address"]["name"] == f"{first} {last}"
    # a name given is the recipient (a present for someone else)
    other = home_order(api, server, {"customer_number": "C0000003"}, "Paul Petit")
    assert other.json()["delivery_address"]["name"] == "Paul Petit"


def test_without_a_customer_record_the_recipient_must_be_named(
    server: DemoServer, api: Api
) -> None:
    guest = home_order(api, server, {"guest": {"email": "anne@example.com"}}, None)
    assert guest.status_code == 422 and slug(guest) == "invalid-address"
    assert guest.json()["field"] == "name"
    kiosk = Api.enroll(server, mode="kiosk")  # sees masked names only: must type the name
    code = api.post("/v1/customers/C0000003/loyalty-code", {}).json()["code"]
    at_kiosk = home_order(kiosk, server, {"loyalty_code": code}, None)
    assert at_kiosk.status_code == 422 and at_kiosk.json()["field"] == "name"


# -- schema ---------------------------------------------------------------------------------
def test_a_database_from_before_the_new_columns_gets_them(tmp_path: Path) -> None:
    db = Database(server_db_url(tmp_path))
    try:
        tables.create_schema(db)
        with db.engine.begin() as connection:  # as an earlier version created it
            connection.exec_driver_sql("ALTER TABLE orders DROP COLUMN recorded_at")
            connection.exec_driver_sql("ALTER TABLE pickups DROP COLUMN completion_recorded_at")
        tables.create_schema(db)
        with db.engine.connect() as connection:
            connection.exec_driver_sql("SELECT recorded_at FROM orders").fetchall()
            connection.exec_driver_sql("SELECT completion_recorded_at FROM pickups").fetchall()
    finally:
        db.dispose()
