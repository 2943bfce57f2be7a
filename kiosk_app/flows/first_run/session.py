"""First run of a new device: scan a provisioning QR, check it offline, enroll, save config.

The screen renders :attr:`FirstRun.state`; this module owns the rules:

1. the scanned text must be a ``PRV1.`` code signed by a key the device trusts
   (``/etc/omnistore-kiosk/provisioning.pub``) and not expired - checked offline, before
   anything touches the network, so a forged code never reaches the API it names;
2. the device enrolls at the API the code names with its enrollment token (one
   ``POST /v1/devices/enroll`` with an Idempotency-Key derived from the code and the
   device, so a retry after a lost answer gets the same device back, not a second one);
3. the user config file gets ``api_url``, ``store_code``, ``mode`` and the device token
   (owner-only permissions), so the next start needs no code.

Enrollment is not an outbox write: it produces the credential the outbox itself needs, and
a device that cannot reach the API cannot be set up anyway (the state says so; retry).
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk_app.kernel.api.client import ApiClient, Timeouts
from kiosk_app.kernel.config import update_config_file
from kiosk_app.kernel.models.catalog import Enrollment
from kiosk_app.kernel.observable import Observable
from kiosk_app.kernel.provisioning import (
    NoTrustedKey,
    Provisioning,
    ProvisioningError,
    load_trusted_keys,
    looks_like_provisioning,
    verify_provisioning_code,
)

log = logging.getLogger(__name__)

_ENROLL_NAMESPACE = uuid.UUID("7b4f1e36-93a4-4c2e-9d38-5a9f2c1d0e10")


@dataclass(frozen=True)
class Waiting:
    """Nothing scanned yet: show how to get a code."""


@dataclass(frozen=True)
class Refused:
    """The code was refused offline; ``reason`` is ProvisioningError.reason."""

    reason: str
    detail: str


@dataclass(frozen=True)
class Enrolling:
    provisioning: Provisioning


@dataclass(frozen=True)
class EnrollFailed:
    provisioning: Provisioning
    error: Exception


@dataclass(frozen=True)
class Ready:
    provisioning: Provisioning
    device: Enrollment
    config_file: Path


FirstRunState = Waiting | Refused | Enrolling | EnrollFailed | Ready
ClientFactory = Callable[[str], ApiClient]


def _default_client(url: str) -> ApiClient:
    return ApiClient(url, timeouts=Timeouts(connect=5, request=15), read_retries=1)


class FirstRun:
    """The first-run use case. ``accept`` checks a scan; ``enroll`` finishes the set-up."""

    def __init__(
        self,
        *,
        trusted_keys_file: Path,
        user_config_file: Path,
        device_name: str,
        data_dir: Path | None = None,
        clock: Callable[[], float] = time.time,
        client_factory: ClientFactory = _default_client,
    ) -> None:
        self.trusted_keys_file = trusted_keys_file
        self.user_config_file = user_config_file
        self.device_name = device_name
        #: where the device token goes when there is no OS keyring (the private file)
        self.data_dir = data_dir
        self._clock = clock
        self._client_factory = client_factory
        self.state: Observable[FirstRunState] = Observable(Waiting())
        self._pending: Provisioning | None = None
        self._token: str | None = None

    @staticmethod
    def claims(text: str) -> bool:
        """Is this scan meant for us (``PRV1.`` prefix)? Others go to the normal routing."""
        return looks_like_provisioning(text)

    def check(self, text: str) -> Provisioning | None:
        """Verify a scanned code offline; sets Refused (and returns None) if it is refused."""
        try:
            keys = load_trusted_keys(self.trusted_keys_file)
            provisioning = verify_provisioning_code(text, keys, self._clock())
        except NoTrustedKey as exc:
            self.state.set(Refused(exc.reason, str(exc)))
            return None
        except ProvisioningError as exc:
            self.state.set(Refused(exc.reason, str(exc)))
            return None
        self._pending = provisioning
        self._token = text.strip()
        return provisioning

    def device_name_for(self, provisioning: Provisioning) -> str:
        prefix = provisioning.device_name_prefix
        return f"{prefix}-{self.device_name}" if prefix else self.device_name

    async def enroll(self) -> Ready | None:
        """Enroll with the checked code and write the config; the state tells the outcome."""
        provisioning, token = self._pending, self._token
        if provisioning is None or token is None:
            raise RuntimeError("check() a code first")
        self.state.set(Enrolling(provisioning))
        name = self.device_name_for(provisioning)
        key = str(uuid.uuid5(_ENROLL_NAMESPACE, f"{token}|{name}"))
        client = self._client_factory(provisioning.api_url)
        try:
            data = await client.post(
                "/v1/devices/enroll",
                {
                    "enrollment_token": provisioning.enrollment_token,
                    "store_code": provisioning.store_code,
                    "mode": provisioning.mode,
                    "device_name": name,
                },
                idempotency_key=key,
            )
            device: Enrollment = ApiClient.parse_as(Enrollment, data)
            await asyncio.to_thread(self._write_config, provisioning, device)
        except asyncio.CancelledError:
            self.state.set(Waiting())
            raise
        except Exception as exc:  # network, refusal, disk: shown, retry possible
            self.state.set(EnrollFailed(provisioning, exc))
            return None
        finally:
            await client.aclose()
        ready = Ready(provisioning, device, self.user_config_file)
        self.state.set(ready)
        return ready

    async def accept(self, text: str) -> Ready | None:
        """Check then enroll in one go (the scan path)."""
        if self.check(text) is None:
            return None
        return await self.enroll()

    def reset(self) -> None:
        self._pending = None
        self._token = None
        self.state.set(Waiting())

    def _keep_device_token(self, api_url: str, token: str) -> None:
        """In the OS keyring; without one, in the private file of the data folder."""
        from kiosk_app.kernel.security.credentials import device_token_name, open_credential_store

        store, _warning = open_credential_store("keyring", self.data_dir)  # warning: logged
        store.set(device_token_name(api_url), token)

    def _write_config(self, provisioning: Provisioning, device: Enrollment) -> None:
        values: dict[str, str | None] = {
            "api_url": provisioning.api_url,
            "store_code": provisioning.store_code,
            "mode": provisioning.mode,
            "device_name": device.name,
            "device_token": None,  # never on disk: the OS keyring keeps it (below)
            "enrollment_token": None,  # the code's token is not kept once enrolled
        }
        self._keep_device_token(provisioning.api_url, device.token)
        if provisioning.language:
            values["language"] = provisioning.language
        update_config_file(self.user_config_file, values)
