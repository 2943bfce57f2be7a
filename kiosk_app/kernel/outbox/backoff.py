"""Exponential backoff with full jitter, capped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    base_s: float = 1.0
    cap_s: float = 300.0
    #: Longest ``Retry-After`` honoured; a larger value is clamped to this.
    max_retry_after_s: float = 3600.0

    def __post_init__(self) -> None:
        if not 0 < self.base_s <= self.cap_s:
            raise ValueError("need 0 < base_s <= cap_s")

    def ceiling(self, failures: int) -> float:
        """Upper bound of the wait after ``failures`` consecutive failures (0-based)."""
        return min(self.cap_s, self.base_s * 2.0 ** min(failures, 64))

    def delay(
        self, failures: int, rng: Callable[[], float], retry_after: float | None = None
    ) -> float:
        """Full jitter (``uniform(0, ceiling)``), but never sooner than ``Retry-After``."""
        jittered = rng() * self.ceiling(failures)
        if retry_after is None:
            return jittered
        return max(jittered, min(max(retry_after, 0.0), self.max_retry_after_s))

    @property
    def longest_wait_s(self) -> float:
        """No legitimate wait is longer; a longer one means the wall clock jumped back."""
        return max(self.cap_s, self.max_retry_after_s)
