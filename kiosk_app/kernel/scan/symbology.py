"""AIM symbology identifiers (``]`` + code letter + modifier) that scanners may prefix.

With identifiers switched on, a scanner tells which barcode it read, e.g.
``]d2`` for a GS1 DataMatrix. The identifier is the only reliable way to know
that digits are a GS1 element string and not a GTIN, or that 8 digits are a
UPC-E and not an EAN-8.
"""

from __future__ import annotations

import re

GS1_SYMBOLOGIES = frozenset({"]C1", "]e0", "]d2", "]Q3", "]J1"})
"""Identifiers meaning "FNC1 in first position": the data is a GS1 element string.

GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR Code and GS1 DotCode.
"""

EAN_UPC = "]E0"
"""EAN-13, UPC-A (sent as 13 digits, or 12 by some scanners) or UPC-E (8 digits)."""

EAN_8 = "]E4"

_IDENTIFIER = re.compile(r"\][A-Za-z][0-9A-Za-z]")


def split_symbology(text: str) -> tuple[str | None, str]:
    """Split a leading AIM identifier from the data: ``("]d2", "01…")`` or ``(None, text)``."""
    if _IDENTIFIER.match(text):
        return text[:3], text[3:]
    return None, text
