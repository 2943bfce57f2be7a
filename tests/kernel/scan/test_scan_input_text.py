"""Bounds, trimming, control characters and the visible ``raw`` form."""

from __future__ import annotations

from typing import cast

import pytest

from kiosk_app.kernel.scan import (
    MAX_SCAN_LENGTH,
    Product,
    Reason,
    Unrecognised,
    classify,
    make_visible,
)
from kiosk_app.kernel.scan.input_text import trim


def unrecognised(text: str) -> Unrecognised:
    result = classify(text)
    assert isinstance(result, Unrecognised), result
    return result


@pytest.mark.parametrize("text", ["", " ", "\r\n", "\t \t", "\u00a0\u2003"])
def test_empty(text: str) -> None:
    result = unrecognised(text)
    assert result.reason is Reason.EMPTY
    assert result.raw == ""


@pytest.mark.parametrize("suffix", ["\r", "\n", "\r\n", "\t", "  \r\n"])
def test_wedge_terminators_are_stripped(suffix: str) -> None:
    result = classify(" 4006381333931" + suffix)
    assert isinstance(result, Product)
    assert result.raw == "4006381333931"


def test_trim_keeps_group_separators() -> None:
    assert trim("\x1d01\x1d\r\n") == "\x1d01\x1d"
    assert trim(" \t a b \n") == "a b"


def test_length_bound() -> None:
    at_limit = unrecognised("1" * MAX_SCAN_LENGTH)
    assert at_limit.reason is Reason.UNKNOWN_FORMAT
    too_long = unrecognised("1" * (MAX_SCAN_LENGTH + 1))
    assert too_long.reason is Reason.TOO_LONG
    assert too_long.raw.endswith("…")
    assert len(too_long.raw) <= 65
    huge = unrecognised("\x00" * 1_000_000)
    assert huge.reason is Reason.TOO_LONG
    assert huge.raw.startswith("<NUL><NUL>")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("4006381333931\x00", "<NUL>"),
        ("ab\x07c", "<BEL>"),
        ("\x1b[31m", "<ESC>"),
        ("W0001\x7f2345", "<DEL>"),
        ("W000\u008512345", "<U+0085>"),
        ("W0001\n2345", "<LF>"),
        ("01\x1e02", "<RS>"),
        ("abc\ud800", "<U+D800>"),
    ],
)
def test_control_characters_are_rejected_and_shown(text: str, shown: str) -> None:
    result = unrecognised(text)
    assert result.reason is Reason.CONTROL_CHARS
    assert shown in result.detail
    assert shown in result.raw


def test_make_visible() -> None:
    assert make_visible("01\x1d10") == "01<GS>10"
    assert make_visible("\x00\x1f\x7f") == "<NUL><US><DEL>"
    assert make_visible("a\u200bb\u202e") == "a<U+200B>b<U+202E>"
    assert make_visible("café ✓") == "café ✓"


def test_non_text_input_does_not_raise() -> None:
    result = classify(cast(str, b"4006381333931"))
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.NOT_TEXT
    assert unrecognised(cast(str, None)).reason is Reason.NOT_TEXT


def test_unknown_text() -> None:
    result = unrecognised("hello world")
    assert result.reason is Reason.UNKNOWN_FORMAT
    assert result.detail


def test_internal_errors_become_unrecognised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import kiosk_app.kernel.scan.classifier as classifier

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("simulated bug")

    monkeypatch.setattr(classifier, "_classify_data", broken)
    result = unrecognised("4006381333931")
    assert result.reason is Reason.INTERNAL_ERROR
    assert result.raw == "4006381333931"
    assert "scan classifier failed" in caplog.text
    caplog.clear()  # this error log is expected; the suite fails tests on unexpected ones
