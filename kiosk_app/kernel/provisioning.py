"""Signed provisioning codes: one QR that configures and enrolls a new device (pure, no I/O
beyond reading key files the caller names).

The code is a signed code (see :mod:`kiosk_app.kernel.scan.signed_codes`) with prefix ``PRV1``::

    PRV1.<base64url(JSON claims)>.<base64url(Ed25519 signature)>

Claims: ``v`` (1), ``store`` (store code), ``mode`` (``associate``/``kiosk``), ``api``
(central API base URL), ``tok`` (enrollment token), ``iat``/``exp`` (Unix seconds), ``kid``
(which IT key signed it), optional ``name`` (device name prefix) and ``lang``.

IT signs with a private key that never leaves IT (``kiosk-app provision --key``); devices
trust the public key(s) in ``/etc/omnistore-kiosk/provisioning.pub`` (PEM, one or more keys:
rotation = ship the new key next to the old one). Verification is offline: signature, then
expiry. An expired or forged code is refused with a reason the first-run screen shows.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from kiosk_app.kernel.scan.signed_codes import (
    ExpiredCode,
    ForgedCode,
    MalformedCode,
    NotYetValidCode,
    SignedCodeError,
    UnknownKeyId,
    b64url_encode,
    sign_code,
    verify_signed_code,
)

PROVISIONING_PREFIX = "PRV1"
CODE_VERSION = 1
MAX_LIFETIME_S = 30 * 24 * 3600  # a provisioning code is a door key: a month at most
LEEWAY_S = 120.0  # a brand-new device's clock may be a little off before NTP
Mode = Literal["associate", "kiosk"]

_STORE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,15}")
_DURATION = re.compile(r"\s*(\d+)\s*([smhdw]?)\s*")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


class ProvisioningError(Exception):
    """The code cannot configure this device; ``reason`` is a stable word for the UI."""

    reason = "invalid"


class NotAProvisioningCode(ProvisioningError):
    reason = "malformed"


class ForgedProvisioningCode(ProvisioningError):
    reason = "forged"


class UnknownProvisioningKey(ForgedProvisioningCode):
    reason = "unknown-key"


class ExpiredProvisioningCode(ProvisioningError):
    reason = "expired"


class ProvisioningNotYetValid(ProvisioningError):
    reason = "not-yet-valid"


class NoTrustedKey(ProvisioningError):
    """The device has no public key to check codes with: IT must install one."""

    reason = "no-trusted-key"


@dataclass(frozen=True)
class Provisioning:
    """What a verified provisioning code tells the device."""

    store_code: str
    mode: Mode
    api_url: str
    enrollment_token: str
    issued_at: int
    expires_at: int
    kid: str | None = None
    device_name_prefix: str | None = None
    language: str | None = None


def looks_like_provisioning(text: str) -> bool:
    """Cheap test for the scan consumer: does this scan claim to be a provisioning code?"""
    return text.strip().startswith(PROVISIONING_PREFIX + ".")


# -- keys ------------------------------------------------------------------------------------
def key_id(public_key: Ed25519PublicKey) -> str:
    """Short, stable id of a public key (first 6 bytes of SHA-256 of its raw form)."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return b64url_encode(hashlib.sha256(raw).digest()[:6])


def generate_key_pair() -> tuple[bytes, bytes]:
    """A new IT signing key: (private PEM, public PEM)."""
    private = Ed25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return private_pem, public_pem(private.public_key())


def public_pem(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_private_key(pem: bytes, password: bytes | None = None) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=password)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"not a PEM private key: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the provisioning key must be an Ed25519 key")
    return key


_PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)


def load_public_keys(pem: bytes) -> dict[str, Ed25519PublicKey]:
    """Every Ed25519 public key in a PEM bundle, by key id."""
    keys: dict[str, Ed25519PublicKey] = {}
    for block in _PEM_BLOCK.findall(pem):
        key = serialization.load_pem_public_key(block)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("provisioning public keys must be Ed25519 keys")
        keys[key_id(key)] = key
    return keys


def load_trusted_keys(path: Path) -> dict[str, Ed25519PublicKey]:
    """The device's trusted keys; :class:`NoTrustedKey` if the file is missing or empty."""
    try:
        keys = load_public_keys(path.read_bytes())
    except OSError as exc:
        raise NoTrustedKey(
            f"no provisioning public key at {path} ({exc.strerror}): install it first"
        ) from exc
    except ValueError as exc:
        raise NoTrustedKey(f"{path}: {exc}") from exc
    if not keys:
        raise NoTrustedKey(f"{path} holds no public key")
    return keys


