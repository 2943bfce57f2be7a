"""Connection state from real request outcomes plus a light health check."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections.abc import Awaitable, Callable

from kiosk_app.kernel.api.client import RequestOutcome
from kiosk_app.kernel.observable import Observable

log = logging.getLogger(__name__)


class ConnectionState(enum.StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    DEGRADED = "degraded"  # answers, but slowly or with server errors
    OFFLINE = "offline"


class ConnectionMonitor:
    """Folds request outcomes into one state the status bar shows.

    One failed request makes the link "degraded"; ``offline_after`` consecutive transport
    failures make it "offline"; a success makes it "online" again (or "degraded" when the
    answer took longer than ``slow_s``).
    """

    def __init__(self, *, slow_s: float = 2.0, offline_after: int = 2) -> None:
        self.state: Observable[ConnectionState] = Observable(ConnectionState.UNKNOWN)
        self._slow_s = slow_s
        self._offline_after = offline_after
        self._failures = 0

    def record(self, outcome: RequestOutcome) -> None:
        if outcome.ok or outcome.kind == "http_error":
            self._failures = 0
            slow = outcome.elapsed_s > self._slow_s
            self.state.set(ConnectionState.DEGRADED if slow else ConnectionState.ONLINE)
            return
        if outcome.kind == "server_error":
            self.state.set(ConnectionState.DEGRADED)
            return
        self._failures += 1
        self.state.set(
            ConnectionState.OFFLINE
            if self._failures >= self._offline_after
            else ConnectionState.DEGRADED
        )

    async def watch(
        self,
        ping: Callable[[], Awaitable[object]],
        *,
        online_interval_s: float = 30.0,
        offline_interval_s: float = 5.0,
    ) -> None:
        """Ping forever (cancel to stop): often while offline, rarely while online."""
        while True:
            with contextlib.suppress(Exception):  # outcomes already reach record()
                await ping()
            online = self.state.value is ConnectionState.ONLINE
            await asyncio.sleep(online_interval_s if online else offline_interval_s)
