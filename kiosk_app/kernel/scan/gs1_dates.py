"""GS1 six-digit dates (YYMMDD) as used by AIs 11, 13, 15, 16 and 17."""

from __future__ import annotations

import calendar
import re
from datetime import date

_YYMMDD = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})")


def gs1_full_year(yy: int, today: date) -> int:
    """Four-digit year for a two-digit GS1 year (GS1 General Specifications, 7.12).

    The result lies between 49 years before and 50 years after ``today``'s year.
    """
    current = today.year % 100
    year = today.year - current + yy
    difference = yy - current
    if difference >= 51:
        year -= 100
    elif difference <= -50:
        year += 100
    return year


def parse_gs1_date(text: str, today: date) -> date:
    """Parse ``YYMMDD``; ``DD = 00`` means the last day of the month.

    Raises ValueError with an English message for anything else.
    """
    match = _YYMMDD.fullmatch(text)
    if match is None:
        raise ValueError(f"a date is 6 digits YYMMDD, got {text!r}")
    yy, month, day = (int(group) for group in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"month {month:02d} does not exist in {text}")
    year = gs1_full_year(yy, today)
    last_day = calendar.monthrange(year, month)[1]
    if day == 0:
        return date(year, month, last_day)
    if day > last_day:
        raise ValueError(f"{year}-{month:02d} has no day {day:02d} (in {text})")
    return date(year, month, day)
