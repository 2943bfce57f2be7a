from decimal import Decimal

from kiosk_app.kernel.api.client import RequestOutcome
from kiosk_app.kernel.connection import ConnectionMonitor, ConnectionState
from kiosk_app.kernel.money import format_money


def test_money_per_language() -> None:
    assert format_money(Decimal("1234.5")) == "1\u202f234,50\u00a0€"
    assert format_money(Decimal("12.99"), language="en") == "€12.99"
    assert format_money(Decimal("-0.5"), language="en") == "-€0.50"
    assert format_money(Decimal("1000000"), "USD", "en") == "USD\u00a01,000,000.00"


def test_connection_state_follows_outcomes() -> None:
    m = ConnectionMonitor(slow_s=1.0, offline_after=2)
    assert m.state.value is ConnectionState.UNKNOWN
    m.record(RequestOutcome(True, 0.05, "ok"))
    assert m.state.value is ConnectionState.ONLINE
    m.record(RequestOutcome(False, 3.0, "timeout"))
    assert m.state.value is ConnectionState.DEGRADED
    m.record(RequestOutcome(False, 0.01, "unreachable"))
    assert m.state.value is ConnectionState.OFFLINE
    m.record(RequestOutcome(False, 0.02, "http_error"))  # a 404 still proves the link works
    assert m.state.value is ConnectionState.ONLINE
    m.record(RequestOutcome(True, 1.5, "ok"))
    assert m.state.value is ConnectionState.DEGRADED
