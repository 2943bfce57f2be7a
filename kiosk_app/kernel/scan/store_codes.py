"""The retailer's own codes: loyalty cards, order numbers, pickup codes and receipts.

Formats (surrounding spaces are trimmed before these rules apply):

* loyalty card: 16 digits, starting with the configured prefix (``7810``), the
  last digit a Luhn check digit;
* order number: ``W`` (web) or ``E`` (endless aisle) + 8 digits, any case;
* pickup code: exactly 6 digits;
* receipt: ``R-`` + store code (3 letters + 2 digits) + ``-`` + 8 digits, any case.
"""

from __future__ import annotations

import re

from kiosk_app.kernel.scan.check_digits import has_valid_luhn_check_digit, luhn_check_digit
from kiosk_app.kernel.scan.rejection import Reason, ScanRejected
from kiosk_app.kernel.scan.results import OrderChannel, OrderNumber, Receipt

LOYALTY_CARD_LENGTH = 16
PICKUP_CODE_LENGTH = 6
DEFAULT_LOYALTY_PREFIX = "7810"

ORDER_NUMBER_PATTERN = re.compile(r"[WE][0-9]{8}")
"""An order number once normalised to upper case."""

STORE_CODE_PATTERN = re.compile(r"[A-Z]{3}[0-9]{2}")

_ORDER = re.compile(r"([WwEe])([0-9]{8})")
_RECEIPT = re.compile(r"[Rr]-([A-Za-z]{3}[0-9]{2})-([0-9]{8})")
_CHANNELS: dict[str, OrderChannel] = {"W": "web", "E": "endless_aisle"}


def is_loyalty_card_number(number: str, prefix: str = DEFAULT_LOYALTY_PREFIX) -> bool:
    """True for 16 ASCII digits starting with ``prefix`` with a valid Luhn check digit."""
    return (
        len(number) == LOYALTY_CARD_LENGTH
        and number.startswith(prefix)
        and has_valid_luhn_check_digit(number)
    )


def looks_like_loyalty_card(digits: str, prefix: str) -> bool:
    """Length and prefix of a loyalty card, whatever the check digit."""
    return len(digits) == LOYALTY_CARD_LENGTH and digits.startswith(prefix)


def require_loyalty_check_digit(digits: str) -> None:
    """Raise ``bad_check_digit`` naming the expected digit if the Luhn check fails."""
    expected = luhn_check_digit(digits[:-1])
    if expected != int(digits[-1]):
        raise ScanRejected(
            Reason.BAD_CHECK_DIGIT,
            f"loyalty card {digits}: check digit should be {expected}, not {digits[-1]}",
        )


def read_order_number(text: str, *, raw: str, symbology: str | None) -> OrderNumber | None:
    """``W00012345`` / ``e00012345`` → OrderNumber, else None."""
    match = _ORDER.fullmatch(text)
    if match is None:
        return None
    letter = match.group(1).upper()
    return OrderNumber(
        raw=raw,
        number=letter + match.group(2),
        channel=_CHANNELS[letter],
        symbology=symbology,
    )


def read_receipt(text: str, *, raw: str, symbology: str | None) -> Receipt | None:
    """``R-PAR01-00001234`` → Receipt (store code upper-cased), else None."""
    match = _RECEIPT.fullmatch(text)
    if match is None:
        return None
    return Receipt(
        raw=raw,
        store_code=match.group(1).upper(),
        number=match.group(2),
        symbology=symbology,
    )
