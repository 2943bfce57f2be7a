"""One connection state from every request the app makes: reads *and* outbox sends.

The API client already reports each read to the :class:`ConnectionMonitor`; the sync engine
reports its sends as :class:`ConnectionReport` events with the same vocabulary. This adapter
folds those into the monitor too, and when the link comes back it tells the sync engine to
try its queue at once instead of waiting out its backoff timer.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk_app.kernel.api.client import RequestOutcome
from kiosk_app.kernel.connection import ConnectionMonitor, ConnectionState
from kiosk_app.kernel.outbox import ConnectionReport, SyncEngine


def outcome_of(report: ConnectionReport) -> RequestOutcome:
    """The sync engine's report as the API client's request outcome."""
    return RequestOutcome(ok=report.ok, elapsed_s=report.elapsed_s, kind=report.kind.value)


class ConnectionLink:
    """Connects a sync engine and a connection monitor, both ways; ``close()`` undoes it."""

    def __init__(self, monitor: ConnectionMonitor, sync: SyncEngine) -> None:
        self._monitor = monitor
        self._sync = sync
        self._last = monitor.state.value
        self._unsubscribe: list[Callable[[], None]] = [
            sync.events.connection.subscribe(self._on_report),
            monitor.state.subscribe(self._on_state, now=False),
        ]

    def _on_report(self, report: ConnectionReport) -> None:
        self._monitor.record(outcome_of(report))

    def _on_state(self, state: ConnectionState) -> None:
        was_down = self._last in (ConnectionState.OFFLINE, ConnectionState.DEGRADED)
        self._last = state
        if state is ConnectionState.ONLINE and was_down:
            self._sync.wake(skip_backoff=True)

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
