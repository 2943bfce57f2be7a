"""Validating GS1 AI values and turning them into typed fields (dates, decimals)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kiosk_app.kernel.scan.check_digits import gs1_check_digit
from kiosk_app.kernel.scan.gs1_ai_table import AI_TABLE, AIDefinition, Charset
from kiosk_app.kernel.scan.gs1_dates import parse_gs1_date
from kiosk_app.kernel.scan.input_text import preview
from kiosk_app.kernel.scan.rejection import Reason, ScanRejected


@dataclass(frozen=True, slots=True)
class Gs1Fields:
    """The AIs a store app cares about, decoded; shared by element strings and Digital Links."""

    ais: tuple[tuple[str, str], ...]
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


def _label(definition: AIDefinition) -> str:
    return f"AI ({definition.ai}) {definition.title}"


def validate_ai_value(definition: AIDefinition, value: str, today: date) -> None:
    """Raise :class:`ScanRejected` (``bad_gs1`` or ``bad_date``) if ``value`` is invalid."""
    label = _label(definition)
    if not definition.min_length <= len(value) <= definition.max_length:
        if definition.fixed_length:
            expected = f"{definition.max_length}"
        else:
            expected = f"{definition.min_length} to {definition.max_length}"
        raise ScanRejected(
            Reason.BAD_GS1,
            f"{label} needs {expected} characters, got {len(value)}",
            ai=definition.ai,
        )
    if not definition.charset_matches(value):
        allowed = "digits only" if definition.charset is Charset.NUMERIC else "GS1 CSET 82"
        raise ScanRejected(
            Reason.BAD_GS1,
            f"{label} allows {allowed}, got {preview(value, 24)!r}",
            ai=definition.ai,
        )
    if definition.check_digit:
        expected_digit = gs1_check_digit(value[:-1])
        if expected_digit != int(value[-1]):
            raise ScanRejected(
                Reason.BAD_GS1,
                f"{label} {value}: check digit should be {expected_digit}, not {value[-1]}",
                ai=definition.ai,
            )
    if definition.is_date:
        try:
            parse_gs1_date(value, today)
        except ValueError as error:
            raise ScanRejected(Reason.BAD_DATE, f"{label}: {error}", ai=definition.ai) from None


def read_ai_values(
    pairs: Sequence[tuple[str, str]],
    today: date,
    table: Mapping[str, AIDefinition] = AI_TABLE,
) -> Gs1Fields:
    """Validate every (AI, value) pair and decode the well-known ones.

    Each AI may appear only once. AIs missing from ``table`` are rejected.
    """
    values: dict[str, str] = {}
    for ai, value in pairs:
        definition = table.get(ai)
        if definition is None:
            raise ScanRejected(Reason.BAD_GS1, f"unknown AI ({ai})", ai=ai)
        if ai in values:
            raise ScanRejected(Reason.BAD_GS1, f"AI ({ai}) appears more than once", ai=ai)
        validate_ai_value(definition, value, today)
        values[ai] = value

    def date_of(ai: str) -> date | None:
        value = values.get(ai)
        return None if value is None else parse_gs1_date(value, today)

    def decimal_of(stem: str) -> Decimal | None:
        """First AI of a decimal family such as 310n, with its implied decimal point."""
        for ai, value in values.items():
            definition = table[ai]
            if ai.startswith(stem) and definition.implied_decimal:
                return Decimal(value).scaleb(-definition.decimals)
        return None

    count = values.get("30")
    return Gs1Fields(
        ais=tuple(pairs),
        gtin14=values.get("01"),
        sscc=values.get("00"),
        lot=values.get("10"),
        serial=values.get("21"),
        production_date=date_of("11"),
        best_before=date_of("15"),
        expiry=date_of("17"),
        net_weight_kg=decimal_of("310"),
        price=decimal_of("392"),
        count=None if count is None else int(count),
        gsrn=values.get("8018"),
    )
