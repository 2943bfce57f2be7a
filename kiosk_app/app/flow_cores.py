"""The Qt-free core service of each flow, made by the composition root.

A flow's screen asks for a fresh one (:class:`FlowCores` is on ``Services.cores``) instead
of assembling it from the client, outbox and sync engine itself: each window has its own
(a kiosk that switches language builds new screens, which adopt the old ones' state), all
of them wired the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk_app.core.api.client import ApiClient
from kiosk_app.core.api.customers import CustomerApi
from kiosk_app.core.live import LiveEvents
from kiosk_app.core.offline.queue_view import SyncQueue
from kiosk_app.core.outbox import Outbox, SyncEngine
from kiosk_app.core.services.customer_360 import Customer360
from kiosk_app.core.services.endless_aisle import EndlessAisleService
from kiosk_app.core.services.pickups import PickupServices
from kiosk_app.core.services.returns import ReturnSession


@dataclass(frozen=True)
class FlowCores:
    client: ApiClient
    store_code: str
    mode: str
    outbox: Outbox
    sync: SyncEngine
    live: LiveEvents | None = None  # the device's live events (None: the screens poll)

    def customer(self) -> Customer360:
        return Customer360(CustomerApi(self.client), mode=self.mode)

    def pickups(self) -> PickupServices:
        return PickupServices(self.client, self.store_code, self.outbox, self.sync, self.live)

    def returns(self) -> ReturnSession:
        return ReturnSession(self.client, self.outbox, self.sync)

    def endless_aisle(self) -> EndlessAisleService:
        return EndlessAisleService(self.client, self.outbox, self.sync, kiosk=self.mode == "kiosk")

    def sync_queue(self) -> SyncQueue:
        return SyncQueue(self.outbox, self.sync)
