"""The server's key material, kept in a key file (mode 0600) outside the database.

Nothing here is derived from a public value (seed, enrollment token, URL): every key is 32
random bytes made by ``secrets`` the first time a key file is created, then read from it.

Purposes (``PURPOSES``), each a list of keys, the newest not retired being the current one:

* ``loyalty`` - Ed25519 key signing ``LOY1`` loyalty codes (public keys at /v1/loyalty/keys);
* ``pickup`` - Ed25519 key signing ``PKP1`` pickup QR codes (public keys at /v1/pickups/keys);
* ``seal`` - AES-GCM key sealing the tokens kept in idempotency records (replays), and the
  HMAC key of the fingerprint of requests that carry a PIN;
* ``pepper`` - HMAC key mixed into PIN and badge hashes (a copy of the database alone cannot
  even start guessing PINs).

Rotation (``rotated``, ``python -m central_api.admin keys rotate``) adds a new current key
and marks the old one retired: a retired key still verifies (and is still published, or
still opens sealed replies) for ``KEEP_RETIRED`` of its purpose, then a later rotation drops
it. Retired peppers are kept until IT drops them: a PIN hash is re-made with the current
pepper at its owner's next successful sign-in.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import stat
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PURPOSES = ("loyalty", "pickup", "seal", "pepper")
KEY_ID_PREFIX = {"loyalty": "loy-", "pickup": "pkp-", "seal": "seal-", "pepper": "pep-"}
#: how long a retired key keeps working: longer than anything it signed or sealed lives
KEEP_RETIRED: dict[str, timedelta | None] = {
    "loyalty": timedelta(hours=1),  # a LOY1 code lives at most 10 minutes
    "pickup": timedelta(days=45),  # a PKP1 code lives until its pickup expires (+ grace)
    "seal": timedelta(days=31),  # idempotency records are kept 30 days
    "pepper": None,  # until every PIN was re-hashed: IT decides
}
KEY_FILE_ENV = "KIOSK_API_KEY_FILE"


class KeyFileError(Exception):
    """The key file cannot be used (unreadable, readable by others, malformed)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def ed25519_public_raw(secret: bytes) -> bytes:
    key = Ed25519PrivateKey.from_private_bytes(secret)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _key_id(purpose: str, secret: bytes) -> str:
    if purpose in ("loyalty", "pickup"):  # names the public key: anyone can check it
        return KEY_ID_PREFIX[purpose] + hashlib.sha256(ed25519_public_raw(secret)).hexdigest()[:12]
    return KEY_ID_PREFIX[purpose] + secrets.token_hex(6)  # says nothing about the secret


@dataclass(frozen=True)
class KeyEntry:
    kid: str
    secret: bytes = field(repr=False)
    created_at: datetime
    retired_at: datetime | None = None

    @classmethod
    def new(cls, purpose: str, now: datetime) -> KeyEntry:
        secret = secrets.token_bytes(32)
        return cls(_key_id(purpose, secret), secret, now)

    def to_json(self) -> dict[str, Any]:
        return {
            "kid": self.kid,
            "secret": _b64(self.secret),
            "created_at": self.created_at.isoformat(),
            "retired_at": self.retired_at.isoformat() if self.retired_at else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KeyEntry:
        retired = data.get("retired_at")
        secret = _unb64(str(data["secret"]))
        if len(secret) != 32:
            raise ValueError(f"key {data['kid']!r} is not 32 bytes")
        return cls(
            kid=str(data["kid"]),
            secret=secret,
            created_at=datetime.fromisoformat(str(data["created_at"])),
            retired_at=datetime.fromisoformat(str(retired)) if retired else None,
        )


@dataclass(frozen=True)
class KeyRing:
    """Every purpose's keys, current first."""

    keys: dict[str, tuple[KeyEntry, ...]]

    @classmethod
    def generate(cls, now: datetime | None = None) -> KeyRing:
        now = now or datetime.now(UTC)
        return cls({purpose: (KeyEntry.new(purpose, now),) for purpose in PURPOSES})

    def current(self, purpose: str) -> KeyEntry:
        return self.keys[purpose][0]

    def live(self, purpose: str, now: datetime | None = None) -> tuple[KeyEntry, ...]:
        """The current key and the retired ones still within ``KEEP_RETIRED``."""
        now = now or datetime.now(UTC)
        keep = KEEP_RETIRED[purpose]
        return tuple(
            key
            for key in self.keys[purpose]
            if key.retired_at is None or keep is None or key.retired_at + keep > now
        )

    def find(self, purpose: str, kid: str) -> KeyEntry | None:
        return next((key for key in self.live(purpose) if key.kid == kid), None)

    def rotated(self, purpose: str, now: datetime | None = None) -> KeyRing:
        """A new current key for ``purpose``; the old one retired, expired ones dropped."""
        now = now or datetime.now(UTC)
        old = tuple(
            key if key.retired_at else replace(key, retired_at=now)
            for key in self.live(purpose, now)
        )
        return KeyRing({**self.keys, purpose: (KeyEntry.new(purpose, now), *old)})

    # -- the key file ------------------------------------------------------------------------
    def to_json(self) -> str:
        body = {p: [k.to_json() for k in self.keys[p]] for p in PURPOSES}
        return json.dumps({"version": 1, **body}, indent=2)

    @classmethod
    def from_json(cls, text: str, now: datetime | None = None) -> tuple[KeyRing, bool]:
        """The ring, and whether a purpose had no key (one was added: save the file)."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError("not a version 1 key file")
        keys: dict[str, tuple[KeyEntry, ...]] = {}
        added = False
        for purpose in PURPOSES:
            entries = tuple(KeyEntry.from_json(item) for item in data.get(purpose) or [])
            if not entries:
                entries, added = (KeyEntry.new(purpose, now or datetime.now(UTC)),), True
            keys[purpose] = entries
        return cls(keys), added

    def save(self, path: Path) -> None:
        """Write atomically, readable by the owner only (0600)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(self.to_json())
        os.replace(temporary, path)


def load_key_file(path: Path) -> KeyRing:
    """The key ring in ``path``, created with fresh random keys when the file does not exist.

    Refuses a file that others may read (a key file is as secret as the keys in it): on
    POSIX systems, by its mode; on Windows its ACL is IT's to set (see docs/security.md).
    """
    if not path.exists():
        ring = KeyRing.generate()
        ring.save(path)
        return ring
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077 and os.name == "posix":  # Windows has ACLs, not modes (IT sets them)
        raise KeyFileError(
            f"the key file {path} may be read by others (mode {mode:04o}); run: chmod 600 {path}"
        )
    try:
        ring, added = KeyRing.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeyFileError(f"the key file {path} cannot be read: {exc}") from exc
    if added:
        ring.save(path)
    return ring


def default_key_file(db_url: str) -> Path:
    """Where a server keeps its keys when no key file is configured: beside a SQLite file,
    else in the user's data directory (one file per database)."""
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = Path(url.database)
        return database.with_name(database.name + ".keys.json")
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    name = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:12]
    return data_home / "omnistore-central-api" / f"keys-{name}.json"
