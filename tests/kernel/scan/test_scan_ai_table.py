"""The Application Identifier table is data: check it is consistent."""

from __future__ import annotations

from kiosk_app.kernel.scan import AI_TABLE, Charset
from kiosk_app.kernel.scan.gs1_ai_table import find_ai


def test_table_is_prefix_free() -> None:
    for ai in AI_TABLE:
        for other in AI_TABLE:
            assert ai == other or not other.startswith(ai), (ai, other)


def test_definitions_are_consistent() -> None:
    for ai, definition in AI_TABLE.items():
        assert definition.ai == ai
        assert 2 <= len(ai) <= 4 and ai.isascii() and ai.isdigit()
        assert 1 <= definition.min_length <= definition.max_length
        if definition.check_digit or definition.is_date or definition.implied_decimal:
            assert definition.charset is Charset.NUMERIC
        if definition.is_date:
            assert definition.min_length == definition.max_length == 6


def test_required_ais_are_present_with_their_gs1_formats() -> None:
    expected = {
        "00": (18, 18, True),
        "01": (14, 14, True),
        "02": (14, 14, True),
        "10": (1, 20, False),
        "11": (6, 6, False),
        "15": (6, 6, False),
        "17": (6, 6, False),
        "21": (1, 20, False),
        "30": (1, 8, False),
        "400": (1, 30, False),
        "8018": (18, 18, True),
    }
    for ai, (low, high, check) in expected.items():
        definition = AI_TABLE[ai]
        assert (definition.min_length, definition.max_length, definition.check_digit) == (
            low,
            high,
            check,
        ), ai
    assert [AI_TABLE[f"310{n}"].decimals for n in range(6)] == list(range(6))
    assert [AI_TABLE[f"392{n}"].decimals for n in range(10)] == list(range(10))
    assert AI_TABLE["3922"].max_length == 15
    assert "3106" not in AI_TABLE


def test_find_ai_picks_the_right_length() -> None:
    assert find_ai("0109506000134352") is AI_TABLE["01"]
    assert find_ai("3103000500") is AI_TABLE["3103"]
    assert find_ai("400PO") is AI_TABLE["400"]
    assert find_ai("8018123") is AI_TABLE["8018"]
    assert find_ai("99") is None
    assert find_ai("") is None
