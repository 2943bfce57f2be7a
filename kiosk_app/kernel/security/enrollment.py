"""The device's identity at the central API, with its token kept in the credential store.

The one device session of the app: the GUI, ``kiosk-app outbox sync`` and ``smoke-test``
all start it through :class:`DeviceSession` (``kiosk_app.app.build_app`` makes it), so a
device enrolled by one is the same device for the others (issue #21: the CLI had its own
copy that never read the credential store).

Order: the token in the credential store (OS keyring) for this API; else a ``device_token``
still in the configuration (older installs: it is moved into the store); else enrollment
with the enrollment token, whose answer goes straight into the store. The token is never
written to a file or a log by this module.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.api.errors import Unauthorized
from kiosk_app.kernel.config import Settings
from kiosk_app.kernel.models.catalog import DeviceInfo
from kiosk_app.kernel.security.credentials import CredentialStore, device_token_name
from kiosk_app.kernel.security.redaction import SECRETS

log = logging.getLogger(__name__)


class DeviceNotEnrolled(Exception):
    """No usable device token and no enrollment token: IT must enroll the device."""


@dataclass(frozen=True)
class DeviceIdentity:
    device: DeviceInfo
    source: str  # "credential store", "configuration", "enrollment"


async def start_secure_device_session(
    client: ApiClient, settings: Settings, store: CredentialStore
) -> DeviceIdentity:
    name = device_token_name(settings.api_url)
    candidates = [("credential store", store.get(name))]
    if settings.device_token:
        candidates.append(("configuration", settings.device_token))
    for source, token in candidates:
        if not token:
            continue
        SECRETS.add(token)
        client.set_token(token)
        try:
            device = await client.me()
        except Unauthorized:
            log.warning("the device token from the %s was refused (revoked?)", source)
            client.set_token(None)
            continue
        if source != "credential store":
            store.set(name, token)
            log.warning(
                "the device token was in the configuration; it is now in the %s: remove "
                "device_token from the config file",
                store.description,
            )
        return DeviceIdentity(device, source)
    if not settings.enrollment_token:
        raise DeviceNotEnrolled(
            "This device has no valid device token and no enrollment token. Enroll it "
            "(provisioning QR, or enrollment_token in the config file / KIOSK_ENROLLMENT_TOKEN)."
        )
    SECRETS.add(settings.enrollment_token)
    enrollment = await client.enroll(
        settings.enrollment_token, settings.store_code, settings.mode, settings.device_name
    )
    SECRETS.add(enrollment.token)
    store.set(name, enrollment.token)
    client.set_token(enrollment.token)
    device = DeviceInfo.model_validate(enrollment.model_dump(exclude={"token"}))
    return DeviceIdentity(device, "enrollment")


def stored_device_token(settings: Settings, store: CredentialStore) -> tuple[str, str] | None:
    """The token the device would start with and where it is (credential store first, else
    the configuration), without asking the API; None: not enrolled."""
    candidates = [
        ("credential store", store.get(device_token_name(settings.api_url))),
        ("configuration", settings.device_token),
    ]
    return next(((source, token) for source, token in candidates if token), None)


def resume_device_session(
    client: ApiClient, settings: Settings, store: CredentialStore
) -> str | None:
    """Offline start: the stored token set on the client without asking the API. Its
    source, or None when there is none (then only an enrollment, which needs the API, can
    identify the device)."""
    stored = stored_device_token(settings, store)
    if stored is None:
        return None
    source, token = stored
    SECRETS.add(token)
    client.set_token(token)
    return source


class DeviceSession:
    """The device session of one app: its client, settings and credential store."""

    def __init__(self, client: ApiClient, settings: Settings, store: CredentialStore) -> None:
        self.client = client
        self.settings = settings
        self.store = store

    async def start(self) -> DeviceIdentity:
        """Identify with the stored token (checked with the API) or enroll; see the module."""
        return await start_secure_device_session(self.client, self.settings, self.store)

    def stored_token(self) -> tuple[str, str] | None:
        """(source, token) of the token it would start with; see :func:`stored_device_token`."""
        return stored_device_token(self.settings, self.store)

    def resume(self) -> str | None:
        """The stored token on the client without the API (see :func:`resume_device_session`)."""
        return resume_device_session(self.client, self.settings, self.store)
