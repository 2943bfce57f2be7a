"""Why a scan was not understood: machine reason codes and the internal exception.

Parsers raise :class:`ScanRejected`; :func:`~kiosk_app.kernel.scan.classify`
turns it into an :class:`~kiosk_app.kernel.scan.results.Unrecognised` result so
that callers never see an exception.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Machine-readable reason carried by an ``Unrecognised`` result."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    CONTROL_CHARS = "control_chars"
    NOT_TEXT = "not_text"
    BAD_CHECK_DIGIT = "bad_check_digit"
    UNKNOWN_FORMAT = "unknown_format"
    BAD_GS1 = "bad_gs1"
    BAD_DATE = "bad_date"
    UNKNOWN_URL = "unknown_url"
    MALFORMED_SIGNED_CODE = "malformed_signed_code"
    INTERNAL_ERROR = "internal_error"


class ScanRejected(Exception):
    """Raised by parsers when the text has a known shape but invalid content."""

    def __init__(self, reason: Reason, detail: str, *, ai: str | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.ai = ai
