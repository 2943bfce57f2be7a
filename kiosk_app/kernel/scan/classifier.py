"""``classify``: from the text a scanner (or a customer) typed to a typed result.

Order of decisions, first match wins:

1. not text / longer than ``MAX_SCAN_LENGTH`` / empty / control characters
   other than GS → ``Unrecognised`` (``not_text``, ``too_long``, ``empty``,
   ``control_chars``);
2. a leading AIM symbology identifier is removed and recorded; a GS1 one
   (``]C1 ]e0 ]d2 ]Q3 ]J1``) means the rest is a GS1 element string;
3. ``LOY1.`` / ``PKP1.`` → signed loyalty code / pickup QR (structure only);
4. ``http(s)://`` → GS1 Digital Link, else ``unknown_url``;
5. text containing FNC1 (GS or a configured stand-in such as ``<GS>``), or
   starting with ``(NN)`` → GS1 element string;
6. digits only: 6 → pickup code; 8/12/13/14 → GTIN (restricted-circulation
   12/13-digit ones → variable measure; 8 digits that fail as GTIN-8 but pass as
   UPC-E → UPC-E; ``]E0`` + 8 digits → UPC-E); 16 with the loyalty prefix →
   loyalty card;
7. order number, receipt; anything else → ``unknown_format``.
"""

from __future__ import annotations

import logging
from datetime import date

from kiosk_app.kernel.scan.check_digits import is_ascii_digits
from kiosk_app.kernel.scan.config import DEFAULT_SCAN_CONFIG, ScanConfig
from kiosk_app.kernel.scan.digital_link import is_web_uri, parse_digital_link
from kiosk_app.kernel.scan.gs1_element_string import (
    looks_human_readable,
    parse_element_string,
    replace_separators,
)
from kiosk_app.kernel.scan.gs1_values import Gs1Fields
from kiosk_app.kernel.scan.gtin import (
    GTIN_LENGTHS,
    check_digit_error,
    expand_upce,
    is_valid_gtin,
)
from kiosk_app.kernel.scan.input_text import (
    GROUP_SEPARATOR,
    MAX_SCAN_LENGTH,
    first_forbidden_character,
    make_visible,
    preview,
    trim,
)
from kiosk_app.kernel.scan.rejection import Reason, ScanRejected
from kiosk_app.kernel.scan.results import (
    DigitalLink,
    GS1Element,
    LoyaltyCard,
    PickupCode,
    Product,
    ScanResult,
    Unrecognised,
)
from kiosk_app.kernel.scan.signed_code_results import read_pickup_qr, read_signed_loyalty_code
from kiosk_app.kernel.scan.signed_codes import LOYALTY_PREFIX, PICKUP_PREFIX
from kiosk_app.kernel.scan.store_codes import (
    PICKUP_CODE_LENGTH,
    looks_like_loyalty_card,
    read_order_number,
    read_receipt,
    require_loyalty_check_digit,
)
from kiosk_app.kernel.scan.symbology import EAN_8, EAN_UPC, GS1_SYMBOLOGIES, split_symbology
from kiosk_app.kernel.scan.variable_measure import read_variable_measure

_log = logging.getLogger(__name__)


def classify(
    text: str, *, today: date | None = None, config: ScanConfig | None = None
) -> ScanResult:
    """Say what ``text`` is. Never raises: problems come back as ``Unrecognised``.

    ``today`` resolves two-digit GS1 years (default: the local date); ``config``
    changes separators, variable-measure layout, AIs or the loyalty prefix.
    """
    try:
        return _classify(
            text,
            today=date.today() if today is None else today,
            config=DEFAULT_SCAN_CONFIG if config is None else config,
        )
    except Exception:  # a scan must never take the kiosk down; tests assert this is unreachable
        _log.exception("scan classifier failed")
        return Unrecognised(
            raw=preview(text) if isinstance(text, str) else "",
            reason=Reason.INTERNAL_ERROR,
            detail="internal error while reading the code",
        )


def _classify(text: str, *, today: date, config: ScanConfig) -> ScanResult:
    if not isinstance(text, str):
        return Unrecognised(
            raw="", reason=Reason.NOT_TEXT, detail=f"expected text, got {type(text).__name__}"
        )
    if len(text) > MAX_SCAN_LENGTH:
        return Unrecognised(
            raw=preview(text),
            reason=Reason.TOO_LONG,
            detail=f"{len(text)} characters; a code has at most {MAX_SCAN_LENGTH}",
        )
    data = trim(text)
    raw = make_visible(data)
    if not data:
        return Unrecognised(raw=raw, reason=Reason.EMPTY, detail="nothing was scanned")
    forbidden = first_forbidden_character(data)
    if forbidden is not None:
        return Unrecognised(
            raw=raw,
            reason=Reason.CONTROL_CHARS,
            detail=f"contains the control character {make_visible(forbidden)}",
        )
    symbology, data = split_symbology(data)
    try:
        return _classify_data(data, raw=raw, symbology=symbology, today=today, config=config)
    except ScanRejected as rejected:
        return Unrecognised(
            raw=raw,
            reason=rejected.reason,
            detail=rejected.detail,
            ai=rejected.ai,
            symbology=symbology,
        )


