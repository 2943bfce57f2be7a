"""Returns API over real HTTP: policy, order, quote, approval, return, every refusal, the race.

State-changing tests run on their own server (own SQLite file); the shared server is only
read (the server/core agreement test).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest

from kiosk_app.flows.returns.models import ReturnableOrder
from kiosk_app.flows.returns.refund import quote_return
from kiosk_app.kernel.demo_server import DemoServer
from tests.conftest import enroll, own_demo_server
from tests.support.test_database import days_ago
from tests.support.test_database import query as database_query

PROBLEM = "https://api.omnistore.example/problems/"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "returns-api", seed=42)


def query(server: DemoServer, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return database_query(server.db_url, sql, *args)


class Orders:
    """Finds demo orders by what a test needs; each test takes its own (never shared)."""

    def __init__(self, server: DemoServer) -> None:
        self.server = server
        self.taken: set[str] = set()

    def take(self, where: str) -> str:
        rows = query(
            self.server,
            "SELECT o.number FROM orders o WHERE o.status = 'delivered' AND "
            + where
            + " ORDER BY o.number",
        )
        for (number,) in rows:
            if number not in self.taken:
                self.taken.add(number)
                return str(number)
        raise AssertionError(f"no demo order left with {where}")


PLAIN_LINES = (
    "NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id"
    " AND (l.final_sale OR l.hygiene OR l.returned_qty > 0))"
)
RECENT = f"o.delivered_at > {days_ago(25)}"
LATE = f"o.delivered_at < {days_ago(35)} AND o.delivered_at > {days_ago(85)}"


@pytest.fixture(scope="module")
def orders(server: DemoServer) -> Orders:
    return Orders(server)


@pytest.fixture(scope="module")
def token(server: DemoServer) -> str:
    return enroll(server.url)


@pytest.fixture
def http(server: DemoServer, token: str) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=20
    ) as client:
        yield client


def post_return(http: httpx.Client, body: dict[str, Any], key: str | None = None) -> httpx.Response:
    return http.post(
        "/v1/returns", json=body, headers={"Idempotency-Key": key or str(uuid.uuid4())}
    )


def line(line_no: int, qty: int = 1, **extra: str) -> dict[str, Any]:
    return {
        "line_no": line_no,
        "quantity": qty,
        "reason": "wrong_size",
        "condition": "as_new",
        "disposition": "back_to_stock",
        **extra,
    }


def slug(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/problem+json")
    return str(response.json()["type"]).removeprefix(PROBLEM)


def test_policy_is_published(http: httpx.Client) -> None:
    policy = http.get("/v1/return-policy").json()
    assert policy["window_days"] == 30 and policy["extended_window_days"] == 90
    assert policy["non_returnable"] == ["final_sale", "hygiene"]
    assert policy["shipping_refunded"] == "whole_order_only"
    assert Decimal(policy["approval_refund_above"]) == Decimal("150.00")
    assert policy["tender_refund_order"][0] == "card"


def test_kiosk_may_not_read_orders_nor_return(server: DemoServer, orders: Orders) -> None:
    kiosk = {"Authorization": f"Bearer {enroll(server.url, mode='kiosk')}"}
    number = orders.take(RECENT)
    assert httpx.get(f"{server.url}/v1/orders/{number}", headers=kiosk).status_code == 403
    r = httpx.post(
        server.url + "/v1/returns",
        json={"order_number": number, "lines": [line(1)]},
        headers={**kiosk, "Idempotency-Key": "k"},
    )
    assert r.status_code == 403 and slug(r) == "forbidden"


def test_order_lines_say_what_is_returnable_and_why_not(
    http: httpx.Client, server: DemoServer
) -> None:
    def reasons_of(where: str) -> set[str | None]:
        (number,) = query(
            server,
            "SELECT o.number FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE "
            + where
            + " ORDER BY o.number LIMIT 1",
        )[0]
        order = http.get(f"/v1/orders/{number}").json()
        return {ln["not_returnable_reason"] for ln in order["lines"]}

    assert "final_sale" in reasons_of(f"o.status = 'delivered' AND l.final_sale AND {RECENT}")
    assert "hygiene" in reasons_of(f"o.status = 'delivered' AND l.hygiene AND {RECENT}")
    assert "already_returned" in reasons_of(
        "o.status = 'delivered' AND l.returned_qty = l.quantity"
        f" AND o.delivered_at > {days_ago(85)}"
    )
    old = reasons_of(f"o.status = 'delivered' AND o.delivered_at < {days_ago(120)}")
    assert "window_closed" in old and None not in old
    assert reasons_of("o.status IN ('cancelled', 'paid')") == {"not_delivered"}
    missing = http.get("/v1/orders/W99999999")
    assert missing.status_code == 404 and slug(missing) == "not-found"


def test_quote_is_pure_and_refuses_what_cannot_be_returned(
    http: httpx.Client, orders: Orders, server: DemoServer
) -> None:
    number = orders.take(f"{RECENT} AND {PLAIN_LINES}")
    before = http.get(f"/v1/orders/{number}").json()
    first = before["lines"][0]
    quote = http.post(
        f"/v1/orders/{number}/refund-quote", json={"lines": [{"line_no": 1, "quantity": 1}]}
    )
    assert quote.status_code == 200
    assert Decimal(quote.json()["total"]) > 0
    assert http.get(f"/v1/orders/{number}").json() == before  # nothing changed
    too_many = http.post(
        f"/v1/orders/{number}/refund-quote",
        json={"lines": [{"line_no": 1, "quantity": first["quantity"] + 1}]},
    )
    assert too_many.status_code == 409 and slug(too_many) == "quantity-exceeds-returnable"
    unknown = http.post(
        f"/v1/orders/{number}/refund-quote", json={"lines": [{"line_no": 99, "quantity": 1}]}
    )
    assert unknown.status_code == 422 and slug(unknown) == "unknown-line"
    twice = http.post(
        f"/v1/orders/{number}/refund-quote",
        json={"lines": [{"line_no": 1, "quantity": 1}, {"line_no": 1, "quantity": 1}]},
    )
    assert twice.status_code == 422 and slug(twice) == "duplicate-line"


def stock_here(server: DemoServer, order_number: str, line_no: int) -> int:
    rows = query(
        server,
        "SELECT s.on_hand FROM stock s JOIN locations loc ON loc.id = s.location_id"
        " JOIN order_lines l ON l.product_id = s.product_id JOIN orders o ON o.id = l.order_id"
        " WHERE loc.code = 'PAR01' AND o.number = ? AND l.line_no = ?",
        order_number,
        line_no,
    )
    return int(rows[0][0]) if rows else 0


def test_return_refunds_restocks_and_replays(
    http: httpx.Client, orders: Orders, server: DemoServer
) -> None:
    number = orders.take(f"{RECENT} AND {PLAIN_LINES} AND o.discount_total > 0")
    order = http.get(f"/v1/orders/{number}").json()
    quote = http.post(
        f"/v1/orders/{number}/refund-quote", json={"lines": [{"line_no": 1, "quantity": 1}]}
    ).json()
    stock_before = stock_here(server, number, 1)
    body = {"order_number": number, "lines": [line(1)], "expected_total": quote["total"]}
    first = post_return(http, body, key="ret-1-" + number)
    assert first.status_code == 201, first.text
    receipt = first.json()
    assert receipt["return_number"].startswith("RT-PAR01-")
    assert receipt["total"] == quote["total"] and receipt["lines"][0]["refund"] == quote["total"]
    assert Decimal(receipt["lines"][0]["discount"]) > 0  # the promo is prorated
    assert receipt["tenders"] == quote["tenders"]
    assert stock_here(server, number, 1) == stock_before + 1
    after = http.get(f"/v1/orders/{number}").json()
    assert after["lines"][0]["returned_qty"] == order["lines"][0]["returned_qty"] + 1
    refunded = sum(Decimal(t["refunded"]) for t in after["tenders"])
    assert refunded == Decimal(quote["total"])
    again = post_return(http, body, key="ret-1-" + number)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == receipt
    assert stock_here(server, number, 1) == stock_before + 1  # not twice
    reused = post_return(http, {**body, "refund_method": "store_credit"}, key="ret-1-" + number)
    assert reused.status_code == 422 and slug(reused) == "idempotency-key-reused"
    assert http.get(f"/v1/returns/{receipt['return_number']}").json() == receipt


def test_damaged_item_is_not_restocked_and_whole_order_refunds_shipping(
    http: httpx.Client, orders: Orders, server: DemoServer
) -> None:
    number = orders.take(f"{RECENT} AND {PLAIN_LINES} AND o.shipping_fee > 0 AND o.total < 140")
    order = http.get(f"/v1/orders/{number}").json()
    stock_before = stock_here(server, number, 1)
    lines = [
        line(ln["line_no"], ln["quantity"], condition="damaged", disposition="damaged")
        for ln in order["lines"]
    ]
    r = post_return(http, {"order_number": number, "lines": lines, "refund_method": "store_credit"})
    assert r.status_code == 201, r.text
    receipt = r.json()
    assert Decimal(receipt["shipping_refund"]) == Decimal(order["shipping_fee"]) > 0
    assert Decimal(receipt["total"]) == Decimal(order["total"])
    assert receipt["tenders"] == [
        {"sequence": None, "kind": "store_credit", "reference": "", "amount": receipt["total"]}
    ]
    assert stock_here(server, number, 1) == stock_before


def test_every_refusal_has_its_problem(
    http: httpx.Client, orders: Orders, server: DemoServer
) -> None:
    number = orders.take(f"{RECENT} AND {PLAIN_LINES} AND o.total < 140")
    no_key = http.post("/v1/returns", json={"order_number": number, "lines": [line(1)]})
    assert no_key.status_code == 400 and slug(no_key) == "idempotency-key-missing"
    no_reason = {k: v for k, v in line(1).items() if k != "reason"}
    r = post_return(http, {"order_number": number, "lines": [no_reason]})
    assert r.status_code == 422 and slug(r) == "validation" and "reason" in r.json()["detail"]
    r = post_return(http, {"order_number": number, "lines": [line(1, reason="because")]})
    assert r.status_code == 422 and slug(r) == "validation"
    r = post_return(http, {"order_number": number, "lines": [line(1, condition="defective")]})
    assert r.status_code == 422 and slug(r) == "disposition-not-allowed"
    r = post_return(http, {"order_number": number, "lines": [line(1, 9)]})
    assert r.status_code == 409 and slug(r) == "quantity-exceeds-returnable"
    r = post_return(http, {"order_number": number, "lines": [line(1)], "expected_total": "0.01"})
    assert r.status_code == 409 and slug(r) == "refund-changed"
    r = post_return(http, {"order_number": "W99999999", "lines": [line(1)]})
    assert r.status_code == 404 and slug(r) == "not-found"
    final_sale = query(
        server,
        "SELECT o.number, l.line_no FROM orders o JOIN order_lines l ON l.order_id = o.id"
        f" WHERE o.status = 'delivered' AND l.final_sale AND {RECENT} ORDER BY o.number LIMIT 1",
    )[0]
    r = post_return(http, {"order_number": final_sale[0], "lines": [line(final_sale[1])]})
    assert r.status_code == 422 and slug(r) == "line-not-returnable"
    assert r.json()["reason"] == "final_sale"
    # nothing of the refused requests was applied
    assert http.get(f"/v1/orders/{number}").json()["lines"][0]["returned_qty"] == 0


def test_manager_approval_outside_the_window(
    http: httpx.Client, orders: Orders, server: DemoServer
) -> None:
    number = orders.take(f"{LATE} AND {PLAIN_LINES}")
    order = http.get(f"/v1/orders/{number}").json()
    assert not order["within_window"] and order["lines"][0]["returnable_qty"] > 0
    quote = http.post(
        f"/v1/orders/{number}/refund-quote", json={"lines": [{"line_no": 1, "quantity": 1}]}
    ).json()
    assert quote["approval_required"] and quote["approval_reasons"] == ["outside_window"]
    body: dict[str, Any] = {"order_number": number, "lines": [line(1)]}
    r = post_return(http, body)
    assert r.status_code == 403 and slug(r) == "manager-approval-required"
    bad = http.post(
        "/v1/returns/approvals", json={"order_number": number, "manager_id": "M001", "pin": "0000"}
    )
    assert bad.status_code == 403 and slug(bad) == "invalid-manager-credentials"
    other = orders.take(f"{LATE} AND {PLAIN_LINES}")
    wrong_order = http.post(
        "/v1/returns/approvals", json={"order_number": other, "manager_id": "M001", "pin": "2468"}
    ).json()
    r = post_return(http, {**body, "approval_token": wrong_order["approval_token"]})
    assert r.status_code == 403 and slug(r) == "invalid-approval"
    forged = wrong_order["approval_token"][:-2] + "00"
    r = post_return(http, {**body, "approval_token": forged})
    assert r.status_code == 403 and slug(r) == "invalid-approval"
    ok = http.post(
        "/v1/returns/approvals", json={"order_number": number, "manager_id": "m001", "pin": "2468"}
    )
    assert ok.status_code == 200 and ok.json()["manager_name"] == "Claire Fontaine"
    r = post_return(http, {**body, "approval_token": ok.json()["approval_token"]})
    assert r.status_code == 201, r.text
    assert r.json()["approved_by"] == "M001" and r.json()["approval_reasons"] == ["outside_window"]
    (approved_by,) = query(
        server, "SELECT approved_by FROM returns WHERE number = ?", r.json()["return_number"]
    )[0]
    assert approved_by == "M001"


def test_refund_above_threshold_needs_a_manager(http: httpx.Client, orders: Orders) -> None:
    number = orders.take(f"{RECENT} AND {PLAIN_LINES} AND o.total > 200")
    order = http.get(f"/v1/orders/{number}").json()
    lines = [line(ln["line_no"], ln["quantity"]) for ln in order["lines"]]
    r = post_return(http, {"order_number": number, "lines": lines})
    assert r.status_code == 403 and slug(r) == "manager-approval-required"


def test_two_devices_racing_never_return_more_than_bought(
    server: DemoServer, orders: Orders
) -> None:
    number = orders.take(f"{RECENT} AND {PLAIN_LINES} AND o.total < 140")
    tokens = [enroll(server.url), enroll(server.url)]
    (qty,) = query(
        server,
        "SELECT l.quantity FROM order_lines l JOIN orders o ON o.id = l.order_id"
        " WHERE o.number = ? AND l.line_no = 1",
        number,
    )[0]
    stock_before = stock_here(server, number, 1)
    barrier = threading.Barrier(8)
    results: list[httpx.Response] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            barrier.wait()
            r = client.post(
                "/v1/returns",
                json={"order_number": number, "lines": [line(1, qty)]},
                headers={
                    "Authorization": f"Bearer {tokens[i % 2]}",
                    "Idempotency-Key": str(uuid.uuid4()),
                },
            )
            with lock:
                results.append(r)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status_code for r in results)
    assert statuses == [201] + [409] * 7, [r.text for r in results]
    assert all(slug(r) == "quantity-exceeds-returnable" for r in results if r.status_code == 409)
    (returned,) = query(
        server,
        "SELECT l.returned_qty FROM order_lines l JOIN orders o ON o.id = l.order_id"
        " WHERE o.number = ? AND l.line_no = 1",
        number,
    )[0]
    assert returned == qty
    assert stock_here(server, number, 1) == stock_before + qty
    (count,) = query(
        server,
        "SELECT count(*) FROM returns r JOIN orders o ON o.id = r.order_id WHERE o.number = ?",
        number,
    )[0]
    assert count == 1


def test_core_and_server_quote_the_same_on_demo_orders(
    api_server: DemoServer, device_token: str
) -> None:
    numbers = [
        n
        for (n,) in query(
            api_server,
            "SELECT number FROM orders WHERE status = 'delivered'"
            f" AND delivered_at > {days_ago(85)} ORDER BY number",
        )
    ]
    assert len(numbers) >= 60
    compared = 0
    with httpx.Client(
        base_url=api_server.url, headers={"Authorization": f"Bearer {device_token}"}, timeout=20
    ) as http:
        for number in numbers:
            order = ReturnableOrder.model_validate(http.get(f"/v1/orders/{number}").json())
            open_lines = {ln.line_no: ln.returnable_qty for ln in order.lines if ln.returnable_qty}
            if not open_lines:
                continue
            first = dict([next(iter(open_lines.items()))])
            first[next(iter(first))] = 1
            for returning in (open_lines, first):
                for method in ("original", "store_credit"):
                    server_quote = http.post(
                        f"/v1/orders/{number}/refund-quote",
                        json={
                            "lines": [{"line_no": n, "quantity": q} for n, q in returning.items()],
                            "refund_method": method,
                        },
                    ).json()
                    core = quote_return(order, returning, method)
                    assert Decimal(server_quote["total"]) == core.total, number
                    assert Decimal(server_quote["shipping_refund"]) == core.shipping_refund
                    assert [
                        (x["line_no"], Decimal(x["refund"]), Decimal(x["discount"]))
                        for x in server_quote["lines"]
                    ] == [(x.line_no, x.refund, x.discount) for x in core.lines], number
                    assert [(t["kind"], Decimal(t["amount"])) for t in server_quote["tenders"]] == [
                        (t.kind, t.amount) for t in core.tenders
                    ], number
                    compared += 1
    assert compared >= 200
