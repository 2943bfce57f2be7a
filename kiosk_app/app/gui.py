"""The GUI: the app built by :func:`build_app`, wired into the window, run in Qt+asyncio."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

from kiosk_app.app.build import build_app
from kiosk_app.kernel.config import Settings
from kiosk_app.kernel.models.catalog import DeviceInfo
from kiosk_app.kernel.security.enrollment import DeviceNotEnrolled
from kiosk_app.kernel.security.redaction import install_log_redaction

log = logging.getLogger(__name__)


CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextlib.contextmanager
def close_on_signals(loop: asyncio.AbstractEventLoop, close: Callable[[], None]) -> Iterator[None]:
    """SIGTERM (systemd, ``kill``) and SIGINT (Ctrl+C) call ``close`` in the event loop.

    Qt's loop runs C++: a plain Python handler would only run at the next Python callback,
    so the asyncio loop's own wake-up (``add_signal_handler``: a socket Qt watches) is used;
    a loop without it (Windows) gets Python handlers and a timer that gives Python the hand.
    The previous handlers are back on exit.
    """
    previous = {sig: signal.getsignal(sig) for sig in CLOSING_SIGNALS}

    def closing(sig: signal.Signals) -> None:
        log.info("%s received: closing the app", sig.name)
        close()

    wake_up = None
    try:
        for sig in CLOSING_SIGNALS:
            loop.add_signal_handler(sig, closing, sig)
    except NotImplementedError:
        from PySide6.QtCore import QTimer

        for sig in CLOSING_SIGNALS:
            signal.signal(sig, lambda n, _f: loop.call_soon_threadsafe(closing, signal.Signals(n)))
        wake_up = QTimer()
        wake_up.timeout.connect(lambda: None)
        wake_up.start(250)
    try:
        yield
    finally:
        if wake_up is not None:
            wake_up.stop()
        for sig, handler in previous.items():
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(sig)
            if handler is not None:  # None: not set from Python, nothing of ours to undo
                signal.signal(sig, handler)


def run_gui(settings: Settings, argv: list[str] | None = None) -> int:
    import qasync
    from PySide6.QtWidgets import QApplication

    from kiosk_app.hardware.qt_logging import quiet_benign_multimedia_logs
    from kiosk_app.shell.main_window import MainWindow
    from kiosk_app.ui.gui_thread_gc import GuiThreadGarbageCollector
    from kiosk_app.ui.i18n import install_language
    from kiosk_app.ui.theme import make_theme
    from kiosk_app.ui.widgets.status import store_label

    quiet_benign_multimedia_logs()
    install_log_redaction()  # tokens, PINs, e-mails, phones never reach a log
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("omnistore-kiosk")
    app.setStyleSheet(
        make_theme(
            settings.theme, large_text=settings.large_text, primary=settings.brand_primary
        ).qss()
    )
    language = install_language(app, settings.language)
    GuiThreadGarbageCollector(app).start()  # a Qt object is never destroyed off this thread
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    built = build_app(settings)
    built.offline  # noqa: B018  (read cache on the client, link -> monitor)
    services = built.services(language)
    from kiosk_app.shell.kiosk_lockdown import install_app_security, show_window

    window = MainWindow(services)
    _security = install_app_security(window, built)

    def switch_language(language: str) -> None:
        """Kiosk: the customer picked a language. The screens are rebuilt in it and the
        customer's session carries over (basket, customer, check-in); services carry on."""
        nonlocal window, _security
        from kiosk_app.shell.language_switch import rebuild_in_language

        def secure(new: MainWindow) -> Any:
            nonlocal _security
            _security = install_app_security(new, built)
            return _security

        old = window
        window = rebuild_in_language(app, old, language, secure)
        window.language_requested.connect(switch_language)
        show_window(window)
        old.close()
        old.deleteLater()

    window.language_requested.connect(switch_language)
    from kiosk_app.hardware.wedge_filter import WedgeScannerFilter

    app.installEventFilter(WedgeScannerFilter(services.scans, settings.wedge_config(), parent=app))
    background: list[asyncio.Task[Any]] = []

    async def bootstrap() -> None:
        while True:
            try:
                identity = await built.device_session.start()
                device: DeviceInfo = identity.device
            except DeviceNotEnrolled as exc:
                first_run = window.flows.get("provisioning")
                if first_run is not None and hasattr(first_run, "show_first_run"):
                    first_run.show_first_run()  # scan IT's provisioning code to set up
                else:
                    window.home.show_message(str(exc), "error")
                return
            except Exception as exc:  # offline at start: keep the app usable, try again
                from kiosk_app.ui.messages import describe_error

                window.home.show_message(describe_error(exc), "error")
                await asyncio.sleep(5)
                continue
            services.store_name = device.store.name
            window.status.set_identity(
                store_label(device.store.name, device.store.code), device.name, device.mode
            )
            window.home.notice.hide()
            built.live.reconnect_now()  # the device's token is known now
            return

    closed = asyncio.Event()  # set by quitting, SIGTERM or SIGINT: then everything closes

    async def run_until_closed() -> None:
        app.aboutToQuit.connect(closed.set)
        show_window(window)  # kiosk: frameless full screen, locked down
        log.info("app running (pid %d): SIGTERM or SIGINT closes it", os.getpid())
        background.append(asyncio.ensure_future(bootstrap()))
        background.append(asyncio.ensure_future(built.connection.watch(built.client.health)))
        background.append(asyncio.ensure_future(built.sync.run_forever()))
        background.append(asyncio.ensure_future(built.live.run_forever()))
        await closed.wait()

    async def shut_down() -> None:
        for task in background:
            task.cancel()
        with contextlib.suppress(Exception):
            await asyncio.gather(*background, return_exceptions=True)
        await built.aclose()

    with loop, close_on_signals(loop, closed.set):
        run_then_shut_down(loop, run_until_closed(), shut_down)
    return 0


def run_then_shut_down(
    loop: asyncio.AbstractEventLoop,
    running: Coroutine[Any, Any, None],
    shut_down: Callable[[], Coroutine[Any, Any, None]],
) -> None:
    """Run the app until it is closed, then always run its shutdown.

    Qt's own quit (the last window closed, first run's restart, the kiosk's exit) ends
    Qt's loop at once, while ``running`` may still be waiting: the shutdown then runs in a
    second turn of the loop, so the outbox, the client and the caches are always closed,
    whatever ended the app (it ended with "Event loop stopped before Future completed"
    and nothing closed).
    """
    try:
        loop.run_until_complete(running)
    except RuntimeError as exc:
        if "stopped before" not in str(exc):
            raise
        log.info("Qt quit: shutting down")
    loop.run_until_complete(shut_down())
