"""Settings of the scan classifier that a retailer or a scanner model may change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk_app.kernel.scan.check_digits import is_ascii_digits
from kiosk_app.kernel.scan.gs1_ai_table import AI_TABLE, AIDefinition
from kiosk_app.kernel.scan.input_text import GROUP_SEPARATOR
from kiosk_app.kernel.scan.store_codes import DEFAULT_LOYALTY_PREFIX, LOYALTY_CARD_LENGTH
from kiosk_app.kernel.scan.variable_measure import (
    DEFAULT_VARIABLE_MEASURE_RULES,
    VariableMeasureRule,
)

DEFAULT_GS_SUBSTITUTES = (GROUP_SEPARATOR, "<GS>")
"""What stands for FNC1: the GS byte, and the text some keyboard wedges type for it."""


@dataclass(frozen=True, slots=True)
class ScanConfig:
    """Classifier settings; the defaults suit the retailer's French stores."""

    gs_substitutes: tuple[str, ...] = DEFAULT_GS_SUBSTITUTES
    """Texts read as the FNC1 separator in GS1 element strings (never empty)."""
    variable_measure_rules: Mapping[str, VariableMeasureRule] = field(
        default_factory=lambda: DEFAULT_VARIABLE_MEASURE_RULES
    )
    ai_table: Mapping[str, AIDefinition] = field(default_factory=lambda: AI_TABLE)
    loyalty_prefix: str = DEFAULT_LOYALTY_PREFIX
    """First digits of static loyalty card numbers."""

    def __post_init__(self) -> None:
        if not self.gs_substitutes or not all(self.gs_substitutes):
            raise ValueError("gs_substitutes needs at least one non-empty text")
        prefix = self.loyalty_prefix
        if not is_ascii_digits(prefix) or len(prefix) >= LOYALTY_CARD_LENGTH:
            raise ValueError("loyalty_prefix must be 1 to 15 digits")


DEFAULT_SCAN_CONFIG = ScanConfig()
