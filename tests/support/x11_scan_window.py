"""A real window on a real X server, for scanner tests driven by ``xdotool``.

Run as ``python -m tests.support.x11_scan_window [--app URL TOKEN]`` with ``DISPLAY`` set
and ``QT_QPA_PLATFORM=xcb``. It installs the production wedge filter (its default timing)
on the application and prints one JSON line per event on stdout:

- ``{"ready": true}`` once the window is shown and its text field has the focus;
- ``{"scan": TEXT, "route": FLOW}`` for every scan the wedge filter delivers;
- ``{"field": TEXT}`` when Enter is pressed in the text field (a person typed);
- with ``--app``, after each scan, ``{"screen": NAME}``: the real main window's current
  screen once the scan has been routed (a flow's name, ``product`` or ``home``).

Without ``--app`` the window is a plain text field (the wedge filter's own behaviour); with
it, the real main window of the app on a real reference server, as a store would run it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from kiosk_app.hardware.wedge_filter import WedgeScannerFilter
from kiosk_app.kernel.routing import route
from kiosk_app.kernel.scan_hub import Scan, ScanHub
from kiosk_app.kernel.wedge import WedgeConfig


def emit(**payload: Any) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def plain_window(hub: ScanHub) -> tuple[QWidget, QLineEdit]:
    hub.set_default(lambda scan: emit(scan=scan.text, route=route(scan.text).flow) or True)
    window = QWidget()
    window.setWindowTitle("x11-scan-window")
    layout = QVBoxLayout(window)
    field = QLineEdit()
    layout.addWidget(field)

    def submitted() -> None:
        emit(field=field.text())
        field.clear()

    field.returnPressed.connect(submitted)
    window.resize(600, 200)
    return window, field


def current_screen(window: Any) -> str:
    """The name of what the main window shows: a flow's name, "product" or "home"."""
    current = window.stack.currentWidget()
    named = {"product": window.product, "home": window.home}
    named.update({name: flow.screen() for name, flow in window.flows.items()})
    return next((name for name, screen in named.items() if screen is current), "other")


def app_window(url: str, token: str) -> tuple[QWidget, QWidget, ScanHub]:
    from kiosk_app.app import build_app
    from kiosk_app.kernel.config import load_settings
    from kiosk_app.shell.main_window import MainWindow

    settings = load_settings(
        overrides={
            "api_url": url,
            "data_dir": tempfile.mkdtemp(prefix="x11-scan-"),
            "store_code": "PAR01",
            "device_name": "tablet-x11",
            "mode": "associate",
            "language": "en",
            "connect_timeout_s": 2,
            "request_timeout_s": 10,
            "secret_store": "memory",
        }
    )
    app = build_app(settings, overrides={"store_name": "Paris Rivoli"})
    app.client.set_token(token)
    services = app.services("en")
    window = MainWindow(services)
    window.setWindowTitle("x11-scan-window")
    window.resize(1280, 800)
    hub = services.scans
    routed = hub.deliver

    def deliver(scan: Scan) -> bool:
        taken = routed(scan)
        emit(scan=scan.text, route=route(scan.text).flow)
        QTimer.singleShot(400, lambda: emit(screen=current_screen(window)))
        return taken

    hub.deliver = deliver  # type: ignore[method-assign]
    return window, window.home, hub


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", nargs=2, metavar=("URL", "TOKEN"))
    args = parser.parse_args()
    import qasync

    qapp = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    if args.app:
        window, focus, hub = app_window(*args.app)
    else:
        hub = ScanHub()
        window, focus = plain_window(hub)
    qapp.installEventFilter(WedgeScannerFilter(hub, WedgeConfig(), parent=qapp))
    window.show()
    window.activateWindow()
    focus.setFocus()

    def ready() -> None:
        if window.isActiveWindow():
            emit(ready=True, window=int(window.winId()))
        else:
            window.activateWindow()
            QTimer.singleShot(50, ready)

    QTimer.singleShot(50, ready)
    with loop:
        loop.run_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
