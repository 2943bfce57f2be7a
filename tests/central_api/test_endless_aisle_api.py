"""Endless-aisle API on a dedicated real server: options, orders, the race, expiry."""

from __future__ import annotations

import concurrent.futures
import threading
import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.test_endless_aisle_support import (
    HOME,
    Api,
    available,
    query,
    sku_scarce_in_a_store,
    sku_with,
    start_server,
)
from tests.central_api.test_staff_support import bearer, staff_token

PROBLEM = "https://api.omnistore.example/problems/"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with start_server(tmp_path_factory.mktemp("ea-api")) as srv:
        yield srv


@pytest.fixture(scope="module")
def api(server: DemoServer) -> Api:
    return Api.enroll(server)


def test_home_delivery_options_have_promise_and_fee(server: DemoServer, api: Api) -> None:
    sku = sku_with(server, "wh.on_hand >= 5 AND p.price < 50")
    r = api.options([{"sku": sku, "quantity": 1}], HOME)
    assert r.status_code == 200, r.text
    body = r.json()
    assert Decimal(body["subtotal"]) < Decimal(body["free_delivery_threshold"])
    first = body["options"][0]
    assert first["kind"] == "home_delivery"
    assert first["sources"][0]["kind"] == "warehouse"
    assert Decimal(first["fee"]) == Decimal("4.90")
    earliest, latest = (date.fromisoformat(first["promise"][k]) for k in ("earliest", "latest"))
    assert (latest - date.today()).days >= 2 and earliest < latest
    assert not first["promise"]["ready_now"]
    # above the threshold, delivery is free
    r = api.options([{"sku": sku, "quantity": 2}, {"sku": sku, "quantity": 1}], HOME)
    if Decimal(r.json()["subtotal"]) >= Decimal("60"):
        assert Decimal(r.json()["options"][0]["fee"]) == 0
    assert r.json()["lines"][0]["quantity"] == 3  # repeated SKUs merge


def test_this_store_and_other_store_options(server: DemoServer, api: Api) -> None:
    sku = sku_with(server, "here.on_hand = 0 AND wh.on_hand >= 5")
    here = api.options([{"sku": sku, "quantity": 1}], {"type": "this_store"}).json()
    kinds = {(o["kind"], o["sources"][0]["kind"]) for o in here["options"]}
    assert ("ship_to_store", "warehouse") in kinds
    assert all(o["destination_store"]["code"] == "PAR01" for o in here["options"])
    assert all(Decimal(o["fee"]) == 0 for o in here["options"])
    other = api.options([{"sku": sku, "quantity": 1}], {"type": "other_store"}).json()
    assert other["options"], "some other store holds it"
    for option in other["options"]:
        assert option["kind"] == "pickup" and option["promise"]["ready_now"]
        assert option["destination_store"]["code"] != "PAR01"
        assert available(server, sku, option["destination_store"]["code"]) >= 1


@pytest.mark.parametrize(
    ("body", "slug", "field"),
    [
        ({"sku": "NOPE-1", "quantity": 1}, "unknown-product", None),
        (None, "invalid-address", "postcode"),
    ],
)
def test_bad_input_is_refused_clearly(
    api: Api, server: DemoServer, body: dict[str, object] | None, slug: str, field: str | None
) -> None:
    sku = sku_with(server, "wh.on_hand >= 5")
    lines = [body or {"sku": sku, "quantity": 1}]
    destination = HOME
    if field:
        destination = {"type": "home", "address": {**HOME["address"], "postcode": "6900"}}  # type: ignore[dict-item]
    r = api.options(lines, destination)
    assert r.status_code == 422
    assert r.json()["type"] == PROBLEM + slug
    assert r.json().get("field") == field


def test_quantity_above_availability_names_what_is_left(server: DemoServer, api: Api) -> None:
    sku = sku_with(server, "wh.on_hand BETWEEN 5 AND 15")
    r = api.options([{"sku": sku, "quantity": 20}], HOME)
    assert r.status_code == 422
    problem = r.json()
    assert problem["type"] == PROBLEM + "insufficient-stock"
    assert problem["sku"] == sku and 5 <= problem["available"] < 20


