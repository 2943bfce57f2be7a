"""Client functions of the pickup endpoints (reads; writes go through the outbox)."""

from __future__ import annotations

from urllib.parse import quote

from kiosk_app.flows.pickup.models import (
    PickupDetail,
    PickupKeys,
    PickupOffline,
    PickupQr,
    PickupSummary,
)
from kiosk_app.kernel.api.client import ApiClient

BASE = "/v1/pickups"
#: the store's collectable pickups in full, kept (encrypted) for offline hand-overs
OFFLINE_PATH = f"{BASE}/offline"


def order_path(order_number: str) -> str:
    return f"{BASE}/{quote(order_number.strip().upper(), safe='')}"


def check_in_path(order_number: str) -> str:
    """Outbox path of ``POST …/check-in``."""
    return order_path(order_number) + "/check-in"


def complete_path(order_number: str) -> str:
    """Outbox path of ``POST …/complete``."""
    return order_path(order_number) + "/complete"


async def list_pickups(
    client: ApiClient, *, query: str | None = None, status: str = "active"
) -> list[PickupSummary]:
    params: dict[str, str] = {"status": status}
    if query and query.strip():
        params["q"] = query.strip()
    return client.parse_as(list[PickupSummary], await client.get(BASE, params))


async def get_pickup(client: ApiClient, order_number: str) -> PickupDetail:
    return client.parse_as(PickupDetail, await client.get(order_path(order_number)))


async def pickup_by_code(client: ApiClient, code: str) -> PickupDetail:
    data = await client.get(f"{BASE}/by-code/{quote(code.strip(), safe='')}")
    return client.parse_as(PickupDetail, data)


async def pickups_for_offline(client: ApiClient) -> list[PickupOffline]:
    return client.parse_as(list[PickupOffline], await client.get(OFFLINE_PATH))


async def pickup_keys(client: ApiClient) -> PickupKeys:
    return client.parse_as(PickupKeys, await client.get(f"{BASE}/keys"))


async def issue_pickup_qr(client: ApiClient, order_number: str, idempotency_key: str) -> PickupQr:
    """Re-issue the confirmation email's QR (tools and tests; not a business change)."""
    data = await client.post(order_path(order_number) + "/qr", {}, idempotency_key=idempotency_key)
    return client.parse_as(PickupQr, data)
