"""What :func:`~kiosk_app.kernel.scan.classify` returns: one frozen dataclass per kind of code.

Every result has ``kind`` (a :class:`ScanKind`), ``raw`` (the input without the
surrounding whitespace or Enter/Tab, invisible characters spelt out as ``<GS>``,
``<CR>``, ``<U+200B>`` …, see :func:`~kiosk_app.kernel.scan.input_text.make_visible`;
for ``too_long`` only a 64-character preview ending in ``…``),
``symbology`` (the AIM symbology identifier such as ``"]d2"`` if the scanner sent
one) and ``to_dict()`` (a JSON-serialisable dict, ``kind`` first; decimals are
strings such as ``"12.34"``, dates ISO strings, AI lists lists of ``[ai, value]``).

Narrow a :data:`ScanResult` with ``isinstance`` or with ``result.kind is ScanKind.X``;
both :class:`GS1Element` and :class:`DigitalLink` have kind ``gs1`` and a ``gtin14``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Literal, TypeAlias

from kiosk_app.kernel.scan.rejection import Reason

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

JsonValue: TypeAlias = "str | int | float | bool | list[JsonValue] | dict[str, JsonValue] | None"

ApplicationIdentifiers: TypeAlias = tuple[tuple[str, str], ...]
"""GS1 (AI, value) pairs in the order they were read; values are the raw strings."""


class ScanKind(StrEnum):
    """What a scanned or typed code turned out to be."""

    PRODUCT = "product"
    VARIABLE_MEASURE = "variable_measure"
    GS1 = "gs1"
    LOYALTY_CARD = "loyalty_card"
    LOYALTY_SIGNED = "loyalty_signed"
    PICKUP_QR = "pickup_qr"
    ORDER_NUMBER = "order_number"
    PICKUP_CODE = "pickup_code"
    RECEIPT = "receipt"
    UNRECOGNISED = "unrecognised"


def _to_json(value: object) -> JsonValue:
    if isinstance(value, Enum):
        return _to_json(value.value)
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_to_json(item) for item in value]
    raise TypeError(f"cannot convert {type(value).__name__} to JSON")


class _ToDict:
    __slots__ = ()

    def to_dict(self: DataclassInstance) -> dict[str, JsonValue]:
        """JSON-serialisable view of the result, ``kind`` first."""
        return {f.name: _to_json(getattr(self, f.name)) for f in dataclasses.fields(self)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Product(_ToDict):
    """A trade item identified by its GTIN (EAN-8, UPC-A, EAN-13, ITF-14, UPC-E)."""

    kind: Literal[ScanKind.PRODUCT] = field(default=ScanKind.PRODUCT, init=False)
    raw: str
    gtin14: str
    original_length: int
    """How many digits were read: 8, 12, 13 or 14 (8 for UPC-E too)."""
    from_upce: bool = False
    """True when the 8 digits were expanded from UPC-E to a GTIN-12."""
    symbology: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VariableMeasure(_ToDict):
    """A restricted-circulation EAN-13 with an embedded price or weight."""

    kind: Literal[ScanKind.VARIABLE_MEASURE] = field(default=ScanKind.VARIABLE_MEASURE, init=False)
    raw: str
    gtin14: str
    prefix: str
    """The two-digit GS1 prefix (``"02"``, ``"20"`` … ``"29"``)."""
    item_code: str
    """The retailer's item reference, five digits."""
    price: Decimal | None = None
    """Embedded price in the local currency (euros), if the prefix means price."""
    weight_kg: Decimal | None = None
    """Embedded net weight in kilograms, if the prefix means weight."""
    symbology: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GS1Element(_ToDict):
    """A GS1 element string (GS1-128, DataBar, DataMatrix, QR or the ``(01)…`` form)."""

    kind: Literal[ScanKind.GS1] = field(default=ScanKind.GS1, init=False)
    raw: str
    ais: ApplicationIdentifiers
    gtin14: str | None = None
    sscc: str | None = None
    lot: str | None = None
    serial: str | None = None
    production_date: date | None = None
    best_before: date | None = None
    expiry: date | None = None
    net_weight_kg: Decimal | None = None
    price: Decimal | None = None
    count: int | None = None
    gsrn: str | None = None
    """AI 8018, which this retailer uses as a loyalty membership number."""
    symbology: str | None = None

    def value_of(self, ai: str) -> str | None:
        """Raw value of the first occurrence of ``ai``, or None."""
        return next((value for key, value in self.ais if key == ai), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class DigitalLink(_ToDict):
    """A GS1 Digital Link URI carrying a GTIN, e.g. ``https://id.gs1.org/01/…``."""

    kind: Literal[ScanKind.GS1] = field(default=ScanKind.GS1, init=False)
    raw: str
    domain: str
    gtin14: str
    ais: ApplicationIdentifiers
    lot: str | None = None
    serial: str | None = None
    production_date: date | None = None
    best_before: date | None = None
    expiry: date | None = None
    net_weight_kg: Decimal | None = None
    price: Decimal | None = None
    count: int | None = None
    symbology: str | None = None

    def value_of(self, ai: str) -> str | None:
        """Raw value of the first occurrence of ``ai``, or None."""
        return next((value for key, value in self.ais if key == ai), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class LoyaltyCard(_ToDict):
    """A static loyalty card number (16 digits, retailer prefix, Luhn check digit)."""

    kind: Literal[ScanKind.LOYALTY_CARD] = field(default=ScanKind.LOYALTY_CARD, init=False)
    raw: str
    number: str
    symbology: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SignedLoyaltyCode(_ToDict):
    """A short-lived ``LOY1.`` code from the customer's phone; NOT yet verified.

    Pass ``token`` to :func:`~kiosk_app.kernel.scan.signed_codes.verify_signed_code`
    before trusting any field.
    """

    kind: Literal[ScanKind.LOYALTY_SIGNED] = field(default=ScanKind.LOYALTY_SIGNED, init=False)
    raw: str
    card_number: str
    issued_at: int
    expires_at: int
    jti: str
    kid: str | None
    token: str
    symbology: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PickupQR(_ToDict):
    """A signed ``PKP1.`` pickup QR code; NOT yet verified (see :class:`SignedLoyaltyCode`)."""

    kind: Literal[ScanKind.PICKUP_QR] = field(default=ScanKind.PICKUP_QR, init=False)
    raw: str
    order_number: str
    store_code: str
    issued_at: int
    expires_at: int
    kid: str | None
    token: str
    symbology: str | None = None


OrderChannel: TypeAlias = Literal["web", "endless_aisle"]


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderNumber(_ToDict):
    """An order number: ``W`` + 8 digits (web) or ``E`` + 8 digits (endless aisle)."""

    kind: Literal[ScanKind.ORDER_NUMBER] = field(default=ScanKind.ORDER_NUMBER, init=False)
    raw: str
    number: str
    """Normalised, upper case, e.g. ``"W00012345"``."""
    channel: OrderChannel
    symbology: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PickupCode(_ToDict):
    """A six-digit pickup code typed by the customer."""

    kind: Literal[ScanKind.PICKUP_CODE] = field(default=ScanKind.PICKUP_CODE, init=False)
    raw: str
    code: str
    symbology: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Receipt(_ToDict):
    """A till receipt reference ``R-<store>-<8 digits>``."""

    kind: Literal[ScanKind.RECEIPT] = field(default=ScanKind.RECEIPT, init=False)
    raw: str
    store_code: str
    number: str
    symbology: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Unrecognised(_ToDict):
    """Anything not understood; ``reason`` is for code, ``detail`` for logs and support."""

    kind: Literal[ScanKind.UNRECOGNISED] = field(default=ScanKind.UNRECOGNISED, init=False)
    raw: str
    reason: Reason
    detail: str
    ai: str | None = None
    """The GS1 Application Identifier at fault, for ``bad_gs1`` and ``bad_date``."""
    symbology: str | None = None


ScanResult: TypeAlias = (
    Product
    | VariableMeasure
    | GS1Element
    | DigitalLink
    | LoyaltyCard
    | SignedLoyaltyCode
    | PickupQR
    | OrderNumber
    | PickupCode
    | Receipt
    | Unrecognised
)
