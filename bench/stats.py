"""Percentiles and a row type shared by every benchmark."""

from __future__ import annotations

import math
from typing import TypedDict


class Row(TypedDict):
    name: str
    value: float
    unit: str


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def row(name: str, value: float, unit: str) -> Row:
    return {"name": name, "value": round(value, 3), "unit": unit}
