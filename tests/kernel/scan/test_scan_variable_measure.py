"""Restricted-circulation EAN-13 with embedded price or weight."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk_app.kernel.scan import (
    GS1Element,
    Product,
    Reason,
    ScanConfig,
    ScanKind,
    Unrecognised,
    VariableMeasure,
    classify,
)
from kiosk_app.kernel.scan.variable_measure import EmbeddedMeasure, VariableMeasureRule


@pytest.mark.parametrize(
    ("code", "prefix", "item", "price", "weight"),
    [
        ("2012345012349", "20", "12345", Decimal("12.34"), None),
        ("2412345999990", "24", "12345", Decimal("999.99"), None),
        ("2100000000005", "21", "00000", Decimal("0.00"), None),
        ("2512345005001", "25", "12345", None, Decimal("0.500")),
        ("2912345015008", "29", "12345", None, Decimal("1.500")),
        ("0212345009994", "02", "12345", Decimal("9.99"), None),
        ("212345009994", "02", "12345", Decimal("9.99"), None),  # UPC-A number system 2
    ],
)
def test_embedded_price_or_weight(
    code: str, prefix: str, item: str, price: Decimal | None, weight: Decimal | None
) -> None:
    result = classify(code)
    assert isinstance(result, VariableMeasure)
    assert result.kind is ScanKind.VARIABLE_MEASURE
    assert result.prefix == prefix
    assert result.item_code == item
    assert result.gtin14 == code.zfill(14)
    assert result.price == price
    assert result.weight_kg == weight
    for value in (result.price, result.weight_kg):
        assert value is None or type(value) is Decimal


def test_decimals_keep_their_scale_in_json() -> None:
    assert classify("2012345012349").to_dict()["price"] == "12.34"
    assert classify("2512345005001").to_dict()["weight_kg"] == "0.500"


def test_bad_check_digit_is_reported() -> None:
    result = classify("2012345012342")
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.BAD_CHECK_DIGIT
    assert "should be 9" in result.detail


def test_other_restricted_prefixes_are_ordinary_products() -> None:
    assert isinstance(classify("0412345678903"), Product)


def test_gs1_element_string_with_restricted_gtin_stays_gs1() -> None:
    result = classify("]C10102012345012349")
    assert isinstance(result, GS1Element)
    assert result.gtin14 == "02012345012349"


def test_layout_table_can_be_changed() -> None:
    # A retailer with 4-digit item codes and 6-digit prices under prefix 20 only.
    config = ScanConfig(
        variable_measure_rules={
            "20": VariableMeasureRule(2, 6, 6, 12, EmbeddedMeasure.PRICE, 2),
        }
    )
    result = classify("2012345012349", config=config)
    assert isinstance(result, VariableMeasure)
    assert (result.item_code, result.price) == ("1234", Decimal("5012.34"))
    assert isinstance(classify("2512345005001", config=config), Product)
