"""Flows plug into the main window here: one line per flow in ``build_flows``.

A flow owns one screen (shown in the stack, optionally with a navigation entry) and opens
the routing destinations it handles (``handles``), e.g. "customer" for loyalty scans.
"""

from __future__ import annotations

from collections.abc import Callable
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


def flow_makers(window: MainWindow) -> dict[type, Callable[[], Flow]]:
    """How to make every flow of the app (by its class), in navigation order: one line per
    flow, each given its own core by the composition root (``Services.cores``)."""
    from kiosk_app.flows.first_run.ui.screen import FirstRunFlow
    from kiosk_app.flows.sync.ui.screen import SyncFlow

    cores = window.services.cores
    return {
        CustomerFlow: lambda: CustomerFlow(window, cores.customer(), parent=window),
        PickupFlow: lambda: PickupFlow(window, cores.pickups()),
        ReturnsFlow: lambda: ReturnsFlow(window, cores.returns(), parent=window),
        EndlessAisleFlow: lambda: EndlessAisleFlow(window, cores.endless_aisle()),
        SyncFlow: lambda: SyncFlow(window, cores.sync_queue(), parent=window),
        FirstRunFlow: lambda: FirstRunFlow(window),  # last: its PRV1 scan consumer on top
    }


def build_flows(window: MainWindow) -> list[Flow]:
    """Every flow of the app, in navigation order."""
    return [make() for make in flow_makers(window).values()]


def remake_flow(window: MainWindow, flow: Flow) -> Flow:
    """The same flow anew (fresh core, empty screen), made as :func:`build_flows` makes it."""
    return flow_makers(window)[type(flow)]()
