"""What a flow asks of the window it plugs into (issue #21).

The main window implements :class:`FlowHost`; flows and screens are typed against it and
never import the window (import contract ``kiosk-flows-below-shell`` in pyproject.toml).
Navigation between flows goes through these methods, not through the window's flows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kiosk_app.hardware.camera import CameraScanner
    from kiosk_app.kernel.offline.policy import OfflineFlow
    from kiosk_app.kernel.routing import Destination
    from kiosk_app.kernel.services import SharedServices
    from kiosk_app.ui.widgets.status import AppStatusBar


class Navigator(Protocol):
    def show_screen(self, screen: QWidget) -> None:
        """Make ``screen`` current."""

    def show_home(self) -> None: ...

    def has_flow(self, key: str) -> bool:
        """Does this device have the flow that handles ``key`` (its mode shows it)?"""

    def open_destination(self, destination: Destination, *, flow: str | None = None) -> None:
        """Show the flow that handles ``destination`` (or the flow handling ``flow``) and
        let it open what it names."""

    def open_sku(self, sku: str) -> None:
        """The product screen on this SKU."""

    def order_for(self, customer_ref: str, lines: list[tuple[str, int]]) -> None:
        """An endless-aisle order of ``lines`` (sku, quantity) for this customer."""

    def offline_gate(self, flow: OfflineFlow) -> bool:
        """May ``flow`` go on now? The window says why not (or that it is sent later)."""

    async def confirm_gate(self, flow: OfflineFlow) -> bool:
        """May ``flow``'s write be confirmed now (asks the API when it must be online)?"""

    def hold_on(self, screen: QWidget | None) -> None:
        """Keep ``screen`` current whatever leads away, the rail's screen buttons off, until
        called with None (first run of a device that has no token yet)."""

    def device_enrolled(self) -> None:
        """The device has its token now: each flow that has ``device_enrolled`` is told."""


class FlowHost(Navigator, Protocol):
    """The window as a flow sees it: the navigator, the app's services, the status bar
    and the camera."""

    @property
    def services(self) -> SharedServices:
        """The shared services (read-only here: the shell's own is richer)."""

    status: AppStatusBar
    camera: CameraScanner
