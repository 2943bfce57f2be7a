"""Pickups handed over without the network: the device's copy of its collectable pickups.

While online, the pickup queue's refresh also fetches ``GET /v1/pickups/offline`` (this
store's collectable pickups in full, with a digest of each pickup code, never the code); the
read cache keeps that answer encrypted like the rest of the pickup data. When the central API
cannot be reached, a pickup of that copy opens from it: by order number (signed QR, ID
document) or by pickup code (compared by digest). Orders not in the copy need the network.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from kiosk_app.flows.pickup.api import OFFLINE_PATH, pickups_for_offline
from kiosk_app.flows.pickup.models import PickupDetail, PickupOffline
from kiosk_app.flows.pickup.rules import pickup_code_digest
from kiosk_app.kernel.api import errors
from kiosk_app.kernel.api.client import ApiClient

log = logging.getLogger(__name__)

#: the copy is fetched again at most this often (the queue refreshes more often)
REFRESH_EVERY_S = 60.0
#: the network failures after which the copy is consulted
NETWORK_ERRORS = (errors.ApiUnavailable, errors.ApiTimeout, errors.ServerError)


class OfflinePickups:
    """The read cache's copy of the collectable pickups, and lookups in it."""

    def __init__(self, client: ApiClient, clock: Callable[[], float] = time.monotonic) -> None:
        self._client = client
        self._clock = clock
        self._fetched_at: float | None = None

    async def refresh(self, *, force: bool = False) -> bool:
        """Fetch the copy (the read cache keeps it); False when it could not be fetched."""
        now = self._clock()
        recent = self._fetched_at is not None and now - self._fetched_at < REFRESH_EVERY_S
        if recent and not force:
            return True
        try:
            await pickups_for_offline(self._client)
        except errors.ApiError as exc:
            log.info("offline pickups not refreshed: %s", exc)
            return False
        self._fetched_at = now
        return True

    def _rows(self) -> list[PickupOffline]:
        cache = self._client.read_cache
        answer = cache.lookup(OFFLINE_PATH, None) if cache is not None else None
        if cache is None or answer is None:
            return []
        try:
            rows: list[PickupOffline] = ApiClient.parse_as(list[PickupOffline], answer.body)
        except errors.ApiError:
            return []
        cache.note_served(OFFLINE_PATH, answer)
        return rows

    def by_number(self, order_number: str) -> PickupDetail | None:
        number = order_number.strip().upper()
        return next((row for row in self._rows() if row.order_number == number), None)

    def by_code(self, code: str) -> PickupDetail | None:
        return next(
            (
                r
                for r in self._rows()
                if pickup_code_digest(r.order_number, code) == r.pickup_code_digest
            ),
            None,
        )

    def code_matches(self, order_number: str, code: str) -> bool | None:
        """Is ``code`` the pickup code of the order? None: the order is not in the copy."""
        row = self.by_number(order_number)
        if not isinstance(row, PickupOffline):
            return None
        return pickup_code_digest(row.order_number, code) == row.pickup_code_digest


__all__ = ["NETWORK_ERRORS", "OfflinePickups"]
