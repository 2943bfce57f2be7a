"""Helpers of the staff/auth tests (no tests here): signing in over real HTTP.

State: these tests run on the shared server but only touch records no other test uses:
the MRS01 store (its staff policy is switched to ``required``) and its staff A301-A304,
M301, T301, plus the inactive X901.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from central_api.demo.staff import demo_staff
from kiosk_app.kernel.demo_server import DemoServer
from tests.conftest import enroll

PROBLEM = "https://api.omnistore.example/problems/"
REQUIRED_STORE = "MRS01"


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def bearer(token: str, staff_token: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    if staff_token:
        headers["X-Staff-Token"] = staff_token
    return headers


def sign_in(
    url: str, device: str, staff_id: str, *, pin: str | None = None, badge: bool = False
) -> httpx.Response:
    person = demo_staff(staff_id)
    body: dict[str, Any] = {"pin": pin if pin is not None else person.pin}
    if badge:
        body["badge"] = person.badge
    else:
        body["staff_id"] = staff_id
    return httpx.post(
        url + "/v1/staff/sessions", json=body, headers={**bearer(device), **key()}, timeout=10
    )


def staff_token(url: str, device: str, staff_id: str) -> str:
    response = sign_in(url, device, staff_id)
    assert response.status_code == 201, response.text
    token: str = response.json()["token"]
    return token


def require_staff_sign_in(server: DemoServer, store: str = REQUIRED_STORE) -> str:
    """Switch ``store`` to ``required`` as its manager; returns an associate device token."""
    device = enroll(server.url, store)
    manager = staff_token(server.url, device, "M301")
    response = httpx.post(
        server.url + "/v1/staff/policy",
        json={"staff_sign_in": "required"},
        headers={**bearer(device, manager), **key()},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    assert response.json()["staff_sign_in"] == "required"
    return device
