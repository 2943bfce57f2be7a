"""GS1 element strings: FNC1 data from scanners and the (AI) human-readable form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kiosk_app.kernel.scan import (
    GS1Element,
    Product,
    Reason,
    ScanConfig,
    ScanKind,
    Unrecognised,
    classify,
)

TODAY = date(2025, 6, 15)
GS = "\x1d"


def gs1(text: str, **kwargs: object) -> GS1Element:
    result = classify(text, today=TODAY, **kwargs)  # type: ignore[arg-type]
    assert isinstance(result, GS1Element), result
    return result


def rejected(text: str) -> Unrecognised:
    result = classify(text, today=TODAY)
    assert isinstance(result, Unrecognised), result
    return result


def test_gs1_128_with_fnc1() -> None:
    # Fixed-length 01 and 17 need no separator; variable 10 ends at GS.
    result = gs1(f"]C101095060001343521726123110ABC123{GS}21XYZ-9")
    assert result.symbology == "]C1"
    assert result.ais == (
        ("01", "09506000134352"),
        ("17", "261231"),
        ("10", "ABC123"),
        ("21", "XYZ-9"),
    )
    assert result.gtin14 == "09506000134352"
    assert result.expiry == date(2026, 12, 31)
    assert (result.lot, result.serial) == ("ABC123", "XYZ-9")
    assert result.kind is ScanKind.GS1
    assert result.raw == "]C101095060001343521726123110ABC123<GS>21XYZ-9"


def test_gs1_datamatrix_with_separators() -> None:
    result = gs1(f"]d2010950600013435221SN0001{GS}10L-42/B{GS}172702283103001250")
    assert result.symbology == "]d2"
    assert [ai for ai, _ in result.ais] == ["01", "21", "10", "17", "3103"]
    assert result.serial == "SN0001"
    assert result.lot == "L-42/B"
    assert result.expiry == date(2027, 2, 28)
    assert result.net_weight_kg == Decimal("1.250")


@pytest.mark.parametrize("identifier", ["]C1", "]e0", "]d2", "]Q3", "]J1"])
def test_every_gs1_symbology_identifier(identifier: str) -> None:
    assert gs1(f"{identifier}0109506000134352").symbology == identifier


def test_human_readable_form() -> None:
    result = gs1("(01)09506000134352(17)261231(10)ABC123")
    assert result.ais == (("01", "09506000134352"), ("17", "261231"), ("10", "ABC123"))
    assert result.symbology is None
    spaced = gs1("(01) 09506000134352 (17) 261231 (10) ABC123")
    assert spaced.ais == result.ais


def test_only_ai_01_exposes_the_gtin_for_routing() -> None:
    result = gs1("]C10109506000134352")
    assert result.kind is ScanKind.GS1
    assert result.gtin14 == "09506000134352"
    assert result.ais == (("01", "09506000134352"),)


def test_plain_digits_are_not_element_strings() -> None:
    assert isinstance(classify("09506000134352"), Product)
    sixteen = classify("0109506000134352")
    assert isinstance(sixteen, Unrecognised)
    assert sixteen.reason is Reason.UNKNOWN_FORMAT


def test_text_gs_stand_in_and_leading_fnc1() -> None:
    assert gs1("0109506000134352<GS>10ABC<GS>21S1").serial == "S1"
    assert gs1(f"{GS}0109506000134352{GS}10ABC").lot == "ABC"
    assert gs1(f"]C110ABC{GS}").lot == "ABC"  # trailing separator tolerated


def test_separator_stand_ins_are_configurable() -> None:
    text = "]d2010950600013435210ABC~21S1"
    with_tilde = gs1(text, config=ScanConfig(gs_substitutes=(GS, "~")))
    assert (with_tilde.lot, with_tilde.serial) == ("ABC", "S1")
    default = rejected(text)  # "~" is not in CSET 82
    assert (default.reason, default.ai) == (Reason.BAD_GS1, "10")


def test_separator_after_fixed_length_field_is_tolerated() -> None:
    assert gs1(f"]C10109506000134352{GS}17261231").expiry == date(2026, 12, 31)


def test_weights_prices_counts_and_orders() -> None:
    result = gs1(f"]C1010950600013435231020012503922001299{GS}30120{GS}400PO-778/A")
    assert result.net_weight_kg == Decimal("12.50")
    assert result.price == Decimal("12.99")
    assert result.count == 120
    assert result.value_of("400") == "PO-778/A"
    assert result.value_of("99") is None
    assert result.to_dict()["price"] == "12.99"
    assert gs1("(3100)000042").net_weight_kg == Decimal("42")
    assert gs1("(3105)123456").net_weight_kg == Decimal("1.23456")
    assert gs1("(3920)15").price == Decimal("15")


def test_sscc_and_gsrn_loyalty() -> None:
    pallet = gs1("]C100106141411234567897")
    assert pallet.sscc == "106141411234567897"
    member = gs1("]C18018106141412345678908")
    assert member.kind is ScanKind.GS1
    assert member.gsrn == "106141412345678908"


@pytest.mark.parametrize(
    ("text", "ai", "words"),
    [
        ("]C199123", None, "unknown AI at the start"),
        ("]C10109506000134352XYZ", "01", "unknown AI after AI (01)"),
        ("]C1011234", "01", "needs 14 characters, got 4"),
        (f"]C101095060{GS}10A", "01", "needs 14 characters, got 6"),
        ("]C10109506000134353", "01", "check digit should be 2"),
        ("]C101095060001343AB", "01", "digits only"),
        ("]C100106141411234567898", "00", "check digit should be 7"),
        ("]C18018106141412345678909", "8018", "check digit should be 8"),
        ("]C110ABCDEFGHIJKLMNOPQRSTU", "10", "1 to 20 characters, got 21"),
        ("]C110AB#C", "10", "CSET 82"),
        ("]C1310300050", "3103", "needs 6 characters, got 5"),
        ("]C13922", "3922", "got 0"),
        (f"]C110A{GS}10B", "10", "more than once"),
        ("(99)123", "99", "unknown AI (99)"),
        ("(01)0950600013435(10)A", "01", "needs 14"),
        ("(10)", "10", "got 0"),
        ("]d2", None, "no data"),
        (f"]d2{GS}", None, "no AI"),
    ],
)
def test_invalid_element_strings_are_bad_gs1(text: str, ai: str | None, words: str) -> None:
    result = rejected(text)
    assert result.reason is Reason.BAD_GS1
    assert result.ai == ai
    assert words in result.detail


def test_variable_field_without_separator_runs_to_the_end() -> None:
    # Without GS the scanner data is ambiguous; GS1 says the value runs on.
    assert gs1("]C110ABC17261231").lot == "ABC17261231"


def test_to_dict_lists_ais_in_order() -> None:
    data = gs1("(01)09506000134352(10)A1").to_dict()
    assert data["kind"] == "gs1"
    assert data["ais"] == [["01", "09506000134352"], ["10", "A1"]]
