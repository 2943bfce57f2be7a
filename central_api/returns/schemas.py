"""Request and response bodies of the returns endpoints (mirrored by the app's core models)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, StrictInt

from central_api.platform.schemas import MAX_LINES, WriteBody

Reason = Literal[
    "wrong_size", "not_as_described", "defective", "wrong_item_sent", "changed_mind", "arrived_late"
]
Condition = Literal["as_new", "damaged", "defective"]
Disposition = Literal["back_to_stock", "damaged", "return_to_vendor"]
RefundMethod = Literal["original", "store_credit"]


class ReturnPolicyOut(BaseModel):
    window_days: int
    extended_window_days: int
    non_returnable: list[str]
    shipping_refunded: Literal["whole_order_only"]
    approval_outside_window: bool
    approval_refund_above: Decimal
    reason_codes: list[str]
    conditions: list[str]
    dispositions: list[str]
    default_disposition: dict[str, str]
    default_condition: dict[str, str] = Field(
        description="Reason → the condition it suggests (other reasons: as_new)"
    )
    sellable_conditions: list[str]
    refund_methods: list[str]
    tender_refund_order: list[str]
    currency: str = "EUR"


class OrderLineOut(BaseModel):
    line_no: int
    sku: str
    gtin: str
    name: str
    quantity: int
    unit_price: Decimal
    returned_qty: int
    returnable_qty: int
    not_returnable_reason: str | None
    final_sale: bool
    hygiene: bool


class TenderOut(BaseModel):
    sequence: int
    kind: str
    reference: str
    amount: Decimal
    refunded: Decimal


class OrderOut(BaseModel):
    number: str
    channel: str
    status: str
    created_at: datetime
    delivered_at: datetime | None
    days_since_delivery: int | None
    within_window: bool
    currency: str
    subtotal: Decimal
    discount_total: Decimal
    shipping_fee: Decimal
    total: Decimal
    promo_code: str | None
    customer_number: str | None
    customer_name: str | None
    lines: list[OrderLineOut]
    tenders: list[TenderOut]


class QuoteLineIn(WriteBody):
    line_no: StrictInt
    quantity: StrictInt = Field(ge=1)


class QuoteIn(WriteBody):
    lines: list[QuoteLineIn] = Field(min_length=1, max_length=MAX_LINES)
    refund_method: RefundMethod = "original"


class LineRefundOut(BaseModel):
    line_no: int
    quantity: int
    gross: Decimal
    discount: Decimal
    refund: Decimal


class TenderRefundOut(BaseModel):
    sequence: int | None
    kind: str
    reference: str
    amount: Decimal


class QuoteOut(BaseModel):
    order_number: str
    currency: str
    refund_method: RefundMethod
    lines: list[LineRefundOut]
    shipping_refund: Decimal
    total: Decimal
    tenders: list[TenderRefundOut]
    approval_required: bool
    approval_reasons: list[str]


class ApprovalIn(WriteBody):
    order_number: str = Field(min_length=1, max_length=24)
    manager_id: str = Field(min_length=1, max_length=16)
    pin: str = Field(min_length=1, max_length=16)


class ApprovalOut(BaseModel):
    approval_token: str
    manager_id: str
    manager_name: str
    order_number: str
    expires_at: datetime


class ReturnLineIn(WriteBody):
    line_no: StrictInt
    quantity: StrictInt = Field(ge=1)
    reason: Reason
    condition: Condition
    disposition: Disposition


class ReturnIn(WriteBody):
    order_number: str = Field(min_length=1, max_length=24)
    lines: list[ReturnLineIn] = Field(min_length=1, max_length=MAX_LINES)
    refund_method: RefundMethod = "original"
    approval_token: str | None = None
    expected_total: Decimal | None = None  # the quote the associate saw; refused if it moved


class ReturnLineOut(BaseModel):
    line_no: int
    sku: str
    name: str
    quantity: int
    reason: str
    condition: str
    disposition: str
    gross: Decimal
    discount: Decimal
    refund: Decimal


class ReturnOut(BaseModel):
    return_number: str
    order_number: str
    store_code: str
    store_name: str
    device_id: str
    staff_id: str | None = Field(None, description="Who was signed in on the device")
    created_at: datetime = Field(description="When the return was made (Occurred-At)")
    recorded_at: datetime | None = Field(None, description="When the server received it")
    currency: str
    refund_method: RefundMethod
    lines: list[ReturnLineOut]
    shipping_refund: Decimal
    total: Decimal
    tenders: list[TenderRefundOut]
    approved_by: str | None
    approval_reasons: list[str]
