"""Redaction of tokens, PINs, e-mails and phone numbers in log text and records."""

from __future__ import annotations

import logging

from kiosk_app.kernel.security.redaction import (
    MASK,
    SECRETS,
    RedactingFilter,
    SecretRegistry,
    redact,
    redact_value,
)


def test_tokens_pins_emails_and_phones_are_masked() -> None:
    text = (
        "Authorization: Bearer dvc_AbCdEf123456789 X-Staff-Token: stf_zzzzzzzzzz "
        'approval apv_QWERTYUIOP body {"pin": "2468", "staff_id": "M001"} pin=1357 '
        "mail jeanne.dupont@example.com tel +33 6 12 34 56 78 or +33612345678 or 06.12.34.56.78"
    )
    cleaned = redact(text)
    for secret in ("AbCdEf123456789", "zzzzzzzzzz", "QWERTYUIOP", "2468", "1357"):
        assert secret not in cleaned
    assert "jeanne.dupont" not in cleaned and "<email>" in cleaned
    assert "12 34 56 78" not in cleaned and "612345678" not in cleaned
    assert "M001" in cleaned  # a staff ID is not a secret


def test_product_codes_prices_and_order_numbers_survive() -> None:
    text = "GTIN 3760123000017 / 03760123000017 price 49.90 order W00012345 code 123456"
    assert redact(text) == text


def test_exact_secrets_are_masked_even_without_a_pattern() -> None:
    registry = SecretRegistry()
    registry.add("opaque-secret-value")
    assert redact("got opaque-secret-value back", registry) == f"got {MASK} back"
    SECRETS.add("another-opaque-one")
    try:
        assert redact_value({"a": ["x another-opaque-one"]}) == {"a": [f"x {MASK}"]}
    finally:
        SECRETS.discard("another-opaque-one")


def test_the_filter_masks_messages_args_and_tracebacks() -> None:
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "token %s for %s", None, None)
    record.args = ("dvc_abcdefghijkl", "anna@example.org")
    try:
        raise RuntimeError("failed with Bearer stf_abcdefghijkl")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    RedactingFilter().filter(record)
    assert "abcdefghijkl" not in record.getMessage() and "anna@" not in record.getMessage()
    assert record.exc_text is not None and "stf_abcdefghijkl" not in record.exc_text
