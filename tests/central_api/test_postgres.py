"""The same reference API on PostgreSQL: seeding, reads, idempotency and a real race.

Runs when the machine has PostgreSQL's server binaries (CI installs them) or when
KIOSK_TEST_PG_URL names a database; skipped otherwise, saying why.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from tests.central_api.postgres_cluster import postgres_url, unavailable_reason

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason())),
]
PROBLEM = "https://api.omnistore.example/problems/"


@pytest.fixture(scope="module")
def pg_server() -> Iterator[DemoServer]:
    with postgres_url() as url, start_demo_server(db_url=url, timeout_s=120) as server:
        yield server


def token(server: DemoServer, store: str = "PAR01") -> str:
    response = httpx.post(
        server.url + "/v1/devices/enroll",
        json={
            "enrollment_token": "demo-enrollment",
            "store_code": store,
            "mode": "associate",
            "device_name": "pg-test",
        },
        headers={"Idempotency-Key": str(uuid.uuid4())},
        timeout=20,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["token"])


def client(server: DemoServer, store: str = "PAR01") -> httpx.Client:
    return httpx.Client(
        base_url=server.url, timeout=30, headers={"Authorization": f"Bearer {token(server, store)}"}
    )


def test_demo_data_and_catalogue_reads(pg_server: DemoServer) -> None:
    with client(pg_server) as http:
        assert len(http.get("/v1/stores").json()) == 15
        page = http.get("/v1/products", params={"q": "chemise", "limit": 5}).json()
        assert page["total"] > 5
        product = page["items"][0]
        assert http.get(f"/v1/products/gtin/{product['gtin'][1:]}").json()["sku"] == product["sku"]
        avail = http.get(f"/v1/products/sku/{product['sku'].lower()}/availability").json()
        assert avail["stores"][0]["code"] == "PAR02"
        customers = http.get("/v1/customers", params={"q": "martin"}).json()
        ref = customers["items"][0]["customer_number"]
        for path in ("", "/cart", "/orders", "/open-orders", "/recommendations"):
            assert http.get(f"/v1/customers/{ref}{path}").status_code == 200, path


def test_idempotency_on_postgres(pg_server: DemoServer) -> None:
    key = str(uuid.uuid4())
    body = {
        "enrollment_token": "demo-enrollment",
        "store_code": "LYO01",
        "mode": "kiosk",
        "device_name": "k",
    }
    first = httpx.post(
        pg_server.url + "/v1/devices/enroll", json=body, headers={"Idempotency-Key": key}
    )
    again = httpx.post(
        pg_server.url + "/v1/devices/enroll", json=body, headers={"Idempotency-Key": key}
    )
    assert first.json() == again.json() and again.headers["Idempotent-Replayed"] == "true"
    other = httpx.post(
        pg_server.url + "/v1/devices/enroll",
        json={**body, "device_name": "x"},
        headers={"Idempotency-Key": key},
    )
    assert other.status_code == 422
    assert other.json()["type"] == PROBLEM + "idempotency-key-reused"


def test_two_devices_completing_one_pickup_exactly_one_wins(pg_server: DemoServer) -> None:
    devices = [client(pg_server, "LYO01"), client(pg_server, "LYO01")]
    ready = [
        r
        for r in devices[0].get("/v1/pickups").json()
        if r["status"] in ("ready", "customer_waiting")
    ]
    assert ready
    number = ready[0]["order_number"]
    detail = devices[0].get(f"/v1/pickups/{number}").json()
    qr = (
        devices[0]
        .post(f"/v1/pickups/{number}/qr", json={}, headers={"Idempotency-Key": str(uuid.uuid4())})
        .json()["token"]
    )
    body = {
        "lines": [{"line_no": ln["line_no"], "picked": ln["quantity"]} for ln in detail["lines"]],
        "verification": {"method": "signed_qr", "qr_token": qr},
        "associate": "pg-test",
    }
    barrier = threading.Barrier(2)
    answers: list[httpx.Response] = []

    def attempt(http: httpx.Client) -> None:
        barrier.wait()
        answers.append(
            http.post(
                f"/v1/pickups/{number}/complete",
                json=body,
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
        )

    threads = [threading.Thread(target=attempt, args=(d,)) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.status_code for r in answers) == [200, 409], [r.text for r in answers]
    loser: Any = next(r for r in answers if r.status_code == 409).json()
    assert loser["type"] == PROBLEM + "pickup-already-completed"
    for d in devices:
        d.close()


def test_device_time_and_a_column_added_to_an_older_database(pg_server: DemoServer) -> None:
    """``Occurred-At`` is kept in a timestamptz beside the server's time; a database from
    before a new nullable column gets it at the next start (``create_schema``)."""
    from datetime import UTC, datetime, timedelta

    from central_api import tables
    from central_api.platform.db import Database

    occurred = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    with client(pg_server) as http:
        sku = http.get("/v1/products", params={"q": "chemise", "limit": 1}).json()["items"][0]
        lines = [{"sku": sku["sku"], "quantity": 1}]
        option = http.post(
            "/v1/fulfilment-options",
            json={"lines": lines, "destination": {"type": "this_store"}},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        ).json()["options"][0]
        order = http.post(
            "/v1/endless-aisle/orders",
            json={
                "lines": lines,
                "destination": {"type": "this_store"},
                "option_id": option["id"],
                "customer": {"guest": {"email": "pg@example.com"}},
            },
            headers={"Idempotency-Key": str(uuid.uuid4()), "Occurred-At": occurred.isoformat()},
        )
        assert order.status_code == 201, order.text
        assert datetime.fromisoformat(order.json()["created_at"]) == occurred
        assert datetime.fromisoformat(order.json()["recorded_at"]) > occurred + timedelta(hours=1)
    db = Database(pg_server.db_url)
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("ALTER TABLE returns DROP COLUMN recorded_at")
        tables.create_schema(db)
        with db.engine.connect() as connection:
            connection.exec_driver_sql("SELECT recorded_at FROM returns").fetchall()
    finally:
        db.dispose()
