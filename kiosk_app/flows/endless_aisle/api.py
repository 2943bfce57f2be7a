"""Client calls of the endless-aisle endpoints (reads; writes go through the outbox)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from kiosk_app.flows.endless_aisle.models import (
    CartItem,
    CustomerSummary,
    EndlessAisleOrder,
    FulfilmentOptions,
)
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.api.errors import NotFound, UnexpectedResponse

ORDERS_PATH = "/v1/endless-aisle/orders"
OPTIONS_PATH = "/v1/fulfilment-options"


def order_path(number: str) -> str:
    return f"{ORDERS_PATH}/{quote(number, safe='')}"


def demo_pay_path(number: str) -> str:
    return order_path(number) + "/demo-pay"


async def fulfilment_options(
    client: ApiClient, lines: list[dict[str, Any]], destination: dict[str, Any]
) -> FulfilmentOptions:
    """POST because of the body, but a read: safe to repeat, nothing is reserved."""
    data = await client.post(OPTIONS_PATH, {"lines": lines, "destination": destination})
    return ApiClient.parse_as(FulfilmentOptions, data)


async def get_order(client: ApiClient, number: str) -> EndlessAisleOrder:
    return ApiClient.parse_as(EndlessAisleOrder, await client.get(order_path(number)))


async def customer_summary(client: ApiClient, code: str) -> CustomerSummary:
    data = await client.get(f"/v1/endless-aisle/customers/{quote(code, safe='')}")
    return ApiClient.parse_as(CustomerSummary, data)


async def online_cart(client: ApiClient, customer_number: str) -> list[CartItem] | None:
    """The customer's online cart (``GET /v1/customers/{n}/cart``), or None when the server
    has no cart endpoint. Lines are read leniently: ``lines[].product.sku`` or ``lines[].sku``.
    """
    try:
        data = await client.get(f"/v1/customers/{quote(customer_number, safe='')}/cart")
    except NotFound as exc:
        if exc.body and isinstance(exc.body, dict) and "Customer" in str(exc.body.get("title")):
            raise
        return None
    raw_lines = data.get("lines", data.get("items")) if isinstance(data, dict) else data
    if not isinstance(raw_lines, list):
        raise UnexpectedResponse("The online cart has an unexpected shape.")
    items: list[CartItem] = []
    for raw in raw_lines:
        if not isinstance(raw, dict):
            continue
        product = raw.get("product")
        sku = product.get("sku") if isinstance(product, dict) else raw.get("sku")
        quantity = raw.get("quantity", 1)
        if isinstance(sku, str) and isinstance(quantity, int) and quantity > 0:
            items.append(CartItem(sku=sku, quantity=quantity))
    return items
