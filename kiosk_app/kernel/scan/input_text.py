"""Bounding, trimming and displaying raw scanner input.

Keyboard-wedge scanners type the code followed by Enter or Tab, and
GS1 symbols carry FNC1 as the ASCII Group Separator (0x1D). These helpers
decide what is trimmed, what is rejected, and how invisible characters are
shown in logs and on screen.
"""

from __future__ import annotations

import unicodedata

MAX_SCAN_LENGTH = 4096
"""Longest input :func:`~kiosk_app.kernel.scan.classify` looks at, in characters."""

PREVIEW_LENGTH = 64
"""How many characters of an over-long input are kept in the result."""

GROUP_SEPARATOR = "\x1d"
"""ASCII GS: how scanners transmit the GS1 FNC1 separator."""

_ASCII_CONTROL_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
    "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
    "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
)  # fmt: skip

# str.isspace() is true for FS, GS, RS and US; GS is data here, never padding.
_NOT_PADDING = frozenset("\x1c\x1d\x1e\x1f")


def _is_padding(char: str) -> bool:
    return char.isspace() and char not in _NOT_PADDING


def trim(text: str) -> str:
    """Remove surrounding whitespace, including the Enter/Tab a wedge scanner appends."""
    start, end = 0, len(text)
    while start < end and _is_padding(text[start]):
        start += 1
    while end > start and _is_padding(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_invisible(char: str) -> bool:
    # Cc: control, Cf: format (zero-width, bidi overrides), Cs: lone surrogate.
    return unicodedata.category(char) in ("Cc", "Cf", "Cs")


def make_visible(text: str) -> str:
    """Return ``text`` with invisible characters spelt out, e.g. ``"\\x1d"`` as ``<GS>``.

    ASCII controls use their standard names (``<GS>``, ``<CR>``, ``<DEL>``); other
    invisible code points become ``<U+XXXX>``. The result is safe to log, to show
    and to encode as UTF-8.
    """
    if not any(_is_invisible(char) for char in text):
        return text
    parts: list[str] = []
    for char in text:
        code = ord(char)
        if code < len(_ASCII_CONTROL_NAMES):
            parts.append(f"<{_ASCII_CONTROL_NAMES[code]}>")
        elif code == 0x7F:
            parts.append("<DEL>")
        elif _is_invisible(char):
            parts.append(f"<U+{code:04X}>")
        else:
            parts.append(char)
    return "".join(parts)


def preview(text: str, limit: int = PREVIEW_LENGTH) -> str:
    """Visible form of the first ``limit`` characters, with ``…`` when cut."""
    if len(text) <= limit:
        return make_visible(text)
    return make_visible(text[:limit]) + "…"


def first_forbidden_character(text: str) -> str | None:
    """The first control character other than GS, or a lone surrogate, if any.

    Such characters never belong to a code we understand: they come from a
    misconfigured scanner or from pasted binary data.
    """
    for char in text:
        if char == GROUP_SEPARATOR:
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            return char
    return None
