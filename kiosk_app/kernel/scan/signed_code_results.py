"""Structure of the two signed codes the kiosk knows, for :func:`~kiosk_app.kernel.scan.classify`.

Payload claims, besides the envelope's ``iat``, ``exp`` and optional ``kid``
(see :mod:`kiosk_app.kernel.scan.signed_codes`):

* ``LOY1``: ``"n"`` loyalty card number (16 digits, retailer prefix, Luhn) and
  ``"jti"`` (non-empty string);
* ``PKP1``: ``"o"`` order number (``W``/``E`` + 8 digits, upper case) and ``"s"``
  store code (3 upper-case letters + 2 digits, e.g. ``PAR01``).

Other claims are allowed and ignored. Nothing here checks the signature.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kiosk_app.kernel.scan.rejection import Reason, ScanRejected
from kiosk_app.kernel.scan.results import PickupQR, SignedLoyaltyCode
from kiosk_app.kernel.scan.signed_codes import (
    LOYALTY_PREFIX,
    PICKUP_PREFIX,
    MalformedCode,
    SignedEnvelope,
    parse_signed_code,
)
from kiosk_app.kernel.scan.store_codes import (
    ORDER_NUMBER_PATTERN,
    STORE_CODE_PATTERN,
    is_loyalty_card_number,
)


def _parse(token: str) -> SignedEnvelope:
    try:
        return parse_signed_code(token)
    except MalformedCode as error:
        raise ScanRejected(Reason.MALFORMED_SIGNED_CODE, str(error)) from None


def _string_claim(claims: Mapping[str, object], name: str, pattern: re.Pattern[str]) -> str:
    value = claims.get(name)
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        raise ScanRejected(Reason.MALFORMED_SIGNED_CODE, f"claim {name!r} is missing or invalid")
    return value


_NON_EMPTY = re.compile(r".+", re.DOTALL)


def read_signed_loyalty_code(
    token: str, *, raw: str, symbology: str | None, loyalty_prefix: str
) -> SignedLoyaltyCode:
    """Structure of a ``LOY1.`` code; raises ``malformed_signed_code`` if wrong."""
    envelope = _parse(token)
    if envelope.prefix != LOYALTY_PREFIX:
        raise ScanRejected(Reason.MALFORMED_SIGNED_CODE, f"not a {LOYALTY_PREFIX} code")
    number = envelope.claims.get("n")
    if not isinstance(number, str) or not is_loyalty_card_number(number, loyalty_prefix):
        raise ScanRejected(
            Reason.MALFORMED_SIGNED_CODE, "claim 'n' is not a valid loyalty card number"
        )
    return SignedLoyaltyCode(
        raw=raw,
        card_number=number,
        issued_at=envelope.issued_at,
        expires_at=envelope.expires_at,
        jti=_string_claim(envelope.claims, "jti", _NON_EMPTY),
        kid=envelope.kid,
        token=token,
        symbology=symbology,
    )


def read_pickup_qr(token: str, *, raw: str, symbology: str | None) -> PickupQR:
    """Structure of a ``PKP1.`` code; raises ``malformed_signed_code`` if wrong."""
    envelope = _parse(token)
    if envelope.prefix != PICKUP_PREFIX:
        raise ScanRejected(Reason.MALFORMED_SIGNED_CODE, f"not a {PICKUP_PREFIX} code")
    return PickupQR(
        raw=raw,
        order_number=_string_claim(envelope.claims, "o", ORDER_NUMBER_PATTERN),
        store_code=_string_claim(envelope.claims, "s", STORE_CODE_PATTERN),
        issued_at=envelope.issued_at,
        expires_at=envelope.expires_at,
        kid=envelope.kid,
        token=token,
        symbology=symbology,
    )
