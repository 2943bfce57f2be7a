"""``kiosk-app parse TEXT...``: what a scanned or typed text is and where the app routes it."""

from __future__ import annotations

import argparse
import json
import re

from kiosk_app.kernel.scan import MAX_SCAN_LENGTH

_LONGEST_ESCAPE = len("\\U0001f600")
MAX_ARGUMENT_LENGTH = MAX_SCAN_LENGTH * _LONGEST_ESCAPE
"""Longest argument decoded: a code of ``MAX_SCAN_LENGTH`` characters written all in escapes."""

_SIMPLE_ESCAPES = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "0": "\0"}
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\\nrt0])")


def _unescape_one(match: re.Match[str]) -> str:
    body = match.group(1)
    if body in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[body]
    code_point = int(body[1:], 16)
    return chr(code_point) if code_point <= 0x10FFFF else match.group(0)


def decode_escapes(text: str) -> str:
    """``\\x1d``, ``\\u00e9``, ``\\n``... become their characters; everything else is kept as is.

    Only the escapes are touched: "Crème" stays "Crème" (``unicode_escape`` read the UTF-8
    bytes as Latin-1 and printed "CrÃ¨me").
    """
    return _ESCAPE.sub(_unescape_one, text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="kiosk-app parse", description="Classify scanned or typed text, one JSON line each."
    )
    parser.add_argument("text", nargs="+", help="text as the scanner sent it (\\x1d for GS)")
    args = parser.parse_args(argv)
    from kiosk_app.kernel.routing import route

    for text in args.text:
        # An over-long argument is refused on its length alone, before anything reads it.
        decoded = text if len(text) > MAX_ARGUMENT_LENGTH else decode_escapes(text)
        dest = route(decoded)
        payload = dest.scan.to_dict() if dest.scan is not None else {}
        print(json.dumps({**payload, "route": dest.flow}, ensure_ascii=False))
    return 0
