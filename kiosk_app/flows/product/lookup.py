"""Find a product by its code and gather what the product screen shows."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.models.catalog import Availability, Product, Variant


@dataclass(frozen=True)
class ProductDetails:
    product: Product
    variants: list[Variant]
    availability: Availability


async def product_details(client: ApiClient, product: Product) -> ProductDetails:
    """Variants and availability fetched in parallel (two requests, one round trip)."""
    try:
        async with asyncio.TaskGroup() as group:
            variants = group.create_task(client.variants(product.sku))
            availability = group.create_task(client.availability(product.sku))
    except* Exception as group_error:  # surface the first typed ApiError, not a group
        raise group_error.exceptions[0] from None
    return ProductDetails(product, variants.result(), availability.result())


async def lookup_by_gtin(client: ApiClient, gtin14: str) -> ProductDetails:
    return await product_details(client, await client.product_by_gtin(gtin14))


async def lookup_by_sku(client: ApiClient, sku: str) -> ProductDetails:
    return await product_details(client, await client.product_by_sku(sku))
