"""GS1 Digital Link URIs: ``https://<any domain>[/<prefix>]/01/<gtin>[/22/…][/10/…][/21/…][?AI=…]``.

Rules implemented (uncompressed Digital Link only):

* scheme http or https, any domain; an optional path prefix before ``/01/``;
* ``gtin``, ``cpv``, ``lot`` and ``ser`` are accepted for 01, 22, 10 and 21;
* the GTIN may have 8, 12, 13 or 14 digits; it is checked and padded to 14;
* path values are percent-decoded (``ABC%2F123`` → ``ABC/123``);
* query keys that are AIs of :data:`~kiosk_app.kernel.scan.gs1_ai_table.AI_TABLE`
  become AIs and are validated; other keys (``linkType``, unknown AIs) are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from urllib.parse import parse_qsl, unquote, urlsplit

from kiosk_app.kernel.scan.check_digits import is_ascii_digits
from kiosk_app.kernel.scan.gs1_ai_table import AI_TABLE, AIDefinition
from kiosk_app.kernel.scan.gs1_values import Gs1Fields, read_ai_values
from kiosk_app.kernel.scan.gtin import require_valid_gtin
from kiosk_app.kernel.scan.input_text import preview
from kiosk_app.kernel.scan.rejection import Reason, ScanRejected

_WEB_URI = re.compile(r"https?://", re.IGNORECASE)
_PATH_ALIASES = {"gtin": "01", "cpv": "22", "lot": "10", "ser": "21"}
_GTIN_QUALIFIERS = frozenset({"22", "10", "21"})


def is_web_uri(text: str) -> bool:
    """True if ``text`` starts with ``http://`` or ``https://`` (any case)."""
    return _WEB_URI.match(text) is not None


def _primary_key_index(segments: list[str]) -> int | None:
    """Index of ``01``/``gtin`` such that the rest of the path is (key, value) pairs."""
    for index, segment in enumerate(segments):
        if _PATH_ALIASES.get(segment, segment) == "01" and (len(segments) - index) % 2 == 0:
            return index
    return None


def parse_digital_link(
    uri: str, *, today: date, table: Mapping[str, AIDefinition] = AI_TABLE
) -> tuple[str, Gs1Fields]:
    """Return ``(domain, fields)`` for a Digital Link; raise :class:`ScanRejected` otherwise.

    A URL without a GTIN path raises with reason ``unknown_url``.
    """
    try:
        parts = urlsplit(uri)
        domain = parts.hostname
    except ValueError:
        raise ScanRejected(Reason.UNKNOWN_URL, "not a valid URL") from None
    if not domain:
        raise ScanRejected(Reason.UNKNOWN_URL, "the URL has no domain")
    segments = [segment for segment in parts.path.split("/") if segment]
    start = _primary_key_index(segments)
    if start is None:
        raise ScanRejected(
            Reason.UNKNOWN_URL, f"not a GS1 Digital Link (no /01/<GTIN>): {preview(uri, 48)}"
        )
    keys, values = segments[start::2], segments[start + 1 :: 2]
    pairs: list[tuple[str, str]] = []
    for key, value in zip(keys, values, strict=True):
        ai = _PATH_ALIASES.get(key, key)
        if pairs and ai not in _GTIN_QUALIFIERS:
            raise ScanRejected(
                Reason.BAD_GS1,
                f"path segment {preview(key, 12)!r} is not a GTIN qualifier (22, 10 or 21)",
                ai=ai if is_ascii_digits(ai) else None,
            )
        pairs.append((ai, unquote(value)))

    try:
        gtin14 = require_valid_gtin(pairs[0][1])
    except ScanRejected as error:
        raise ScanRejected(error.reason, f"AI (01) GTIN: {error.detail}", ai="01") from None
    pairs[0] = ("01", gtin14)

    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in table:
            pairs.append((key, value))
    return domain, read_ai_values(pairs, today, table)
