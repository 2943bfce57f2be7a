"""Demo managers who may approve returns (ID + PIN).

Stand-in until staff sign-in lands (issue 9 replaces this list with real staff accounts and
badge/PIN credentials). PINs are compared in constant time and never logged.
"""

from __future__ import annotations

import hmac
from typing import NamedTuple


class DemoManager(NamedTuple):
    staff_id: str
    name: str
    pin: str


DEMO_MANAGERS: dict[str, DemoManager] = {
    m.staff_id: m
    for m in (
        DemoManager("M001", "Claire Fontaine", "2468"),
        DemoManager("M002", "Karim Haddad", "1357"),
    )
}


def check_manager(staff_id: str, pin: str) -> DemoManager | None:
    """The manager when ``staff_id`` and ``pin`` match, else None."""
    manager = DEMO_MANAGERS.get(staff_id.strip().upper())
    expected = manager.pin if manager else "----"
    ok = hmac.compare_digest(pin.strip().encode(), expected.encode())
    return manager if manager and ok else None
