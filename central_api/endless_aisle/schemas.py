"""Request and response bodies of the endless-aisle endpoints."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, StrictBool, StrictInt, model_validator

from central_api.platform.schemas import WriteBody

MAX_LINES = 20
MAX_QUANTITY = 20


_In = WriteBody


class LineIn(_In):
    sku: str = Field(min_length=1, max_length=32)
    quantity: StrictInt = Field(ge=1, le=MAX_QUANTITY)


class AddressIn(_In):
    name: str | None = Field(
        default=None,
        min_length=1,
        max_length=120,
        description="The recipient; omitted: the attached customer's full name",
    )
    line1: str = Field(min_length=1, max_length=120)
    line2: str | None = Field(default=None, max_length=120)
    postcode: str = Field(min_length=1, max_length=16)
    city: str = Field(min_length=1, max_length=80)
    country: str = Field(min_length=2, max_length=2)


class DestinationIn(_In):
    """``home`` (with ``address``), ``this_store`` or ``other_store`` (optional ``store_code``:
    without it, the options list the nearest stores that hold everything)."""

    type: Literal["home", "this_store", "other_store"]
    address: AddressIn | None = None
    store_code: str | None = Field(default=None, max_length=16)

    @model_validator(mode="after")
    def _address_for_home(self) -> DestinationIn:
        if self.type == "home" and self.address is None:
            raise ValueError("a home delivery needs an address")
        return self


class OptionsIn(_In):
    lines: list[LineIn] = Field(min_length=1, max_length=MAX_LINES)
    destination: DestinationIn


class GuestIn(_In):
    email: str | None = Field(default=None, max_length=120)
    phone: str | None = Field(default=None, max_length=20)
    consent: StrictBool = False

    @model_validator(mode="after")
    def _one_contact(self) -> GuestIn:
        if not (self.email or self.phone):
            raise ValueError("a guest needs an email address or a phone number")
        return self


class CustomerIn(_In):
    """The customer: the signed ``loyalty_code`` their app showed (the only way at a kiosk),
    for staff a known ``customer_number`` / ``loyalty_number`` too, or a guest contact."""

    loyalty_code: str | None = Field(default=None, max_length=1024)
    customer_number: str | None = Field(default=None, max_length=16)
    loyalty_number: str | None = Field(default=None, max_length=16)
    guest: GuestIn | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> CustomerIn:
        given = [
            x
            for x in (self.loyalty_code, self.customer_number, self.loyalty_number, self.guest)
            if x
        ]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of loyalty_code, customer_number, loyalty_number or guest"
            )
        return self


class OrderIn(OptionsIn):
    option_id: str = Field(min_length=1, max_length=200)
    customer: CustomerIn


class PayIn(_In):
    method: Literal["till", "link"] = "till"


class PromiseOut(BaseModel):
    earliest: date
    latest: date
    ready_now: bool


class SourceOut(BaseModel):
    code: str
    name: str
    kind: str
    city: str


class OptionLineOut(BaseModel):
    sku: str
    quantity: int
    source_code: str


class OptionOut(BaseModel):
    id: str
    kind: Literal["home_delivery", "ship_to_store", "pickup"]
    destination_store: SourceOut | None
    sources: list[SourceOut]
    lines: list[OptionLineOut]
    promise: PromiseOut
    fee: Decimal
    currency: str


class PricedLineOut(BaseModel):
    sku: str
    name: str
    colour: str | None
    size: str | None
    quantity: int
    unit_price: Decimal
    line_total: Decimal
    available: int = Field(description="Most units any single location can send")


class OptionsOut(BaseModel):
    lines: list[PricedLineOut]
    subtotal: Decimal
    currency: str
    free_delivery_threshold: Decimal
    options: list[OptionOut]


class OrderLineOut(BaseModel):
    line_no: int
    sku: str
    name: str
    quantity: int
    unit_price: Decimal
    source_code: str | None


class PaymentOut(BaseModel):
    status: Literal["awaiting_payment", "paid", "expired"]
    reference: str
    link_url: str
    link_status: Literal["sent", "paid", "expired"]
    link_sent_to: str | None
    paid_by: Literal["till", "link"] | None


class CustomerRefOut(BaseModel):
    customer_number: str | None
    display_name: str | None
    contact: str | None = Field(description="Masked email or phone")
    guest: bool
    consent: bool


class OrderOut(BaseModel):
    number: str
    status: str
    channel: str
    fulfilment: str
    store_code: str | None
    option: OptionOut
    delivery_address: AddressIn | None
    lines: list[OrderLineOut]
    subtotal: Decimal
    shipping_fee: Decimal
    total: Decimal
    currency: str
    customer: CustomerRefOut
    payment: PaymentOut
    created_at: datetime = Field(description="When it was placed (Occurred-At)")
    recorded_at: datetime = Field(description="When the server received it")
    reservation_expires_at: datetime | None


class CustomerAddressOut(BaseModel):
    label: str
    line1: str
    line2: str | None
    postcode: str
    city: str
    country: str


class CustomerSummaryOut(BaseModel):
    customer_number: str
    first_name: str
    last_name_initial: str
    tier: str
    email_masked: str
    phone_masked: str
    addresses: list[CustomerAddressOut]
