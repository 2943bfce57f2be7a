"""The reference API over real HTTP on a free port."""

from __future__ import annotations

import uuid

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer

PROBLEM = "https://api.omnistore.example/problems/"


@pytest.fixture
def http(api_server: DemoServer, device_token: str) -> httpx.Client:
    with httpx.Client(
        base_url=api_server.url, headers={"Authorization": f"Bearer {device_token}"}, timeout=10
    ) as client:
        yield client


def test_health_and_openapi(api_server: DemoServer) -> None:
    assert httpx.get(api_server.url + "/v1/health").json()["status"] == "ok"
    spec = httpx.get(api_server.url + "/openapi.json").json()
    for path in ("/v1/products/gtin/{gtin}", "/v1/devices/enroll", "/v1/stores"):
        assert path in spec["paths"]


def test_requests_without_token_get_problem_json(api_server: DemoServer) -> None:
    response = httpx.get(api_server.url + "/v1/stores")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == PROBLEM + "unauthorized" and body["status"] == 401
    bad = httpx.get(api_server.url + "/v1/stores", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.json()["type"] == PROBLEM + "invalid-token"


def test_stores(http: httpx.Client) -> None:
    stores = http.get("/v1/stores").json()
    assert len([s for s in stores if s["kind"] == "store"]) >= 12
    assert len([s for s in stores if s["kind"] == "warehouse"]) == 1
    assert http.get("/v1/stores/lyo01").json()["city"] == "Lyon"
    missing = http.get("/v1/stores/XXX99")
    assert missing.status_code == 404 and missing.json()["type"] == PROBLEM + "not-found"


def test_product_by_gtin_13_and_14_and_by_sku(http: httpx.Client) -> None:
    first = http.get("/v1/products", params={"limit": 1}).json()["items"][0]
    gtin14 = first["gtin"]
    assert http.get(f"/v1/products/gtin/{gtin14}").json()["sku"] == first["sku"]
    assert http.get(f"/v1/products/gtin/{gtin14[1:]}").json()["sku"] == first["sku"]
    assert http.get(f"/v1/products/sku/{first['sku'].lower()}").json()["gtin"] == gtin14
    assert first["price"] == f"{float(first['price']):.2f}"  # decimals travel as strings


def test_bad_and_unknown_gtin(http: httpx.Client) -> None:
    bad = http.get("/v1/products/gtin/3760123000018")
    assert bad.status_code == 422 and bad.json()["type"] == PROBLEM + "invalid-gtin"
    unknown = http.get("/v1/products/gtin/4006381333931")
    assert unknown.status_code == 404 and unknown.json()["type"] == PROBLEM + "not-found"


def test_search_and_pagination(http: httpx.Client) -> None:
    page = http.get("/v1/products", params={"q": "chemise", "limit": 5}).json()
    assert page["total"] > 5 and len(page["items"]) == 5
    assert all("chemise" in p["name"].lower() for p in page["items"])
    page2 = http.get("/v1/products", params={"q": "chemise", "limit": 5, "offset": 5}).json()
    assert {p["sku"] for p in page["items"]}.isdisjoint({p["sku"] for p in page2["items"]})
    invalid = http.get("/v1/products", params={"limit": 0})
    assert invalid.status_code == 422 and invalid.json()["type"] == PROBLEM + "validation"


def test_variants_share_the_style(http: httpx.Client) -> None:
    product = http.get("/v1/products", params={"q": "jean", "limit": 1}).json()["items"][0]
    variants = http.get(f"/v1/products/sku/{product['sku']}/variants").json()
    assert len(variants) > 1
    assert {v["style_code"] for v in variants} == {product["style_code"]}
    assert all(isinstance(v["available_here"], int) and v["available_here"] >= 0 for v in variants)


def test_availability_sorted_by_distance_from_the_device_store(http: httpx.Client) -> None:
    sku = http.get("/v1/products", params={"limit": 1}).json()["items"][0]["sku"]
    avail = http.get(f"/v1/products/sku/{sku}/availability").json()
    assert avail["store_code"] == "PAR01"
    codes = [s["code"] for s in avail["stores"]]
    assert "PAR01" not in codes and len(codes) >= 11
    assert codes[0] == "PAR02"  # the other Paris store is nearest
    distances = [s["distance_km"] for s in avail["stores"]]
    assert distances == sorted(distances)
    assert [w["code"] for w in avail["warehouses"]] == ["WH-ORL"]
    from_lyon = http.get(f"/v1/products/sku/{sku}/availability", params={"store": "LYO01"}).json()
    assert from_lyon["stores"][0]["code"] == "GNB01"  # Grenoble is nearest to Lyon


def _enroll(url: str, key: str, **overrides: str) -> httpx.Response:
    body = {
        "enrollment_token": "demo-enrollment",
        "store_code": "PAR01",
        "mode": "kiosk",
        "device_name": "kiosk-1",
        **overrides,
    }
    return httpx.post(url + "/v1/devices/enroll", json=body, headers={"Idempotency-Key": key})


def test_idempotency_key_replays_the_first_response(api_server: DemoServer) -> None:
    key = str(uuid.uuid4())
    first = _enroll(api_server.url, key)
    again = _enroll(api_server.url, key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()  # same device, same token: enrolled once
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert "Idempotent-Replayed" not in first.headers


def test_idempotency_key_with_another_body_is_refused(api_server: DemoServer) -> None:
    key = str(uuid.uuid4())
    assert _enroll(api_server.url, key).status_code == 201
    reused = _enroll(api_server.url, key, device_name="another")
    assert reused.status_code == 422
    assert reused.json()["type"] == PROBLEM + "idempotency-key-reused"


def test_post_without_idempotency_key_is_refused(api_server: DemoServer) -> None:
    response = httpx.post(api_server.url + "/v1/devices/enroll", json={})
    assert response.status_code == 400
    assert response.json()["type"] == PROBLEM + "idempotency-key-missing"


def test_refusals_are_replayed_too(api_server: DemoServer) -> None:
    key = str(uuid.uuid4())
    first = _enroll(api_server.url, key, store_code="ZZZ99")
    assert first.status_code == 422 and first.json()["type"] == PROBLEM + "unknown-store"
    assert _enroll(api_server.url, key, store_code="ZZZ99").json() == first.json()


def test_bad_enrollment_token(api_server: DemoServer) -> None:
    response = _enroll(api_server.url, str(uuid.uuid4()), enrollment_token="wrong")
    assert response.status_code == 401
    assert response.json()["type"] == PROBLEM + "invalid-enrollment-token"


def test_device_me_reports_store_and_scopes(http: httpx.Client) -> None:
    me = http.get("/v1/devices/me").json()
    assert me["store"]["code"] == "PAR01" and me["mode"] == "associate"
    assert "catalog:read" in me["scopes"]


def test_every_sku_shape_resolves(http: httpx.Client) -> None:
    """SKUs with lowercase parts (bed sizes like 140x190) resolve, in any case."""
    page = http.get("/v1/products", params={"q": "140x190", "limit": 1}).json()
    sku = page["items"][0]["sku"]
    assert "x" in sku
    for variant in (sku, sku.upper(), sku.lower()):
        assert http.get(f"/v1/products/sku/{variant}/availability").status_code == 200