def _classify_data(
    data: str, *, raw: str, symbology: str | None, today: date, config: ScanConfig
) -> ScanResult:
    if symbology in GS1_SYMBOLOGIES:
        if not data:
            raise ScanRejected(Reason.BAD_GS1, "no data after the GS1 symbology identifier")
        return _element_string(data, raw=raw, symbology=symbology, today=today, config=config)
    if not data:
        raise ScanRejected(Reason.EMPTY, "only a symbology identifier was scanned")
    if data.startswith(LOYALTY_PREFIX + "."):
        return read_signed_loyalty_code(
            data, raw=raw, symbology=symbology, loyalty_prefix=config.loyalty_prefix
        )
    if data.startswith(PICKUP_PREFIX + "."):
        return read_pickup_qr(data, raw=raw, symbology=symbology)
    if is_web_uri(data):
        domain, fields = parse_digital_link(data, today=today, table=config.ai_table)
        return _digital_link(fields, domain=domain, raw=raw, symbology=symbology)
    separated = replace_separators(data, config.gs_substitutes)
    if GROUP_SEPARATOR in separated or looks_human_readable(separated):
        return _element_string(data, raw=raw, symbology=symbology, today=today, config=config)
    if is_ascii_digits(data):
        return _digits(data, raw=raw, symbology=symbology, config=config)
    result = read_order_number(data, raw=raw, symbology=symbology) or read_receipt(
        data, raw=raw, symbology=symbology
    )
    if result is None:
        raise ScanRejected(Reason.UNKNOWN_FORMAT, "not a code this app knows")
    return result


def _element_string(
    data: str, *, raw: str, symbology: str | None, today: date, config: ScanConfig
) -> GS1Element:
    separated = replace_separators(data, config.gs_substitutes)
    fields = parse_element_string(separated, today=today, table=config.ai_table)
    return GS1Element(
        raw=raw,
        ais=fields.ais,
        gtin14=fields.gtin14,
        sscc=fields.sscc,
        lot=fields.lot,
        serial=fields.serial,
        production_date=fields.production_date,
        best_before=fields.best_before,
        expiry=fields.expiry,
        net_weight_kg=fields.net_weight_kg,
        price=fields.price,
        count=fields.count,
        gsrn=fields.gsrn,
        symbology=symbology,
    )


def _digital_link(
    fields: Gs1Fields, *, domain: str, raw: str, symbology: str | None
) -> DigitalLink:
    assert fields.gtin14 is not None  # parse_digital_link always sets AI 01
    return DigitalLink(
        raw=raw,
        domain=domain,
        gtin14=fields.gtin14,
        ais=fields.ais,
        lot=fields.lot,
        serial=fields.serial,
        production_date=fields.production_date,
        best_before=fields.best_before,
        expiry=fields.expiry,
        net_weight_kg=fields.net_weight_kg,
        price=fields.price,
        count=fields.count,
        symbology=symbology,
    )


def _digits(data: str, *, raw: str, symbology: str | None, config: ScanConfig) -> ScanResult:
    length = len(data)
    if symbology == EAN_UPC and length == 8:
        return _upce(data, raw=raw, symbology=symbology)
    if symbology in (EAN_UPC, EAN_8):
        if length not in ((8,) if symbology == EAN_8 else (12, 13)):
            raise ScanRejected(
                Reason.UNKNOWN_FORMAT, f"{length} digits do not fit symbology {symbology}"
            )
        return _gtin(data, raw=raw, symbology=symbology, config=config, upce_fallback=False)
    if length == PICKUP_CODE_LENGTH:
        return PickupCode(raw=raw, code=data, symbology=symbology)
    if length in GTIN_LENGTHS:
        return _gtin(data, raw=raw, symbology=symbology, config=config, upce_fallback=True)
    if looks_like_loyalty_card(data, config.loyalty_prefix):
        require_loyalty_check_digit(data)
        return LoyaltyCard(raw=raw, number=data, symbology=symbology)
    raise ScanRejected(Reason.UNKNOWN_FORMAT, f"no known code has {length} digits")


def _upce(data: str, *, raw: str, symbology: str | None) -> Product:
    try:
        gtin12 = expand_upce(data)
    except ValueError as error:
        raise ScanRejected(Reason.UNKNOWN_FORMAT, str(error)) from None
    if not is_valid_gtin(gtin12):
        bad_check = check_digit_error(gtin12)
        raise ScanRejected(bad_check.reason, f"UPC-E {data} expands to {bad_check.detail}")
    return Product(
        raw=raw, gtin14=gtin12.zfill(14), original_length=8, from_upce=True, symbology=symbology
    )


def _gtin(
    data: str, *, raw: str, symbology: str | None, config: ScanConfig, upce_fallback: bool
) -> ScanResult:
    length = len(data)
    if is_valid_gtin(data):
        if length in (12, 13):
            measure = read_variable_measure(
                data.zfill(13), raw=raw, symbology=symbology, rules=config.variable_measure_rules
            )
            if measure is not None:
                return measure
        return Product(raw=raw, gtin14=data.zfill(14), original_length=length, symbology=symbology)
    if upce_fallback and length == 8 and data[0] in "01" and is_valid_gtin(expand_upce(data)):
        return _upce(data, raw=raw, symbology=symbology)
    raise check_digit_error(data)
