"""Customer 360 endpoints of the central API, as typed functions over the one ``ApiClient``.

``ref`` is a customer number (``C0000001``) or a loyalty card number: a scanned card opens
every panel at once. ``code`` is the customer's signed ``LOY1`` code; a kiosk must send it
(the server only shows a kiosk the customer the code names, masked).

Paths are templates in :class:`CustomerPaths` so that a test can point one panel at a
broken path and watch the others keep working.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.models.customer import (
    AvailabilityBatch,
    Cart,
    CustomerPage,
    CustomerProfile,
    LoyaltyCodeIssued,
    LoyaltyKeys,
    OrderPage,
    OrderSummary,
    Recommendations,
)


@dataclass(frozen=True)
class CustomerPaths:
    profile: str = "/v1/customers/{ref}"
    cart: str = "/v1/customers/{ref}/cart"
    orders: str = "/v1/customers/{ref}/orders"
    open_orders: str = "/v1/customers/{ref}/open-orders"
    recommendations: str = "/v1/customers/{ref}/recommendations"
    search: str = "/v1/customers"
    resolve: str = "/v1/loyalty/resolve"
    keys: str = "/v1/loyalty/keys"
    loyalty_code: str = "/v1/customers/{ref}/loyalty-code"
    availability_batch: str = "/v1/availability/batch"


DEFAULT_PATHS = CustomerPaths()


def _path(template: str, **values: str) -> str:
    return template.format(**{k: quote(v, safe="") for k, v in values.items()})


def _code(code: str | None, extra: dict[str, Any] | None = None) -> dict[str, Any] | None:
    params = dict(extra or {})
    if code:
        params["code"] = code
    return params or None


class CustomerApi:
    """The customer endpoints; one instance per client (and per set of paths)."""

    def __init__(self, client: ApiClient, paths: CustomerPaths = DEFAULT_PATHS) -> None:
        self.client = client
        self.paths = paths

    async def search(self, query: str, limit: int = 20, offset: int = 0) -> CustomerPage:
        data = await self.client.get(
            self.paths.search, {"q": query, "limit": limit, "offset": offset}
        )
        return ApiClient.parse_as(CustomerPage, data)

    async def profile(self, ref: str, code: str | None = None) -> CustomerProfile:
        data = await self.client.get(_path(self.paths.profile, ref=ref), _code(code))
        return ApiClient.parse_as(CustomerProfile, data)

    async def resolve_number(self, number: str) -> CustomerProfile:
        data = await self.client.get(self.paths.resolve, {"number": number})
        return ApiClient.parse_as(CustomerProfile, data)

    async def resolve_code(self, code: str) -> CustomerProfile:
        data = await self.client.get(self.paths.resolve, {"code": code})
        return ApiClient.parse_as(CustomerProfile, data)

    async def cart(self, ref: str, code: str | None = None) -> Cart:
        data = await self.client.get(_path(self.paths.cart, ref=ref), _code(code))
        return ApiClient.parse_as(Cart, data)

    async def orders(self, ref: str, limit: int = 10, offset: int = 0) -> OrderPage:
        data = await self.client.get(
            _path(self.paths.orders, ref=ref), {"limit": limit, "offset": offset}
        )
        return ApiClient.parse_as(OrderPage, data)

    async def open_orders(self, ref: str) -> list[OrderSummary]:
        data = await self.client.get(_path(self.paths.open_orders, ref=ref))
        return ApiClient.parse_as(list[OrderSummary], data)

    async def recommendations(
        self, ref: str, code: str | None = None, limit: int = 8
    ) -> Recommendations:
        data = await self.client.get(
            _path(self.paths.recommendations, ref=ref), _code(code, {"limit": limit})
        )
        return ApiClient.parse_as(Recommendations, data)

    async def availability_batch(self, skus: list[str]) -> AvailabilityBatch:
        """A read sent as POST (the SKU list can be long); changes nothing on the server."""
        data = await self.client.post(self.paths.availability_batch, {"skus": skus})
        return ApiClient.parse_as(AvailabilityBatch, data)

    async def loyalty_keys(self) -> LoyaltyKeys:
        return ApiClient.parse_as(LoyaltyKeys, await self.client.get(self.paths.keys))

    async def issue_loyalty_code(
        self, ref: str, ttl_s: int = 120, *, idempotency_key: str | None = None
    ) -> LoyaltyCodeIssued:
        """Demo and test tool (what the customer's phone app gets); associate devices only."""
        data = await self.client.post(
            _path(self.paths.loyalty_code, ref=ref),
            {"ttl_s": ttl_s},
            idempotency_key=idempotency_key,
        )
        return ApiClient.parse_as(LoyaltyCodeIssued, data)
