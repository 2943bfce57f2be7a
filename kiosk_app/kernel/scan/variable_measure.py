"""Restricted-circulation EAN-13 (prefixes 02 and 20-29): items priced or weighed in store.

The layout of these codes is chosen by each retailer, so it lives in a table
(:data:`DEFAULT_VARIABLE_MEASURE_RULES`) that can be replaced through
:class:`~kiosk_app.kernel.scan.config.ScanConfig`. The default is the layout
common in France, on the 13-digit form (a 12-digit UPC-A ``2…`` is read as
EAN-13 ``02…``)::

    position  1-2     3-7        8-12    13
              prefix  item code  value   check digit

Prefixes 02 and 20-24 embed a price in euro cents (``01234`` → 12.34 EUR),
25-29 a net weight in grams (``00500`` → 0.500 kg). There is no price check
digit inside the value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from kiosk_app.kernel.scan.results import VariableMeasure


class EmbeddedMeasure(StrEnum):
    """What the value digits of a variable-measure code mean."""

    PRICE = "price"
    WEIGHT = "weight"


@dataclass(frozen=True, slots=True)
class VariableMeasureRule:
    """How to read one restricted-circulation prefix; positions are 0-based slices."""

    item_start: int
    item_end: int
    value_start: int
    value_end: int
    measure: EmbeddedMeasure
    decimals: int
    """Power of ten dividing the value: 2 for cents → euros, 3 for grams → kg."""


_PRICE = VariableMeasureRule(2, 7, 7, 12, EmbeddedMeasure.PRICE, 2)
_WEIGHT = VariableMeasureRule(2, 7, 7, 12, EmbeddedMeasure.WEIGHT, 3)

DEFAULT_VARIABLE_MEASURE_RULES: Mapping[str, VariableMeasureRule] = MappingProxyType(
    {
        "02": _PRICE,
        "20": _PRICE,
        "21": _PRICE,
        "22": _PRICE,
        "23": _PRICE,
        "24": _PRICE,
        "25": _WEIGHT,
        "26": _WEIGHT,
        "27": _WEIGHT,
        "28": _WEIGHT,
        "29": _WEIGHT,
    }
)
"""Two-digit EAN-13 prefix → rule. A prefix not listed is an ordinary product."""


def read_variable_measure(
    gtin13: str,
    *,
    raw: str,
    symbology: str | None,
    rules: Mapping[str, VariableMeasureRule],
) -> VariableMeasure | None:
    """Decode a check-digit-valid 13-digit GTIN, or None if its prefix has no rule."""
    rule = rules.get(gtin13[:2])
    if rule is None:
        return None
    value = Decimal(gtin13[rule.value_start : rule.value_end]).scaleb(-rule.decimals)
    is_price = rule.measure is EmbeddedMeasure.PRICE
    return VariableMeasure(
        raw=raw,
        gtin14=gtin13.zfill(14),
        prefix=gtin13[:2],
        item_code=gtin13[rule.item_start : rule.item_end],
        price=value if is_price else None,
        weight_kg=None if is_price else value,
        symbology=symbology,
    )
