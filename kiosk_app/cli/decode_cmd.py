"""``kiosk-app decode IMAGE...``: the barcodes in image files, as the camera would see them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk_app.kernel.config import ConfigError, load_settings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="kiosk-app decode",
        description="Decode barcodes in image files: one JSON line per code found "
        "(format, raw text, classification, route), exactly as the camera would.",
    )
    parser.add_argument("images", nargs="+", type=Path)
    parser.add_argument("--decoder", default=None, help="zxing (default) or pyzbar")
    args = parser.parse_args(argv)
    from kiosk_app.hardware.decoding import (
        DecoderUnavailable,
        ImageLoadError,
        UnknownDecoderError,
        decode_image_file,
        make_decoder,
    )
    from kiosk_app.hardware.scan_text import scan_text
    from kiosk_app.kernel.routing import route
    from kiosk_app.kernel.scan.input_text import make_visible

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
