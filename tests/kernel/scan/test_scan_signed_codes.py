"""Signed LOY1 / PKP1 codes: structure in classify, signature and clock in verify."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.kernel.scan import (
    ExpiredCode,
    ForgedCode,
    MalformedCode,
    NotYetValidCode,
    PickupQR,
    Reason,
    ScanKind,
    SignedCodeError,
    SignedLoyaltyCode,
    UnknownKeyId,
    Unrecognised,
    classify,
    sign_code,
    verify_signed_code,
)
from kiosk_app.kernel.scan.signed_codes import b64url_decode, b64url_encode

NOW = 1_750_000_000
CARD = "7810123456789010"


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def other_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def loyalty_claims(**changes: object) -> dict[str, object]:
    claims: dict[str, object] = {"n": CARD, "iat": NOW - 10, "exp": NOW + 60, "jti": "r4nd0m"}
    claims.update(changes)
    return claims


def pickup_claims(**changes: object) -> dict[str, object]:
    claims: dict[str, object] = {"o": "W00012345", "s": "PAR01", "exp": NOW + 600, "iat": NOW}
    claims.update(changes)
    return claims


def forge_payload(token: str, claims: Mapping[str, object]) -> str:
    """Replace the payload, keeping the original signature."""
    prefix, _, signature = token.split(".")
    payload = b64url_encode(json.dumps(claims, separators=(",", ":")).encode())
    return f"{prefix}.{payload}.{signature}"


# --- token format -------------------------------------------------------------------------


def test_token_format_is_what_the_server_must_produce(key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(), key)
    prefix, payload, signature = token.split(".")
    assert prefix == "LOY1"
    assert "=" not in token
    assert json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))) == (
        loyalty_claims()
    )
    raw_signature = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    key.public_key().verify(raw_signature, f"LOY1.{payload}".encode("ascii"))  # no exception


def test_b64url_is_strict() -> None:
    assert b64url_decode(b64url_encode(b"\xff\xfe")) == b"\xff\xfe"
    for bad in ("//8", "_-8=", "a", "ab!c", "AB"):  # std alphabet, padding, length, chars
        with pytest.raises(ValueError):
            b64url_decode(bad)
    assert b64url_decode("AA") == b"\x00"
    with pytest.raises(ValueError):
        b64url_decode("AB")  # decodes to 0x00 too, but not canonically


# --- classify: structure only ------------------------------------------------------------


def test_classify_signed_loyalty_code(key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(kid="k2025"), key)
    result = classify(token + "\r\n")
    assert isinstance(result, SignedLoyaltyCode)
    assert result.kind is ScanKind.LOYALTY_SIGNED
    assert (result.card_number, result.jti, result.kid) == (CARD, "r4nd0m", "k2025")
    assert (result.issued_at, result.expires_at) == (NOW - 10, NOW + 60)
    assert result.token == token


def test_classify_pickup_qr_from_a_qr_scanner(key: Ed25519PrivateKey) -> None:
    token = sign_code("PKP1", pickup_claims(), key)
    result = classify("]Q1" + token)
    assert isinstance(result, PickupQR)
    assert result.kind is ScanKind.PICKUP_QR
    assert (result.order_number, result.store_code, result.kid) == ("W00012345", "PAR01", None)
    assert result.token == token
    assert result.symbology == "]Q1"


def test_classify_does_not_check_time_or_signature(other_key: Ed25519PrivateKey) -> None:
    expired = sign_code("LOY1", loyalty_claims(iat=1, exp=2), other_key)
    assert isinstance(classify(expired), SignedLoyaltyCode)


@pytest.mark.parametrize(
    "claims",
    [
        loyalty_claims(n="7810123456789011"),  # bad Luhn
        loyalty_claims(n=7810123456789010),  # not a string
        loyalty_claims(n="1234567890123452"),  # not our prefix
        loyalty_claims(jti=""),
        {k: v for k, v in loyalty_claims().items() if k != "jti"},
        {k: v for k, v in loyalty_claims().items() if k != "exp"},
        loyalty_claims(iat="1750000000"),
        loyalty_claims(iat=True),
        loyalty_claims(exp=1.5),
        loyalty_claims(iat=NOW, exp=NOW - 1),
        loyalty_claims(kid=7),
    ],
)
def test_classify_rejects_bad_loyalty_claims(
    key: Ed25519PrivateKey, claims: dict[str, object]
) -> None:
    result = classify(sign_code("LOY1", claims, key))
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.MALFORMED_SIGNED_CODE


@pytest.mark.parametrize(
    "claims",
    [
        pickup_claims(o="12345"),
        pickup_claims(o="w00012345"),
        pickup_claims(s="PARIS"),
        pickup_claims(s=None),
    ],
)
def test_classify_rejects_bad_pickup_claims(
    key: Ed25519PrivateKey, claims: dict[str, object]
) -> None:
    result = classify(sign_code("PKP1", claims, key))
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.MALFORMED_SIGNED_CODE


VALID_JSON = b'{"n":"7810123456789010","iat":1,"exp":2,"jti":"x"}'


def test_valid_json_fixture_is_accepted() -> None:
    # The garbage cases below differ from this one only by what makes them garbage.
    token = "LOY1." + b64url_encode(VALID_JSON) + "." + b64url_encode(bytes(64))
    assert isinstance(classify(token), SignedLoyaltyCode)


@pytest.mark.parametrize(
    "token",
    [
        "LOY1.",
        "LOY1.abc",
        "LOY1.abc.def",
        "LOY1.!!!.???",
        "LOY1.e30.AAAA",  # {} with a 3-byte signature
        "LOY1." + b64url_encode(b"[]") + "." + b64url_encode(bytes(64)),
        "LOY1." + b64url_encode(b"\xff\xfe") + "." + b64url_encode(bytes(64)),
        "LOY1." + b64url_encode(VALID_JSON[:-1] + b',"x":NaN}') + "." + b64url_encode(bytes(64)),
        "LOY1."
        + b64url_encode(VALID_JSON[:-1] + b',"x":-Infinity}')
        + "."
        + b64url_encode(bytes(64)),
        "LOY1." + b64url_encode(VALID_JSON[:-1] + b',"jti":"y"}') + "." + b64url_encode(bytes(64)),
        "LOY1." + b64url_encode(b"[" * 3000) + "." + b64url_encode(bytes(64)),
        "PKP1.abc.def.ghi",
    ],
)
def test_classify_garbage_signed_codes(token: str) -> None:
    result = classify(token)
    assert isinstance(result, Unrecognised)
    assert result.reason is Reason.MALFORMED_SIGNED_CODE
    assert result.detail


# --- verify_signed_code ---------------------------------------------------------------------


def test_verify_valid_code(key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(), key)
    verified = verify_signed_code(token, key.public_key(), NOW, expected_prefix="LOY1")
    assert verified.prefix == "LOY1"
    assert verified.claims["n"] == CARD
    assert (verified.issued_at, verified.expires_at, verified.jti) == (NOW - 10, NOW + 60, "r4nd0m")
    assert verified.token == token


def test_verify_pickup_code(key: Ed25519PrivateKey) -> None:
    token = sign_code("PKP1", pickup_claims(), key)
    verified = verify_signed_code(token, key.public_key(), NOW, expected_prefix="PKP1")
    assert verified.claims["o"] == "W00012345"


def test_expiry_with_leeway(key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(), key)
    public = key.public_key()
    verify_signed_code(token, public, NOW + 60 + 30, expected_prefix="LOY1")
    with pytest.raises(ExpiredCode, match="expired 31 s ago"):
        verify_signed_code(token, public, NOW + 60 + 31, expected_prefix="LOY1")
    with pytest.raises(ExpiredCode):
        verify_signed_code(token, public, NOW + 61, expected_prefix="LOY1", leeway_s=0)


def test_issued_in_the_future(key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(iat=NOW + 100, exp=NOW + 200), key)
    with pytest.raises(NotYetValidCode, match="future"):
        verify_signed_code(token, key.public_key(), NOW, expected_prefix="LOY1")
    verify_signed_code(token, key.public_key(), NOW + 70, expected_prefix="LOY1")


def test_forged_signature(key: Ed25519PrivateKey, other_key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(), other_key)
    with pytest.raises(ForgedCode, match="signature does not match"):
        verify_signed_code(token, key.public_key(), NOW, expected_prefix="LOY1")


def test_tampered_payload(key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(), key)
    tampered = forge_payload(token, loyalty_claims(exp=NOW + 86_400))
    with pytest.raises(ForgedCode):
        verify_signed_code(tampered, key.public_key(), NOW, expected_prefix="LOY1")


def test_signature_check_comes_before_expiry(key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(), key)
    tampered = forge_payload(token, loyalty_claims(iat=NOW - 2000, exp=NOW - 1000))
    with pytest.raises(ForgedCode):
        verify_signed_code(tampered, key.public_key(), NOW, expected_prefix="LOY1")


def test_wrong_prefix(key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(), key)
    with pytest.raises(MalformedCode, match="expected a PKP1 code, got a LOY1 code"):
        verify_signed_code(token, key.public_key(), NOW, expected_prefix="PKP1")
    # Relabelling the prefix breaks the signature, which covers it.
    relabelled = "PKP1" + token[4:]
    with pytest.raises(ForgedCode):
        verify_signed_code(relabelled, key.public_key(), NOW, expected_prefix="PKP1")


@pytest.mark.parametrize(
    "token",
    ["", "LOY1", "LOY1..", "LOY1.***.***", "LOY1.e30.e30", "loy1.e30.e30", "LOY1.a.b" + "c" * 5000],
)
def test_garbage_is_malformed(key: Ed25519PrivateKey, token: str) -> None:
    with pytest.raises(MalformedCode):
        verify_signed_code(token, key.public_key(), NOW, expected_prefix="LOY1")


def test_signed_duplicate_claims_are_malformed(key: Ed25519PrivateKey) -> None:
    # A properly signed payload where "exp" appears twice: readers could disagree on it.
    payload = b64url_encode(b'{"n":"7810123456789010","iat":1,"exp":2,"exp":9999999999}')
    signature = b64url_encode(key.sign(f"LOY1.{payload}".encode("ascii")))
    with pytest.raises(MalformedCode, match="twice"):
        verify_signed_code(
            f"LOY1.{payload}.{signature}", key.public_key(), 1, expected_prefix="LOY1"
        )


def test_key_ids(key: Ed25519PrivateKey, other_key: Ed25519PrivateKey) -> None:
    keys = {"2025-a": other_key.public_key(), "2025-b": key.public_key()}
    token = sign_code("LOY1", loyalty_claims(kid="2025-b"), key)
    assert verify_signed_code(token, keys, NOW, expected_prefix="LOY1").kid == "2025-b"

    wrong_kid = sign_code("LOY1", loyalty_claims(kid="2025-a"), key)
    with pytest.raises(ForgedCode):
        verify_signed_code(wrong_kid, keys, NOW, expected_prefix="LOY1")

    unknown = sign_code("LOY1", loyalty_claims(kid="2019"), key)
    with pytest.raises(UnknownKeyId, match="'2019'"):
        verify_signed_code(unknown, keys, NOW, expected_prefix="LOY1")

    no_kid = sign_code("LOY1", loyalty_claims(), key)
    assert verify_signed_code(no_kid, keys, NOW, expected_prefix="LOY1").kid is None
    with pytest.raises(UnknownKeyId):
        verify_signed_code(no_kid, {}, NOW, expected_prefix="LOY1")


def test_errors_share_a_base_class_with_english_messages(key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(), key)
    with pytest.raises(SignedCodeError) as caught:
        verify_signed_code(token, key.public_key(), NOW + 10_000, expected_prefix="LOY1")
    assert isinstance(caught.value, ExpiredCode)
    assert str(caught.value).startswith("the code expired")


def test_now_must_be_finite(key: Ed25519PrivateKey) -> None:
    token = sign_code("LOY1", loyalty_claims(), key)
    with pytest.raises(ValueError):
        verify_signed_code(token, key.public_key(), float("nan"), expected_prefix="LOY1")


def test_sign_code_checks_the_prefix(key: Ed25519PrivateKey) -> None:
    for bad in ("loy1", "L", "LOY.1", ""):
        with pytest.raises(ValueError):
            sign_code(bad, loyalty_claims(), key)
