"""Loading state of something fetched from the API, as screens render it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from kiosk_app.kernel.observable import Observable

T = TypeVar("T")


@dataclass(frozen=True)
class Idle:
    pass


@dataclass(frozen=True)
class Loading:
    what: str  # the code or name being loaded, shown in the skeleton


@dataclass(frozen=True)
class Loaded(Generic[T]):
    value: T


@dataclass(frozen=True)
class Failed:
    what: str
    error: Exception


RemoteState = Idle | Loading | Loaded[T] | Failed


class RemoteValue(Generic[T]):
    """An observable remote value where only the newest request may write.

    Each ``load`` takes a generation number; an answer that arrives after a newer ``load``
    started is dropped, so a slow stale answer never overwrites a newer screen.
    """

    def __init__(self) -> None:
        self.state: Observable[RemoteState[T]] = Observable(Idle())
        self._generation = 0
        self._last: tuple[str, Callable[[], Awaitable[T]]] | None = None

    async def load(self, what: str, fetch: Callable[[], Awaitable[T]]) -> T | None:
        self._generation += 1
        mine = self._generation
        self._last = (what, fetch)
        self.state.set(Loading(what))
        try:
            value = await fetch()
        except asyncio.CancelledError:
            if mine == self._generation:
                self.state.set(Idle())
            raise
        except Exception as exc:
            if mine == self._generation:
                self.state.set(Failed(what, exc))
            return None
        if mine != self._generation:
            return None
        self.state.set(Loaded(value))
        return value

    async def retry(self) -> T | None:
        if self._last is None:
            return None
        return await self.load(*self._last)

    async def refresh(self) -> T | None:
        """Fetch the shown value again in the background: the screen keeps showing it (no
        skeleton, no flicker) until the new answer replaces it; a failed refresh leaves it.
        Only a value already loaded is refreshed, and a newer ``load`` wins."""
        if self._last is None or not isinstance(self.state.value, Loaded):
            return None
        mine = self._generation
        try:
            value = await self._last[1]()
        except asyncio.CancelledError:
            raise
        except Exception:
            return None
        if mine != self._generation:
            return None
        self.state.set(Loaded(value))
        return value

    def adopt(self, other: RemoteValue[T]) -> None:
        """Take ``other``'s state and last request (its screen was rebuilt, e.g. in another
        language); a request still in flight there is not followed: ``retry`` starts it."""
        self._generation += 1
        self._last = other._last
        self.state.set(other.state.value)

    def clear(self) -> None:
        self._generation += 1
        self._last = None
        self.state.set(Idle())
