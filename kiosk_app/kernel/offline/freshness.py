"""How a read tells its caller that the answer came from the local cache, and how old it is.

The API client serves a cached answer when the central API cannot be reached. Callers that
care (a screen showing "Offline - as of 10:42") wrap their reads::

    with track_cached_reads() as report:
        product = await client.product_by_gtin(gtin)
    if report.from_cache:
        show_as_of(report.as_of)

A context variable carries the report, so concurrent reads of other tasks never mix.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    body: Any
    stored_at: float  # wall-clock seconds when the answer was fetched from the API


class ReadCacheHook(Protocol):
    """What :class:`kiosk_app.kernel.api.client.ApiClient` needs from a read cache."""

    def store(self, path: str, params: Mapping[str, Any] | None, body: Any) -> None:
        """Keep a fresh answer (or decide not to); must not raise."""

    def lookup(self, path: str, params: Mapping[str, Any] | None) -> CachedAnswer | None:
        """The last known answer, or None; must not raise."""

    def note_served(self, path: str, answer: CachedAnswer) -> None:
        """The client served ``answer`` instead of a fresh one."""


@dataclass
class CacheReport:
    """Cached answers served inside one ``track_cached_reads`` block."""

    served: list[tuple[str, float]] = field(default_factory=list)  # (path, stored_at)

    @property
    def from_cache(self) -> bool:
        return bool(self.served)

    @property
    def as_of(self) -> float | None:
        """When the oldest of the served answers was fetched (what the screen may claim)."""
        return min((stored for _, stored in self.served), default=None)


_report: ContextVar[CacheReport | None] = ContextVar("kiosk_cached_reads", default=None)


@contextmanager
def track_cached_reads() -> Iterator[CacheReport]:
    report = CacheReport()
    token = _report.set(report)
    try:
        yield report
    finally:
        _report.reset(token)


def record_served(path: str, stored_at: float) -> None:
    """Called by the client when it serves a cached answer (no-op outside a block)."""
    report = _report.get()
    if report is not None:
        report.served.append((path, stored_at))
