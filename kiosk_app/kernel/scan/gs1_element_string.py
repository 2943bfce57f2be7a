"""Splitting GS1 element strings into (AI, value) pairs.

Two notations are read:

* the data a scanner sends, AIs and values run together, a variable-length
  value ending at a GS separator or at the end: ``0109506000134352<GS>10ABC``
  (``<GS>`` standing for the byte 0x1D). Fixed-length values need no
  separator; one right after them is tolerated, as are a leading FNC1 and
  doubled separators.
* the human-readable notation printed under barcodes:
  ``(01)09506000134352(17)261231(10)ABC123``; spaces around values are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from kiosk_app.kernel.scan.gs1_ai_table import AI_TABLE, AIDefinition, find_ai
from kiosk_app.kernel.scan.gs1_values import Gs1Fields, read_ai_values
from kiosk_app.kernel.scan.input_text import GROUP_SEPARATOR, preview
from kiosk_app.kernel.scan.rejection import Reason, ScanRejected

_HRI_AI = re.compile(r"\(([0-9]{2,4})\)")
_HRI_START = re.compile(r"[ \t]*\([0-9]{2,4}\)")
_HRI_PADDING = " \t"


def replace_separators(text: str, substitutes: Iterable[str]) -> str:
    """Turn every configured stand-in for FNC1 (e.g. the text ``<GS>``) into 0x1D."""
    for substitute in sorted(substitutes, key=len, reverse=True):
        if substitute != GROUP_SEPARATOR:
            text = text.replace(substitute, GROUP_SEPARATOR)
    return text


def looks_human_readable(data: str) -> bool:
    """True if ``data`` starts like ``(01)…``."""
    return _HRI_START.match(data) is not None


def split_separated(
    data: str, table: Mapping[str, AIDefinition] = AI_TABLE
) -> list[tuple[str, str]]:
    """Split a scanner's element string (GS = 0x1D) into (AI, value) pairs, unvalidated."""
    pairs: list[tuple[str, str]] = []
    position, end = 0, len(data)
    while position < end:
        if data[position] == GROUP_SEPARATOR:
            position += 1
            continue
        definition = find_ai(data[position : position + 4], table)
        if definition is None:
            where = f"after AI ({pairs[-1][0]})" if pairs else "at the start"
            raise ScanRejected(
                Reason.BAD_GS1,
                f"unknown AI {where}: {preview(data[position:], 12)!r}",
                ai=pairs[-1][0] if pairs else None,
            )
        start = position + len(definition.ai)
        # A fixed-length value ends after max_length characters; only look that far.
        limit = start + definition.max_length if definition.fixed_length else end
        separator = data.find(GROUP_SEPARATOR, start, limit)
        value_end = min(limit, end) if separator < 0 else separator
        pairs.append((definition.ai, data[start:value_end]))
        position = value_end
    if not pairs:
        raise ScanRejected(Reason.BAD_GS1, "no AI in the element string")
    return pairs


def split_human_readable(
    data: str, table: Mapping[str, AIDefinition] = AI_TABLE
) -> list[tuple[str, str]]:
    """Split ``(01)…(10)…`` into (AI, value) pairs, unvalidated."""
    data = data.strip(_HRI_PADDING)
    matches = list(_HRI_AI.finditer(data))
    if not matches or matches[0].start() != 0:
        raise ScanRejected(Reason.BAD_GS1, "the human-readable form starts with (AI)")
    pairs: list[tuple[str, str]] = []
    for index, match in enumerate(matches):
        ai = match.group(1)
        if ai not in table:
            raise ScanRejected(Reason.BAD_GS1, f"unknown AI ({ai})", ai=ai)
        value_end = matches[index + 1].start() if index + 1 < len(matches) else len(data)
        pairs.append((ai, data[match.end() : value_end].strip(_HRI_PADDING)))
    return pairs


def parse_element_string(
    data: str, *, today: date, table: Mapping[str, AIDefinition] = AI_TABLE
) -> Gs1Fields:
    """Split, validate and decode an element string in either notation.

    ``data`` must already have FNC1 stand-ins replaced (:func:`replace_separators`)
    and no symbology identifier. Raises :class:`ScanRejected` on any error.
    """
    if looks_human_readable(data):
        pairs = split_human_readable(data, table)
    else:
        pairs = split_separated(data, table)
    return read_ai_values(pairs, today, table)
