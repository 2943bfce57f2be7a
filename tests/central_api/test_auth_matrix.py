"""Every route of the API's OpenAPI document × every kind of caller → the expected answer.

Callers (all on MRS01, a store whose policy is ``required``): no token, a kiosk device,
an associate device with nobody signed in, a trainee, an associate, a manager. A new route
that is not in ``ROUTES`` fails the test: whoever adds a route decides who may call it.

Requests carry an ``Idempotency-Key`` and bodies that fail validation (``{}``) or bogus
path values, so nothing changes state; "passes" means the answer is not an
authentication/authorisation refusal (it may be 404 or 422 further on).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.test_staff_support import (
    PROBLEM,
    REQUIRED_STORE,
    bearer,
    require_staff_sign_in,
    staff_token,
)
from tests.conftest import enroll

CALLERS = ("none", "kiosk", "device", "trainee", "associate", "manager")
AUTH_SLUGS = {
    "unauthorized",
    "invalid-token",
    "invalid-staff-token",
    "forbidden",
    "staff-sign-in-required",
    "permission-denied",
}
# what each caller gets: "ok" passes authorisation, 401/403 is refused by it
PROFILES: dict[str, tuple[str, ...]] = {
    #            none   kiosk  device trainee assoc  manager
    "public": ("ok", "ok", "ok", "ok", "ok", "ok"),
    "device": ("401", "ok", "ok", "ok", "ok", "ok"),
    "staff": ("401", "403", "403", "403", "ok", "ok"),
    "signed-in": ("401", "401", "401", "ok", "ok", "ok"),
    "approval": ("401", "403", "403", "403", "ok", "ok"),
    "manager": ("401", "403", "403", "403", "403", "ok"),
    # a kiosk proves with the customer's code; an unattended tablet needs a person (#20)
    "check-in": ("401", "ok", "403", "ok", "ok", "ok"),
}
CUSTOMER = "C0000001"  # real: customer reads look the customer up before deciding
ROUTES: dict[tuple[str, str], str] = {
    ("GET", "/v1/health"): "public",
    ("POST", "/v1/devices/enroll"): "public",
    ("GET", "/v1/devices/me"): "device",
    ("GET", "/v1/devices"): "manager",  # the store's devices, to revoke a lost one
    ("POST", "/v1/devices/{device_id}/revoke"): "manager",
    ("GET", "/v1/stores"): "device",
    ("GET", "/v1/stores/{code}"): "device",
    ("GET", "/v1/products"): "device",
    ("GET", "/v1/products/gtin/{gtin}"): "device",
    ("GET", "/v1/products/sku/{sku}"): "device",
    ("GET", "/v1/products/sku/{sku}/variants"): "device",
    ("GET", "/v1/products/sku/{sku}/availability"): "device",
    ("GET", "/v1/products/sku/{sku}/recommendations"): "device",
    ("POST", "/v1/availability/batch"): "device",
    ("GET", "/v1/pickups/keys"): "device",
    ("GET", "/v1/pickups"): "staff",
    ("GET", "/v1/pickups/by-code/{pickup_code}"): "staff",
    ("GET", "/v1/pickups/offline"): "staff",  # the copy kept for offline hand-overs
    ("GET", "/v1/pickups/{order_number}"): "staff",
    ("POST", "/v1/pickups/{order_number}/qr"): "staff",
    ("POST", "/v1/pickups/{order_number}/check-in"): "check-in",
    ("POST", "/v1/pickups/{order_number}/complete"): "staff",
    ("POST", "/v1/fulfilment-options"): "device",  # endless aisle: kiosks order too
    ("POST", "/v1/endless-aisle/orders"): "device",
    ("GET", "/v1/endless-aisle/orders/{number}"): "device",
    ("POST", "/v1/endless-aisle/orders/{number}/demo-pay"): "staff",
    ("GET", "/v1/endless-aisle/customers/{code}"): "staff",  # a kiosk: the signed code only
    ("GET", "/v1/return-policy"): "staff",
    ("GET", "/v1/orders/{number}"): "staff",
    ("POST", "/v1/orders/{number}/refund-quote"): "staff",
    ("POST", "/v1/returns/approvals"): "staff",
    ("POST", "/v1/returns"): "staff",
    ("GET", "/v1/returns/{number}"): "staff",
    ("GET", "/v1/customers"): "staff",
    ("GET", "/v1/customers/{ref}"): "staff",  # a kiosk needs the customer's signed code
    ("GET", "/v1/customers/{ref}/cart"): "staff",
    ("GET", "/v1/customers/{ref}/orders"): "staff",
    ("GET", "/v1/customers/{ref}/open-orders"): "staff",
    ("GET", "/v1/customers/{ref}/recommendations"): "staff",
    ("POST", "/v1/customers/{ref}/loyalty-code"): "staff",
    ("GET", "/v1/loyalty/keys"): "device",
    ("GET", "/v1/loyalty/resolve"): "staff",  # by card number: associates only
    ("POST", "/v1/staff/sessions"): "device",
    ("GET", "/v1/staff/me"): "signed-in",
    ("POST", "/v1/staff/sessions/current/sign-out"): "signed-in",
    ("POST", "/v1/staff/approvals"): "approval",
    ("GET", "/v1/staff/policy"): "device",
    ("POST", "/v1/staff/policy"): "manager",
    ("GET", "/v1/events"): "device",  # each device reads what it may (test_events_api)
}
#: routes that answer a stream that never ends: only the status and a refusal are read
STREAMS = {("GET", "/v1/events")}
PARAMS: dict[tuple[str, str], dict[str, str]] = {
    ("GET", "/v1/loyalty/resolve"): {"number": "0000"},
    ("GET", "/v1/customers"): {"q": "martin"},
}
BODIES: dict[tuple[str, str], Any] = {
    # an approval of an unknown person: refused further on (never counts a real PIN)
    ("POST", "/v1/staff/approvals"): {
        "staff_id": "Z999",
        "pin": "0000",
        "action": "return.outside_window",
        "subject": "W00000001",
    },
    ("POST", "/v1/staff/policy"): {"staff_sign_in": "required"},  # what it already is
}


def openapi_operations(server: DemoServer) -> set[tuple[str, str]]:
    paths: dict[str, dict[str, Any]] = httpx.get(server.url + "/openapi.json").json()["paths"]
    return {(method.upper(), path) for path, ops in paths.items() for method in ops}


def concrete(path: str, method: str) -> str:
    path = path.replace("{ref}", CUSTOMER if method == "GET" else "ZZ0000000")
    return re.sub(r"\{[^}]+\}", "000000" if "pickup_code" in path else "ZZ0000000", path)


@pytest.fixture(scope="module")
def callers(api_server: DemoServer) -> Iterator[dict[str, dict[str, str]]]:
    url = api_server.url
    device = require_staff_sign_in(api_server)
    kiosk = enroll(url, REQUIRED_STORE, "kiosk")
    staff_devices = {name: enroll(url, REQUIRED_STORE) for name in ("T301", "A301", "M301")}
    yield {
        "none": {},
        "kiosk": bearer(kiosk),
        "device": bearer(device),
        "trainee": bearer(staff_devices["T301"], staff_token(url, staff_devices["T301"], "T301")),
        "associate": bearer(staff_devices["A301"], staff_token(url, staff_devices["A301"], "A301")),
        "manager": bearer(staff_devices["M301"], staff_token(url, staff_devices["M301"], "M301")),
    }


def test_every_route_is_in_the_table(api_server: DemoServer) -> None:
    operations = openapi_operations(api_server)
    assert operations - set(ROUTES) == set(), "classify the new routes in ROUTES"
    assert set(ROUTES) - operations == set(), "routes that no longer exist"


def _outcome(response: httpx.Response) -> str:
    slug = ""
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        slug = str(response.json().get("type", "")).removeprefix(PROBLEM)
    if response.status_code in (401, 403) and slug in AUTH_SLUGS:
        return str(response.status_code)
    assert response.status_code < 500, response.text
    return "ok"


@pytest.mark.parametrize(
    ("method", "path"),
    # sign-out last: it ends the caller's session
    sorted(ROUTES, key=lambda op: (op[1].endswith("sign-out"), op)),
)
def test_route_answers_each_caller_as_the_table_says(
    api_server: DemoServer, callers: dict[str, dict[str, str]], method: str, path: str
) -> None:
    expected = PROFILES[ROUTES[(method, path)]]
    target = api_server.url + concrete(path, method)
    got = []
    with httpx.Client(timeout=10) as http:
        for caller in CALLERS:
            headers = {**callers[caller], "Idempotency-Key": str(uuid.uuid4())}
            if (method, path) in STREAMS:
                with http.stream("GET", target, headers=headers) as response:
                    if response.status_code != 200:
                        response.read()
                    got.append(_outcome(response))
                continue
            if method == "GET":
                response = http.get(target, params=PARAMS.get((method, path)), headers=headers)
            else:
                body = BODIES.get((method, path), {})
                response = http.post(target, json=body, headers=headers)
            got.append(_outcome(response))
    assert tuple(got) == expected, dict(zip(CALLERS, got, strict=True))


def test_optional_store_keeps_device_grants_but_still_checks_a_signed_in_role(
    api_server: DemoServer, device_token: str
) -> None:
    url = api_server.url  # PAR01: demo policy "optional", as before staff sign-in existed
    assert httpx.get(url + "/v1/pickups", headers=bearer(device_token)).status_code == 200
    other = enroll(url)
    trainee = staff_token(url, other, "T101")
    refused = httpx.get(url + "/v1/pickups", headers=bearer(other, trainee))
    assert refused.status_code == 403 and refused.json()["type"] == PROBLEM + "permission-denied"
    scopes = httpx.get(url + "/v1/devices/me", headers=bearer(other, trainee)).json()["scopes"]
    assert "pickups:complete" not in scopes and "catalog:read" in scopes


def test_kiosk_token_is_refused_staff_actions_even_with_a_manager_signed_in(
    api_server: DemoServer, kiosk_token: str
) -> None:
    url = api_server.url
    manager = staff_token(url, kiosk_token, "M001")
    for method, path in ROUTES:
        if ROUTES[(method, path)] != "staff":
            continue
        headers = {**bearer(kiosk_token, manager), "Idempotency-Key": str(uuid.uuid4())}
        target = url + concrete(path, method)
        response = (
            httpx.get(target, headers=headers, params=PARAMS.get((method, path)))
            if method == "GET"
            else httpx.post(target, json={}, headers=headers)
        )
        assert response.status_code == 403, (method, path, response.text)
