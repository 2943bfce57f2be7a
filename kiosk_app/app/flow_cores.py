"""The Qt-free core service of each flow, made by the composition root.

A flow's screen asks for a fresh one (:class:`FlowCores` is on ``Services.cores``) instead
of assembling it from the client, outbox and sync engine itself: each window has its own
(a kiosk that switches language builds new screens, which adopt the old ones' state), all
of them wired the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk_app.flows.customer.api import CustomerApi
from kiosk_app.flows.customer.customer_360 import Customer360
from kiosk_app.flows.endless_aisle.session import EndlessAisleService
from kiosk_app.flows.pickup.session import PickupServices
from kiosk_app.flows.returns.session import ReturnSession
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.live import LiveEvents
from kiosk_app.kernel.offline.queue_view import SyncQueue
from kiosk_app.kernel.outbox import Outbox, SyncEngine


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
