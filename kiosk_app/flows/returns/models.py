"""Typed views of the returns endpoints (Decimal money)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class ReturnPolicy(_Model):
    window_days: int
    extended_window_days: int
    non_returnable: list[str]
    shipping_refunded: str
    approval_outside_window: bool
    approval_refund_above: Decimal
    reason_codes: list[str]
    conditions: list[str]
    dispositions: list[str]
    default_disposition: dict[str, str]
    #: reason → the condition it suggests (other reasons: as new); an API without it: a
    #: defective item is defective
    default_condition: dict[str, str] = {"defective": "defective"}
    sellable_conditions: list[str]
    refund_methods: list[str]
    tender_refund_order: list[str]
    currency: str = "EUR"


class OrderLine(_Model):
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


class Tender(_Model):
    sequence: int
    kind: str
    reference: str
    amount: Decimal
    refunded: Decimal


class ReturnableOrder(_Model):
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
    lines: list[OrderLine]
    tenders: list[Tender]

    def line(self, line_no: int) -> OrderLine | None:
        return next((ln for ln in self.lines if ln.line_no == line_no), None)

    @property
    def returnable(self) -> bool:
        return any(ln.returnable_qty > 0 for ln in self.lines)


class LineRefund(_Model):
    line_no: int
    quantity: int
    gross: Decimal
    discount: Decimal
    refund: Decimal


class TenderRefund(_Model):
    sequence: int | None
    kind: str
    reference: str
    amount: Decimal


class RefundQuote(_Model):
    """What a return would refund; computed by the core or answered by the server."""

    lines: list[LineRefund]
    shipping_refund: Decimal
    total: Decimal
    tenders: list[TenderRefund]
    approval_reasons: list[str] = []

    @property
    def approval_required(self) -> bool:
        return bool(self.approval_reasons)


class Approval(_Model):
    approval_token: str
    manager_id: str
    manager_name: str
    order_number: str
    expires_at: datetime


class ReturnReceiptLine(_Model):
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


class ReturnReceipt(_Model):
    return_number: str
    order_number: str
    store_code: str
    store_name: str
    device_id: str
    created_at: datetime
    currency: str
    refund_method: str
    lines: list[ReturnReceiptLine]
    shipping_refund: Decimal
    total: Decimal
    tenders: list[TenderRefund]
    approved_by: str | None
    approval_reasons: list[str]
