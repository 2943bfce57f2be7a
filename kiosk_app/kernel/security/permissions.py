"""Per-action decisions the server hands the app (``GET /v1/staff/me``).

The app uses them to show the right thing (a button, "needs a manager", nothing); the
server checks them again on every request, so a stale decision can never grant anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum


class Decision(Enum):
    ALLOWED = "allowed"
    DENIED = "denied"
    MANAGER_APPROVAL = "manager_approval"


@dataclass(frozen=True)
class Permissions:
    decisions: Mapping[str, Decision] = field(default_factory=dict)

    @classmethod
    def from_api(cls, data: Mapping[str, str]) -> Permissions:
        parsed: dict[str, Decision] = {}
        for action, value in data.items():
            try:
                parsed[action] = Decision(value)
            except ValueError:
                parsed[action] = Decision.DENIED  # an unknown answer grants nothing
        return cls(parsed)

    def decide(self, action: str) -> Decision:
        """Unknown actions are denied."""
        return self.decisions.get(action, Decision.DENIED)

    def allows(self, action: str) -> bool:
        return self.decide(action) is Decision.ALLOWED

    def needs_approval(self, action: str) -> bool:
        return self.decide(action) is Decision.MANAGER_APPROVAL


NO_PERMISSIONS = Permissions()
