"""Signed pickup QR codes (``PKP1.<payload>.<sig>``) as the order confirmation email carries.

Envelope and claims as ``kiosk_app.kernel.scan.signed_codes`` verifies them: base64url (no
padding) compact JSON with ``o`` (order number), ``s`` (store code), ``iat``, ``exp``,
``kid`` and ``jti``; the signature is Ed25519 over the ASCII ``PKP1.<payload>``.

The signing keys come from the server's key file (``central_api.platform.keys``), never from the
database: the current key signs, every live key verifies (a rotation does not break the QR
codes already e-mailed). The public keys are published at ``GET /v1/pickups/keys``.
"""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from central_api.platform.db import Database
from central_api.platform.keys import KeyRing

PREFIX = "PKP1"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class BadPickupQr(Exception):
    """The token is not a pickup QR signed by this server."""


@dataclass(frozen=True)
class PickupSigner:
    kid: str
    private_key: Ed25519PrivateKey
    verifiers: Mapping[str, Ed25519PublicKey] = field(default_factory=dict)

    @classmethod
    def from_keys(cls, ring: KeyRing) -> PickupSigner:
        current = ring.current("pickup")
        verifiers = {
            k.kid: Ed25519PrivateKey.from_private_bytes(k.secret).public_key()
            for k in ring.live("pickup")
        }
        return cls(current.kid, Ed25519PrivateKey.from_private_bytes(current.secret), verifiers)

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    def public_key_b64(self) -> str:
        raw = self.public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return b64url(raw)

    def public_keys(self) -> dict[str, str]:
        """Key id → base64url raw public key of every live key, the current one first."""
        keys = {self.kid: self.public_key_b64()}
        for kid, key in self.verifiers.items():
            keys.setdefault(kid, b64url(key.public_bytes(Encoding.Raw, PublicFormat.Raw)))
        return keys

    def sign(self, order_number: str, store_code: str, issued_at: int, expires_at: int) -> str:
        claims = {
            "o": order_number,
            "s": store_code,
            "iat": issued_at,
            "exp": expires_at,
            "kid": self.kid,
            "jti": secrets.token_hex(8),
        }
        payload = b64url(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
        signing_input = f"{PREFIX}.{payload}"
        signature = self.private_key.sign(signing_input.encode("ascii"))
        return f"{signing_input}.{b64url(signature)}"

    def verify(self, token: str) -> dict[str, Any]:
        """Claims of a token this server signed; BadPickupQr otherwise (expiry not checked).

        The app checks the validity window when the code is scanned; the completion may
        reach us later through the outbox, so here only authenticity and content matter.
        """
        parts = token.strip().split(".")
        if len(parts) != 3 or parts[0] != PREFIX:
            raise BadPickupQr("not a PKP1 code")
        try:
            claims = json.loads(b64url_decode(parts[1]))
        except (ValueError, UnicodeError) as exc:
            raise BadPickupQr("bad payload") from exc
        if not isinstance(claims, dict):
            raise BadPickupQr("bad payload")
        kid = claims.get("kid", self.kid)
        key = self.verifiers.get(kid) if isinstance(kid, str) else None
        key = self.public_key if kid == self.kid else key
        try:
            if key is None:
                raise InvalidSignature
            key.verify(b64url_decode(parts[2]), f"{parts[0]}.{parts[1]}".encode())
        except (InvalidSignature, ValueError) as exc:
            raise BadPickupQr("the signature does not match") from exc
        return claims


_signers: dict[str, PickupSigner] = {}


def use_signer(db: Database, signer: PickupSigner) -> None:
    """Sign and verify the pickup QR codes of ``db``'s orders with ``signer`` (app start)."""
    _signers[db.url] = signer


def signer_for(db: Database) -> PickupSigner:
    """The signer the server serving ``db`` was started with (see ``use_signer``)."""
    try:
        return _signers[db.url]
    except KeyError:
        raise RuntimeError("no pickup signing key: the app was not created by create_app") from None
