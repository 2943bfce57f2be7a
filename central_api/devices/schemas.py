"""Bodies of device enrollment."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from central_api.platform.schemas import WriteBody
from central_api.stores.schemas import StoreOut


class EnrollIn(WriteBody):
    enrollment_token: str = Field(min_length=1, max_length=200)
    store_code: str = Field(min_length=1, max_length=16)
    mode: Literal["associate", "kiosk"]
    device_name: str = Field(min_length=1, max_length=80)


class DeviceOut(BaseModel):
    device_id: str
    name: str
    mode: str
    store: StoreOut
    scopes: list[str]


class EnrollOut(DeviceOut):
    token: str


class StoreDeviceOut(BaseModel):
    """One of the store's devices, as its manager sees it (never its token)."""

    device_id: str
    name: str
    mode: str
    enrolled_at: datetime
    revoked: bool
    this_device: bool  # the device asking

    @field_validator("enrolled_at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        """SQLite hands back naive datetimes: they were stored in UTC."""
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