def test_order_reserves_stock_and_payment_commits_it(server: DemoServer, api: Api) -> None:
    sku = sku_with(server, "wh.on_hand >= 5")
    lines = [{"sku": sku, "quantity": 2}]
    option = api.options(lines, HOME).json()["options"][0]
    source = option["sources"][0]["code"]
    before = available(server, sku, source)
    key = "ea-order-1"
    r = api.order(lines, HOME, option["id"], {"customer_number": "C0000007"}, key=key)
    assert r.status_code == 201, r.text
    order = r.json()
    assert order["number"].startswith("E") and len(order["number"]) == 9
    assert order["status"] == "awaiting_payment"
    reference = order["payment"]["reference"]
    assert reference.startswith("PAY-") and len(reference) == 14 and reference[4:].isdigit()
    assert order["payment"]["link_url"].startswith("https://")
    assert "•" in (order["customer"]["contact"] or "")
    assert available(server, sku, source) == before - 2
    # a replay with the same key is the same order, not a second reservation
    again = api.order(lines, HOME, option["id"], {"customer_number": "C0000007"}, key=key)
    assert again.json()["number"] == order["number"]
    assert available(server, sku, source) == before - 2
    paid = api.post(f"/v1/endless-aisle/orders/{order['number']}/demo-pay", {"method": "till"})
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    assert paid.json()["payment"]["paid_by"] == "till"
    got = api.get(f"/v1/endless-aisle/orders/{order['number']}").json()
    assert got["payment"]["status"] == "paid" and got["reservation_expires_at"] is None
    assert available(server, sku, source) == before - 2  # kept for shipping
    statuses = query(
        server,
        "SELECT r.status FROM reservations r JOIN orders o ON o.id = r.order_id WHERE o.number = ?",
        order["number"],
    )
    assert statuses == [("committed",)]


def test_kiosk_cannot_mark_paid_and_other_stores_cannot_read(server: DemoServer, api: Api) -> None:
    sku = sku_with(server, "wh.on_hand >= 5")
    lines = [{"sku": sku, "quantity": 1}]
    option = api.options(lines, {"type": "this_store"}).json()["options"][0]
    number = api.order(lines, {"type": "this_store"}, option["id"]).json()["number"]
    kiosk = Api.enroll(server, mode="kiosk")
    r = kiosk.post(f"/v1/endless-aisle/orders/{number}/demo-pay", {"method": "link"})
    assert r.status_code == 403
    assert kiosk.get(f"/v1/endless-aisle/orders/{number}").status_code == 200
    lyon = Api.enroll(server, store="LYO01")
    assert lyon.get(f"/v1/endless-aisle/orders/{number}").status_code == 404


def test_race_for_the_last_units_one_wins_the_other_gets_the_next_option(
    server: DemoServer,
) -> None:
    sku, store = sku_scarce_in_a_store(server)
    qty = available(server, sku, store)
    devices = [Api.enroll(server), Api.enroll(server, store="PAR02")]
    lines = [{"sku": sku, "quantity": qty}]
    destination = {"type": "other_store", "store_code": store}
    option_id = f"pickup:{store}:{store}"
    assert option_id in [o["id"] for o in devices[0].options(lines, destination).json()["options"]]
    barrier = threading.Barrier(len(devices))

    def place(device: Api) -> tuple[int, dict[str, object]]:
        barrier.wait()
        r = device.order(lines, destination, option_id)
        return r.status_code, r.json()

    with concurrent.futures.ThreadPoolExecutor(len(devices)) as pool:
        results = list(pool.map(place, devices))
    codes = sorted(code for code, _ in results)
    assert codes == [201, 409], results
    loser = next(body for code, body in results if code == 409)
    assert loser["type"] == PROBLEM + "stock-unavailable"
    next_option = loser["next_option"]
    assert isinstance(next_option, dict) and next_option["id"] != option_id
    assert available(server, sku, store) == 0
    # the loser takes the next option it was offered
    r = devices[1].order(lines, destination, str(next_option["id"]))
    assert r.status_code == 201, r.text


def test_unpaid_order_releases_its_reservation(tmp_path: Path) -> None:
    with start_server(tmp_path, ttl_s=1) as srv:
        api = Api.enroll(srv)
        sku = sku_with(srv, "wh.on_hand >= 5")
        lines = [{"sku": sku, "quantity": 1}]
        option = api.options(lines, HOME).json()["options"][0]
        source = option["sources"][0]["code"]
        before = available(srv, sku, source)
        number = api.order(lines, HOME, option["id"]).json()["number"]
        assert available(srv, sku, source) == before - 1
        # released by the background sweep (nobody reads meanwhile)...
        deadline = 200
        while available(srv, sku, source) != before and deadline:
            threading.Event().wait(0.05)
            deadline -= 1
        assert available(srv, sku, source) == before
        got = api.get(f"/v1/endless-aisle/orders/{number}").json()
        assert got["status"] == "expired" and got["payment"]["link_status"] == "expired"
        r = api.post(f"/v1/endless-aisle/orders/{number}/demo-pay", {"method": "link"})
        assert r.status_code == 409
        assert r.json()["type"] == PROBLEM + "reservation-expired"
        assert "not paid in time" in r.json()["detail"]


