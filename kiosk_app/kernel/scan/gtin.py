"""GTIN validation and normalisation (GTIN-8/12/13/14 and UPC-E)."""

from __future__ import annotations

from kiosk_app.kernel.scan.check_digits import gs1_check_digit, is_ascii_digits
from kiosk_app.kernel.scan.rejection import Reason, ScanRejected

GTIN_LENGTHS = frozenset({8, 12, 13, 14})


def is_valid_gtin(code: str) -> bool:
    """True for 8, 12, 13 or 14 ASCII digits whose last digit is the GS1 check digit."""
    return (
        len(code) in GTIN_LENGTHS
        and is_ascii_digits(code)
        and gs1_check_digit(code[:-1]) == int(code[-1])
    )


def require_valid_gtin(code: str) -> str:
    """Return ``code`` as a GTIN-14, or raise :class:`ScanRejected` saying what is wrong."""
    if len(code) not in GTIN_LENGTHS or not is_ascii_digits(code):
        raise ScanRejected(
            Reason.BAD_GS1, f"a GTIN has 8, 12, 13 or 14 digits, got {len(code)} characters"
        )
    if gs1_check_digit(code[:-1]) != int(code[-1]):
        raise check_digit_error(code)
    return code.zfill(14)


def check_digit_error(code: str) -> ScanRejected:
    """The ``bad_check_digit`` rejection for a GTIN, naming the expected digit."""
    expected = gs1_check_digit(code[:-1])
    return ScanRejected(
        Reason.BAD_CHECK_DIGIT,
        f"GTIN-{len(code)} {code}: check digit should be {expected}, not {code[-1]}",
    )


def to_gtin14(code: str) -> str:
    """Left-pad a valid GTIN-8/12/13/14 with zeros to 14 digits; ValueError if invalid."""
    if not is_valid_gtin(code):
        raise ValueError(f"not a valid GTIN: {code!r}")
    return code.zfill(14)


def expand_upce(code8: str) -> str:
    """Expand an 8-digit UPC-E (number system, 6 digits, check digit) to its GTIN-12.

    The check digit is copied, not verified: call :func:`is_valid_gtin` on the
    result. Use this only when the symbology is known to be UPC-E (AIM ``]E0``
    with 8 digits), because 8 digits are otherwise a GTIN-8.

    >>> expand_upce("01234565")
    '012345000065'
    """
    if len(code8) != 8 or not is_ascii_digits(code8) or code8[0] not in "01":
        raise ValueError("UPC-E is 8 digits starting with number system 0 or 1")
    system, d, check = code8[0], code8[1:7], code8[7]
    last = d[5]
    if last in "012":
        middle = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        middle = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        middle = d[0:4] + "00000" + d[4]
    else:
        middle = d[0:5] + "0000" + last
    return system + middle + check
