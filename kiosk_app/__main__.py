"""``kiosk-app``: the store app (GUI) and its support commands.

kiosk-app [--demo] [--config FILE] [--lang fr|en]   start the app
kiosk-app parse TEXT                                 classify a scanned/typed string
kiosk-app decode IMAGE... [--decoder zxing|pyzbar]   decode barcodes in image files
kiosk-app --version
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from kiosk_app import __version__
from kiosk_app.core.config import ConfigError, load_settings


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk-app",
        description="Store app for associates and kiosks. Subcommands: parse, decode.",
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


def cmd_parse(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="kiosk-app parse", description="Classify scanned or typed text, one JSON line each."
    )
    parser.add_argument("text", nargs="+", help="text as the scanner sent it (\\x1d for GS)")
    args = parser.parse_args(argv)
    from kiosk_app.core.routing import route

    for text in args.text:
        decoded = text.encode("utf-8", "surrogatepass").decode("unicode_escape", "replace")
        dest = route(decoded)
        payload = dest.scan.to_dict() if dest.scan is not None else {}
        print(json.dumps({**payload, "route": dest.flow}, ensure_ascii=False))
    return 0


def cmd_decode(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="kiosk-app decode",
        description="Decode barcodes in image files: one JSON line per code found "
        "(format, raw text, classification, route), exactly as the camera would.",
    )
    parser.add_argument("images", nargs="+", type=Path)
    parser.add_argument("--decoder", default=None, help="zxing (default) or pyzbar")
    args = parser.parse_args(argv)
    from kiosk_app.core.routing import route
    from kiosk_app.core.scan.input_text import make_visible
    from kiosk_app.hardware.decoding import (
        DecoderUnavailable,
        ImageLoadError,
        UnknownDecoderError,
        decode_image_file,
        make_decoder,
    )
    from kiosk_app.hardware.scan_text import scan_text

    try:
        name = args.decoder or load_settings(environ=None).decoder
    except ConfigError:
        name = "zxing"
    try:
        decoder = make_decoder(name)
    except (DecoderUnavailable, UnknownDecoderError) as exc:
        print(f"kiosk-app decode: {exc}", file=sys.stderr)
        return 2
    all_found = True
    for image in args.images:
        try:
            codes = decode_image_file(image, decoder)
        except ImageLoadError as exc:
            print(json.dumps({"image": str(image), "error": str(exc)}, ensure_ascii=False))
            all_found = False
            continue
        if not codes:
            all_found = False
            print(json.dumps({"image": str(image), "found": False, "decoder": decoder.name}))
        for code in codes:
            dest = route(scan_text(code), allow_search=False)
            classification = dest.scan.to_dict() if dest.scan is not None else {}
            print(
                json.dumps(
                    {
                        "image": str(image),
                        "decoder": decoder.name,
                        "format": str(code.format),
                        "symbology": code.symbology_id,
                        "text": make_visible(code.text),
                        "classification": classification,
                        "route": dest.flow,
                    },
                    ensure_ascii=False,
                )
            )
    return 0 if all_found else 1


def _exit_without_finalization(code: int) -> None:
    """The GUI has closed and saved everything: leave without interpreter finalization,
    where PySide6 and zxing-cpp objects can crash while torn down in an unlucky order."""
    import os

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "parse":
        return cmd_parse(argv[1:])
    if argv and argv[0] == "decode":
        return cmd_decode(argv[1:])
    if argv and argv[0] == "outbox":
        from kiosk_app.cli.outbox_cmd import main as outbox_main

        return outbox_main(argv[1:])
    if argv and argv[0] in ("doctor", "provision", "smoke-test"):
        from kiosk_app.cli import dispatch

        return dispatch(argv[0], argv[1:])
    args = _gui_parser().parse_args(argv)
    overrides = {
        "language": args.lang,
        "mode": args.mode,
        "store_code": args.store,
        "api_url": args.api_url,
    }
    demo_server = None
    try:
        if args.demo:
            from kiosk_app.core.demo_server import DemoServerError, start_demo_server

            try:
                demo_server = start_demo_server(staff_sign_in="required")
            except DemoServerError as exc:
                print(f"kiosk-app: {exc}", file=sys.stderr)
                return 2
            overrides.update(
                api_url=demo_server.url,
                enrollment_token="demo-enrollment",
                store_code=args.store or "PAR01",
                secret_store="memory",  # a throwaway demo device: nothing to keep
            )
        try:
            settings = load_settings(args.config, overrides=overrides)
        except ConfigError as exc:
            print(f"kiosk-app: {exc}", file=sys.stderr)
            return 2
        from kiosk_app.core.logging_setup import configure_logging

        configure_logging(settings.log_dir, args.log_level or settings.log_level)
        from kiosk_app.app import run_gui

        code = run_gui(settings)
        if demo_server is not None:
            demo_server.stop()
        _exit_without_finalization(code)
        return code
    finally:
        if demo_server is not None:
            demo_server.stop()


if __name__ == "__main__":
    sys.exit(main())
