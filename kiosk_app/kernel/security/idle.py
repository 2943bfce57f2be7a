"""Idle timers, pure: an injected clock, no Qt (the UI only reports activity and ticks).

One :class:`IdleTimer` per rule:

* staff lock (associate devices): after ``staff_idle_lock_s`` without a touch, the staff
  session locks and the PIN is asked again;
* customer reset (kiosks): after ``kiosk_idle_reset_s`` without a touch the customer's
  session is wiped; the last ``kiosk_idle_warning_s`` show a "Still here?" countdown.

A timer is *armed* by activity and *disarmed* once it has fired, so an untouched kiosk does
not keep popping the prompt up.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class IdlePhase(Enum):
    DISARMED = "disarmed"  # nothing to protect (nobody used the device since the last reset)
    ACTIVE = "active"
    WARNING = "warning"  # the countdown shows
    EXPIRED = "expired"  # time to lock / reset


@dataclass(frozen=True)
class IdleState:
    phase: IdlePhase
    remaining_s: float  # until expiry (0 when expired or disarmed)

    @property
    def countdown(self) -> int:
        """Whole seconds to show (never 0 while the warning shows)."""
        return max(1, math.ceil(self.remaining_s)) if self.phase is IdlePhase.WARNING else 0


class IdleTimer:
    def __init__(
        self,
        timeout_s: float,
        *,
        warning_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        armed: bool = False,
    ) -> None:
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self.timeout_s = timeout_s
        self.warning_s = min(max(0.0, warning_s), timeout_s)
        self._clock = clock
        self._last = clock()
        self._armed = armed

    @property
    def armed(self) -> bool:
        return self._armed

    def touch(self) -> None:
        """Activity: restart the countdown (and arm the timer)."""
        self._last = self._clock()
        self._armed = True

    def disarm(self) -> None:
        self._armed = False

    def state(self) -> IdleState:
        if not self._armed:
            return IdleState(IdlePhase.DISARMED, 0.0)
        remaining = self.timeout_s - (self._clock() - self._last)
        if remaining <= 0:
            return IdleState(IdlePhase.EXPIRED, 0.0)
        if remaining <= self.warning_s:
            return IdleState(IdlePhase.WARNING, remaining)
        return IdleState(IdlePhase.ACTIVE, remaining)


class ManualClock:
    """A clock tests (and screenshots) move by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
