"""Which flows may run while the central API cannot be reached: a per-flow policy.

The policy comes from the config file (``offline_policy = { return = "deny", ... }``). The
rule itself is a pure function, :func:`may_run_offline`, so every flow asks the same
question the same way and the answer (with its reason) can be shown to the user.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from kiosk_app.kernel.connection import ConnectionState

Rule = Literal["allow", "deny"]


class OfflineFlow(enum.StrEnum):
    """Flows that write to the central API (the names used in ``offline_policy``)."""

    # Offline, a pickup opens from the read cache: the orders of the device's last queue
    # refresh (details and pickup codes kept encrypted), so these three work for them only.
    PICKUP_SIGNED_QR = "pickup_signed_qr"  # hand-over verified by the signed QR (offline-checkable)
    PICKUP_CODE = "pickup_code"  # hand-over verified by the 6-digit pickup code
    PICKUP_ID = "pickup_id"  # hand-over verified by an ID document
    PICKUP_CHECK_IN = "pickup_check_in"  # kiosk check-in (the signed QR is checked offline)
    RETURN = "return"  # needs the order and a refund quote from the API
    ENDLESS_AISLE = "endless_aisle"  # needs stock and delivery options from the API


#: What a fresh device does when the config says nothing about a flow.
DEFAULT_RULES: Mapping[str, Rule] = MappingProxyType(
    {
        OfflineFlow.PICKUP_SIGNED_QR.value: "allow",
        OfflineFlow.PICKUP_CODE.value: "allow",
        OfflineFlow.PICKUP_ID.value: "allow",
        OfflineFlow.PICKUP_CHECK_IN.value: "allow",
        OfflineFlow.RETURN.value: "deny",
        OfflineFlow.ENDLESS_AISLE.value: "deny",
    }
)


class Reason(enum.StrEnum):
    """Why a flow may or may not run; the UI turns each into a sentence."""

    ONLINE = "online"  # the API answers: nothing to decide
    ALLOWED_OFFLINE = "allowed_offline"  # runs now, reaches the API when the network is back
    DENIED_OFFLINE = "denied_offline"  # the policy says this flow needs the API
    NOT_CONFIGURED = "not_configured"  # unknown flow while offline: refused to be safe


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: Reason
    flow: str

    @property
    def queued(self) -> bool:
        """The flow runs, but its writes wait in the outbox until the network is back."""
        return self.allowed and self.reason is Reason.ALLOWED_OFFLINE


@dataclass(frozen=True)
class OfflinePolicy:
    """Flow name → "allow" / "deny", defaults first, then the configured overrides."""

    rules: Mapping[str, Rule] = field(default_factory=lambda: DEFAULT_RULES)

    @classmethod
    def from_config(cls, configured: Mapping[str, Rule] | None) -> OfflinePolicy:
        merged: dict[str, Rule] = dict(DEFAULT_RULES)
        merged.update(configured or {})
        return cls(MappingProxyType(merged))

    def rule(self, flow: str) -> Rule | None:
        return self.rules.get(flow)


DEFAULT_POLICY = OfflinePolicy()


def may_run_offline(
    flow: str | OfflineFlow,
    state: ConnectionState,
    policy: OfflinePolicy = DEFAULT_POLICY,
) -> Decision:
    """May ``flow`` start now, given the connection ``state``?

    Only a connection known to be down (``OFFLINE``) consults the policy: while it is merely
    slow or not yet known, writes are queued in the outbox anyway and reads are tried.
    An unknown flow is refused offline (a new flow must be listed to run offline).
    """
    name = str(flow)
    if state is not ConnectionState.OFFLINE:
        return Decision(True, Reason.ONLINE, name)
    rule = policy.rule(name)
    if rule == "allow":
        return Decision(True, Reason.ALLOWED_OFFLINE, name)
    if rule == "deny":
        return Decision(False, Reason.DENIED_OFFLINE, name)
    return Decision(False, Reason.NOT_CONFIGURED, name)
