"""What the composition root hands to the UI (injected, never looked up globally).

Qt-free: :func:`kiosk_app.app.build_app` makes it, the main window and its screens read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk_app.app.flow_cores import FlowCores
from kiosk_app.core.api.client import ApiClient
from kiosk_app.core.connection import ConnectionMonitor
from kiosk_app.core.live import LiveEvents
from kiosk_app.core.offline.policy import OfflinePolicy
from kiosk_app.core.outbox import Outbox, SyncEngine
from kiosk_app.core.scan_hub import ScanHub
from kiosk_app.core.services.product_screen import ProductController

if TYPE_CHECKING:
    from kiosk_app.hardware.decoding import Decoder


@dataclass
class Services:
    client: ApiClient
    connection: ConnectionMonitor
    store_code: str
    store_name: str
    device_name: str
    mode: str
    language: str
    outbox: Outbox  # durable queue of every write
    sync: SyncEngine
    products: ProductController
    decoder: Decoder  # the camera's barcode decoder (config: decoder)
    cores: FlowCores  # each flow's core service, made fresh for its screen
    scans: ScanHub = field(default_factory=ScanHub)
    #: the kiosk's own language, kept when a customer picks another (the idle reset
    #: returns to it); None until a customer first switches
    home_language: str | None = None
    decoder_warning: str | None = None  # the configured decoder is missing: zxing instead
    offline_policy: OfflinePolicy = field(default_factory=OfflinePolicy)
    brand_name: str | None = None  # the retailer's name in the rail (config: brand_name)
    brand_logo: Path | None = None  # and its logo (config: brand_logo)
    live: LiveEvents | None = None  # the device's live-event subscription (None: none)
