"""GS1 YYMMDD dates: century rule, DD = 00, leap years, invalid dates."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk_app.kernel.scan import GS1Element, Reason, Unrecognised, classify, parse_gs1_date
from kiosk_app.kernel.scan.gs1_dates import gs1_full_year

TODAY = date(2025, 6, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("261231", date(2026, 12, 31)),
        ("250200", date(2025, 2, 28)),  # DD = 00: end of month, non-leap
        ("240200", date(2024, 2, 29)),  # DD = 00: end of month, leap
        ("240229", date(2024, 2, 29)),
        ("000229", date(2000, 2, 29)),  # 2000 is a leap year
        ("251200", date(2025, 12, 31)),
        ("250400", date(2025, 4, 30)),
        ("750101", date(2075, 1, 1)),  # +50 years: still this century
        ("760101", date(1976, 1, 1)),  # +51 years: previous century
    ],
)
def test_valid_dates(text: str, expected: date) -> None:
    assert parse_gs1_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["250229", "250431", "251301", "250001", "250132", "2502", "25022a"]
)
def test_invalid_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_gs1_date(text, TODAY)


@pytest.mark.parametrize(
    ("yy", "this_year", "expected"),
    [
        (75, 2025, 2075),
        (76, 2025, 1976),
        (25, 2025, 2025),
        (30, 2080, 2130),  # 50 years ahead
        (31, 2080, 2031),  # 49 years back
        (99, 2000, 1999),
        (50, 2000, 2050),
        (51, 2000, 1951),
    ],
)
def test_century_rule(yy: int, this_year: int, expected: int) -> None:
    assert gs1_full_year(yy, date(this_year, 1, 1)) == expected


def test_2100_is_not_a_leap_year() -> None:
    with pytest.raises(ValueError):
        parse_gs1_date("000229", date(2060, 1, 1))  # YY 00 means 2100 in 2060
    assert parse_gs1_date("000200", date(2060, 1, 1)) == date(2100, 2, 28)


def test_today_parameter_drives_classify() -> None:
    code = "(01)09506000134352(17)760101"
    now = classify(code, today=TODAY)
    later = classify(code, today=date(2030, 1, 1))
    assert isinstance(now, GS1Element)
    assert isinstance(later, GS1Element)
    assert (now.expiry, later.expiry) == (date(1976, 1, 1), date(2076, 1, 1))


@pytest.mark.parametrize("ai", ["11", "15", "17"])
def test_invalid_date_in_element_string_is_bad_date(ai: str) -> None:
    result = classify(f"]C10109506000134352{ai}250229", today=TODAY)
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.BAD_DATE
    assert result.ai == ai
    assert f"AI ({ai})" in result.detail


def test_date_fields_are_decoded() -> None:
    result = classify("(01)09506000134352(11)250101(15)250600(17)261231", today=TODAY)
    assert isinstance(result, GS1Element)
    assert result.production_date == date(2025, 1, 1)
    assert result.best_before == date(2025, 6, 30)
    assert result.expiry == date(2026, 12, 31)
    assert result.to_dict()["expiry"] == "2026-12-31"
