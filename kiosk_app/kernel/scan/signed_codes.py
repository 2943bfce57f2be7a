"""Signed short-lived codes shown by the customer's phone: ``<PREFIX>.<payload>.<signature>``.

Envelope (shared by every prefix, e.g. ``LOY1`` loyalty codes and ``PKP1`` pickup QRs):

* ``PREFIX``: an upper-case letter then 1-15 upper-case letters or digits;
* ``payload``: base64url without padding of a UTF-8 JSON object (compact JSON
  recommended) with at least ``"iat"`` and ``"exp"``, integer Unix seconds,
  ``iat <= exp``; optional ``"kid"`` (string) names the signing key and
  ``"jti"`` (string) identifies the code for replay protection; duplicate keys,
  NaN and Infinity are refused;
* ``signature``: base64url without padding of the 64-byte Ed25519 signature of
  the ASCII bytes ``PREFIX + "." + payload`` exactly as they appear in the token.

:func:`verify_signed_code` checks signature then validity window; structure-only
parsing (what :func:`~kiosk_app.kernel.scan.classify` does) never proves anything.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from kiosk_app.kernel.scan.input_text import MAX_SCAN_LENGTH

LOYALTY_PREFIX = "LOY1"
PICKUP_PREFIX = "PKP1"
DEFAULT_LEEWAY_S = 30.0
"""Tolerated clock difference between the phone's server and the kiosk, in seconds."""

_PREFIX = re.compile(r"[A-Z][A-Z0-9]{1,15}")
_TOKEN = re.compile(r"([A-Z][A-Z0-9]{1,15})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)")
_B64URL = re.compile(r"[A-Za-z0-9_-]*")
_SIGNATURE_LENGTH = 64
_MAX_CLAIM_INT = 2**53  # beyond this JSON numbers stop being portable


class SignedCodeError(Exception):
    """Base class: the code cannot be accepted. ``str(error)`` is an English explanation."""


class MalformedCode(SignedCodeError):
    """Not a well-formed signed code of the expected type."""


class ForgedCode(SignedCodeError):
    """The signature does not verify: altered, forged, or signed by an unknown key."""


class UnknownKeyId(ForgedCode):
    """The ``kid`` names no configured public key (or none is configured)."""


class ExpiredCode(SignedCodeError):
    """Genuine but past its expiry (plus leeway): the customer must refresh it."""


class NotYetValidCode(SignedCodeError):
    """Genuine but issued in the future (beyond leeway): a clock is wrong."""


@dataclass(frozen=True, slots=True)
class SignedEnvelope:
    """A structurally valid, unverified signed code."""

    token: str
    prefix: str
    claims: Mapping[str, object]
    signature: bytes
    issued_at: int
    expires_at: int
    kid: str | None
    jti: str | None

    @property
    def signing_input(self) -> bytes:
        """The bytes the signature covers: ``PREFIX.payload``."""
        return self.token[: self.token.rindex(".")].encode("ascii")


@dataclass(frozen=True, slots=True)
class VerifiedCode:
    """A signed code whose signature and validity window were checked."""

    token: str
    prefix: str
    claims: Mapping[str, object]
    """All payload claims, read-only (e.g. ``claims["n"]`` for ``LOY1``)."""
    issued_at: int
    expires_at: int
    kid: str | None
    jti: str | None


def b64url_encode(data: bytes) -> str:
    """Base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict inverse of :func:`b64url_encode`; ValueError for any other spelling.

    Refusing non-canonical spellings keeps one token per signed content.
    """
    if _B64URL.fullmatch(text) is None or len(text) % 4 == 1:
        raise ValueError("not base64url without padding")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as error:
        raise ValueError(f"not base64url: {error}") from None
    if b64url_encode(data) != text:
        raise ValueError("non-canonical base64url")
    return data


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not allowed in a signed code")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"claim {key!r} appears twice")
        result[key] = value
    return result


def _int_claim(claims: Mapping[str, object], name: str) -> int:
    value = claims.get(name)
    if type(value) is not int or not 0 <= value <= _MAX_CLAIM_INT:
        raise MalformedCode(f"claim {name!r} must be a Unix time in whole seconds")
    return value


def optional_str_claim(claims: Mapping[str, object], name: str) -> str | None:
    """A claim that may be absent but must otherwise be a non-empty string."""
    value = claims.get(name)
    if value is None and name not in claims:
        return None
    if not isinstance(value, str) or not value:
        raise MalformedCode(f"claim {name!r} must be a non-empty string")
    return value


