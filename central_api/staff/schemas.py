"""Bodies of the staff endpoints (sign-in, me, approvals, store policy)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from central_api.platform.schemas import WriteBody

Decision = Literal["allowed", "denied", "manager_approval"]


class Credentials(WriteBody):
    """A badge scan *or* a staff ID, plus the PIN (never stored, never logged)."""

    badge: str | None = Field(None, min_length=4, max_length=64)
    staff_id: str | None = Field(None, min_length=1, max_length=16)
    pin: str = Field(min_length=4, max_length=8, pattern=r"^[0-9]+$")

    @model_validator(mode="after")
    def _one_identifier(self) -> Credentials:
        if bool(self.badge) == bool(self.staff_id):
            raise ValueError("give either a badge or a staff_id")
        return self


class SignInIn(Credentials):
    pass


class StaffOut(BaseModel):
    staff_id: str
    name: str
    role: str


class StaffSessionOut(BaseModel):
    token: str
    #: signs the writes this person queues offline (``central_api.staff.action_proofs``)
    action_key: str = ""
    session_id: str
    expires_at: datetime
    staff: StaffOut
    store_code: str
    permissions: dict[str, Decision]


class StaffMeOut(BaseModel):
    staff: StaffOut
    session_id: str
    expires_at: datetime
    store_code: str
    device_mode: str
    permissions: dict[str, Decision]


class SignOutOut(BaseModel):
    session_id: str
    signed_out: bool


class ApprovalIn(Credentials):
    action: str = Field(min_length=1, max_length=64)
    subject: str = Field(min_length=1, max_length=80)


class ApprovalOut(BaseModel):
    approval_id: str
    approval_token: str
    action: str
    subject: str
    approver: StaffOut
    requested_by: str | None
    expires_at: datetime


class StaffPolicyIn(WriteBody):
    staff_sign_in: Literal["required", "optional"]


class StaffPolicyOut(BaseModel):
    store_code: str
    staff_sign_in: Literal["required", "optional"]
    updated_by: str | None
