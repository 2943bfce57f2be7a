"""Last-known answers of the central API, for browsing while the network is down.

What is kept (GET answers keyed by path + query parameters):

* public data - product catalogue, variants, stock and availability, stores, the pickup
  QR public keys, the return policy: stored as JSON;
* personal data - the pickup queue, pickup details and the offline copy of the collectable
  pickups (customer names, pickup-code digests): stored only encrypted (Fernet). The key
  lives in the OS keyring; without a usable one (e.g. headless Linux) it lives in
  ``read_cache.key`` next to the cache, a file only this OS user can read (0600, checked at
  every start: a key file others could read is replaced, so what it protected is lost);
* customer endpoints (``/v1/customers``, loyalty, ``/v1/endless-aisle/customers``) and
  device endpoints are never cached.

The file is created readable by its owner only (0600); answers older than ``max_age_s``
are neither served nor kept. Quick single-row SQLite operations, safe from any thread.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import hmac
import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from cryptography.fernet import Fernet, InvalidToken

from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.offline.freshness import CachedAnswer, record_served
from kiosk_app.kernel.private_files import make_sqlite_private

log = logging.getLogger(__name__)

CACHE_FILE_NAME = "read_cache.db"
KEY_FILE_NAME = "read_cache.key"
KEYRING_SERVICE = "omnistore-kiosk"
KEYRING_KEY_NAME = "read-cache-key"
DEFAULT_MAX_AGE_S = 24 * 3600.0
DEFAULT_MAX_ROWS = 5000
_PURGE_EVERY = 200  # stores between two purges of expired / surplus rows


class Sensitivity(enum.StrEnum):
    NEVER = "never"  # not cached
    PUBLIC = "public"  # cached as JSON
    PERSONAL = "personal"  # cached only encrypted


# First match wins. Anything not listed is not cached.
_RULES: tuple[tuple[re.Pattern[str], Sensitivity], ...] = (
    (
        re.compile(r"^/v1/(customers|loyalty|devices|endless-aisle/customers)(/|$)"),
        Sensitivity.NEVER,
    ),
    (re.compile(r"^/v1/products(/|$)"), Sensitivity.PUBLIC),
    (re.compile(r"^/v1/stores(/|$)"), Sensitivity.PUBLIC),
    (re.compile(r"^/v1/return-policy$"), Sensitivity.PUBLIC),
    (re.compile(r"^/v1/pickups/keys$"), Sensitivity.PUBLIC),
    (re.compile(r"^/v1/pickups(/|$)"), Sensitivity.PERSONAL),
)


def sensitivity(path: str) -> Sensitivity:
    """How an answer to GET ``path`` may be kept on disk."""
    for pattern, level in _RULES:
        if pattern.match(path):
            return level
    return Sensitivity.NEVER


def cache_key(path: str, params: Mapping[str, Any] | None) -> str:
    """Path plus the query parameters in a stable order."""
    if not params:
        return path
    pairs = sorted((str(k), str(v)) for k, v in params.items() if v is not None)
    return f"{path}?{urlencode(pairs)}" if pairs else path


class Cipher:
    """Encrypts personal answers; also hides their keys (order numbers, pickup codes, names)."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)
        self._mac_key = hashlib.sha256(b"omnistore-read-cache-keys\x00" + key).digest()

    def encrypt(self, data: bytes) -> bytes:
        return self._fernet.encrypt(data)

    def decrypt(self, token: bytes) -> bytes | None:
        try:
            return self._fernet.decrypt(token)
        except InvalidToken:
            return None

    def hide(self, text: str) -> str:
        return "h:" + hmac.new(self._mac_key, text.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Protection:
    """Whether personal data can be cached, and why not (for ``doctor`` and the logs)."""

    cipher: Cipher | None
    detail: str

    @property
    def personal_data_cached(self) -> bool:
        return self.cipher is not None


def keyring_protection(
    service: str = KEYRING_SERVICE, name: str = KEYRING_KEY_NAME, *, create: bool = True
) -> Protection:
    """The cache key from the OS keyring (created there on first use), if a keyring exists."""
    try:
        import keyring
        from keyring.errors import KeyringError

        backend = keyring.get_keyring()
    except Exception as exc:  # the keyring library itself cannot start
        return Protection(None, f"no OS keyring ({exc}); personal data is not cached")
    backend_name = f"{type(backend).__module__}.{type(backend).__name__}"
    if _priority(backend) <= 0:
        return Protection(
            None, f"no usable OS keyring ({backend_name}); personal data is not cached"
        )
    try:
        stored = backend.get_password(service, name)
        if stored is None and create:
            backend.set_password(service, name, Fernet.generate_key().decode("ascii"))
            stored = backend.get_password(service, name)
        if stored is None:
            return Protection(None, "no cache key in the OS keyring; personal data is not cached")
        return Protection(Cipher(stored.encode("ascii")), f"encrypted, key in {backend_name}")
    except (KeyringError, ValueError, UnicodeError) as exc:
        return Protection(None, f"OS keyring unusable ({exc}); personal data is not cached")


def key_file_protection(path: Path) -> Protection:
    """Without an OS keyring: the cache key in a file only this OS user can read (0600)."""
    try:
        key = _read_private_key(path)
        if key is None:
            key = Fernet.generate_key()
            _write_private_key(path, key)
        return Protection(Cipher(key), f"encrypted, key in {path} (readable by this OS user only)")
    except (OSError, ValueError) as exc:
        return Protection(None, f"no cache key file ({exc}); personal data is not cached")


def _read_private_key(path: Path) -> bytes | None:
    """The key, or None when there is none or it may have been seen by someone else."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        getuid = getattr(os, "getuid", None)
        if getuid is not None and (info.st_uid != getuid() or info.st_mode & 0o077):
            log.warning("read cache: %s is readable by others; a new key replaces it", path)
            return None
        key = handle.read().strip()
    Fernet(key)  # ValueError when it is not a key
    return key


def _write_private_key(path: Path, key: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never readable by others
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _priority(backend: object) -> float:
    try:
        return float(getattr(backend, "priority", 0))
    except (TypeError, ValueError):
        return 0.0


class ReadCache:
    """SQLite store of GET answers; the API client's read-cache hook."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        protection: Protection,
        clock: Callable[[], float] = time.time,
        max_age_s: float = DEFAULT_MAX_AGE_S,
        max_rows: int = DEFAULT_MAX_ROWS,
    ) -> None:
        self.path = Path(path)
        self.protection = protection
        self._clock = clock
        self._max_age_s = max_age_s
        self._max_rows = max_rows
        self._lock = threading.Lock()
        self._stores = 0
        #: ``stored_at`` of the last answer served from the cache; None once a fresh one came.
        self.served_as_of: Observable[float | None] = Observable(None)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        make_sqlite_private(self.path)  # never world-readable
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")  # a cache: losing the last write is fine
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS reads (key TEXT PRIMARY KEY, personal INTEGER NOT NULL,"
            " body BLOB NOT NULL, stored_at REAL NOT NULL)"
        )
        make_sqlite_private(self.path)  # and the -wal/-shm files WAL mode just made
        if protection.cipher is None:
            self._conn.execute("DELETE FROM reads WHERE personal = 1")
            log.warning("read cache: %s", protection.detail)
        self._purge()

    # -- the client's hook -------------------------------------------------------------------
    def store(self, path: str, params: Mapping[str, Any] | None, body: Any) -> None:
        self.served_as_of.set(None)
        level = sensitivity(path)
        if level is Sensitivity.NEVER:
            return
        cipher = self.protection.cipher
        if level is Sensitivity.PERSONAL and cipher is None:
            return
        try:
            data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            key = cache_key(path, params)
            if level is Sensitivity.PERSONAL and cipher is not None:
                data, key = cipher.encrypt(data), cipher.hide(key)
            with self._lock:
                self._conn.execute(
                    "INSERT OR REPLACE INTO reads (key, personal, body, stored_at)"
                    " VALUES (?, ?, ?, ?)",
                    (key, int(level is Sensitivity.PERSONAL), data, self._clock()),
                )
                self._stores += 1
                due = self._stores % _PURGE_EVERY == 0
            if due:
                self._purge()
        except (sqlite3.Error, OSError, TypeError, ValueError) as exc:
            log.warning("read cache: cannot store %s: %s", path, exc)

    def lookup(self, path: str, params: Mapping[str, Any] | None) -> CachedAnswer | None:
        level = sensitivity(path)
        cipher = self.protection.cipher
        if level is Sensitivity.NEVER or (level is Sensitivity.PERSONAL and cipher is None):
            return None
        key = cache_key(path, params)
        if level is Sensitivity.PERSONAL and cipher is not None:
            key = cipher.hide(key)
        try:
            with self._lock:
                row = self._conn.execute(
                    "SELECT body, stored_at, personal FROM reads WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.Error as exc:
            log.warning("read cache: cannot read %s: %s", path, exc)
            return None
        if row is None:
            return None
        raw, stored_at, personal = bytes(row[0]), float(row[1]), bool(row[2])
        if self._clock() - stored_at > self._max_age_s:
            return None
        if personal:
            if cipher is None or (plain := cipher.decrypt(raw)) is None:
                return None  # key changed or lost: the row is useless
            raw = plain
        try:
            return CachedAnswer(json.loads(raw.decode("utf-8")), stored_at)
        except (UnicodeError, ValueError):
            return None

    def note_served(self, path: str, answer: CachedAnswer) -> None:
        record_served(path, answer.stored_at)
        current = self.served_as_of.value
        oldest = answer.stored_at if current is None else min(current, answer.stored_at)
        self.served_as_of.set(oldest)

    # -- housekeeping ------------------------------------------------------------------------
    def count(self) -> tuple[int, int]:
        """(public rows, personal rows)."""
        with self._lock:
            rows = dict(
                self._conn.execute("SELECT personal, count(*) FROM reads GROUP BY personal")
            )
        return int(rows.get(0, 0)), int(rows.get(1, 0))

    def clear(self) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM reads")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _purge(self) -> None:
        cutoff = self._clock() - self._max_age_s
        try:
            with self._lock:
                self._conn.execute("DELETE FROM reads WHERE stored_at < ?", (cutoff,))
                self._conn.execute(
                    "DELETE FROM reads WHERE key IN (SELECT key FROM reads"
                    " ORDER BY stored_at DESC LIMIT -1 OFFSET ?)",
                    (self._max_rows,),
                )
        except sqlite3.Error as exc:
            log.warning("read cache: cannot purge: %s", exc)


def open_read_cache(
    data_dir: Path,
    *,
    max_age_s: float = DEFAULT_MAX_AGE_S,
    protection: Protection | None = None,
) -> ReadCache:
    """The app's cache in ``data_dir``, with the OS keyring's key, else a private key file."""
    if protection is None:
        protection = keyring_protection()
        if not protection.personal_data_cached:
            log.info("read cache: %s; using a key file instead", protection.detail)
            protection = key_file_protection(data_dir / KEY_FILE_NAME)
    return ReadCache(data_dir / CACHE_FILE_NAME, protection=protection, max_age_s=max_age_s)


def describe_protection(protection: Protection) -> str:
    """One line for ``doctor``: is personal data cached, and how."""
    return protection.detail


__all__ = [
    "CACHE_FILE_NAME",
    "CachedAnswer",
    "Cipher",
    "Protection",
    "ReadCache",
    "Sensitivity",
    "cache_key",
    "describe_protection",
    "key_file_protection",
    "keyring_protection",
    "open_read_cache",
    "sensitivity",
]
