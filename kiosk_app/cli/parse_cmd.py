"""``kiosk-app parse TEXT...``: what a scanned or typed text is and where the app routes it."""

from __future__ import annotations

import argparse
import json


def main(argv: list[str]) -> int:
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
