"""``kiosk-app``: the store app (GUI) and its support commands.

kiosk-app [--demo] [--config FILE] [--lang fr|en]   start the app
kiosk-app COMMAND ARGS...                            a support command (``kiosk_app.cli``)
kiosk-app --version

``kiosk-app --help`` lists every command of ``kiosk_app.cli.COMMANDS`` with its summary.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk_app import __version__
from kiosk_app.cli import COMMANDS, commands_help, dispatch, find
from kiosk_app.kernel.config import ConfigError, load_settings

if TYPE_CHECKING:
    from kiosk_app.kernel.demo_server import DemoServer


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-app",
        usage="kiosk-app [options]  (start the app)\n       kiosk-app COMMAND [args]",
        description="Store app for associates and kiosks, and its support commands.",
        epilog=commands_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kiosk-app {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the reference central API with fresh demo data and use it",
    )
    parser.add_argument("--config", type=Path, help="config file (default: see README)")
    parser.add_argument("--lang", choices=("fr", "en", "system"), help="UI language")
    parser.add_argument("--mode", choices=("associate", "kiosk"), help="device mode")
    parser.add_argument("--store", help="store code, e.g. PAR01")
    parser.add_argument("--api-url", help="central API base URL")
    parser.add_argument("--log-level", default=None, help="overrides log_level (e.g. DEBUG)")
    return parser


def _exit_without_finalization(code: int) -> None:
    """The GUI has closed and saved everything: leave without interpreter finalization,
    where PySide6 and zxing-cpp objects can crash while torn down in an unlucky order."""
    import os

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


_CLOSING = (signal.SIGTERM, signal.SIGINT)


def _stop_and_exit(demo_server: DemoServer | None, code: int) -> None:
    """Leave for good: closing signals ignored from here, the demo server stopped (its
    temporary folder removed), no interpreter finalization."""
    for closing in _CLOSING:
        signal.signal(closing, signal.SIG_IGN)
    if demo_server is not None:
        demo_server.stop()
    _exit_without_finalization(code)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and find(argv[0]) is not None:
        return dispatch(argv[0], argv[1:])
    if argv and not argv[0].startswith("-"):
        names = ", ".join(c.name for c in COMMANDS)
        print(f"kiosk-app: unknown command {argv[0]!r} (commands: {names})", file=sys.stderr)
        return 2
    return _start_app(_gui_parser().parse_args(argv))


def _start_app(args: argparse.Namespace) -> int:
    overrides = {
        "language": args.lang,
        "mode": args.mode,
        "store_code": args.store,
        "api_url": args.api_url,
    }
    started: list[DemoServer] = []

    def on_closing_signal(_signum: int, _frame: object) -> None:
        """SIGTERM/SIGINT before the GUI's loop takes them over (and after it). Raising
        SystemExit there could surface inside Qt's C++ code, where PySide ends the
        interpreter without running ``finally``: the demo server is stopped here instead."""
        if not started:
            raise SystemExit(0)  # nothing to stop (start_demo_server cleans up after itself)
        _stop_and_exit(started[0], 0)

    for closing in _CLOSING:  # the demo server must never outlive us
        signal.signal(closing, on_closing_signal)
    try:
        if args.demo:
            from kiosk_app.kernel.demo_server import DemoServerError, start_demo_server

            try:
                started.append(start_demo_server(staff_sign_in="required"))
            except DemoServerError as exc:
                print(f"kiosk-app: {exc}", file=sys.stderr)
                return 2
            demo = started[0]
            overrides.update(
                api_url=demo.url,
                enrollment_token="demo-enrollment",
                store_code=args.store or "PAR01",
                secret_store="memory",  # a throwaway demo device: nothing to keep
            )
            where = f", data in {demo.temp_dir}" if demo.temp_dir else ""
            print(f"kiosk-app: demo central API at {demo.url}{where}", file=sys.stderr)
        try:
            settings = load_settings(args.config, overrides=overrides)
        except ConfigError as exc:
            print(f"kiosk-app: {exc}", file=sys.stderr)
            return 2
        from kiosk_app.kernel.logging_setup import configure_logging

        configure_logging(settings.log_dir, args.log_level or settings.log_level)
        from kiosk_app.app import run_gui

        code = run_gui(settings)
    finally:
        for demo_server in started:  # also when the GUI failed
            demo_server.stop()
    _stop_and_exit(None, code)
    return code


if __name__ == "__main__":
    sys.exit(main())
