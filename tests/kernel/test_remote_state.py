import asyncio
from collections.abc import Awaitable, Callable

import pytest

from kiosk_app.kernel.remote_state import Failed, Idle, Loaded, Loading, RemoteValue
from tests.conftest import run


def test_stale_answer_never_overwrites_a_newer_one() -> None:
    async def scenario() -> None:
        value: RemoteValue[str] = RemoteValue()
        seen: list[object] = []
        value.state.subscribe(seen.append)
        slow_gate = asyncio.Event()

        async def slow() -> str:
            await slow_gate.wait()
            return "old"

        async def fast() -> str:
            return "new"

        first = asyncio.ensure_future(value.load("A", slow))
        await asyncio.sleep(0)
        assert await value.load("B", fast) == "new"
        slow_gate.set()
        assert await first is None
        assert value.state.value == Loaded("new")
        assert seen == [Idle(), Loading("A"), Loading("B"), Loaded("new")]

    run(scenario())


def test_failure_and_retry() -> None:
    async def scenario() -> None:
        value: RemoteValue[int] = RemoteValue()
        calls = 0

        async def flaky() -> int:
            nonlocal calls
            calls += 1
            if calls == 1:
                raise RuntimeError("boom")
            return 7

        assert await value.load("x", flaky) is None
        assert isinstance(value.state.value, Failed)
        assert await value.retry() == 7
        assert value.state.value == Loaded(7)

    run(scenario())


def test_cancelled_load_returns_to_idle() -> None:
    async def scenario() -> None:
        value: RemoteValue[int] = RemoteValue()

        async def forever() -> int:
            await asyncio.Event().wait()
            return 0

        task = asyncio.ensure_future(value.load("x", forever))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert value.state.value == Idle()

    run(scenario())


def test_refresh_keeps_showing_the_value_until_the_new_one_replaces_it() -> None:
    async def scenario() -> None:
        value: RemoteValue[int] = RemoteValue()
        answers = iter([1, 2])
        seen: list[object] = []

        async def fetch() -> int:
            await asyncio.sleep(0)
            return next(answers)

        await value.load("x", fetch)
        value.state.subscribe(seen.append, now=False)
        assert await value.refresh() == 2
        assert seen == [Loaded(2)]  # no Loading (no skeleton, no flicker) in between

        async def broken() -> int:
            raise RuntimeError("network")

        await value.load("y", fetch_once(3))
        value._last = ("y", broken)
        assert await value.refresh() is None
        assert value.state.value == Loaded(3)  # a failed refresh leaves what was shown
        value.clear()
        assert await value.refresh() is None  # nothing shown: nothing to refresh
        assert value.state.value == Idle()

    asyncio.run(scenario())


def fetch_once(answer: int) -> Callable[[], Awaitable[int]]:
    async def fetch() -> int:
        return answer

    return fetch
