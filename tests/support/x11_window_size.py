"""Shows the app's main window as the app does (``show_window``) on the X display of
``DISPLAY`` (``--kiosk``: a kiosk's, full screen) and prints its geometry and the screen's
free area as one JSON line.

Used by ``tests/ui/test_window_fits_the_screen.py`` under an Xvfb without a window manager.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication


def main() -> int:
    from kiosk_app.app import build_app
    from kiosk_app.kernel.config import load_settings
    from kiosk_app.shell.kiosk_lockdown import install_security, show_window
    from kiosk_app.shell.main_window import MainWindow

    mode = "kiosk" if "--kiosk" in sys.argv else "associate"
    app = QApplication(sys.argv[:1])
    settings = load_settings(
        overrides={
            "api_url": "http://127.0.0.1:9",  # never asked: only the window is measured
            "data_dir": str(Path(tempfile.mkdtemp(prefix="x11-size-"))),
            "store_code": "PAR01",
            "device_name": "tablet-x11",
            "mode": mode,
            "language": "en",
            "secret_store": "memory",
        }
    )
    built = build_app(settings, overrides={"store_name": "Paris Rivoli"})
    window = MainWindow(built.services("en", live=False))
    if mode == "kiosk":  # full screen and locked down, as the app shows a kiosk
        install_security(window, built.staff_session)
    show_window(window)
    for _ in range(20):
        app.processEvents()
    free = window.screen().availableGeometry()
    frame = window.frameGeometry()
    print(
        json.dumps(
            {
                "screen": [free.x(), free.y(), free.width(), free.height()],
                "window": [frame.x(), frame.y(), frame.width(), frame.height()],
            }
        ),
        flush=True,
    )
    security = getattr(window, "security", None)
    if security is not None and security.lockdown is not None:
        security.lockdown.allow_close = True
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
