"""A camera sees the same code many times a second: report it once per window."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RecentScans:
    window_s: float = 2.0
    _seen: dict[str, float] = field(default_factory=dict)

    def is_new(self, text: str, now: float) -> bool:
        """True the first time ``text`` is seen, and again once it left the window."""
        for key, t in list(self._seen.items()):
            if now - t > self.window_s:
                del self._seen[key]
        last = self._seen.get(text)
        self._seen[text] = now
        return last is None

    def forget(self) -> None:
        """Drop every code seen (a kiosk's customer session reset keeps none of them)."""
        self._seen.clear()


@dataclass
class RateCap:
    """At most ``per_second`` frames are decoded; the others are dropped, not queued."""

    per_second: float = 12.0
    next_t: float = 0.0

    def admit(self, now: float) -> bool:
        if now < self.next_t:
            return False
        self.next_t = now + 1.0 / self.per_second
        return True
