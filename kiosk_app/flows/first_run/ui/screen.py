"""First-run screen: a new device scans IT's provisioning QR and sets itself up.

The scan hub delivers every scan; :class:`FirstRunFlow` pushes a consumer that takes only
``PRV1.`` codes (the classifier does not know them) and hands them to the core
(:class:`kiosk_app.flows.first_run.session.FirstRun`), which checks them offline, enrolls and writes
the config. This screen only renders the core's state.

The composition root shows it with :meth:`FirstRunFlow.show_first_run` when the device has
no device token and no enrollment token; a provisioning code scanned on the home screen of
an unenrolled device opens it too. First run comes first: while it waits for the device to
be enrolled (``awaiting_enrollment``), an associate device's staff sign-in steps aside.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QProcess, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk_app.flows.first_run.session import (
    EnrollFailed,
    Enrolling,
    FirstRun,
    FirstRunState,
    Ready,
    Refused,
    Waiting,
)
from kiosk_app.kernel.api import errors
from kiosk_app.kernel.config import PROVISIONING_KEY_FILE_NAME as KEY_FILE
from kiosk_app.kernel.config import (
    ConfigError,
    default_data_dir,
    load_settings_with_sources,
    system_config_dir,
    user_config_path,
)
from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.routing import Destination
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.ui.dates import format_timestamp
from kiosk_app.ui.messages import describe_error
from kiosk_app.ui.tasks import TaskSlot
from kiosk_app.ui.widgets.common import Card, button, label
from kiosk_app.ui.widgets.notice import Notice
from kiosk_app.ui.widgets.status import store_label

if TYPE_CHECKING:
    from kiosk_app.ui.navigator import FlowHost


def refusal_text(reason: str) -> tuple[str, str]:
    """(headline, what to do) for a refused code, translated."""
    if reason == "expired":
        return (
            QCoreApplication.translate("FirstRunScreen", "This set-up code has expired"),
            QCoreApplication.translate(
                "FirstRunScreen", "Set-up codes are valid for a limited time. Ask IT for a new one."
            ),
        )
    if reason in ("forged", "unknown-key"):
        return (
            QCoreApplication.translate("FirstRunScreen", "This set-up code is not genuine"),
            QCoreApplication.translate(
                "FirstRunScreen",
                "It was not signed by your IT department, or it was altered. Do not use it "
                "and tell IT.",
            ),
        )
    if reason == "not-yet-valid":
        return (
            QCoreApplication.translate("FirstRunScreen", "This device's clock is wrong"),
            QCoreApplication.translate(
                "FirstRunScreen",
                "The code looks issued in the future. Set the date and time, then scan again.",
            ),
        )
    if reason == "no-trusted-key":
        return (
            QCoreApplication.translate("FirstRunScreen", "This device cannot check set-up codes"),
            QCoreApplication.translate(
                "FirstRunScreen",
                "IT's public key (provisioning.pub) is missing. Reinstall the app package.",
            ),
        )
    if reason == "already-enrolled":
        return (
            QCoreApplication.translate("FirstRunScreen", "This device is already set up"),
            QCoreApplication.translate(
                "FirstRunScreen", "To move it to another store, IT must reset it first."
            ),
        )
    return (
        QCoreApplication.translate("FirstRunScreen", "This is not a valid set-up code"),
        QCoreApplication.translate(
            "FirstRunScreen", "Scan the set-up QR code printed by IT (it starts with PRV1)."
        ),
    )


def enroll_error_text(exc: Exception) -> str:
    if isinstance(exc, errors.Unauthorized):
        return QCoreApplication.translate(
            "FirstRunScreen",
            "The central system refused the enrollment token in this code. Ask IT for a new code.",
        )
    if isinstance(exc, OSError):
        return QCoreApplication.translate(
            "FirstRunScreen", "The settings could not be saved: %1"
        ).replace("%1", str(exc))
    return describe_error(exc)


class FirstRunScreen(QWidget):
    restart_requested = Signal()
    retry_requested = Signal()
    camera_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(24)

        left = QVBoxLayout()
        left.setSpacing(14)
        outer.addLayout(left, 3)
        left.addWidget(label(self.tr("Set up this device"), "title"))
        left.addWidget(
            label(
                self.tr(
                    "This device is not configured yet. Scan the set-up QR code that IT "
                    "prepared for this store: it configures the store, the mode and the "
                    "central system, and enrolls the device."
                ),
                "muted",
                wrap=True,
            )
        )
        steps = Card(self.tr("How to"))
        for text in (
            self.tr("1. Get the set-up code for this store from IT (printed or on screen)."),
            self.tr("2. Scan it with the scanner, or start the camera and show it."),
            self.tr("3. Wait for “Device ready”, then start the app."),
        ):
            steps.body.addWidget(label(text, wrap=True))
        left.addWidget(steps)

        self.status_card = Card(self.tr("Status"))
        self.headline = label("", "display", wrap=True)
        self.headline.setAccessibleName(self.tr("Set-up status"))
        self.detail = label("", wrap=True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_card.body.addWidget(self.headline)
        self.status_card.body.addWidget(self.detail)
        self.notice = Notice()
        self.notice.close_button.hide()
        self.notice.reserve_in(self.status_card.body)
        actions = QHBoxLayout()
        self.retry = button(self.tr("Try again"), "primary")
        self.retry.clicked.connect(self.retry_requested)
        self.start = button(self.tr("Start the app"), "primary")
        self.start.clicked.connect(self.restart_requested)
        actions.addWidget(self.retry)
        actions.addWidget(self.start)
        actions.addStretch(1)
        self.status_card.body.addLayout(actions)
        left.addWidget(self.status_card)
        left.addStretch(1)

        right = QVBoxLayout()
        right.setSpacing(14)
        outer.addLayout(right, 2)
        self.camera_card = Card(self.tr("Camera"))
        self.camera_card.body.addWidget(
            label(self.tr("No scanner? Show the code to the camera."), "muted", wrap=True)
        )
        self.camera_button = button(self.tr("Start camera"))
        self.camera_button.clicked.connect(self.camera_requested)
        self.camera_card.body.addWidget(self.camera_button)
        self.preview_slot = QVBoxLayout()
        self.camera_card.body.addLayout(self.preview_slot)
        right.addWidget(self.camera_card)
        right.addStretch(1)
        self.show_state(Waiting())

    def show_state(self, state: FirstRunState) -> None:
        self.retry.hide()
        self.start.hide()
        self.notice.hide()
        if isinstance(state, Waiting):
            self.headline.setText(self.tr("Waiting for the set-up code"))
            self.detail.setText(self.tr("Scan the code now."))
        elif isinstance(state, Refused):
            headline, todo = refusal_text(state.reason)
            self.headline.setText(headline)
            self.detail.setText(todo)
            self.notice.show_message(state.detail, "error")
        elif isinstance(state, Enrolling):
            p = state.provisioning
            self.headline.setText(self.tr("Setting up…"))
            self.detail.setText(
                self.tr("Enrolling this device in store %1 (%2) at %3.")
                .replace("%1", p.store_code)
                .replace("%2", self._mode_text(p.mode))
                .replace("%3", p.api_url)
            )
        elif isinstance(state, EnrollFailed):
            self.headline.setText(self.tr("Set-up did not finish"))
            self.detail.setText(self.tr("The code is genuine, but enrolling failed."))
            self.notice.show_message(enroll_error_text(state.error), "error")
            self.retry.show()
        elif isinstance(state, Ready):
            p = state.provisioning
            self.headline.setText(self.tr("Device ready"))
            self.detail.setText(
                self.tr("Store %1, %2 mode, device “%3”. Settings saved in %4.")
                .replace("%1", store_label(state.device.store.name, p.store_code))
                .replace("%2", self._mode_text(p.mode))
                .replace("%3", state.device.name)
                .replace("%4", str(state.config_file))
            )
            expires = format_timestamp(p.expires_at, with_date=True)
            self.notice.show_message(
                self.tr("Enrolled. The set-up code stays valid until %1: keep it safe.").replace(
                    "%1", expires
                ),
                "success",
            )
            self.start.show()
            self.start.setFocus()

    def _mode_text(self, mode: str) -> str:
        return self.tr("kiosk") if mode == "kiosk" else self.tr("associate")


def _settings_paths() -> tuple[Path, Path, Path]:
    """(trusted keys file, user config file, data folder) from the files and environment."""
    try:
        loaded = load_settings_with_sources()
    except ConfigError:
        return system_config_dir() / KEY_FILE, user_config_path(), default_data_dir()
    settings = loaded.settings
    return settings.trusted_keys_file, loaded.user_file or user_config_path(), settings.data_dir


def restart_app() -> None:
    """Start the app again with the new config (under systemd, its unit restarts it)."""
    if not os.environ.get("INVOCATION_ID"):
        args = sys.argv[1:] if getattr(sys, "frozen", False) else ["-m", "kiosk_app"]
        QProcess.startDetached(sys.executable, args)
    app = QCoreApplication.instance()
    if app is not None:
        app.quit()


class FirstRunFlow:
    """Plugs the first-run screen into the main window (no navigation entry)."""

    handles: tuple[str, ...] = ("provisioning",)

    def __init__(self, window: FlowHost, first_run: FirstRun | None = None) -> None:
        self._window = window
        services = window.services
        if first_run is None:
            keys_file, config_file, data_dir = _settings_paths()
            first_run = FirstRun(
                trusted_keys_file=keys_file,
                user_config_file=config_file,
                device_name=services.device_name,
                data_dir=data_dir,
            )
        self.first_run = first_run
        self._adopted = False
        #: True from the moment first run shows on a device without a device token until
        #: the token of its enrollment is in use (the staff gate stays aside meanwhile)
        self.awaiting_enrollment: Observable[bool] = Observable(False)
        self._screen = FirstRunScreen()
        self._task = TaskSlot(self._screen)
        self._unsubscribe = first_run.state.subscribe(self._on_state)
        self._screen.retry_requested.connect(self._retry)
        self._screen.restart_requested.connect(self._continue)
        self._screen.camera_requested.connect(self._start_camera)
        self._pop = services.scans.push(self.take_scan)
        self._screen.destroyed.connect(lambda *_: self._close())
        # until enrolled nothing else can work: the rail leads nowhere, first run stays
        self._unsubscribe_hold = self.awaiting_enrollment.subscribe(
            self._hold_navigation, now=False
        )

    def _close(self) -> None:
        self._pop()
        self._unsubscribe()
        self._unsubscribe_hold()  # (the window forgets a held screen that is destroyed)

    def reset_customer_data(self) -> None:
        """The kiosk's idle reset: first run holds no customer data and stays as it is (an
        unenrolled kiosk stays on it; rebuilt, it forgot that it was waiting)."""

    def _hold_navigation(self, awaiting: bool) -> None:
        """While the device waits for its set-up code, first run stays on screen whatever
        leads away (a tile, a scan of a product) and the rail's screen buttons are off."""
        self._window.hold_on(self._screen if awaiting else None)

    # -- Flow protocol --------------------------------------------------------------------
    def nav_label(self) -> str | None:
        return None

    def screen(self) -> QWidget:
        return self._screen

    def open(self, destination: Destination) -> None:
        self.show_first_run()

    def modes(self) -> tuple[str, ...]:
        return ("associate", "kiosk")

    # -- behaviour ------------------------------------------------------------------------
    def show_first_run(self) -> None:
        """Show the screen (the composition root calls this when the device is not set up)."""
        if not self._window.services.client.has_token:
            self.awaiting_enrollment.set(True)
        self._window.show_screen(self._screen)

    def take_scan(self, scan: Scan) -> bool:
        if not self.first_run.claims(scan.text):
            return False
        self.show_first_run()
        if self._window.services.client.has_token and not isinstance(
            self.first_run.state.value, Ready
        ):
            self.first_run.state.set(
                Refused("already-enrolled", self._window.services.client.base_url)
            )
            return True
        self._task.cancel()  # a newer code supersedes an enrollment in flight
        if self.first_run.check(scan.text) is not None:  # offline: refusals show at once
            self._task.start(self.first_run.enroll())
        return True

    def _retry(self) -> None:
        self._task.start(self.first_run.enroll())

    def _on_state(self, state: FirstRunState) -> None:
        self._screen.show_state(state)
        if isinstance(state, Ready):
            self._adopt(state)

    def _adopt(self, ready: Ready) -> None:
        """Same API and mode as this window: use the new token at once, no restart needed."""
        services = self._window.services
        p = ready.provisioning
        if p.api_url == services.client.base_url and p.mode == services.mode:
            services.client.set_token(ready.device.token)
            self._adopted = True
            services.store_code = p.store_code
            services.store_name = ready.device.store.name
            self._window.status.set_identity(
                store_label(ready.device.store.name, p.store_code), ready.device.name, p.mode
            )
            self._screen.start.setText(QCoreApplication.translate("FirstRunScreen", "Continue"))
            self._screen.start.setAccessibleName(
                QCoreApplication.translate("FirstRunScreen", "Continue")
            )
            self.awaiting_enrollment.set(False)  # enrolled: staff sign-in applies now
            self._window.device_enrolled()  # flows may act on it (e.g. fetch the QR keys)

    def _continue(self) -> None:
        state = self.first_run.state.value
        if isinstance(state, Ready) and self._adopted:
            if self._window.camera.state == "running":
                self._window.camera.stop()
            self._window.show_home()
            return
        restart_app()

    def _start_camera(self) -> None:
        camera = self._window.camera
        if camera.state == "running":
            camera.stop()
            return
        from PySide6.QtMultimediaWidgets import QVideoWidget

        preview = QVideoWidget()
        preview.setMinimumSize(320, 240)
        preview.setAccessibleName(QCoreApplication.translate("FirstRunScreen", "Camera preview"))
        self._screen.preview_slot.addWidget(preview)
        if not camera.start(0, preview):
            self._screen.camera_button.setEnabled(False)
            self._screen.camera_button.setText(
                QCoreApplication.translate("FirstRunScreen", "No camera found")
            )
