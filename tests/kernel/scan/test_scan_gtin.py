"""GTIN-8/12/13/14 and UPC-E: check digits, normalisation, symbology identifiers."""

from __future__ import annotations

import pytest

from kiosk_app.kernel.scan import (
    Product,
    Reason,
    ScanKind,
    Unrecognised,
    classify,
    expand_upce,
    gs1_check_digit,
    is_valid_gtin,
    to_gtin14,
)


@pytest.mark.parametrize(
    ("code", "gtin14", "length"),
    [
        ("4006381333931", "04006381333931", 13),  # EAN-13, Wikipedia example
        ("9506000134352", "09506000134352", 13),  # GS1 example GTIN-13
        ("09506000134352", "09506000134352", 14),  # the same as GTIN-14
        ("0012345678905", "00012345678905", 13),  # UPC-A 012345678905 as EAN-13
        ("012345678905", "00012345678905", 12),  # UPC-A
        ("036000291452", "00036000291452", 12),  # UPC-A, Wikipedia example
        ("96385074", "00000096385074", 8),  # EAN-8, Wikipedia example
        ("10614141000415", "10614141000415", 14),  # GTIN-14 with indicator digit 1
    ],
)
def test_valid_gtins_are_products_padded_to_14(code: str, gtin14: str, length: int) -> None:
    result = classify(code)
    assert isinstance(result, Product)
    assert result.kind is ScanKind.PRODUCT
    assert result.gtin14 == gtin14
    assert result.original_length == length
    assert result.from_upce is False
    assert result.raw == code


@pytest.mark.parametrize(
    ("code", "expected_digit"),
    [
        ("4006381333932", "1"),
        ("9506000134353", "2"),
        ("09506000134351", "2"),
        ("036000291453", "2"),
        ("96385075", "4"),
        ("01234566", "5"),  # fails as GTIN-8 and as UPC-E: reported as GTIN-8
    ],
)
def test_bad_check_digit_names_the_expected_digit(code: str, expected_digit: str) -> None:
    result = classify(code)
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.BAD_CHECK_DIGIT
    assert f"should be {expected_digit}" in result.detail


def test_gs1_check_digit_known_values() -> None:
    assert gs1_check_digit("400638133393") == 1
    assert gs1_check_digit("1061414112345678" + "9") == 7  # SSCC 106141411234567897
    assert gs1_check_digit("0000000") == 0
    with pytest.raises(ValueError):
        gs1_check_digit("12a")


@pytest.mark.parametrize(
    ("upce", "gtin12"),
    [
        ("04252614", "042100005264"),  # Wikipedia example
        ("01234505", "012000003455"),  # last digit 0: manufacturer XX000
        ("01234515", "012100003455"),
        ("01234525", "012200003455"),
        ("01234535", "012300000455"),  # last digit 3
        ("01234545", "012340000055"),  # last digit 4
        ("01234555", "012345000055"),  # last digit 5-9
        ("01234565", "012345000065"),
        ("11234595", "112345000095"),  # number system 1
    ],
)
def test_expand_upce(upce: str, gtin12: str) -> None:
    assert expand_upce(upce) == gtin12


@pytest.mark.parametrize("bad", ["0123456", "012345678", "21234565", "0123456a", "٠١٢٣٤٥٦٥"])
def test_expand_upce_rejects_non_upce(bad: str) -> None:
    with pytest.raises(ValueError):
        expand_upce(bad)


def test_upce_with_symbology_identifier_is_expanded() -> None:
    result = classify("]E004252614")
    assert isinstance(result, Product)
    assert result.gtin14 == "00042100005264"
    assert result.from_upce is True
    assert result.original_length == 8
    assert result.symbology == "]E0"


def test_upce_with_bad_check_digit() -> None:
    result = classify("]E004252615")
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.BAD_CHECK_DIGIT
    assert "should be 4" in result.detail


def test_eight_digits_valid_as_gtin8_stay_gtin8_even_if_upce_shaped() -> None:
    # 01234565 is valid both as GTIN-8 and as UPC-E: without ]E0 it is a GTIN-8.
    result = classify("01234565")
    assert isinstance(result, Product)
    assert (result.gtin14, result.from_upce) == ("00000001234565", False)


def test_eight_digits_invalid_as_gtin8_but_valid_upce_fall_back_to_upce() -> None:
    result = classify("04252614")
    assert isinstance(result, Product)
    assert (result.gtin14, result.from_upce) == ("00042100005264", True)


def test_ean_symbology_identifiers() -> None:
    ean8 = classify("]E496385074")
    assert isinstance(ean8, Product)
    assert (ean8.gtin14, ean8.symbology) == ("00000096385074", "]E4")
    ean13 = classify("]E04006381333931")
    assert isinstance(ean13, Product)
    assert (ean13.gtin14, ean13.symbology) == ("04006381333931", "]E0")
    wrong_length = classify("]E44006381333931")
    assert isinstance(wrong_length, Unrecognised)
    assert wrong_length.reason is Reason.UNKNOWN_FORMAT
    bad_ean8 = classify("]E496385075")
    assert isinstance(bad_ean8, Unrecognised)
    assert bad_ean8.reason is Reason.BAD_CHECK_DIGIT


def test_non_gs1_symbology_identifier_is_recorded_and_ignored() -> None:
    result = classify("]I04006381333931")
    assert isinstance(result, Product)
    assert result.symbology == "]I0"


@pytest.mark.parametrize("code", ["123456789", "1234567890", "12345678901", "123456789012345678"])
def test_other_digit_lengths_are_unknown(code: str) -> None:
    result = classify(code)
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.UNKNOWN_FORMAT


def test_non_ascii_digits_are_not_gtins() -> None:
    fullwidth = "４００６３８１３３３９３１"
    assert not is_valid_gtin(fullwidth)
    result = classify(fullwidth)
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.UNKNOWN_FORMAT


def test_to_gtin14() -> None:
    assert to_gtin14("96385074") == "00000096385074"
    assert to_gtin14("4006381333931") == "04006381333931"
    for bad in ("4006381333932", "123", "400638133393a"):
        with pytest.raises(ValueError):
            to_gtin14(bad)
