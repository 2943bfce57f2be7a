"""``kiosk-app smoke-test``: start the real GUI, prove it works, take a screenshot, exit.

    kiosk-app smoke-test --api-url URL [--enrollment-token T] [--store S] [--mode M]
                         [--screenshot FILE.png] [--drain-outbox] [--timeout 60]

What the installed package's CI step runs (offscreen when there is no display): the same
app as the GUI (``build_app``: client, outbox in the data folder, sync engine, device
session and credential store; main window with every flow), then waits for the API's
health, starts the device session (enrolls if needed, the token kept as the GUI keeps it),
optionally drains the outbox it finds in the data folder (the upgrade test queues work
there before upgrading), grabs the window to PNG and prints one JSON line. Exit 0 when all
of it worked, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk_app import __version__
from kiosk_app.kernel.config import ConfigError, load_settings
from kiosk_app.kernel.logging_setup import configure_logging

if TYPE_CHECKING:
    from kiosk_app.app import App


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-app smoke-test",
        description="Open the main window against the API, screenshot it, exit 0 if healthy.",
    )
    parser.add_argument("--config", type=Path)
    parser.add_argument("--api-url")
    parser.add_argument("--store")
    parser.add_argument("--mode", choices=("associate", "kiosk"))
    parser.add_argument("--enrollment-token")
    parser.add_argument("--lang", choices=("fr", "en", "system"), default="en")
    parser.add_argument("--screenshot", type=Path, help="PNG of the main window")
    parser.add_argument(
        "--drain-outbox",
        action="store_true",
        help="send what the outbox holds and require it to end empty",
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for the whole test")
    return parser


async def _run(
    window: Any, services: Any, app: App, args: argparse.Namespace, report: dict[str, Any]
) -> None:
    from kiosk_app.ui.widgets.status import store_label

    client = app.client
    loop = asyncio.get_running_loop()
    deadline = loop.time() + args.timeout
    while True:
        try:
            health = await client.health()
            report["api_version"] = health.version
            break
        except Exception as exc:
            if loop.time() > deadline:
                raise RuntimeError(f"API not healthy in time: {exc}") from exc
            await asyncio.sleep(0.5)
    device = (await app.device_session.start()).device  # the app's one device session
    services.store_name = device.store.name
    window.status.set_identity(
        store_label(device.store.name, device.store.code), device.name, device.mode
    )
    report["device"] = {"name": device.name, "store": device.store.code, "mode": device.mode}
    if args.drain_outbox:
        outbox, sync = services.outbox, services.sync
        report["outbox_pending_before"] = outbox.pending_count()
        while outbox.pending_count() and loop.time() < deadline:
            summary = await sync.drain()
            if summary.remaining:
                await asyncio.sleep(0.5)
        report["outbox_pending_after"] = outbox.pending_count()
        report["outbox_counts"] = {str(k): v for k, v in outbox.counts().items()}
        if report["outbox_pending_after"]:
            raise RuntimeError("the outbox did not drain")


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    overrides = {
        "api_url": args.api_url,
        "store_code": args.store,
        "mode": args.mode,
        "enrollment_token": args.enrollment_token,
        "language": args.lang,
    }
    try:
        settings = load_settings(args.config, overrides=overrides)
    except ConfigError as exc:
        print(f"kiosk-app smoke-test: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings.log_dir, settings.log_level)

    import qasync
    from PySide6.QtWidgets import QApplication

    from kiosk_app.app import build_app
    from kiosk_app.hardware.qt_logging import quiet_benign_multimedia_logs
    from kiosk_app.shell.main_window import MainWindow
    from kiosk_app.ui.gui_thread_gc import GuiThreadGarbageCollector
    from kiosk_app.ui.i18n import install_language
    from kiosk_app.ui.theme import LIGHT

    quiet_benign_multimedia_logs()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyleSheet(LIGHT.qss())
    language = install_language(app, settings.language)
    GuiThreadGarbageCollector(app).start()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    app_services = build_app(settings)
    services = app_services.services(language)
    window = MainWindow(services)
    window.show()
    report: dict[str, Any] = {
        "version": __version__,
        "platform": app.platformName(),
        "flows": sorted(window.flows),
    }
    code = 0
    try:
        with loop:
            try:
                loop.run_until_complete(_run(window, services, app_services, args, report))
            except Exception as exc:
                report["error"] = f"{type(exc).__name__}: {exc}"
                code = 1
            app.processEvents()
            if args.screenshot:
                args.screenshot.parent.mkdir(parents=True, exist_ok=True)
                if window.grab().save(str(args.screenshot)):
                    report["screenshot"] = str(args.screenshot)
                else:
                    report["error"] = f"could not write {args.screenshot}"
                    code = 1
            window.close()
            loop.run_until_complete(app_services.client.aclose())
    finally:
        app_services.close()
    report["ok"] = code == 0
    print(json.dumps(report))
    return code