# -- creating --------------------------------------------------------------------------------
def parse_duration(text: str) -> int:
    """``"24h"``, ``"30m"``, ``"7d"``, ``"1w"``, ``"90"`` (seconds) → seconds."""
    match = _DURATION.fullmatch(text)
    if match is None or int(match.group(1)) <= 0:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30m, 24h, 7d)")
    return int(match.group(1)) * _UNITS[match.group(2)]


def normalise_store(store_code: str) -> str:
    code = store_code.strip().upper()
    if _STORE.fullmatch(code) is None:
        raise ValueError(f"not a store code: {store_code!r}")
    return code


def normalise_api_url(api_url: str) -> str:
    url = api_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ValueError("the API URL must start with http:// or https://")
    return url


def create_provisioning_code(
    *,
    store_code: str,
    mode: str,
    api_url: str,
    enrollment_token: str,
    lifetime_s: int,
    private_key: Ed25519PrivateKey,
    now: float | None = None,
    device_name_prefix: str | None = None,
    language: str | None = None,
) -> str:
    """Sign a provisioning code (the text of the QR)."""
    if mode not in ("associate", "kiosk"):
        raise ValueError("mode must be associate or kiosk")
    if not enrollment_token.strip():
        raise ValueError("the enrollment token is empty")
    if not 0 < lifetime_s <= MAX_LIFETIME_S:
        raise ValueError(f"the lifetime must be between 1 s and {MAX_LIFETIME_S // 86400} days")
    issued = int(time.time() if now is None else now)
    claims: dict[str, object] = {
        "v": CODE_VERSION,
        "store": normalise_store(store_code),
        "mode": mode,
        "api": normalise_api_url(api_url),
        "tok": enrollment_token.strip(),
        "iat": issued,
        "exp": issued + lifetime_s,
        "kid": key_id(private_key.public_key()),
    }
    if device_name_prefix:
        claims["name"] = device_name_prefix
    if language:
        claims["lang"] = language
    return sign_code(PROVISIONING_PREFIX, claims, private_key)


# -- verifying -------------------------------------------------------------------------------
def _claim(claims: Mapping[str, object], name: str) -> str:
    value = claims.get(name)
    if not isinstance(value, str) or not value:
        raise NotAProvisioningCode(f"the code has no valid {name!r}")
    return value


def verify_provisioning_code(
    text: str,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    now: float | None = None,
    *,
    leeway_s: float = LEEWAY_S,
) -> Provisioning:
    """Check signature then expiry, offline; raise a :class:`ProvisioningError` subclass."""
    if not trusted_keys:
        raise NoTrustedKey("no provisioning public key is installed on this device")
    now = time.time() if now is None else now
    token = text.strip()
    try:
        verified = verify_signed_code(
            token, trusted_keys, now, expected_prefix=PROVISIONING_PREFIX, leeway_s=leeway_s
        )
    except UnknownKeyId as exc:
        raise UnknownProvisioningKey(str(exc)) from exc
    except ForgedCode as exc:
        raise ForgedProvisioningCode(str(exc)) from exc
    except ExpiredCode as exc:
        raise ExpiredProvisioningCode(str(exc)) from exc
    except NotYetValidCode as exc:
        raise ProvisioningNotYetValid(str(exc)) from exc
    except (MalformedCode, SignedCodeError) as exc:
        raise NotAProvisioningCode(str(exc)) from exc
    claims = verified.claims
    if claims.get("v") != CODE_VERSION:
        raise NotAProvisioningCode("unsupported provisioning code version")
    if verified.expires_at - verified.issued_at > MAX_LIFETIME_S:
        raise NotAProvisioningCode("the code claims a lifetime longer than allowed")
    mode = _claim(claims, "mode")
    if mode not in ("associate", "kiosk"):
        raise NotAProvisioningCode(f"unknown mode {mode!r}")
    try:
        store = normalise_store(_claim(claims, "store"))
        api = normalise_api_url(_claim(claims, "api"))
    except ValueError as exc:
        raise NotAProvisioningCode(str(exc)) from exc
    name = claims.get("name")
    lang = claims.get("lang")
    return Provisioning(
        store_code=store,
        mode="kiosk" if mode == "kiosk" else "associate",
        api_url=api,
        enrollment_token=_claim(claims, "tok"),
        issued_at=verified.issued_at,
        expires_at=verified.expires_at,
        kid=verified.kid,
        device_name_prefix=name if isinstance(name, str) and name else None,
        language=lang if lang in ("fr", "en") else None,
    )
