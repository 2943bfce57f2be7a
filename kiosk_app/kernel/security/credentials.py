"""Where the device's enrollment credential (its device token) is kept.

``keyring`` picks the OS store: Windows Credential Manager, macOS Keychain, the Secret
Service (GNOME Keyring, KWallet) on Linux. On a headless Linux box there is often none and
``keyring`` falls back to its ``fail``/``null`` backend; ``keyrings.alt`` would "work" but
writes the secret into a plain file that nothing says is private. In both cases
:class:`KeyringCredentialStore` refuses with :class:`KeyringUnavailable`, whose message says
what to install, and :func:`open_credential_store` keeps the token in
:class:`FileCredentialStore` instead: a file in the data folder that only this user may read
(0600 from its first byte), so that the device keeps its identity across restarts rather
than enrolling a new device (with a token that never expires) at every start. What protects
it is the account: other users of the machine cannot read it; root and a copy of the disk
can, which is why IT revokes a lost device's token (``central_api.admin devices revoke``).
Demo runs and tests use :class:`MemoryCredentialStore`, explicitly.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import platform
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kiosk_app.kernel.private_files import PRIVATE

SERVICE_NAME = "omnistore-kiosk"
CREDENTIALS_FILE_NAME = "device-credentials.json"
log = logging.getLogger(__name__)

#: backends that store nothing, refuse everything, or store secrets in clear
_INSECURE_MODULE_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class KeyringUnavailable(RuntimeError):
    """No secure OS keyring: the message tells IT what to install or configure."""


class CredentialStore(Protocol):
    #: shown in diagnostics ("OS keyring (SecretService)", "memory (demo)")
    description: str

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, secret: str) -> None: ...

    def delete(self, name: str) -> None: ...


class MemoryCredentialStore:
    """Secrets in this process only (``--demo``, tests): gone when the app quits."""

    def __init__(self, description: str = "memory (demo, nothing saved)") -> None:
        self.description = description
        self._secrets: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self._secrets.get(name)

    def set(self, name: str, secret: str) -> None:
        self._secrets[name] = secret

    def delete(self, name: str) -> None:
        self._secrets.pop(name, None)


class FileCredentialStore:
    """Secrets in one JSON file only this user may read (no OS keyring on this device).

    The file is written whole to a new 0600 file beside it, then renamed over it: a crash
    leaves the old file or the new one, never half of one. A file found readable by others
    is closed down to 0600 before it is read.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = f"file readable by this user only (0600): {path}"

    def _read(self) -> dict[str, str]:
        try:
            if self.path.stat().st_mode & 0o077:
                os.chmod(self.path, PRIVATE)
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("credential file unreadable (%s): starting without it", type(exc).__name__)
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write(self, secrets: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".credentials-", dir=self.path.parent)  # 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(secrets, out)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, PRIVATE)
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def get(self, name: str) -> str | None:
        return self._read().get(name)

    def set(self, name: str, secret: str) -> None:
        secrets = self._read()
        if secrets.get(name) != secret:
            self._write({**secrets, name: secret})

    def delete(self, name: str) -> None:
        secrets = self._read()
        if secrets.pop(name, None) is not None:
            self._write(secrets)


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str
    message: str


def _backend_name(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _insecure(backend: Any) -> bool:
    return type(backend).__module__.startswith(_INSECURE_MODULE_PREFIXES)


def no_keyring_advice(backend: str, system: str | None = None) -> str:
    """What to tell IT when no secure keyring is available (``backend`` = what was found)."""
    system = system or platform.system()
    if "keyrings.alt" in backend:
        found = (
            f"The only keyring backend is {backend}, from keyrings.alt: it keeps secrets in a "
            "plain file, which is not acceptable for the device token."
        )
    else:
        found = f"No OS keyring is available to this user (keyring backend: {backend})."
    if system == "Windows":
        todo = "Windows Credential Manager should always be there: check the user's profile."
    elif system == "Darwin":
        todo = "Unlock the login Keychain of the kiosk user."
    else:
        todo = (
            "Install and start a Secret Service keyring in the kiosk user's session, e.g. "
            "'sudo apt install gnome-keyring dbus-user-session libsecret-tools' (or KWallet), "
            "and unlock it at login (pam_gnome_keyring). Do not install keyrings.alt: it "
            "stores secrets in plain files."
        )
    return f"{found} {todo}"


def probe_keyring() -> KeyringStatus:
    """Whether ``keyring``'s current backend is a real, secure OS store."""
    try:
        import keyring
        from keyring.backends.chainer import ChainerBackend
    except ImportError as exc:  # pragma: no cover - a dependency of the app
        return KeyringStatus(False, "none", no_keyring_advice(f"none ({exc})"))
    backend = keyring.get_keyring()
    name = _backend_name(backend)
    if isinstance(backend, ChainerBackend):
        chained = list(getattr(backend, "backends", []))
        if not chained or any(_insecure(b) for b in chained):
            names = ", ".join(_backend_name(b) for b in chained) or "none"
            return KeyringStatus(False, name, no_keyring_advice(f"chain of {names}"))
        return KeyringStatus(True, name, f"OS keyring ({', '.join(map(_backend_name, chained))})")
    if _insecure(backend):
        return KeyringStatus(False, name, no_keyring_advice(name))
    return KeyringStatus(True, name, f"OS keyring ({name})")


class KeyringCredentialStore:
    """Secrets in the OS keyring under the service ``omnistore-kiosk``."""

    def __init__(self, service: str = SERVICE_NAME) -> None:
        status = probe_keyring()
        if not status.usable:
            raise KeyringUnavailable(status.message)
        self.service = service
        self.description = status.message

    def get(self, name: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(self.service, name)
        except KeyringError as exc:
            raise KeyringUnavailable(f"The OS keyring refused to read: {exc}") from exc

    def set(self, name: str, secret: str) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(self.service, name, secret)
        except KeyringError as exc:
            raise KeyringUnavailable(f"The OS keyring refused to store: {exc}") from exc

    def delete(self, name: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(self.service, name)
        except PasswordDeleteError:
            return
        except KeyringError as exc:
            raise KeyringUnavailable(f"The OS keyring refused to delete: {exc}") from exc


def open_credential_store(
    kind: str, data_dir: Path | None = None
) -> tuple[CredentialStore, str | None]:
    """The store for ``kind`` (``keyring`` or ``memory``) and a warning to show, if any.

    ``keyring`` without a secure backend gives the private file in ``data_dir`` (memory
    only without one) *and* the advice: the app says so on screen and in the log.
    """
    if kind == "memory":
        return MemoryCredentialStore(), None
    try:
        return KeyringCredentialStore(), None
    except KeyringUnavailable as exc:
        if data_dir is None:
            store: CredentialStore = MemoryCredentialStore("memory only: no secure OS keyring")
            where = "in memory only: the device enrolls again at each start"
        else:
            store = FileCredentialStore(data_dir / CREDENTIALS_FILE_NAME)
            where = f"in {store.path}, which only this user may read (0600)"
        warning = f"{exc} Until then the device token is kept {where}."
        log.warning("%s", warning)
        return store, warning


def device_token_name(api_url: str) -> str:
    """The keyring entry of the device token for one central API."""
    return f"device-token@{api_url.rstrip('/')}"
