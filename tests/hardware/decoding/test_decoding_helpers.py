"""GS1 check digits, grayscale conversion and DecodedCode."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from kiosk_app.hardware.decoding import CodeFormat, DecodedCode, InvalidImageError
from kiosk_app.hardware.decoding.grayscale import to_grayscale
from kiosk_app.hardware.decoding.gs1 import gs1_check_digit, has_valid_check_digit, is_itf14
from kiosk_app.hardware.decoding.normalise import ean13_or_upca, gs1_element_string

digits = st.text(alphabet="0123456789", min_size=1, max_size=17)


@pytest.mark.parametrize(
    ("payload", "check"),
    [("590123412345", 7), ("9638507", 4), ("03600029145", 2), ("1540014128876", 3)],
)
def test_known_check_digits(payload: str, check: int) -> None:
    assert gs1_check_digit(payload) == check


@given(digits)
def test_appending_the_check_digit_makes_a_valid_code(payload: str) -> None:
    assert has_valid_check_digit(payload + str(gs1_check_digit(payload)))


@given(digits, st.integers(min_value=1, max_value=9))
def test_a_wrong_check_digit_is_detected(payload: str, offset: int) -> None:
    wrong = (gs1_check_digit(payload) + offset) % 10
    assert not has_valid_check_digit(payload + str(wrong))


def test_check_digit_rejects_non_digits() -> None:
    with pytest.raises(ValueError):
        gs1_check_digit("12a")
    assert not has_valid_check_digit("12a4")
    assert not is_itf14("1234567890123")


def test_ean13_with_leading_zero_is_upca() -> None:
    assert ean13_or_upca("0036000291452") == (CodeFormat.UPCA, "036000291452")
    assert ean13_or_upca("5901234123457") == (CodeFormat.EAN13, "5901234123457")


def test_leading_fnc1_is_dropped_from_gs1_text() -> None:
    assert gs1_element_string("\x1d0109506000134352") == "0109506000134352"


def test_rgb_uses_bt601_luma_weights() -> None:
    rgb = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]], dtype=np.uint8)

    assert to_grayscale(rgb).tolist() == [[76, 149, 28, 255]]


@given(hnp.arrays(np.uint8, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=16)))
def test_grayscale_frames_pass_through_unchanged(frame: np.ndarray) -> None:
    out = to_grayscale(frame)

    assert out.flags.c_contiguous
    np.testing.assert_array_equal(out, frame)


@given(
    hnp.arrays(
        np.uint8,
        st.tuples(st.integers(1, 12), st.integers(1, 12), st.sampled_from([1, 3, 4])),
    )
)
def test_colour_frames_become_two_dimensional(frame: np.ndarray) -> None:
    out = to_grayscale(frame)

    assert out.shape == frame.shape[:2]
    assert out.dtype == np.uint8


def test_non_arrays_are_rejected() -> None:
    with pytest.raises(InvalidImageError):
        to_grayscale([[0, 1], [2, 3]])  # type: ignore[arg-type]


def test_decoded_code_is_frozen_and_knows_gs1() -> None:
    code = DecodedCode(format=CodeFormat.GS1_128, text="0109506000134352", symbology_id="]C1")

    assert code.is_gs1
    assert not DecodedCode(format=CodeFormat.QR, text="x").is_gs1
    with pytest.raises(dataclasses.FrozenInstanceError):
        code.text = "changed"  # type: ignore[misc]
