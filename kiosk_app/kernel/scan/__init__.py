"""Qt-free classifier of scanned or typed codes: ``classify(text) -> ScanResult``.

See :mod:`kiosk_app.kernel.scan.classifier` for the decision order and each module's
docstring for the exact formats.
"""

from kiosk_app.kernel.scan.check_digits import gs1_check_digit, luhn_check_digit
from kiosk_app.kernel.scan.classifier import classify
from kiosk_app.kernel.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from kiosk_app.kernel.scan.gs1_ai_table import AI_TABLE, AIDefinition, Charset
from kiosk_app.kernel.scan.gs1_dates import parse_gs1_date
from kiosk_app.kernel.scan.gtin import expand_upce, is_valid_gtin, to_gtin14
from kiosk_app.kernel.scan.input_text import MAX_SCAN_LENGTH, make_visible
from kiosk_app.kernel.scan.rejection import Reason
from kiosk_app.kernel.scan.results import (
    DigitalLink,
    GS1Element,
    LoyaltyCard,
    OrderNumber,
    PickupCode,
    PickupQR,
    Product,
    Receipt,
    ScanKind,
    ScanResult,
    SignedLoyaltyCode,
    Unrecognised,
    VariableMeasure,
)
from kiosk_app.kernel.scan.signed_codes import (
    LOYALTY_PREFIX,
    PICKUP_PREFIX,
    ExpiredCode,
    ForgedCode,
    MalformedCode,
    NotYetValidCode,
    SignedCodeError,
    UnknownKeyId,
    VerifiedCode,
    sign_code,
    verify_signed_code,
)
from kiosk_app.kernel.scan.store_codes import is_loyalty_card_number
from kiosk_app.kernel.scan.variable_measure import (
    DEFAULT_VARIABLE_MEASURE_RULES,
    EmbeddedMeasure,
    VariableMeasureRule,
)

__all__ = [
    "AI_TABLE",
    "DEFAULT_SCAN_CONFIG",
    "DEFAULT_VARIABLE_MEASURE_RULES",
    "LOYALTY_PREFIX",
    "MAX_SCAN_LENGTH",
    "PICKUP_PREFIX",
    "AIDefinition",
    "Charset",
    "DigitalLink",
    "EmbeddedMeasure",
    "ExpiredCode",
    "ForgedCode",
    "GS1Element",
    "LoyaltyCard",
    "MalformedCode",
    "NotYetValidCode",
    "OrderNumber",
    "PickupCode",
    "PickupQR",
    "Product",
    "Reason",
    "Receipt",
    "ScanConfig",
    "ScanKind",
    "ScanResult",
    "SignedCodeError",
    "SignedLoyaltyCode",
    "UnknownKeyId",
    "Unrecognised",
    "VariableMeasure",
    "VariableMeasureRule",
    "VerifiedCode",
    "classify",
    "expand_upce",
    "gs1_check_digit",
    "is_loyalty_card_number",
    "is_valid_gtin",
    "luhn_check_digit",
    "make_visible",
    "parse_gs1_date",
    "sign_code",
    "to_gtin14",
    "verify_signed_code",
]
