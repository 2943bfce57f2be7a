"""The GS1 Application Identifiers we understand, as data.

To support a new AI, add one :class:`AIDefinition` to :data:`AI_TABLE` (values
from the GS1 General Specifications, section 3). The table must stay
prefix-free (no AI is the beginning of another), which GS1 guarantees and a
test checks. Parsing, validation and the Digital Link query use this table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Charset(StrEnum):
    """Characters allowed in an AI value."""

    NUMERIC = "N"
    CSET82 = "X"
    """GS1 AI encodable character set 82: printable ASCII minus space, #, $, @, [, \\, ], ^, `,
    {, |, } and ~."""


_CHARSET_PATTERNS: Mapping[Charset, re.Pattern[str]] = {
    Charset.NUMERIC: re.compile(r"[0-9]*"),
    Charset.CSET82: re.compile(r"[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*"),
}


@dataclass(frozen=True, slots=True)
class AIDefinition:
    """Format of one Application Identifier's value."""

    ai: str
    title: str
    """GS1 data title, for messages."""
    min_length: int
    max_length: int
    charset: Charset = Charset.NUMERIC
    check_digit: bool = False
    """The last digit is a GS1 modulo-10 check digit (GTIN, SSCC, GSRN)."""
    is_date: bool = False
    """The value is YYMMDD, DD = 00 meaning end of month."""
    implied_decimal: bool = False
    """The AI's last digit says how many decimals the value has (310n, 392n)."""

    @property
    def fixed_length(self) -> bool:
        """A fixed-length value ends after ``max_length`` characters without a separator."""
        return self.min_length == self.max_length

    @property
    def decimals(self) -> int:
        """Number of implied decimals (0 unless ``implied_decimal``)."""
        return int(self.ai[-1]) if self.implied_decimal else 0

    def charset_matches(self, value: str) -> bool:
        """True if every character of ``value`` is allowed by ``charset``."""
        return _CHARSET_PATTERNS[self.charset].fullmatch(value) is not None


def _decimal_family(
    stem: str, title: str, last_digits: Iterable[int], min_length: int, max_length: int
) -> list[AIDefinition]:
    """Numeric AIs ``stem0``, ``stem1``, … whose last digit is the decimal position."""
    return [
        AIDefinition(f"{stem}{n}", title, min_length, max_length, implied_decimal=True)
        for n in last_digits
    ]


_X = Charset.CSET82

_DEFINITIONS: list[AIDefinition] = [
    AIDefinition("00", "SSCC", 18, 18, check_digit=True),
    AIDefinition("01", "GTIN", 14, 14, check_digit=True),
    AIDefinition("02", "CONTENT", 14, 14, check_digit=True),
    AIDefinition("10", "BATCH/LOT", 1, 20, _X),
    AIDefinition("11", "PROD DATE", 6, 6, is_date=True),
    AIDefinition("12", "DUE DATE", 6, 6, is_date=True),
    AIDefinition("13", "PACK DATE", 6, 6, is_date=True),
    AIDefinition("15", "BEST BEFORE or BEST BY", 6, 6, is_date=True),
    AIDefinition("16", "SELL BY", 6, 6, is_date=True),
    AIDefinition("17", "USE BY or EXPIRY", 6, 6, is_date=True),
    AIDefinition("20", "VARIANT", 2, 2),
    AIDefinition("21", "SERIAL", 1, 20, _X),
    AIDefinition("22", "CPV", 1, 20, _X),
    AIDefinition("30", "VAR. COUNT", 1, 8),
    AIDefinition("37", "COUNT", 1, 8),
    *_decimal_family("310", "NET WEIGHT (kg)", range(6), 6, 6),
    *_decimal_family("392", "PRICE", range(10), 1, 15),
    AIDefinition("400", "ORDER NUMBER", 1, 30, _X),
    AIDefinition("8018", "GSRN - RECIPIENT", 18, 18, check_digit=True),
]

AI_TABLE: Mapping[str, AIDefinition] = MappingProxyType({d.ai: d for d in _DEFINITIONS})
"""AI → definition for every AI we accept."""

AI_LENGTHS = (2, 3, 4)
"""GS1 AIs have two to four digits."""


def find_ai(data: str, table: Mapping[str, AIDefinition] = AI_TABLE) -> AIDefinition | None:
    """The definition whose AI starts ``data``, or None."""
    for length in AI_LENGTHS:
        definition = table.get(data[:length])
        if definition is not None:
            return definition
    return None
