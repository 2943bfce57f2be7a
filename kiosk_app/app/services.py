"""What the composition root hands to the shell: the shared services plus the product
controller and each flow's core (a flow's screen gets its own core from the shell, never
this whole object)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk_app.app.flow_cores import FlowCores
from kiosk_app.flows.product.session import ProductController
from kiosk_app.kernel.services import SharedServices


@dataclass(kw_only=True)
class Services(SharedServices):
    products: ProductController
    cores: FlowCores  # each flow's core service, made fresh for its screen
