"""PIN and badge hashes: salted, peppered scrypt for PINs, HMAC for badges.

A PIN is stored as ``scrypt$n$r$p$pepper-id$salt$hash``: scrypt (32 MiB, about 0.1 s) of
HMAC-SHA256(pepper, PIN) with a random salt. The pepper lives in the server's key file
(``central_api.platform.keys``), not in the database: a copy of the database alone cannot even start
guessing a 4-digit PIN. A hash made with a retired pepper (or weaker parameters) is re-made
at its owner's next sign-in (``pin_hash_is_current``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from central_api.platform.keys import KeyEntry, KeyRing

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1  # 32 MiB, about 0.1 s
SCRYPT_MAXMEM = 64 * 1024 * 1024


def _scrypt(pin: str, pepper: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    peppered = hmac.new(pepper, pin.encode(), hashlib.sha256).digest()
    return hashlib.scrypt(peppered, salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM)


def hash_pin(pin: str, pepper: KeyEntry, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = _scrypt(pin, pepper.secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    b64 = base64.b64encode
    return (
        f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${pepper.kid}"
        f"${b64(salt).decode()}${b64(digest).decode()}"
    )


def pin_matches(pin: str, stored: str, keys: KeyRing) -> bool:
    """Whether ``pin`` is the PIN of ``stored``; a hash whose pepper is gone never matches."""
    try:
        scheme, n, r, p, kid, salt, digest = stored.split("$")
        pepper = keys.find("pepper", kid)
        if scheme != "scrypt" or pepper is None:
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(pin, pepper.secret, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def pin_hash_is_current(stored: str, keys: KeyRing) -> bool:
    """Made with the current pepper and parameters (else re-made at the next sign-in)."""
    current = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${keys.current('pepper').kid}$"
    return stored.startswith(current)


def badge_hashes(badge: str, keys: KeyRing) -> list[str]:
    """The badge's HMAC under every live pepper, the current one first."""
    raw = b"staff-badge\x00" + badge.strip().encode()
    return [hmac.new(k.secret, raw, hashlib.sha256).hexdigest() for k in keys.live("pepper")]


def badge_hash(badge: str, keys: KeyRing) -> str:
    return badge_hashes(badge, keys)[0]
