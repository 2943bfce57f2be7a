"""Manager approvals are the server's own records: nothing to forge, checked when used.

A return that needs a manager is accepted only with the token of an approval the server
recorded (``/v1/returns/approvals`` or ``/v1/staff/approvals``), for that order and device,
whose approver still exists, is active, may approve it and is not the person returning.
Own server: the tests deactivate and demote a manager in its database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.test_returns_api import LATE, PLAIN_LINES, Orders, line, post_return, slug
from tests.central_api.test_staff_support import bearer, key, staff_token
from tests.conftest import enroll, own_demo_server
from tests.support.test_database import execute as database_execute


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "approval-records", seed=42)


@pytest.fixture(scope="module")
def orders(server: DemoServer) -> Orders:
    return Orders(server)


def execute(server: DemoServer, sql: str, *args: Any) -> None:
    database_execute(server.db_url, sql, *args)


def signed_in(server: DemoServer, staff_id: str = "A101") -> tuple[str, httpx.Client]:
    device = enroll(server.url)
    token = staff_token(server.url, device, staff_id)
    return device, httpx.Client(base_url=server.url, headers=bearer(device, token), timeout=20)


def late_return(orders: Orders) -> dict[str, Any]:
    return {"order_number": orders.take(f"{LATE} AND {PLAIN_LINES}"), "lines": [line(1)]}


def return_approval(http: httpx.Client, number: str, manager: str = "M101") -> str:
    pins = {"M101": "8642", "M001": "2468"}
    body = {"order_number": number, "manager_id": manager, "pin": pins[manager]}
    response = http.post("/v1/returns/approvals", json=body)
    assert response.status_code == 200, response.text
    return str(response.json()["approval_token"])


def test_an_approval_signed_with_a_key_made_from_the_enrollment_token_is_refused(
    server: DemoServer, orders: Orders
) -> None:
    _, http = signed_in(server)
    body = late_return(orders)
    device_id = http.get("/v1/devices/me").json()["device_id"]
    claims = {"mgr": "M001", "order": body["order_number"], "dev": device_id}
    claims["exp"] = int(time.time()) + 3600
    raw = base64.urlsafe_b64encode(json.dumps(claims, sort_keys=True).encode()).decode()
    old_key = hashlib.sha256(b"return-approval\x00demo-enrollment").digest()
    forged = f"{raw}.{hmac.new(old_key, raw.encode(), hashlib.sha256).hexdigest()}"
    refused = post_return(http, {**body, "approval_token": forged})
    assert refused.status_code == 403 and slug(refused) == "invalid-approval"
    assert post_return(http, {**body, "approval_token": "apv_" + "x" * 43}).status_code == 403


def test_an_approval_from_staff_approvals_is_accepted_for_its_order(
    server: DemoServer, orders: Orders
) -> None:
    _, http = signed_in(server)
    body = late_return(orders)
    asked = {"staff_id": "M101", "pin": "8642", "action": "return.outside_window"}
    approved = http.post(
        "/v1/staff/approvals", json={**asked, "subject": body["order_number"]}, headers=key()
    )
    assert approved.status_code == 201, approved.text
    token = approved.json()["approval_token"]
    done = post_return(http, {**body, "approval_token": token})
    assert done.status_code == 201, done.text
    assert done.json()["approved_by"] == "M101"


def test_the_approver_cannot_use_an_approval_for_their_own_return(
    server: DemoServer, orders: Orders
) -> None:
    device, http = signed_in(server)
    body = late_return(orders)
    token = return_approval(http, body["order_number"], "M101")
    manager = staff_token(server.url, device, "M101")  # the approver signs in on that device
    with httpx.Client(base_url=server.url, headers=bearer(device, manager)) as as_manager:
        refused = post_return(as_manager, {**body, "approval_token": token})
    assert refused.status_code == 403 and slug(refused) == "approver-must-differ"


@pytest.mark.parametrize(
    ("change", "undo"),
    [
        ("UPDATE staff_members SET active = false", "UPDATE staff_members SET active = true"),
        (
            "UPDATE staff_members SET role = 'associate'",
            "UPDATE staff_members SET role = 'manager'",
        ),
        (
            "UPDATE staff_members SET location_id = "
            "(SELECT id FROM locations WHERE code = 'LYO01')",
            "UPDATE staff_members SET location_id = "
            "(SELECT id FROM locations WHERE code = 'PAR01')",
        ),
    ],
    ids=["inactive", "no-longer-a-manager", "moved-to-another-store"],
)
def test_an_approver_who_may_no_longer_approve_is_refused(
    server: DemoServer, orders: Orders, change: str, undo: str
) -> None:
    _, http = signed_in(server)
    body = late_return(orders)
    token = return_approval(http, body["order_number"], "M101")
    execute(server, change + " WHERE staff_id = 'M101'")
    try:
        refused = post_return(http, {**body, "approval_token": token}, key=str(uuid.uuid4()))
    finally:
        execute(server, undo + " WHERE staff_id = 'M101'")
    assert refused.status_code == 403 and slug(refused) == "invalid-approval"
    assert post_return(http, {**body, "approval_token": token}).status_code == 201
