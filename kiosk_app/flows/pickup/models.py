"""Typed views of the pickup endpoints' answers (money as Decimal)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class PickupSummary(_Model):
    order_number: str
    store_code: str
    status: str
    customer_name: str
    alternate_person: str | None
    verification_method: str
    accepted_methods: tuple[str, ...]
    item_count: int
    promised_at: datetime
    ready_at: datetime | None
    expires_at: datetime
    checked_in_at: datetime | None
    completed_at: datetime | None
    overdue: bool
    overdue_reason: str | None
    version: int


class PickupLine(_Model):
    line_no: int
    sku: str
    gtin: str
    name: str
    quantity: int
    unit_price: Decimal
    picked: int | None = None


class PickupDetail(PickupSummary):
    currency: str
    total: Decimal
    lines: tuple[PickupLine, ...]
    completion: dict[str, Any] | None = None


class PickupOffline(PickupDetail):
    """A collectable pickup as the device keeps it for offline hand-overs."""

    pickup_code_digest: str  # rules.pickup_state.pickup_code_digest; never the code itself


class PickupKey(_Model):
    kid: str
    alg: str
    public_key: str


class PickupKeys(_Model):
    prefix: str
    keys: tuple[PickupKey, ...]


class PickupQr(_Model):
    order_number: str
    token: str
    expires_at: datetime


class CheckInResult(_Model):
    order_number: str
    status: str
    checked_in_at: datetime
    first_name: str
    already_checked_in: bool


class CompletionResult(_Model):
    order_number: str
    status: str
    completed_at: datetime
    picked_units: int
    missing_units: int
    damaged_units: int
    version: int
