"""Signed pickup QR codes (``PKP1.<payload>.<sig>``) as the order confirmation email carries.

Envelope and claims as ``kiosk_app.core.scan.signed_codes`` verifies them: base64url (no
padding) compact JSON with ``o`` (order number), ``s`` (store code), ``iat``, ``exp``,
``kid`` and ``jti``; the signature is Ed25519 over the ASCII ``PKP1.<payload>``.

The private key lives in its own table, created on first use, so it survives restarts of
the server on the same database; the public key is published at ``GET /v1/pickups/keys``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import DateTime, LargeBinary, String, select
from sqlalchemy.orm import Mapped, mapped_column

from central_api.db import Base, Database

PREFIX = "PKP1"


class PickupSigningKey(Base):
    """The Ed25519 key that signs pickup QR codes (raw 32-byte private key)."""

    __tablename__ = "pickup_signing_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    kid: Mapped[str] = mapped_column(String(40), unique=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


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

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    def public_key_b64(self) -> str:
        raw = self.public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return b64url(raw)

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
            self.public_key.verify(b64url_decode(parts[2]), f"{parts[0]}.{parts[1]}".encode())
            claims = json.loads(b64url_decode(parts[1]))
        except (InvalidSignature, ValueError, UnicodeError) as exc:
            raise BadPickupQr("the signature does not match") from exc
        if not isinstance(claims, dict):
            raise BadPickupQr("bad payload")
        return claims


_lock = threading.Lock()
_signers: dict[str, PickupSigner] = {}


def signer_for(db: Database) -> PickupSigner:
    """The database's signing key, created (once, under the write lock) on first use."""
    with _lock:
        cached = _signers.get(db.url)
        if cached is not None:
            return cached
        with db.write_session() as session:
            row = session.scalars(select(PickupSigningKey).order_by(PickupSigningKey.id)).first()
            if row is None:
                key = Ed25519PrivateKey.generate()
                raw = key.private_bytes_raw()
                kid = (
                    "pkp-"
                    + hashlib.sha256(
                        key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
                    ).hexdigest()[:12]
                )
                row = PickupSigningKey(kid=kid, private_key=raw, created_at=datetime.now(UTC))
                session.add(row)
                session.commit()
            signer = PickupSigner(row.kid, Ed25519PrivateKey.from_private_bytes(row.private_key))
        _signers[db.url] = signer
        return signer
