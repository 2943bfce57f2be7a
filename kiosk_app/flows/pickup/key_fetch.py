"""The pickup QR keys fetched as soon as the API can be reached, not at the first scan.

A kiosk checks customers' pickup QR codes offline with the keys the central API publishes
(:class:`~kiosk_app.flows.pickup.session.PickupKeyring`, kept in a file across restarts).
Fetched only when a QR was scanned, a kiosk that started offline (or was enrolled and went
offline before its first customer) had none when the network went away. So they are
fetched when the pickup screens start (refreshed: keys rotate), and again when the link
comes back while none are known.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

from kiosk_app.flows.pickup.session import PickupKeyring
from kiosk_app.kernel.connection import ConnectionState
from kiosk_app.kernel.observable import Observable


class KeyFetch:
    """Keeps ``keyring`` filled while ``state`` says the API answers; ``close()`` stops it."""

    def __init__(self, keyring: PickupKeyring, state: Observable[ConnectionState]) -> None:
        self._keyring = keyring
        self._task: asyncio.Task[Any] | None = None
        self._unsubscribe: Callable[[], None] | None = state.subscribe(self._on_state, now=False)

    def start(self) -> asyncio.Task[Any] | None:
        """Fetch now (at start: the cached keys may have been rotated since)."""
        return self._spawn(self._keyring.refresh)

    def _on_state(self, state: ConnectionState) -> None:
        if state is ConnectionState.ONLINE and not self._keyring.loaded:
            self._spawn(self._keyring.ensure)

    def _spawn(self, work: Callable[[], Coroutine[Any, Any, Any]]) -> asyncio.Task[Any] | None:
        if self._task is not None and not self._task.done():
            return self._task  # one fetch at a time (its own outcome changes the state)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop yet: the next change of state, or start(), fetches
            return None
        self._task = loop.create_task(work())
        return self._task

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._task is not None and not self._task.done():
            with contextlib.suppress(RuntimeError):  # its loop may be closed already
                self._task.cancel()
        self._task = None
