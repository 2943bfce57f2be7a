"""Fakes and small helpers shared by the outbox tests."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx

OP = "test.apply"
PATH = "/v1/test-ops"


class FakeClock:
    """Wall clock that only moves when told to."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class RecordingSleep:
    """An injected ``sleep``: records each wait and moves the fake clock instead of waiting."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.clock.advance(seconds)
        await asyncio.sleep(0)


def op_body(behave: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"op_id": str(uuid.uuid4()), **extra}
    if behave is not None:
        body["behave"] = behave
    return body


def api_client(base_url: str, *, timeout: float = 10.0) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(timeout))
