"""Kiosk mode and idle protection, installed on the main window by the composition root.

* Associate devices: the staff gate (sign-in / lock screen over everything) and the staff
  idle lock (``staff_idle_lock_s``).
* Kiosks: full screen without window controls, Close/Alt+F4 and shortcuts swallowed; the
  only way to staff functions is a hidden long-press (3 s) on the brand name followed by a
  staff sign-in whose role allows ``kiosk.settings``. Customer sessions reset after
  ``kiosk_idle_reset_s`` without a touch, with a "Still here?" countdown for the last
  ``kiosk_idle_warning_s``; the reset clears every flow's customer data
  (:func:`reset_customer_data`).

Timing logic is in :mod:`kiosk_app.kernel.security.idle` (pure, injected clock); Qt only feeds
activity events and ticks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget

from kiosk_app.flows.sign_in.ui.screen import StaffGate
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.kernel.security.idle import IdlePhase, IdleTimer
from kiosk_app.kernel.security.permissions import Decision
from kiosk_app.kernel.security.staff_session import SignedIn, SignInRefused, StaffSession
from kiosk_app.shell.flows import remake_flow
from kiosk_app.ui.staff_credentials import CredentialForm, refusal_text
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import button, label
from kiosk_app.ui.widgets.idle_overlay import IdleOverlay

if TYPE_CHECKING:
    from kiosk_app.app import App
    from kiosk_app.shell.flows import Flow
    from kiosk_app.shell.main_window import MainWindow

log = logging.getLogger(__name__)
LONG_PRESS_MS = 3000
TICK_MS = 250
_ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


@dataclass(frozen=True)
class IdleSettings:
    staff_idle_lock_s: float = 300
    kiosk_idle_reset_s: float = 60
    kiosk_idle_warning_s: float = 15


# -- clearing customer data ---------------------------------------------------------------------
def reset_customer_data(window: MainWindow) -> None:
    """Wipe every trace of the current customer from the screens and memory-held state.

    Each flow may implement ``reset_customer_data()`` (duck-typed). A flow that does not is
    rebuilt from scratch - a new flow object and screen replace the old ones, which are
    deleted with everything they held.
    """
    for dialog in window.findChildren(QDialog):
        ours = isinstance(dialog, KioskSignInDialog | KioskStaffPanel)
        if dialog.isVisible() or ours:
            dialog.reject()
            dialog.hide()
            dialog.deleteLater()  # with whatever was typed into it
    security = window.security
    if security is not None and security.lockdown is not None:
        security.lockdown.sign_in = None
        security.lockdown.panel = None
    seen: set[int] = set()
    for flow in list(window.flows.values()):
        if id(flow) in seen:
            continue
        seen.add(id(flow))
        hook = getattr(flow, "reset_customer_data", None)
        if callable(hook):
            hook()
        else:
            _rebuild_flow(window, flow)
    window.search.clear()
    _clear_window(window)
    window.show_home()
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.clear()
    log.info("customer session reset")


def _clear_window(window: MainWindow) -> None:
    """The window's own screens: scan screen, product, banners, keyboard, camera's memory."""
    window.home.clear_customer_traces()
    window.bridge.clear()
    window.products.details.clear()
    window.products.goes_well_with.clear()
    window.product.clear()
    window.nav_product.setEnabled(False)
    window.frames.forget_recent()
    if window.keyboard is not None:
        window.keyboard.hide()


def _rebuild_flow(window: MainWindow, flow: Flow) -> None:
    fresh = remake_flow(window, flow)  # as build_flows makes it (fresh core, empty screen)
    window.replace_flow(flow, fresh)
    if isinstance(flow, QObject):
        flow.deleteLater()


# -- activity --------------------------------------------------------------------------------
class ActivityFilter(QObject):
    """Application-wide: any touch, click or key press counts as activity."""

    def __init__(self, on_activity: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_activity = on_activity

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._on_activity()
        return False


class IdleController(QObject):
    """Ticks one :class:`IdleTimer`; ``warning(seconds)``, ``active`` and ``expired``."""

    warning = Signal(int)
    active = Signal()
    expired = Signal()

    def __init__(self, timer: IdleTimer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = timer
        self._phase = IdlePhase.DISARMED
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()

    def touch(self) -> None:
        self.timer.touch()
        self.tick()

    def tick(self) -> None:
        state = self.timer.state()
        phase = state.phase
        if phase is IdlePhase.WARNING:
            self.warning.emit(state.countdown)
        elif phase is IdlePhase.EXPIRED:
            self.timer.disarm()
            self.expired.emit()
            phase = IdlePhase.DISARMED
        elif self._phase is IdlePhase.WARNING:
            self.active.emit()
        self._phase = phase

    def stop(self) -> None:
        self._ticker.stop()


# -- kiosk lockdown ----------------------------------------------------------------------------
class KioskStaffPanel(QDialog):
    """The only staff screen of a kiosk: maintenance after a staff sign-in."""

    exit_requested = Signal()
    reset_requested = Signal()

    def __init__(self, session: StaffSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.setWindowTitle(self.tr("Kiosk maintenance"))
        self.setModal(True)
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(label(self.tr("Kiosk maintenance"), "title"))
        staff = session.staff
        layout.addWidget(
            label(
                self.tr("Signed in: %1").replace("%1", staff.name if staff else "-"),
                None,
                wrap=True,
            )
        )
        self.reset_button = button(self.tr("Clear the customer session now"))
        self.reset_button.clicked.connect(self.reset_requested.emit)
        layout.addWidget(self.reset_button)
        self.exit_button = button(self.tr("Leave kiosk mode (quit the app)"))
        self.exit_button.setEnabled(session.decision("kiosk.exit") is Decision.ALLOWED)
        self.exit_button.clicked.connect(self.exit_requested.emit)
        layout.addWidget(self.exit_button)
        layout.addStretch(1)
        close = button(self.tr("Close and sign out"), "primary")
        close.clicked.connect(self.accept)
        layout.addWidget(close)


class KioskSignInDialog(QDialog):
    """Staff sign-in opened by the hidden long-press; nothing else opens it."""

    def __init__(self, session: StaffSession, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("screen")
        self.setWindowTitle(self.tr("Staff sign-in"))
        self.setModal(True)
        self.setMinimumSize(860, 560)
        self.session = session
        self._task = TaskSlot(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(label(self.tr("Staff sign-in"), "title"))
        layout.addWidget(
            label(self.tr("Kiosk maintenance is for staff: badge or ID, then PIN."), "muted")
        )
        from PySide6.QtWidgets import QHBoxLayout

        row = QHBoxLayout()
        self.form = CredentialForm(self.tr("Sign in"))
        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addStretch(1)
        row.addLayout(left, 1)
        row.addWidget(self.form.keypad, 1)
        layout.addLayout(row, 1)
        buttons = QHBoxLayout()
        cancel = button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        buttons.addWidget(self.form.submit_button, 1)
        layout.addLayout(buttons)
        self.form.submitted.connect(self._submitted)
        self._pop = window.services.scans.push(self._scan)
        self.finished.connect(lambda *_: self._pop())

    def _scan(self, scan: Scan) -> bool:
        self.form.take_badge(scan.text)
        return True

    def _submitted(self, ident: str, pin: str, is_badge: bool) -> None:
        self._task.start(self._sign_in(ident, pin, is_badge))

    async def _sign_in(self, ident: str, pin: str, is_badge: bool) -> None:
        try:
            if is_badge:
                await self.session.sign_in(badge=ident, pin=pin)
            else:
                await self.session.sign_in(staff_id=ident, pin=pin)
        except SignInRefused as exc:
            self.form.refuse(refusal_text(exc))
            return
        if self.session.decision("kiosk.settings") is not Decision.ALLOWED:
            await self.session.sign_out()  # in this task: starting another would cancel it
            self.form.show_error(self.tr("Your role may not open kiosk settings."))
            return
        self.accept()


class KioskLockdown(QObject):
    """Frameless full screen, no close, no shortcuts; a hidden long-press for staff."""

    staff_panel_opened = Signal(object)

    def __init__(self, window: MainWindow, session: StaffSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.allow_close = False
        self._task = TaskSlot(window)
        self.panel: KioskStaffPanel | None = None
        self.sign_in: KioskSignInDialog | None = None
        was_visible = window.isVisible()
        window.setWindowFlags(
            window.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        if was_visible:  # new flags hide a shown window
            window.show()
        window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        window.installEventFilter(self)
        self.hotspot = self._find_brand()
        self.long_press = QTimer(self)
        self.long_press.setSingleShot(True)
        self.long_press.setInterval(LONG_PRESS_MS)
        self.long_press.timeout.connect(self.open_staff_sign_in)
        if self.hotspot is not None:
            self.hotspot.installEventFilter(self)

    def _find_brand(self) -> QLabel | None:
        for widget in self.window.findChildren(QLabel):
            if widget.property("role") == "brand":
                return widget
        return None

    def show(self) -> None:
        fit_to_screen(self.window, whole=True)  # no window manager: full screen is ours to do
        self.window.showFullScreen()

    def open_staff_sign_in(self) -> None:
        if self.sign_in is not None and self.sign_in.isVisible():
            return
        dialog = KioskSignInDialog(self.session, self.window)
        dialog.accepted.connect(self._open_panel)
        self.sign_in = dialog
        dialog.open()

    def _open_panel(self) -> None:
        if not isinstance(self.session.state.value, SignedIn):
            return
        panel = KioskStaffPanel(self.session, self.window)
        panel.reset_requested.connect(lambda: reset_customer_data(self.window))
        panel.exit_requested.connect(self._exit)
        panel.finished.connect(lambda *_: self._task.start(self.session.sign_out()))
        self.panel = panel
        self.staff_panel_opened.emit(panel)
        panel.open()

    def _exit(self) -> None:
        self.allow_close = True
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.hotspot:
            if kind == QEvent.Type.MouseButtonPress:
                self.long_press.start()
            elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.Leave):
                self.long_press.stop()  # a tap opens nothing
            return False
        if watched is self.window:
            if kind == QEvent.Type.Close and not self.allow_close:
                event.ignore()
                return True
            if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
                event.accept()  # no application shortcut fires on a kiosk
                return True
            if kind == QEvent.Type.WindowStateChange and not self.window.isFullScreen():
                QTimer.singleShot(0, self.window.showFullScreen)
        return False


# -- wiring -----------------------------------------------------------------------------------
class SecurityUi(QObject):
    """Everything security puts on the window; kept by the window (``window.security``)."""

    def __init__(
        self,
        window: MainWindow,
        session: StaffSession,
        settings: IdleSettings,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        kwargs: dict[str, Any] = {"clock": clock} if clock is not None else {}
        self.gate: StaffGate | None = None
        self.lockdown: KioskLockdown | None = None
        self.overlay: IdleOverlay | None = None
        if window.services.mode == "kiosk":
            self.lockdown = KioskLockdown(window, session)
            self.overlay = IdleOverlay(window)
            timer = IdleTimer(
                settings.kiosk_idle_reset_s, warning_s=settings.kiosk_idle_warning_s, **kwargs
            )
            self.idle = IdleController(timer, self)
            self.idle.warning.connect(self._warn)
            self.idle.active.connect(self.overlay.hide)
            self.idle.expired.connect(self._reset_customer)
            self.overlay.still_here.connect(self.idle.touch)
        else:
            self.gate = StaffGate(window, window.services, session)
            self._first_run_comes_first(self.gate)
            self.idle = IdleController(IdleTimer(settings.staff_idle_lock_s, **kwargs), self)
            self.idle.expired.connect(lambda: session.lock("idle"))
            session.state.subscribe(self._staff_changed)
        self.activity = ActivityFilter(self.idle.touch, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
        pop_scans = window.services.scans.push(self._scan_activity)
        window.destroyed.connect(lambda *_: pop_scans())

    def _first_run_comes_first(self, gate: StaffGate) -> None:
        """An associate device without a device token shows first run, not the sign-in."""
        from kiosk_app.flows.first_run.ui.screen import FirstRunFlow

        first_run = self.window.flows.get("provisioning")
        if isinstance(first_run, FirstRunFlow):
            unsubscribe = first_run.awaiting_enrollment.subscribe(gate.step_aside)
            gate.screen.destroyed.connect(lambda *_: unsubscribe())

    def _scan_activity(self, scan: Scan) -> bool:
        self.idle.touch()
        return False  # only noticed: the scan goes on to its flow

    def _staff_changed(self, state: object) -> None:
        if isinstance(state, SignedIn):
            self.idle.touch()  # the staff lock counts from the sign-in
        else:
            self.idle.timer.disarm()

    def _warn(self, seconds: int) -> None:
        """The countdown, and what the reset would wipe that the customer may still need."""
        if self.overlay is None:
            return
        notes = (getattr(flow, "idle_note", lambda: None)() for flow in self.window.flows.values())
        self.overlay.set_note(next((n for n in notes if n), None))
        self.overlay.show_countdown(seconds)

    def _reset_customer(self) -> None:
        if self.overlay is not None:
            self.overlay.set_note(None)  # it named the customer's order
            self.overlay.hide()
        reset_customer_data(self.window)
        services = self.window.services
        home = services.home_language
        if home is not None and home != services.language:  # the next customer: its own
            self.window.language_requested.emit(home)


def install_security(
    window: MainWindow,
    session: StaffSession,
    settings: IdleSettings | None = None,
    clock: Callable[[], float] | None = None,
) -> SecurityUi:
    ui = SecurityUi(window, session, settings or IdleSettings(), clock)
    window.security = ui
    return ui


def install_app_security(window: MainWindow, app: App) -> SecurityUi:
    """What the GUI calls: the app's staff session on the window (gate / lockdown, idle),
    and the warning of its credential store (no secure OS keyring) on the home screen."""
    settings = app.settings
    ui = install_security(
        window,
        app.staff_session,
        IdleSettings(
            staff_idle_lock_s=settings.staff_idle_lock_s,
            kiosk_idle_reset_s=settings.kiosk_idle_reset_s,
            kiosk_idle_warning_s=settings.kiosk_idle_warning_s,
        ),
    )
    if app.credentials_warning:
        window.home.show_message(app.credentials_warning, "error")
    return ui


def show_window(window: MainWindow) -> None:
    """Kiosks: frameless full screen; associate devices: a normal window."""
    security = window.security
    if security is not None and security.lockdown is not None:
        security.lockdown.show()
    else:
        fit_to_screen(window)
        window.show()


def fit_to_screen(window: QWidget, *, whole: bool = False) -> None:
    """The window within its screen's free area: the tablet size where it fits (a desktop),
    else the whole free area (a portrait tablet; a panel taking part of a 1280 x 800 one);
    ``whole``: the whole screen (a kiosk's full screen). Without a window manager nothing
    else sizes the window: a 1280 x 800 window on an 800 x 1280 screen was half off it, even
    "full screen"."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.geometry() if whole else screen.availableGeometry()
    size = window.size()
    if not whole and size.width() <= area.width() and size.height() <= area.height():
        return
    window.setMinimumSize(window.minimumSize().boundedTo(area.size()))
    window.setGeometry(area)
