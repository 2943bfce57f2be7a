"""Real writes that the real server refuses or accepts, for the offline tests."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from kiosk_app.kernel.outbox import Outbox, OutboxEntry

ENROLL_PATH = "/v1/devices/enroll"
ENROLL_OP = "devices.enroll"


def enroll_body(
    name: str | None = None, *, token: str = "demo-enrollment", store: str = "PAR01"
) -> dict[str, Any]:
    return {
        "enrollment_token": token,
        "store_code": store,
        "mode": "associate",
        "device_name": name or f"offline-test-{uuid.uuid4().hex[:10]}",
    }


def collected_order(url: str, token: str) -> dict[str, Any]:
    """A pickup of the store that was already handed over (read only)."""
    response = httpx.get(
        url + "/v1/pickups",
        params={"status": "collected"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    response.raise_for_status()
    rows: list[dict[str, Any]] = response.json()
    assert rows, "the demo data has collected pickups"
    return rows[0]


def queue_refusals(outbox: Outbox, url: str, token: str) -> dict[str, OutboxEntry]:
    """Three writes the server will refuse, for three different reasons, plus one it takes."""
    number = collected_order(url, token)["order_number"]
    complete_body = {
        "lines": [{"line_no": 1, "picked": 1}],
        "verification": {"method": "id_check", "id_document_type": "id_card"},
        "associate": "Alex",
    }
    return {
        "conflict": outbox.append(
            "pickup.complete", "POST", f"/v1/pickups/{number}/complete", complete_body
        ),
        "bad_token": outbox.append(ENROLL_OP, "POST", ENROLL_PATH, enroll_body(token="wrong")),
        "bad_store": outbox.append(ENROLL_OP, "POST", ENROLL_PATH, enroll_body(store="ZZZ99")),
        "ok": outbox.append(ENROLL_OP, "POST", ENROLL_PATH, enroll_body()),
    }
