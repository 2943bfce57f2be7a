"""Flows plug into the main window here: one line per flow in ``build_flows``.

A flow owns one screen (shown in the stack, optionally with a navigation entry) and opens
the routing destinations it handles (``handles``), e.g. "customer" for loyalty scans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from kiosk_app.flows.customer.ui.screen import CustomerFlow
from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleFlow
from kiosk_app.flows.pickup.ui.screen import PickupFlow
from kiosk_app.flows.returns.ui.screen import ReturnsFlow
from kiosk_app.kernel.routing import Destination

if TYPE_CHECKING:
    from kiosk_app.shell.main_window import MainWindow


class Flow(Protocol):
    #: routing destinations this flow opens ("customer", "pickup", "return", "order" ...)
    handles: tuple[str, ...]

    def nav_label(self) -> str | None:
        """Text of its navigation entry, or None for no entry."""

    def screen(self) -> QWidget: ...

    def open(self, destination: Destination) -> None:
        """Show what ``destination`` names (the window has already made the screen current)."""

    def modes(self) -> tuple[str, ...]:
        """Device modes that show this flow: ("associate",), ("kiosk",) or both."""


def build_flows(window: MainWindow) -> list[Flow]:
    """Every flow of the app, in navigation order. Add one line per new flow."""
    cores = window.services.cores  # each flow's Qt-free core, made by the composition root
    flows: list[Flow] = []
    flows.append(CustomerFlow(window, cores.customer(), parent=window))
    flows.append(PickupFlow(window, cores.pickups()))
    flows.append(ReturnsFlow(window, cores.returns(), parent=window))
    flows.append(EndlessAisleFlow(window, cores.endless_aisle()))
    from kiosk_app.flows.sync.ui.screen import SyncFlow

    flows.append(SyncFlow(window, cores.sync_queue(), parent=window))
    from kiosk_app.flows.first_run.ui.screen import FirstRunFlow

    flows.append(FirstRunFlow(window))  # last: its PRV1 scan consumer sits on top
    return flows
