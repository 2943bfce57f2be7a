"""Who this device is for the central API: enroll when needed, then identify."""

from __future__ import annotations

from kiosk_app.core.api.client import ApiClient
from kiosk_app.core.config import Settings
from kiosk_app.core.models.catalog import DeviceInfo


class DeviceNotEnrolled(Exception):
    """No device token and no enrollment token: IT must enroll the device."""


async def start_device_session(client: ApiClient, settings: Settings) -> DeviceInfo:
    """Use the configured device token, or enroll with the enrollment token; then ``/me``."""
    if settings.device_token:
        client.set_token(settings.device_token)
    elif not client.has_token:
        if not settings.enrollment_token:
            raise DeviceNotEnrolled(
                "This device has no device token and no enrollment token. Set "
                "KIOSK_ENROLLMENT_TOKEN (or enrollment_token in the config file)."
            )
        enrollment = await client.enroll(
            settings.enrollment_token, settings.store_code, settings.mode, settings.device_name
        )
        client.set_token(enrollment.token)
        return enrollment
    return await client.me()
