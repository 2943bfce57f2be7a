"""Property tests: classify never raises, stays fast, and round-trips what it reads."""

from __future__ import annotations

import calendar
import json
import re
import time
import unicodedata
from datetime import date, timedelta
from urllib.parse import quote

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kiosk_app.kernel.scan import (
    AI_TABLE,
    DEFAULT_VARIABLE_MEASURE_RULES,
    MAX_SCAN_LENGTH,
    AIDefinition,
    Charset,
    DigitalLink,
    GS1Element,
    Product,
    Reason,
    ScanKind,
    ScanResult,
    SignedCodeError,
    Unrecognised,
    VariableMeasure,
    classify,
    expand_upce,
    gs1_check_digit,
    is_valid_gtin,
    make_visible,
    sign_code,
    verify_signed_code,
)
from kiosk_app.kernel.scan.signed_codes import b64url_encode

TODAY = date(2025, 6, 15)
GS = "\x1d"
DIGITS = "0123456789"
CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
FAST = settings(max_examples=300, deadline=timedelta(milliseconds=500), database=None)
_KEY = Ed25519PrivateKey.generate()


def check_invariants(result: ScanResult) -> None:
    """What must hold for every result, whatever the input."""
    assert isinstance(result, ScanResult)
    assert result.kind in set(ScanKind)
    if isinstance(result, Unrecognised):
        assert result.reason is not Reason.INTERNAL_ERROR, result
        assert result.detail
    assert len(result.raw) <= 10 * MAX_SCAN_LENGTH  # "<U+10FFFF>" is the longest spelling
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in result.raw)
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


# --- strategies for hostile and near-miss input --------------------------------------------

digit_runs = st.text(DIGITS, max_size=40)

gs1_fragments = st.one_of(
    st.sampled_from(sorted(AI_TABLE)),
    digit_runs,
    st.text(CSET82, max_size=25),
    st.sampled_from([GS, "<GS>", "(", ")", "(01)", "(10)", "(17)", "(3103)", " ", "\r\n", "~"]),
)
gs1_like = st.tuples(
    st.sampled_from(["", "]C1", "]d2", "]Q3", "]e0", "]E0", "]E4", "]Q1", GS, "("]),
    st.lists(gs1_fragments, max_size=12).map("".join),
).map("".join)

url_like = st.builds(
    lambda scheme, host, path, query: f"{scheme}{host}/{'/'.join(path)}{query}",
    st.sampled_from(["https://", "http://", "HTTPS://", "https:///", "http://["]),
    st.sampled_from(["id.gs1.org", "example.com:80", "[::1]", "", "a@b", "xn--caf-dma.fr", "é.fr"]),
    st.lists(
        st.one_of(
            st.sampled_from(["01", "gtin", "10", "21", "22", "lot", "ser", "99", "%", "%zz"]),
            digit_runs,
            st.text(CSET82 + "%", max_size=12),
        ),
        max_size=8,
    ),
    st.one_of(
        st.just(""),
        st.lists(
            st.tuples(st.sampled_from(["17", "3103", "3922", "linkType", "01", "x"]), digit_runs),
            max_size=4,
        ).map(lambda pairs: "?" + "&".join(f"{k}={v}" for k, v in pairs)),
        st.text(max_size=20).map(lambda q: "?" + q),
    ),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["n", "iat", "exp", "jti", "kid", "o", "s"]), children)
    ),
    max_leaves=10,
)
signed_like = st.one_of(
    st.builds(
        lambda prefix, payload, signature: f"{prefix}.{payload}.{signature}",
        st.sampled_from(["LOY1", "PKP1"]),
        st.text(B64URL, max_size=60),
        st.text(B64URL + ".=", max_size=90),
    ),
    st.builds(
        lambda prefix, claims, signature: (
            f"{prefix}.{b64url_encode(json.dumps(claims).encode())}.{b64url_encode(signature)}"
        ),
        st.sampled_from(["LOY1", "PKP1"]),
        json_values,
        st.binary(min_size=60, max_size=66),
    ),
)

store_like = st.builds(
    lambda head, body, tail: head + body + tail,
    st.sampled_from(["", "W", "e", "R-", "r-PAR01-", "7810", " ", "\t"]),
    st.text(DIGITS + "ABCZ-", max_size=18),
    st.sampled_from(["", "\r\n", "\t", " ", "\x00", "\x1d"]),
)

anything = st.one_of(st.text(), gs1_like, url_like, signed_like, store_like)


@FAST
@given(anything)
def test_classify_never_raises(text: str) -> None:
    check_invariants(classify(text, today=TODAY))


