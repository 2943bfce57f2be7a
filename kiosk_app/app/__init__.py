"""The app's composition root (:func:`build_app`) and the GUI's run loop (:func:`run_gui`).

Importing it loads no Qt: the GUI imports its widgets when it starts.
"""

from kiosk_app.app.build import (
    OUTBOX_FILE_NAME,
    App,
    AppOverrides,
    build_app,
    build_client,
    build_outbox,
)
from kiosk_app.app.gui import close_on_signals, run_gui, run_then_shut_down
from kiosk_app.app.services import Services

__all__ = [
    "OUTBOX_FILE_NAME",
    "App",
    "AppOverrides",
    "Services",
    "build_app",
    "build_client",
    "build_outbox",
    "close_on_signals",
    "run_gui",
    "run_then_shut_down",
]
