"""Client functions of the returns endpoints (reads; the return itself goes through the outbox)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from kiosk_app.flows.returns.models import (
    Approval,
    RefundQuote,
    ReturnableOrder,
    ReturnPolicy,
    ReturnReceipt,
)
from kiosk_app.kernel.api.client import ApiClient

RETURNS_PATH = "/v1/returns"
#: Outbox operation name of a return.
RETURN_OP = "returns.create"


def order_path(number: str) -> str:
    return f"/v1/orders/{quote(number.strip().upper(), safe='')}"


async def get_policy(client: ApiClient) -> ReturnPolicy:
    return client.parse_as(ReturnPolicy, await client.get("/v1/return-policy"))


async def get_order(client: ApiClient, number: str) -> ReturnableOrder:
    return client.parse_as(ReturnableOrder, await client.get(order_path(number)))


async def get_return(client: ApiClient, return_number: str) -> ReturnReceipt:
    data = await client.get(f"{RETURNS_PATH}/{quote(return_number.strip().upper(), safe='')}")
    return client.parse_as(ReturnReceipt, data)


async def refund_quote(
    client: ApiClient, number: str, returning: Mapping[int, int], method: str = "original"
) -> RefundQuote:
    """The server's quote (pure: changes nothing, so no idempotency key matters)."""
    body = {
        "lines": [{"line_no": n, "quantity": q} for n, q in sorted(returning.items()) if q > 0],
        "refund_method": method,
    }
    data = await client.post(order_path(number) + "/refund-quote", body)
    return client.parse_as(RefundQuote, data)


async def request_approval(
    client: ApiClient, order_number: str, manager_id: str, pin: str
) -> Approval:
    """Check a manager's ID + PIN; the answer is a signed approval for this order.

    Not a state change (the server stores nothing), so it is sent directly, not queued:
    the PIN never lands in the outbox.
    """
    body = {"order_number": order_number, "manager_id": manager_id, "pin": pin}
    return client.parse_as(Approval, await client.post(f"{RETURNS_PATH}/approvals", body))
