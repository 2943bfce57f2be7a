"""A tiny Qt-free observable so core state can be watched by the UI (or a CLI)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class Observable(Generic[T]):
    """Holds a value and tells subscribers when it changes."""

    def __init__(self, value: T) -> None:
        self._value = value
        self._subscribers: list[Callable[[T], None]] = []

    @property
    def value(self) -> T:
        return self._value

    def set(self, value: T) -> None:
        if value == self._value:
            return
        self._value = value
        for callback in list(self._subscribers):
            try:
                callback(value)
            except Exception:  # one broken view must not break the others
                log.exception("subscriber failed")

    def subscribe(self, callback: Callable[[T], None], *, now: bool = True) -> Callable[[], None]:
        """Call ``callback`` on every change (and once now); returns the unsubscribe function."""
        self._subscribers.append(callback)
        if now:
            callback(self._value)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe
