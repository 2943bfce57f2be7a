"""Request and response bodies of the pickup endpoints (the contract the app mirrors)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, StrictInt

from central_api.platform.schemas import MAX_LINES, WriteBody
from central_api.staff.action_proofs import StaffProofIn

PickupStatusName = Literal[
    "preparing",
    "ready",
    "customer_waiting",
    "collected",
    "partially_collected",
    "cancelled",
    "expired",
]
MethodName = Literal["pickup_code", "signed_qr", "id_check", "alternate_person"]
DocumentName = Literal["id_card", "passport", "driving_licence", "residence_permit"]


class PickupSummaryOut(BaseModel):
    order_number: str
    store_code: str
    status: PickupStatusName
    customer_name: str
    alternate_person: str | None
    verification_method: str
    accepted_methods: list[str]
    item_count: int
    promised_at: datetime
    ready_at: datetime | None
    expires_at: datetime
    checked_in_at: datetime | None
    completed_at: datetime | None
    overdue: bool
    overdue_reason: str | None = Field(
        description="not_ready_late | waiting_long | expiring_soon, or null"
    )
    version: int


class PickupLineOut(BaseModel):
    line_no: int
    sku: str
    gtin: str
    name: str
    quantity: int
    unit_price: Decimal
    picked: int | None = Field(None, description="Once completed: quantity handed over")


class PickupDetailOut(PickupSummaryOut):
    currency: str
    total: Decimal
    lines: list[PickupLineOut]
    completion: dict[str, object] | None


class PickupOfflineOut(PickupDetailOut):
    """A collectable pickup as a device keeps it to hand it over offline."""

    pickup_code_digest: str = Field(
        description="sha256 of the pickup code salted with the order number (never the code)"
    )


class PickupKeyOut(BaseModel):
    kid: str
    alg: Literal["Ed25519"] = "Ed25519"
    public_key: str = Field(description="Raw 32-byte public key, base64url without padding")


class PickupKeysOut(BaseModel):
    prefix: Literal["PKP1"] = "PKP1"
    keys: list[PickupKeyOut]


class PickupQrOut(BaseModel):
    order_number: str
    token: str
    expires_at: datetime


class CheckInIn(WriteBody):
    qr_token: str | None = Field(None, max_length=2000)
    pickup_code: str | None = Field(None, pattern=r"^[0-9]{6}$")


class CheckInOut(BaseModel):
    order_number: str
    status: PickupStatusName
    checked_in_at: datetime
    first_name: str
    already_checked_in: bool


class LineResultIn(WriteBody):
    line_no: StrictInt = Field(ge=1)
    picked: StrictInt = Field(ge=0)
    missing: StrictInt = Field(0, ge=0)
    damaged: StrictInt = Field(0, ge=0)
    reason: str | None = Field(None, max_length=200)


class VerificationIn(WriteBody):
    method: MethodName
    pickup_code: str | None = Field(None, max_length=6)
    qr_token: str | None = Field(None, max_length=2000)
    id_document_type: DocumentName | None = None
    person_name: str | None = Field(None, max_length=120)


class CompleteIn(WriteBody):
    """Who hands the order over is the signed-in staff member (``X-Staff-Token``), not a
    field: an ``associate`` sent by an earlier app version is ignored."""

    lines: list[LineResultIn] = Field(min_length=1, max_length=MAX_LINES)
    verification: VerificationIn
    associate: str | None = Field(
        None, max_length=80, description="Ignored (earlier app versions sent a free-text name)"
    )
    signature_svg_path: str | None = Field(
        None, max_length=60000, description="Customer signature as an SVG path (optional)"
    )
    staff_proof: StaffProofIn | None = Field(
        None,
        description="Who handed over, proven offline (a write queued before sign-out); "
        "see central_api.staff.action_proofs",
    )


class CompleteOut(BaseModel):
    order_number: str
    status: PickupStatusName
    completed_at: datetime = Field(description="When it was handed over (Occurred-At)")
    recorded_at: datetime = Field(description="When the server received the completion")
    associate: str | None = Field(description="Staff ID of who handed it over (signed in)")
    associate_name: str | None
    picked_units: int
    missing_units: int
    damaged_units: int
    version: int
