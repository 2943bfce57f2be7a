"""State behind the product screen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from kiosk_app.flows.product.api import ProductApi
from kiosk_app.flows.product.live import STOCK_CHANGED, NotShown, apply_stock
from kiosk_app.flows.product.lookup import ProductDetails, lookup_by_gtin, lookup_by_sku
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.live import RESYNC, LiveEvent, LiveEvents
from kiosk_app.kernel.models.customer import Recommendations
from kiosk_app.kernel.remote_state import Loaded, RemoteValue


class ProductController:
    """Loads a product (by GTIN or SKU), then what goes well with it, into observable state.

    The recommendations are a second, independent panel: the product shows as soon as it
    is known, and a failing recommendations request never hides the product.
    """

    def __init__(self, client: ApiClient) -> None:
        self._client = client
        self._products = ProductApi(client)
        self.details: RemoteValue[ProductDetails] = RemoteValue()
        self.goes_well_with: RemoteValue[Recommendations] = RemoteValue()
        self._refreshing: asyncio.Future[Any] | None = None

    async def show_gtin(self, gtin14: str) -> ProductDetails | None:
        self.goes_well_with.clear()
        details = await self.details.load(gtin14, lambda: lookup_by_gtin(self._client, gtin14))
        await self._load_recommendations(details)
        return details

    async def show_sku(self, sku: str) -> ProductDetails | None:
        details = await self.details.load(sku, lambda: lookup_by_sku(self._client, sku))
        await self._load_recommendations(details)
        return details

    async def _load_recommendations(self, details: ProductDetails | None) -> None:
        if details is None:
            return
        style = details.product.sku
        await self.goes_well_with.load(
            style, lambda: self._products.recommendations(style, limit=4)
        )

    def follow_stock(self, live: LiveEvents) -> Callable[[], None]:
        """Keep the stock shown current from ``stock.changed`` events; returns the
        unsubscribe function."""

        def changed(event: LiveEvent) -> None:
            state = self.details.state.value
            if not isinstance(state, Loaded):
                return
            if event.type == RESYNC:
                self._refresh_soon()
                return
            try:
                updated = apply_stock(state.value, event.payload)
            except NotShown:
                self._refresh_soon()
                return
            if updated is not state.value:
                self.details.state.set(Loaded(updated))

        return live.subscribe(STOCK_CHANGED, changed)

    def _refresh_soon(self) -> None:
        if self._refreshing is None or self._refreshing.done():
            self._refreshing = asyncio.ensure_future(self.details.refresh())
