"""Customer 360 endpoints of the reference API over real HTTP (shared demo server, reads)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.scan import classify
from kiosk_app.kernel.scan.results import ScanKind
from kiosk_app.kernel.scan.signed_codes import b64url_decode, sign_code, verify_signed_code
from tests.support.server_keys import loyalty_signer
from tests.support.test_database import query as database_query

PROBLEM = "https://api.omnistore.example/problems/"


def query(server: DemoServer, sql: str, *args: object) -> list[tuple[object, ...]]:
    return database_query(server.db_url, sql, *args)


def customer_with_cart(server: DemoServer) -> tuple[str, str]:
    rows = query(
        server,
        "select c.customer_number, c.loyalty_number from customers c "
        "where (select count(*) from cart_lines l where l.customer_id = c.id) >= 2 "
        "and (select count(*) from orders o where o.customer_id = c.id) >= 3 order by c.id",
    )
    return str(rows[0][0]), str(rows[0][1])


def customer_without_anything(server: DemoServer) -> str:
    rows = query(
        server,
        "select c.customer_number from customers c "
        "where not exists (select 1 from cart_lines l where l.customer_id = c.id) "
        "and not exists (select 1 from orders o where o.customer_id = c.id) order by c.id",
    )
    return str(rows[0][0])


def customer_with_ready_pickup_here(server: DemoServer) -> tuple[str, str]:
    rows = query(
        server,
        "select c.customer_number, o.number from customers c join orders o on o.customer_id = c.id "
        "join pickups p on p.order_id = o.id join locations s on s.id = p.store_id "
        "where p.status = 'ready' and s.code = 'PAR01' order by c.id",
    )
    return str(rows[0][0]), str(rows[0][1])


def _client(server: DemoServer, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=10
    )


@pytest.fixture
def http(api_server: DemoServer, device_token: str) -> Iterator[httpx.Client]:
    with _client(api_server, device_token) as client:
        yield client


@pytest.fixture
def kiosk(api_server: DemoServer, kiosk_token: str) -> Iterator[httpx.Client]:
    with _client(api_server, kiosk_token) as client:
        yield client


def issue_code(http: httpx.Client, ref: str) -> str:
    response = http.post(
        f"/v1/customers/{ref}/loyalty-code",
        json={"ttl_s": 120},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


def test_demo_has_enough_customers_with_carts(api_server: DemoServer) -> None:
    (total,) = query(api_server, "select count(*) from customers")[0]
    (with_cart,) = query(api_server, "select count(distinct customer_id) from cart_lines")[0]
    assert int(str(total)) >= 200
    assert 0.2 < int(str(with_cart)) / int(str(total)) < 0.7


def test_search_by_name_email_phone_and_loyalty(api_server: DemoServer, http: httpx.Client) -> None:
    number, loyalty = customer_with_cart(api_server)
    profile = http.get(f"/v1/customers/{number}").json()
    full_name = f"{profile['first_name']} {profile['last_name']}"
    for q in (
        full_name,
        profile["email"],
        profile["phone"][-8:],
        loyalty,
        "0" + profile["phone"][3:],
    ):
        found = http.get("/v1/customers", params={"q": q}).json()
        assert number in [c["customer_number"] for c in found["items"]], q
    assert http.get("/v1/customers", params={"q": "zzzzqqq"}).json()["total"] == 0
    short = http.get("/v1/customers", params={"q": "a"})
    assert short.status_code == 422 and short.json()["type"] == PROBLEM + "validation"


def test_kiosk_may_not_search_or_read_without_a_code(
    api_server: DemoServer, kiosk: httpx.Client
) -> None:
    number, loyalty = customer_with_cart(api_server)
    for path, params in (
        ("/v1/customers", {"q": "martin"}),
        (f"/v1/customers/{number}", {}),
        (f"/v1/customers/{number}/cart", {}),
        (f"/v1/customers/{number}/orders", {}),
        (f"/v1/customers/{number}/open-orders", {}),
        ("/v1/loyalty/resolve", {"number": loyalty}),
    ):
        response = kiosk.get(path, params=params)
        assert response.status_code == 403, path
        assert response.json()["type"] == PROBLEM + "forbidden"


def test_kiosk_reads_only_the_customer_its_code_names_masked(
    api_server: DemoServer, http: httpx.Client, kiosk: httpx.Client
) -> None:
    number, loyalty = customer_with_cart(api_server)
    other = customer_without_anything(api_server)
    code = issue_code(http, number)
    profile = kiosk.get("/v1/loyalty/resolve", params={"code": code}).json()
    assert profile["masked"] is True and profile["addresses"] == []
    assert profile["last_name"].endswith(".") and len(profile["last_name"]) == 2
    assert "•••@" in profile["email"] and profile["customer_number"] == ""
    assert profile["loyalty_number"].endswith(loyalty[-4:]) and loyalty not in str(profile)
    cart = kiosk.get(f"/v1/customers/{loyalty}/cart", params={"code": code})
    assert cart.status_code == 200 and cart.json()["lines"]
    recs = kiosk.get(f"/v1/customers/{loyalty}/recommendations", params={"code": code})
    assert recs.status_code == 200
    # the code proves nothing about another customer, nor about their orders
    stolen = kiosk.get(f"/v1/customers/{other}/cart", params={"code": code})
    assert stolen.status_code == 403
    orders = kiosk.get(f"/v1/customers/{loyalty}/orders", params={"code": code})
    assert orders.status_code == 403


def test_profile_by_customer_or_loyalty_number(api_server: DemoServer, http: httpx.Client) -> None:
    number, loyalty = customer_with_cart(api_server)
    by_number = http.get(f"/v1/customers/{number}").json()
    by_card = http.get(f"/v1/customers/{loyalty}").json()
    resolved = http.get("/v1/loyalty/resolve", params={"number": loyalty}).json()
    assert by_number == by_card == resolved
    assert by_number["tier"] in ("bronze", "silver", "gold", "platinum")
    assert set(by_number["consents"]) == {"email", "sms"} and by_number["addresses"]
    missing = http.get("/v1/customers/C9999999")
    assert missing.status_code == 404 and missing.json()["type"] == PROBLEM + "not-found"
    bad = http.get("/v1/customers/hello")
    assert bad.status_code == 422 and bad.json()["type"] == PROBLEM + "invalid-customer-ref"


def test_cart_lines_carry_stock_here_and_nearest_store(
    api_server: DemoServer, http: httpx.Client
) -> None:
    number, _ = customer_with_cart(api_server)
    cart = http.get(f"/v1/customers/{number}/cart").json()
    assert cart["store_code"] == "PAR01" and len(cart["lines"]) >= 2
    for line in cart["lines"]:
        sku = line["product"]["sku"]
        availability = http.get(f"/v1/products/sku/{sku}/availability").json()
        assert line["availability"]["here"] == availability["here"]
        having = [s for s in availability["stores"] if s["available"] > 0]
        expected = having[0]["code"] if having else None
        nearest = line["availability"]["nearest"]
        assert (nearest["code"] if nearest else None) == expected
    assert cart["item_count"] == sum(line["quantity"] for line in cart["lines"])


def test_orders_newest_first_and_paged(api_server: DemoServer, http: httpx.Client) -> None:
    number, _ = customer_with_cart(api_server)
    page = http.get(f"/v1/customers/{number}/orders", params={"limit": 2}).json()
    everything = http.get(f"/v1/customers/{number}/orders", params={"limit": 50}).json()
    assert page["total"] == everything["total"] >= 3 and len(page["items"]) == 2
    dates = [o["created_at"] for o in everything["items"]]
    assert dates == sorted(dates, reverse=True)
    second = http.get(f"/v1/customers/{number}/orders", params={"limit": 2, "offset": 2}).json()
    assert [o["number"] for o in page["items"] + second["items"]] == [
        o["number"] for o in everything["items"][:4]
    ]


def test_open_orders_show_pickups_ready_here_first(
    api_server: DemoServer, http: httpx.Client
) -> None:
    number, order_number = customer_with_ready_pickup_here(api_server)
    open_orders = http.get(f"/v1/customers/{number}/open-orders").json()
    first = open_orders[0]
    assert first["pickup"]["at_this_store"] is True
    assert order_number in [o["number"] for o in open_orders]
    ready = next(o for o in open_orders if o["number"] == order_number)
    assert ready["pickup"]["status"] == "ready" and "pickup_code" not in ready["pickup"]
    for order in open_orders:
        assert order["status"] not in ("delivered", "cancelled")


def test_recommendations_deterministic_and_exclude_what_they_bought(
    api_server: DemoServer, http: httpx.Client
) -> None:
    number, _ = customer_with_cart(api_server)
    first = http.get(f"/v1/customers/{number}/recommendations").json()
    assert first == http.get(f"/v1/customers/{number}/recommendations").json()
    assert len(first["items"]) == 8
    bought = {
        str(style)
        for (style,) in query(
            api_server,
            "select p.style_code from order_lines l join orders o on o.id = l.order_id "
            "join products p on p.id = l.product_id join customers c on c.id = o.customer_id "
            "where c.customer_number = ? union select p.style_code from cart_lines l "
            "join products p on p.id = l.product_id join customers c on c.id = l.customer_id "
            "where c.customer_number = ?",
            number,
            number,
        )
    }
    recommended = [i["product"]["style_code"] for i in first["items"]]
    assert not bought & set(recommended)
    assert len(set(recommended)) == len(recommended)
    assert first["items"][0]["reason"] == "bought_together"
    scores = [i["score"] for i in first["items"] if i["reason"] == "bought_together"]
    assert scores == sorted(scores, reverse=True)


def test_product_recommendations_follow_co_purchases(
    api_server: DemoServer, http: httpx.Client
) -> None:
    (sku,) = query(
        api_server,
        "select p.sku from products p where p.category = 'Jeans' order by p.sku limit 1",
    )[0]
    recs = http.get(f"/v1/products/sku/{sku}/recommendations", params={"limit": 6}).json()
    assert recs["basis"] == "product" and len(recs["items"]) == 6
    categories = {i["product"]["category"] for i in recs["items"]}
    # the demo history buys jeans with t-shirts, sneakers and bags
    assert categories & {"T-shirts", "Baskets", "Sacs"}
    style = str(sku).split("-")[0]
    assert all(i["product"]["style_code"] != style for i in recs["items"])
    assert http.get("/v1/products/sku/NOPE-1/recommendations").status_code == 404


def test_availability_batch(api_server: DemoServer, http: httpx.Client) -> None:
    skus = [str(s) for (s,) in query(api_server, "select sku from products order by id limit 30")]
    batch = http.post("/v1/availability/batch", json={"skus": [*skus, "NOPE-1"]}).json()
    assert batch["store_code"] == "PAR01" and batch["unknown"] == ["NOPE-1"]
    assert [i["sku"] for i in batch["items"]] == skus
    one = http.get(f"/v1/products/sku/{skus[0]}/availability").json()
    assert batch["items"][0]["here"] == one["here"]
    assert batch["items"][0]["warehouse"] == sum(w["available"] for w in one["warehouses"])
    empty = http.post("/v1/availability/batch", json={"skus": []})
    assert empty.status_code == 422


def test_loyalty_code_verifies_with_the_published_key(
    api_server: DemoServer, http: httpx.Client
) -> None:
    number, loyalty = customer_with_cart(api_server)
    keys = http.get("/v1/loyalty/keys").json()
    assert keys["prefix"] == "LOY1" and keys["keys"][0]["alg"] == "Ed25519"
    public = {
        k["kid"]: Ed25519PublicKey.from_public_bytes(b64url_decode(k["public_key"]))
        for k in keys["keys"]
    }
    code = issue_code(http, number)
    verified = verify_signed_code(code, public, time.time(), expected_prefix="LOY1")
    assert verified.claims["n"] == loyalty and verified.kid in public
    assert verified.expires_at - verified.issued_at == 120
    assert classify(code).kind is ScanKind.LOYALTY_SIGNED
    # the signer is the server's configured key (its key file), not one derived from the seed
    assert loyalty_signer(api_server).kid in public


def test_loyalty_code_is_idempotent_and_refused_when_forged_or_expired(
    api_server: DemoServer, http: httpx.Client, kiosk: httpx.Client
) -> None:
    number, loyalty = customer_with_cart(api_server)
    key = str(uuid.uuid4())
    first = http.post(
        f"/v1/customers/{number}/loyalty-code", json={}, headers={"Idempotency-Key": key}
    )
    again = http.post(
        f"/v1/customers/{number}/loyalty-code", json={}, headers={"Idempotency-Key": key}
    )
    assert first.json() == again.json() and again.headers["Idempotent-Replayed"] == "true"
    no_key = http.post(f"/v1/customers/{number}/loyalty-code", json={})
    assert no_key.status_code == 400
    kiosk_issue = kiosk.post(
        f"/v1/customers/{number}/loyalty-code", json={}, headers={"Idempotency-Key": key}
    )
    assert kiosk_issue.status_code == 403
    now = int(time.time())
    signer = loyalty_signer(api_server)
    expired, _, _ = signer.issue(loyalty, ttl_s=60, now=now - 600)
    forged = sign_code(
        "LOY1",
        {"n": loyalty, "iat": now, "exp": now + 60, "kid": signer.kid, "jti": "x"},
        Ed25519PrivateKey.generate(),
    )
    for code in (expired, forged, "LOY1.abc.def"):
        refused = kiosk.get("/v1/loyalty/resolve", params={"code": code})
        assert refused.status_code == 403
        assert refused.json()["type"] == PROBLEM + "invalid-loyalty-code"
