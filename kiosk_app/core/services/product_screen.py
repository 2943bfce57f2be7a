"""State behind the product screen."""

from __future__ import annotations

from kiosk_app.core.api.client import ApiClient
from kiosk_app.core.remote_state import RemoteValue
from kiosk_app.core.services.product_lookup import ProductDetails, lookup_by_gtin, lookup_by_sku


class ProductController:
    """Loads a product (by GTIN or SKU) into an observable state the screen renders."""

    def __init__(self, client: ApiClient) -> None:
        self._client = client
        self.details: RemoteValue[ProductDetails] = RemoteValue()

    async def show_gtin(self, gtin14: str) -> ProductDetails | None:
        return await self.details.load(gtin14, lambda: lookup_by_gtin(self._client, gtin14))

    async def show_sku(self, sku: str) -> ProductDetails | None:
        return await self.details.load(sku, lambda: lookup_by_sku(self._client, sku))