def test_a_kiosk_attaches_a_customer_only_by_their_signed_code(
    server: DemoServer, api: Api
) -> None:
    """Anyone can type a card number at a kiosk: only the customer's own signed code (from
    their app) attaches them; staff need the customer-view permission."""
    number, card = query(
        server, "SELECT customer_number, loyalty_number FROM customers ORDER BY id LIMIT 1"
    )[0]
    kiosk = Api.enroll(server, mode="kiosk")
    for typed in (card, number, f"{card[:4]} {card[4:]}"):
        refused = kiosk.get(f"/v1/endless-aisle/customers/{typed}")
        assert refused.status_code == 403, typed
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["type"] == PROBLEM + "forbidden"
        assert "signed code" in refused.json()["detail"]

    code = api.post(f"/v1/customers/{number}/loyalty-code", {}).json()["code"]
    attached = kiosk.get(f"/v1/endless-aisle/customers/{code}")
    assert attached.status_code == 200, attached.text
    assert attached.json()["customer_number"] == number
    assert attached.json()["addresses"] == []
    payload, signature = code.split(".")[1:]
    forged = f"LOY1.{payload}.{signature[:-4]}AAAA"
    refused = kiosk.get(f"/v1/endless-aisle/customers/{forged}")
    assert refused.status_code == 403
    assert refused.json()["type"] == PROBLEM + "invalid-loyalty-code"

    # staff: by number with customer.view; a trainee may not look customers up
    assert api.get(f"/v1/endless-aisle/customers/{card}").json()["customer_number"] == number
    trainee = staff_token(server.url, api.token, "T101")
    refused = httpx.get(
        f"{server.url}/v1/endless-aisle/customers/{card}",
        headers=bearer(api.token, trainee),
        timeout=10,
    )
    assert refused.status_code == 403
    assert refused.json()["type"] == PROBLEM + "permission-denied"


def test_a_kiosk_orders_on_a_customers_account_only_with_their_signed_code(
    server: DemoServer, api: Api
) -> None:
    """The kiosk's Attach was guarded, but its order request took any customer number: an
    order (and its payment link) could be put on anyone's account (#19)."""
    number = query(server, "SELECT customer_number FROM customers ORDER BY id LIMIT 1 OFFSET 3")
    number = number[0][0]
    kiosk = Api.enroll(server, mode="kiosk")
    sku = sku_with(server, "wh.on_hand >= 5")
    lines = [{"sku": sku, "quantity": 1}]
    option = kiosk.options(lines, HOME).json()["options"][0]
    address = {**HOME, "address": {**HOME["address"], "name": "Anne Morel"}}
    for by_number in ({"customer_number": number}, {"loyalty_number": "7810000000000000"}):
        refused = kiosk.order(lines, address, option["id"], by_number)
        assert refused.status_code == 403, refused.text
        assert refused.json()["type"] == PROBLEM + "signed-code-required"
    code = api.post(f"/v1/customers/{number}/loyalty-code", {}).json()["code"]
    payload, signature = code.split(".")[1:]
    forged = f"LOY1.{payload}.{signature[:-4]}AAAA"
    refused = kiosk.order(lines, address, option["id"], {"loyalty_code": forged})
    assert refused.status_code == 403
    assert refused.json()["type"] == PROBLEM + "invalid-loyalty-code"
    placed = kiosk.order(lines, address, option["id"], {"loyalty_code": code})
    assert placed.status_code == 201, placed.text
    owner = query(
        server,
        "SELECT c.customer_number FROM orders o JOIN customers c ON c.id = o.customer_id"
        " WHERE o.number = ?",
        placed.json()["number"],
    )
    assert owner == [(number,)]
    # staff still order by customer number
    option = api.options(lines, HOME).json()["options"][0]
    assert api.order(lines, address, option["id"], {"customer_number": number}).status_code == 201


def test_a_kiosk_order_made_while_the_code_was_fresh_is_kept_when_it_syncs_later(
    server: DemoServer, api: Api
) -> None:
    """The code proves the customer was there when the basket was started: an order made
    within 30 minutes of it (the device's Occurred-At) is accepted even after the code's own
    two minutes; one made later is refused."""
    from datetime import UTC, datetime, timedelta

    from tests.support.server_keys import loyalty_signer

    ((loyalty,),) = query(
        server, "SELECT loyalty_number FROM customers ORDER BY id LIMIT 1 OFFSET 5"
    )
    issued = datetime.now(UTC) - timedelta(hours=1)
    code, _iat, _exp = loyalty_signer(server).issue(loyalty, now=int(issued.timestamp()))
    kiosk = Api.enroll(server, mode="kiosk")
    sku = sku_with(server, "wh.on_hand >= 5")
    lines = [{"sku": sku, "quantity": 1}]
    address = {**HOME, "address": {**HOME["address"], "name": "Anne Morel"}}

    def order_made_at(when: datetime) -> httpx.Response:
        option = kiosk.options(lines, HOME).json()["options"][0]
        body = {"lines": lines, "destination": address, "option_id": option["id"]}
        headers = kiosk.headers | {
            "Idempotency-Key": str(uuid.uuid4()),
            "Occurred-At": when.isoformat(),
        }
        return httpx.post(
            kiosk.url + "/v1/endless-aisle/orders",
            json={**body, "customer": {"loyalty_code": code}},
            headers=headers,
            timeout=20,
        )

    kept = order_made_at(issued + timedelta(minutes=20))  # queued offline, synced now
    assert kept.status_code == 201, kept.text
    late = order_made_at(issued + timedelta(minutes=45))
    assert late.status_code == 403 and late.json()["type"] == PROBLEM + "invalid-loyalty-code"
