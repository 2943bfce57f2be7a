"""Product endpoints the product flow reads beyond the lookup (which is in ``lookup.py``)."""

from __future__ import annotations

from urllib.parse import quote

from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.models.customer import Recommendations

RECOMMENDATIONS = "/v1/products/sku/{sku}/recommendations"


class ProductApi:
    def __init__(self, client: ApiClient) -> None:
        self.client = client

    async def recommendations(self, sku: str, limit: int = 6) -> Recommendations:
        """What goes well with this product (bought together), best first."""
        path = RECOMMENDATIONS.format(sku=quote(sku, safe=""))
        data = await self.client.get(path, {"limit": limit})
        return ApiClient.parse_as(Recommendations, data)
