"""Signed short-lived loyalty codes ``LOY1.<payload>.<signature>`` (the customer's phone).

Format (the one ``kiosk_app.kernel.scan.signed_codes`` verifies): ``payload`` is base64url
without padding of compact UTF-8 JSON ``{"n", "iat", "exp", "kid", "jti"}``; ``signature``
is base64url without padding of the Ed25519 signature of the ASCII bytes ``LOY1.<payload>``.

The signing keys come from the server's key file (``central_api.platform.keys``, random,
never derived from a public value): the current one signs, and every live one (the current
and the retired ones still within their keep period) verifies and is published, so a code
signed just before a rotation still verifies until it expires, on the server and in the app.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from central_api.platform.keys import KeyRing

LOYALTY_CODE_PREFIX = "LOY1"
DEFAULT_TTL_S = 120
LEEWAY_S = 30


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise ValueError("not base64url") from error


def _raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class LoyaltySigner:
    """The current Ed25519 key (signs) and every live key by id (verify, published)."""

    private_key: Ed25519PrivateKey
    kid: str
    verifiers: Mapping[str, Ed25519PublicKey] = field(default_factory=dict)

    @classmethod
    def from_keys(cls, ring: KeyRing) -> LoyaltySigner:
        current = ring.current("loyalty")
        verifiers = {
            k.kid: Ed25519PrivateKey.from_private_bytes(k.secret).public_key()
            for k in ring.live("loyalty")
        }
        return cls(Ed25519PrivateKey.from_private_bytes(current.secret), current.kid, verifiers)

    @property
    def public_key_b64(self) -> str:
        return b64url(_raw(self.private_key.public_key()))

    def public_keys(self) -> dict[str, str]:
        """Key id → base64url raw public key, the current key first."""
        keys = {self.kid: self.public_key_b64}
        keys.update({kid: b64url(_raw(key)) for kid, key in self.verifiers.items()})
        return keys

    def issue(
        self, loyalty_number: str, *, ttl_s: int = DEFAULT_TTL_S, now: int | None = None
    ) -> tuple[str, int, int]:
        """A new code for ``loyalty_number``: (code, issued_at, expires_at)."""
        iat = int(time.time()) if now is None else now
        exp = iat + ttl_s
        claims = {"n": loyalty_number, "iat": iat, "exp": exp, "kid": self.kid}
        claims["jti"] = secrets.token_urlsafe(9)
        payload = b64url(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
        signing_input = f"{LOYALTY_CODE_PREFIX}.{payload}"
        signature = self.private_key.sign(signing_input.encode("ascii"))
        return f"{signing_input}.{b64url(signature)}", iat, exp

    def verify(self, code: str, *, now: float | None = None, shown_within_s: float = 0) -> str:
        """The loyalty number a genuine, current code names; ValueError explains a refusal.

        ``shown_within_s``: the code may have expired that long before ``now`` (it proved the
        customer was there when it was shown, e.g. when a kiosk basket was started)."""
        parts = code.strip().split(".")
        if len(parts) != 3 or parts[0] != LOYALTY_CODE_PREFIX:
            raise ValueError("not a LOY1 code")
        signature = _unb64url(parts[2])
        try:
            claims = json.loads(_unb64url(parts[1]).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise ValueError("unreadable payload") from None
        if not isinstance(claims, dict):
            raise ValueError("unreadable payload")
        kid = claims.get("kid", self.kid)
        key = self.verifiers.get(kid) if isinstance(kid, str) else None
        if kid == self.kid:
            key = self.private_key.public_key()
        if key is None:
            raise ValueError("the code was signed with a key this server does not know")
        try:
            key.verify(signature, f"{parts[0]}.{parts[1]}".encode())
        except (InvalidSignature, ValueError):
            raise ValueError("the signature does not match") from None
        number, iat, exp = claims.get("n"), claims.get("iat"), claims.get("exp")
        if not isinstance(number, str) or type(iat) is not int or type(exp) is not int:
            raise ValueError("missing claims")
        current = time.time() if now is None else now
        if current > exp + LEEWAY_S + shown_within_s:
            raise ValueError("the code has expired")
        if iat > current + LEEWAY_S:
            raise ValueError("the code is not valid yet")
        return number
