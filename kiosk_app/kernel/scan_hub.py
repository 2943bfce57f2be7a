"""One place every scan arrives, whatever its source (wedge, camera, keypad, typed).

The default consumer routes the scan to a flow. A screen or dialog that expects a scan
(e.g. item check during a pickup) pushes its own consumer; while it is on top, scans go to
it instead. Consumers return True when they took the scan.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scan:
    text: str
    source: str  # "wedge" | "camera" | "keypad" | "typed" | "file"
    symbology: str | None = None  # AIM identifier from the decoder, e.g. "]d2"


ScanConsumer = Callable[[Scan], bool]


class ScanHub:
    def __init__(self, default: ScanConsumer | None = None) -> None:
        self._default = default
        self._stack: list[ScanConsumer] = []

    def set_default(self, consumer: ScanConsumer) -> None:
        self._default = consumer

    def push(self, consumer: ScanConsumer) -> Callable[[], None]:
        """Capture scans until the returned function is called."""
        self._stack.append(consumer)

        def pop() -> None:
            if consumer in self._stack:
                self._stack.remove(consumer)

        return pop

    @property
    def captured(self) -> bool:
        return bool(self._stack)

    def deliver(self, scan: Scan) -> bool:
        for consumer in reversed(self._stack):
            if consumer(scan):
                return True
        if self._default is not None:
            return self._default(scan)
        log.warning("scan from %s dropped: no consumer", scan.source)
        return False
