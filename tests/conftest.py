"""Shared fixtures: isolated dirs, the real reference API on a free port, a qasync loop."""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from kiosk_app.hardware.qt_logging import quiet_benign_multimedia_logs
from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from tests.support.memory_keyring import memory_keyring  # noqa: F401  (a shared fixture)
from tests.support.test_database import on_postgres, remember_base_temp, server_db_url

quiet_benign_multimedia_logs()

T = TypeVar("T")


@pytest.fixture(scope="session", autouse=True)
def base_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where key files of test servers on PostgreSQL are found (``key_file_of``)."""
    folder = tmp_path_factory.getbasetemp()
    remember_base_temp(folder)
    return folder


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config/data dirs and no KIOSK_* settings from the machine."""
    for name in list(os.environ):
        if name.startswith("KIOSK_"):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    for sub in ("config", "data", "cache", "state"):
        (home / sub).mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("KIOSK_SYSTEM_CONFIG", str(home / "etc" / "config.toml"))
    return home


@pytest.fixture(autouse=True)
def fail_on_logged_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A test that logs an error fails, unless it declares it with ``expect_log_errors``."""
    caplog.set_level(logging.WARNING)
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    if errors and not getattr(caplog, "_errors_expected", False):
        pytest.fail("errors were logged: " + "; ".join(r.getMessage() for r in errors))


@pytest.fixture
def expect_log_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog._errors_expected = True  # type: ignore[attr-defined]


def own_demo_server(
    tmp_path_factory: pytest.TempPathFactory, name: str, **options: Any
) -> Iterator[DemoServer]:
    """A reference API on its own new database (a SQLite file, or a PostgreSQL database when
    ``KIOSK_TEST_ENGINE=postgres``), for a fixture to ``yield from``."""
    db_url = server_db_url(tmp_path_factory.mktemp(name))
    options.setdefault("timeout_s", 180 if on_postgres() else 60)
    server = start_demo_server(db_url=db_url, **options)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """The real reference central API, demo data seed 42, on a free localhost port."""
    yield from own_demo_server(tmp_path_factory, "central", seed=42)


def enrollment(store: str = "PAR01", mode: str = "associate") -> dict[str, Any]:
    """The body and headers of a demo device enrollment (``POST /v1/devices/enroll``)."""
    return {
        "json": {
            "enrollment_token": "demo-enrollment",
            "store_code": store,
            "mode": mode,
            "device_name": f"test-{mode}",
        },
        "headers": {"Idempotency-Key": str(uuid.uuid4())},
    }


def enroll(url: str, store: str = "PAR01", mode: str = "associate") -> str:
    response = httpx.post(url + "/v1/devices/enroll", timeout=10, **enrollment(store, mode))
    response.raise_for_status()
    token: str = response.json()["token"]
    return token


@pytest.fixture(scope="session")
def device_token(api_server: DemoServer) -> str:
    return enroll(api_server.url)


@pytest.fixture(scope="session")
def kiosk_token(api_server: DemoServer) -> str:
    return enroll(api_server.url, mode="kiosk")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on a fresh asyncio loop (core tests without Qt)."""
    return asyncio.run(coro)


@pytest.fixture(autouse=True)
def gui_thread_gc(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests with Qt collect cyclic garbage on the GUI thread only, as the app does
    (``kiosk_app.ui.gui_thread_gc``): the fault proxy's and the outbox server's threads
    allocate too, and a collection there destroyed earlier tests' widgets off the GUI
    thread (a segfault in CI)."""
    if not {"qapp", "qtbot", "qloop"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("qapp")
    from kiosk_app.ui.gui_thread_gc import GuiThreadGarbageCollector

    collector = GuiThreadGarbageCollector().start()
    yield
    collector.stop()


@pytest.fixture
def qloop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop on the test QApplication: drives real async UI flows."""
    import qasync

    class TestLoop(qasync.QEventLoop):  # type: ignore[misc]
        """Keeps itself the running loop between ``run_until_complete`` calls.

        In the app the loop runs for the whole session. In a test, Qt also processes events
        between two ``run_until_complete`` calls (qtbot waits, widget teardown, and qasync's
        own last ``processEvents`` after stopping), and asyncio/anyio callbacks that run then
        need ``get_running_loop()`` to answer, as it would in the app.
        """

        def run_forever(self) -> Any:
            try:
                return super().run_forever()
            finally:
                asyncio.events._set_running_loop(self)

    loop = TestLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)


_exit_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without interpreter finalization once pytest has reported everything.

    PySide6 and zxing-cpp (nanobind) objects alive at exit can crash while Python tears
    modules down in an unlucky order ("Fatal Python error: ..._dealloc"), turning a green
    run red after its summary. Every test, report and summary is done by now.
    """
    if _exit_status:
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status[0])
