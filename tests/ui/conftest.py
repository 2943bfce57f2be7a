from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk_app.app import build_app
from kiosk_app.flows.pickup.ui.screen import PickupScreen
from kiosk_app.kernel.config import load_settings
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.shell.main_window import MainWindow
from kiosk_app.ui.theme import LIGHT


def make_window(
    qtbot: Any,
    url: str,
    token: str | None,
    *,
    timeout: float = 5.0,
    mode: str = "associate",
    data_dir: Path | None = None,
    language: str = "en",
    live: bool = False,
) -> MainWindow:
    """A real main window of an app built by ``build_app`` (the app's own wiring) on the
    server at ``url``, with its own data folder and outbox file (sync not started);
    ``live``: with the live-event subscription (its cursor in that folder, not started)."""
    folder = data_dir or Path(tempfile.mkdtemp(prefix="kiosk-ui-test-"))
    settings = load_settings(
        overrides={
            "api_url": url,
            "mode": mode,
            "language": language,
            "data_dir": str(folder),
            "store_code": "PAR01",
            "device_name": "tablet-1",
            "connect_timeout_s": 1,
            "request_timeout_s": timeout,
            "read_retries": 0,
            "secret_store": "memory",
        },
    )
    app = build_app(settings, overrides={"store_name": "Paris Rivoli"})
    app.client.set_token(token)
    services = app.services(language, live=live)
    window = MainWindow(services)
    window.setStyleSheet(LIGHT.qss())
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture(params=("en", "fr"))
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    """The test runs in English and in French, the app's catalogues compiled and installed
    (English again afterwards)."""
    from kiosk_app.ui import build_translations
    from kiosk_app.ui.i18n import install_language

    build_translations.compile_all()
    install_language(qapp, request.param)
    yield str(request.param)
    install_language(qapp, "en")


def settle(loop: asyncio.AbstractEventLoop, until: Callable[[], bool], timeout: float = 10) -> None:
    """Run the qasync loop until ``until()`` holds (real requests, real Qt events)."""

    async def wait() -> None:
        deadline = loop.time() + timeout
        while not until():
            if loop.time() > deadline:
                raise AssertionError("condition not reached in time")
            await asyncio.sleep(0.01)

    loop.run_until_complete(wait())


@pytest.fixture(scope="session", autouse=True)
def english(qapp: Any) -> None:
    """The app starts with its catalogue installed: English (its plural forms) unless a
    test switches to French (and back)."""
    from kiosk_app.ui import build_translations
    from kiosk_app.ui.i18n import install_language

    build_translations.compile_all()
    install_language(qapp, "en")


@pytest.fixture
def window(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, device_token: str
) -> Iterator[MainWindow]:
    w = make_window(qtbot, api_server.url, device_token)
    yield w
    w.close()
    qloop.run_until_complete(w.services.client.aclose())


@pytest.fixture
def associate(window: MainWindow) -> MainWindow:
    """The associate tablet's window (``window``, named for tests that also use a kiosk)."""
    return window


@pytest.fixture
def kiosk(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer, kiosk_token: str
) -> Iterator[MainWindow]:
    w = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk")
    yield w
    w.close()
    qloop.run_until_complete(w.services.client.aclose())


def api_get(server: DemoServer, token: str, path: str, **params: Any) -> Any:
    """A read on the test server, as a device (to pick data for a test)."""
    response = httpx.get(
        server.url + path, params=params, headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    response.raise_for_status()
    return response.json()


def query(server: DemoServer, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Read the test server's SQLite file directly (read-only)."""
    path = server.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        return con.execute(sql, args).fetchall()


def pickup_screen(window: MainWindow) -> PickupScreen:
    screen = window.flows["pickup"].screen()
    assert isinstance(screen, PickupScreen)
    return screen
