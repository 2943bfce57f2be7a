"""Flows plug into the main window here: one line per flow in ``build_flows``.

A flow owns one screen (shown in the stack, optionally with a navigation entry) and opens
the routing destinations it handles (``handles``), e.g. "customer" for loyalty scans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

from kiosk_app.core.routing import Destination
from kiosk_app.ui.screens.customer import CustomerFlow
from kiosk_app.ui.screens.endless_aisle import EndlessAisleFlow
from kiosk_app.ui.screens.pickup import PickupFlow
from kiosk_app.ui.screens.returns import ReturnsFlow

if TYPE_CHECKING:
    from kiosk_app.ui.main_window import MainWindow


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
    flows: list[Flow] = []
    flows.append(CustomerFlow(window, parent=window))
    flows.append(PickupFlow(window))
    flows.append(ReturnsFlow(window, parent=window))
    flows.append(EndlessAisleFlow(window))
    from kiosk_app.ui.screens.sync_status import SyncFlow

    flows.append(SyncFlow(window, parent=window))
    from kiosk_app.ui.screens.first_run import FirstRunFlow

    flows.append(FirstRunFlow(window))  # last: its PRV1 scan consumer sits on top
    return flows