def parse_signed_code(token: str) -> SignedEnvelope:
    """Check the envelope's structure only (no signature, no clock); MalformedCode if bad."""
    if not isinstance(token, str):
        raise MalformedCode("a signed code is text")
    if len(token) > MAX_SCAN_LENGTH:
        raise MalformedCode(f"a signed code is at most {MAX_SCAN_LENGTH} characters")
    match = _TOKEN.fullmatch(token)
    if match is None:
        raise MalformedCode("a signed code looks like PREFIX.payload.signature in base64url")
    prefix, payload, signature_text = match.groups()
    try:
        signature = b64url_decode(signature_text)
    except ValueError as error:
        raise MalformedCode(f"bad signature encoding: {error}") from None
    if len(signature) != _SIGNATURE_LENGTH:
        raise MalformedCode(f"an Ed25519 signature has 64 bytes, got {len(signature)}")
    try:
        claims = json.loads(
            b64url_decode(payload).decode("utf-8"),
            parse_constant=_refuse_constant,
            object_pairs_hook=_unique_keys,
        )
    except (ValueError, RecursionError) as error:
        raise MalformedCode(f"bad payload: {error}") from None
    if not isinstance(claims, dict):
        raise MalformedCode("the payload must be a JSON object")
    issued_at = _int_claim(claims, "iat")
    expires_at = _int_claim(claims, "exp")
    if expires_at < issued_at:
        raise MalformedCode("the code expires before it was issued")
    return SignedEnvelope(
        token=token,
        prefix=prefix,
        claims=MappingProxyType(claims),
        signature=signature,
        issued_at=issued_at,
        expires_at=expires_at,
        kid=optional_str_claim(claims, "kid"),
        jti=optional_str_claim(claims, "jti"),
    )


def _candidate_keys(
    public_keys: Mapping[str, Ed25519PublicKey] | Ed25519PublicKey, kid: str | None
) -> list[Ed25519PublicKey]:
    if isinstance(public_keys, Ed25519PublicKey):
        return [public_keys]
    if kid is None:
        keys = list(public_keys.values())
        if not keys:
            raise UnknownKeyId("no public key is configured to check signed codes")
        return keys
    key = public_keys.get(kid)
    if key is None:
        raise UnknownKeyId(f"the code was signed with key {kid!r}, which this kiosk does not know")
    return [key]


def verify_signed_code(
    token: str,
    public_keys: Mapping[str, Ed25519PublicKey] | Ed25519PublicKey,
    now: float,
    *,
    expected_prefix: str,
    leeway_s: float = DEFAULT_LEEWAY_S,
) -> VerifiedCode:
    """Verify a signed code of type ``expected_prefix`` (e.g. ``"LOY1"``) at time ``now``.

    ``public_keys`` is one key, or key id → key: the payload's ``kid`` picks the
    key, and without ``kid`` any of them may match. Checks, in order: structure
    and prefix (:class:`MalformedCode`), signature (:class:`ForgedCode`,
    :class:`UnknownKeyId`), then ``exp`` and ``iat`` against ``now`` ±
    ``leeway_s`` (:class:`ExpiredCode`, :class:`NotYetValidCode`). Claims
    specific to the prefix are not checked here; see ``classify``.
    """
    if not math.isfinite(now):
        raise ValueError("now must be a finite Unix time")
    envelope = parse_signed_code(token)
    if envelope.prefix != expected_prefix:
        raise MalformedCode(f"expected a {expected_prefix} code, got a {envelope.prefix} code")
    message = envelope.signing_input
    for key in _candidate_keys(public_keys, envelope.kid):
        try:
            key.verify(envelope.signature, message)
        except InvalidSignature:
            continue
        break
    else:
        raise ForgedCode("the signature does not match: the code was altered or not issued by us")
    if now > envelope.expires_at + leeway_s:
        raise ExpiredCode(f"the code expired {now - envelope.expires_at:.0f} s ago")
    if envelope.issued_at > now + leeway_s:
        raise NotYetValidCode(
            f"the code is issued {envelope.issued_at - now:.0f} s in the future: check the clock"
        )
    return VerifiedCode(
        token=envelope.token,
        prefix=envelope.prefix,
        claims=envelope.claims,
        issued_at=envelope.issued_at,
        expires_at=envelope.expires_at,
        kid=envelope.kid,
        jti=envelope.jti,
    )


def sign_code(prefix: str, claims: Mapping[str, object], private_key: Ed25519PrivateKey) -> str:
    """Build a signed code (for tests and tools; the server has its own signer).

    Claims are written as compact JSON in the given order, unchecked, so tests
    can also sign deliberately wrong payloads.
    """
    if _PREFIX.fullmatch(prefix) is None:
        raise ValueError("a prefix is an upper-case letter then 1-15 upper-case letters or digits")
    payload = b64url_encode(json.dumps(dict(claims), separators=(",", ":")).encode("utf-8"))
    signing_input = f"{prefix}.{payload}"
    signature = private_key.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{b64url_encode(signature)}"
