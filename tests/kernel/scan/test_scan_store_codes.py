"""Loyalty cards, order numbers, pickup codes and receipts."""

from __future__ import annotations

import pytest

from kiosk_app.kernel.scan import (
    LoyaltyCard,
    OrderNumber,
    PickupCode,
    Reason,
    Receipt,
    ScanConfig,
    ScanKind,
    Unrecognised,
    classify,
    is_loyalty_card_number,
    luhn_check_digit,
)

CARD = "7810123456789010"


def test_luhn_known_value() -> None:
    assert luhn_check_digit("7992739871") == 3  # Wikipedia: 79927398713
    assert luhn_check_digit("781012345678901") == 0


def test_loyalty_card() -> None:
    result = classify(CARD)
    assert isinstance(result, LoyaltyCard)
    assert result.kind is ScanKind.LOYALTY_CARD
    assert result.number == CARD


def test_loyalty_card_bad_luhn() -> None:
    result = classify("7810123456789011")
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.BAD_CHECK_DIGIT
    assert "should be 0" in result.detail


def test_sixteen_digits_without_the_prefix_are_unknown() -> None:
    # Luhn-valid, but not our card range.
    number = "123456789012345" + str(luhn_check_digit("123456789012345"))
    result = classify(number)
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.UNKNOWN_FORMAT


def test_loyalty_prefix_is_configurable() -> None:
    body = "990012345678901"
    number = body + str(luhn_check_digit(body))
    assert isinstance(classify(number, config=ScanConfig(loyalty_prefix="9900")), LoyaltyCard)
    assert not is_loyalty_card_number(number)
    assert is_loyalty_card_number(number, "9900")


@pytest.mark.parametrize(
    ("text", "number", "channel"),
    [
        ("W00012345", "W00012345", "web"),
        ("w00012345", "W00012345", "web"),
        ("  E98765432\r\n", "E98765432", "endless_aisle"),
        ("e00000001\t", "E00000001", "endless_aisle"),
    ],
)
def test_order_numbers(text: str, number: str, channel: str) -> None:
    result = classify(text)
    assert isinstance(result, OrderNumber)
    assert (result.number, result.channel) == (number, channel)


@pytest.mark.parametrize("text", ["W0001234", "W000123456", "X00012345", "W0001234a", "W 00012345"])
def test_not_order_numbers(text: str) -> None:
    result = classify(text)
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.UNKNOWN_FORMAT


def test_pickup_code() -> None:
    result = classify(" 004217\n")
    assert isinstance(result, PickupCode)
    assert result.code == "004217"
    for other in ("12345", "1234567"):
        assert not isinstance(classify(other), PickupCode)


@pytest.mark.parametrize(
    ("text", "store", "number"),
    [("R-PAR01-00001234", "PAR01", "00001234"), ("r-lyo12-98765432", "LYO12", "98765432")],
)
def test_receipts(text: str, store: str, number: str) -> None:
    result = classify(text)
    assert isinstance(result, Receipt)
    assert (result.store_code, result.number) == (store, number)


@pytest.mark.parametrize(
    "text",
    [
        "R-PA01-00001234",
        "R-PARI1-00001234",
        "R-PAR01-0001234",
        "R-PAR01-000012345",
        "RPAR0100001234",
    ],
)
def test_not_receipts(text: str) -> None:
    result = classify(text)
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.UNKNOWN_FORMAT