@settings(max_examples=50, deadline=None, database=None)
@given(st.text(min_size=1, max_size=3), st.integers(1, 3 * MAX_SCAN_LENGTH))
def test_classify_handles_long_input(unit: str, length: int) -> None:
    text = (unit * (length // len(unit) + 1))[:length]
    result = classify(text, today=TODAY)
    check_invariants(result)
    if len(text) > MAX_SCAN_LENGTH:
        assert isinstance(result, Unrecognised)
        assert result.reason is Reason.TOO_LONG


@pytest.mark.parametrize(
    "text",
    [
        "]C1" + "10" + "A" * (MAX_SCAN_LENGTH - 5),
        "]C1" + "0109506000134352" * ((MAX_SCAN_LENGTH - 3) // 16),
        "]C1" + (GS * (MAX_SCAN_LENGTH - 3)),
        "]C1" + ("21A" + GS) * ((MAX_SCAN_LENGTH - 3) // 4),
        "(" + "(10)" * ((MAX_SCAN_LENGTH - 1) // 4),
        "(10)" + "(" * (MAX_SCAN_LENGTH - 4),
        "https://e.com/" + "01/" * ((MAX_SCAN_LENGTH - 14) // 3),
        "https://e.com/" + "a/" * ((MAX_SCAN_LENGTH - 14) // 2),
        "https://e.com/01/09506000134352?" + "17=1&" * ((MAX_SCAN_LENGTH - 32) // 5),
        "LOY1." + "A" * (MAX_SCAN_LENGTH - 10) + ".AAAA",
        "LOY1." + b64url_encode(b"[" * 3000) + "." + "A" * 86,
        "0" * MAX_SCAN_LENGTH,
        " " * (MAX_SCAN_LENGTH - 1) + "x",
        "<GS>" * (MAX_SCAN_LENGTH // 4),
    ],
)
def test_worst_case_inputs_are_fast(text: str) -> None:
    assert len(text) <= MAX_SCAN_LENGTH
    started = time.perf_counter()
    result = classify(text, today=TODAY)
    elapsed = time.perf_counter() - started
    check_invariants(result)
    assert elapsed < 0.25, f"{elapsed:.3f} s"


@FAST
@given(anything)
def test_make_visible_leaves_nothing_invisible(text: str) -> None:
    shown = make_visible(text)
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in shown)
    if text.isprintable():
        assert shown == text


# --- GTIN round trip -------------------------------------------------------------------------


@st.composite
def valid_gtins(draw: st.DrawFn) -> str:
    length = draw(st.sampled_from([8, 12, 13, 14]))
    body = draw(st.text(DIGITS, min_size=length - 1, max_size=length - 1))
    return body + str(gs1_check_digit(body))


@FAST
@given(valid_gtins(), st.sampled_from(["", " ", "\r\n", "\t", "\n"]))
def test_valid_gtins_round_trip(code: str, terminator: str) -> None:
    result = classify(code + terminator, today=TODAY)
    restricted = len(code) in (12, 13) and code.zfill(13)[:2] in DEFAULT_VARIABLE_MEASURE_RULES
    if restricted:
        assert isinstance(result, VariableMeasure)
    else:
        assert isinstance(result, Product)
        assert result.original_length == len(code)
        assert result.from_upce is False
    assert result.gtin14 == code.zfill(14)
    assert result.raw == code


@FAST
@given(valid_gtins(), st.integers(1, 9))
def test_wrong_check_digit_is_caught(code: str, shift: int) -> None:
    correct = code[-1]
    wrong = code[:-1] + str((int(correct) + shift) % 10)
    result = classify(wrong, today=TODAY)
    if isinstance(result, Product):  # only 8 digits may be a UPC-E instead
        assert len(code) == 8 and result.from_upce
        assert is_valid_gtin(expand_upce(wrong))
    else:
        assert isinstance(result, Unrecognised)
        assert result.reason is Reason.BAD_CHECK_DIGIT
        assert f"should be {correct}" in result.detail


# --- GS1 element strings built from the AI table --------------------------------------------


def gs1_dates() -> st.SearchStrategy[tuple[str, date]]:
    """YYMMDD inside the century window around TODAY, with the date it stands for."""
    exact = st.dates(date(1976, 1, 1), date(2075, 12, 31)).map(lambda d: (d.strftime("%y%m%d"), d))
    end_of_month = st.tuples(st.integers(1976, 2075), st.integers(1, 12)).map(
        lambda ym: (
            f"{ym[0] % 100:02d}{ym[1]:02d}00",
            date(ym[0], ym[1], calendar.monthrange(*ym)[1]),
        )
    )
    return st.one_of(exact, end_of_month)


def ai_values(definition: AIDefinition) -> st.SearchStrategy[str]:
    if definition.is_date:
        return gs1_dates().map(lambda pair: pair[0])
    if definition.check_digit:
        size = definition.max_length - 1
        return st.text(DIGITS, min_size=size, max_size=size).map(
            lambda body: body + str(gs1_check_digit(body))
        )
    alphabet = DIGITS if definition.charset is Charset.NUMERIC else CSET82
    return st.text(alphabet, min_size=definition.min_length, max_size=definition.max_length)


@st.composite
def element_strings(draw: st.DrawFn) -> list[tuple[str, str]]:
    ais = draw(st.lists(st.sampled_from(sorted(AI_TABLE)), min_size=1, max_size=6, unique=True))
    return [(ai, draw(ai_values(AI_TABLE[ai]))) for ai in ais]


@settings(max_examples=300, deadline=None, database=None)
@given(
    element_strings(),
    st.sampled_from(["]C1", "]d2", "]Q3", "]e0", "", GS]),
    st.sampled_from([GS, "<GS>"]),
    st.data(),
)
def test_fnc1_element_strings_round_trip(
    pairs: list[tuple[str, str]], identifier: str, separator: str, data: st.DataObject
) -> None:
    assume(not any("<GS>" in value for _, value in pairs))
    parts = [identifier]
    for index, (ai, value) in enumerate(pairs):
        parts.append(ai + value)
        required = not AI_TABLE[ai].fixed_length and index < len(pairs) - 1
        if required or data.draw(st.booleans(), label="optional separator"):
            parts.append(separator)
    text = "".join(parts)
    if identifier == "" and separator not in text:
        text = GS + text  # without identifier or separator, digits are not an element string
    result = classify(text, today=TODAY)
    assert isinstance(result, GS1Element), result
    assert result.ais == tuple(pairs)
    assert result.symbology == (identifier if identifier.startswith("]") else None)
    values = dict(pairs)
    assert result.gtin14 == values.get("01")
    assert result.lot == values.get("10")
    assert result.serial == values.get("21")
    assert result.gsrn == values.get("8018")


@settings(max_examples=200, deadline=None, database=None)
@given(element_strings(), st.sampled_from(["", " "]))
def test_human_readable_element_strings_round_trip(
    pairs: list[tuple[str, str]], spacing: str
) -> None:
    assume(not any(re.search(r"\([0-9]{2,4}\)", value) for _, value in pairs))
    text = spacing.join(f"({ai}){spacing}{value}" for ai, value in pairs)
    result = classify(text, today=TODAY)
    assert isinstance(result, GS1Element), result
    assert result.ais == tuple(pairs)


@FAST
@given(gs1_dates())
def test_expiry_dates_round_trip(pair: tuple[str, date]) -> None:
    text, expected = pair
    result = classify(f"(01)09506000134352(17){text}", today=TODAY)
    assert isinstance(result, GS1Element)
    assert result.expiry == expected


# --- Digital Link round trip -------------------------------------------------------------------


@FAST
@given(
    valid_gtins(),
    st.one_of(st.none(), st.text(CSET82, min_size=1, max_size=20)),
    st.one_of(st.none(), st.text(CSET82, min_size=1, max_size=20)),
    st.one_of(st.none(), gs1_dates()),
    st.sampled_from(["", "/some/prefix", "/01"]),
)
def test_digital_links_round_trip(
    gtin: str,
    lot: str | None,
    serial: str | None,
    expiry: tuple[str, date] | None,
    prefix: str,
) -> None:
    path = f"{prefix}/01/{gtin}"
    expected = [("01", gtin.zfill(14))]
    if lot is not None:
        path += f"/10/{quote(lot, safe='')}"
        expected.append(("10", lot))
    if serial is not None:
        path += f"/21/{quote(serial, safe='')}"
        expected.append(("21", serial))
    query = ""
    if expiry is not None:
        query = f"?linkType=all&17={expiry[0]}"
        expected.append(("17", expiry[0]))
    result = classify(f"https://shop.example.com{path}{query}", today=TODAY)
    assert isinstance(result, DigitalLink), result
    assert result.ais == tuple(expected)
    assert (result.lot, result.serial) == (lot, serial)
    assert result.expiry == (None if expiry is None else expiry[1])


# --- signed codes ------------------------------------------------------------------------------


@FAST
@given(st.one_of(st.text(), signed_like))
def test_verify_raises_only_signed_code_errors(token: str) -> None:
    with pytest.raises(SignedCodeError):
        verify_signed_code(token, _KEY.public_key(), 1_750_000_000, expected_prefix="LOY1")


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.data())
def test_any_single_character_change_is_refused(data: st.DataObject) -> None:
    claims = {"n": "7810123456789010", "iat": 100, "exp": 200, "jti": "abc"}
    token = sign_code("LOY1", claims, _KEY)
    verify_signed_code(token, _KEY.public_key(), 150, expected_prefix="LOY1")
    index = data.draw(st.integers(0, len(token) - 1), label="index")
    replacement = data.draw(st.sampled_from(B64URL + ".").filter(lambda c: c != token[index]))
    altered = token[:index] + replacement + token[index + 1 :]
    with pytest.raises(SignedCodeError):
        verify_signed_code(altered, _KEY.public_key(), 150, expected_prefix="LOY1")
