"""Check-digit algorithms: GS1 modulo 10 and Luhn."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]+")


def is_ascii_digits(text: str) -> bool:
    """True for a non-empty string of ASCII digits only.

    ``str.isdigit`` is not used because it accepts other scripts' digits and
    superscripts, which ``int`` then converts or rejects inconsistently.
    """
    return _DIGITS.fullmatch(text) is not None


def gs1_check_digit(body: str) -> int:
    """GS1 modulo-10 check digit of ``body`` (all digits but the check digit).

    Weights alternate 3, 1, 3, … starting from the rightmost digit of the body,
    which works for every GS1 key length (GTIN-8 to SSCC and GSRN).
    """
    if not is_ascii_digits(body):
        raise ValueError("a GS1 check digit needs ASCII digits")
    total = 0
    for position, char in enumerate(reversed(body)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


def has_valid_gs1_check_digit(code: str) -> bool:
    """True if the last digit of ``code`` is its GS1 check digit."""
    if len(code) < 2 or not is_ascii_digits(code):
        return False
    return gs1_check_digit(code[:-1]) == int(code[-1])


def luhn_check_digit(body: str) -> int:
    """Luhn (ISO/IEC 7812) check digit of ``body``."""
    if not is_ascii_digits(body):
        raise ValueError("a Luhn check digit needs ASCII digits")
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def has_valid_luhn_check_digit(code: str) -> bool:
    """True if the last digit of ``code`` is its Luhn check digit."""
    if len(code) < 2 or not is_ascii_digits(code):
        return False
    return luhn_check_digit(code[:-1]) == int(code[-1])
