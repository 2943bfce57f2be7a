"""The shared services every flow and the shell read (injected, never looked up globally).

Qt-free. :func:`kiosk_app.app.build_app` makes them (as :class:`kiosk_app.app.Services`,
which adds what only the shell and the composition root hand out: the product controller
and each flow's core). A flow is typed against :class:`SharedServices` alone, so that it
never reaches another flow's core (import contract ``kiosk-flows-independent``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.connection import ConnectionMonitor
from kiosk_app.kernel.live import LiveEvents
from kiosk_app.kernel.offline.policy import OfflinePolicy
from kiosk_app.kernel.outbox import Outbox, SyncEngine
from kiosk_app.kernel.scan_hub import ScanHub

if TYPE_CHECKING:
    from kiosk_app.hardware.decoding.decoder_protocol import Decoder


@dataclass(kw_only=True)
class SharedServices:
    client: ApiClient
    connection: ConnectionMonitor
    store_code: str
    store_name: str
    device_name: str
    mode: str
    language: str
    outbox: Outbox  # durable queue of every write
    sync: SyncEngine
    decoder: Decoder  # the camera's barcode decoder (config: decoder)
    scans: ScanHub = field(default_factory=ScanHub)
    #: the kiosk's own language, kept when a customer picks another (the idle reset
    #: returns to it); None until a customer first switches
    home_language: str | None = None
    decoder_warning: str | None = None  # the configured decoder is missing: zxing instead
    offline_policy: OfflinePolicy = field(default_factory=OfflinePolicy)
    brand_name: str | None = None  # the retailer's name in the rail (config: brand_name)
    brand_logo: Path | None = None  # and its logo (config: brand_logo)
    live: LiveEvents | None = None  # the device's live-event subscription (None: none)
