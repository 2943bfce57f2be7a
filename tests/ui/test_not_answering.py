"""Issue #19 leftovers: when the API has just stopped answering, the app knows within seconds.

A real socket that accepts and never answers (the fault proxy holds every answer 60 s) in
front of a real reference server; the real window with the app's per-request timeout (8 s).
Before, the endless aisle waited a request timeout (and the app's retries: ~25 s) before a
generic error, and a pickup code typed at the counter waited as long before the device's
offline copy was used.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from kiosk_app.flows.endless_aisle.ui.screen import EndlessAisleScreen
from kiosk_app.flows.pickup.api import OFFLINE_PATH
from kiosk_app.flows.pickup.session import CheckInStep, Step
from kiosk_app.flows.pickup.ui.kiosk import KioskCheckInScreen
from kiosk_app.kernel.connection import ConnectionState
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.offline.link import ConnectionLink
from kiosk_app.kernel.offline.read_cache import open_read_cache
from kiosk_app.shell.main_window import MainWindow
from tests.central_api.test_endless_aisle_support import sku_with
from tests.conftest import enroll, own_demo_server
from tests.e2e.test_pickup_flow import Api, open_pickups, scan, step
from tests.support.faultproxy import FaultMode, FaultProxy
from tests.ui.conftest import make_window, settle

#: the associate is told (or served from the device's copy) within this
PROMPT_S = 3.0
#: the app's default per-request timeout (Settings.request_timeout_s)
APP_REQUEST_TIMEOUT_S = 8.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "not-answering", seed=42)


@pytest.fixture(scope="module")
def token(server: DemoServer) -> str:
    return enroll(server.url)


@pytest.fixture
def proxy(server: DemoServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", int(server.url.rsplit(":", 1)[1])) as running:
        yield running


@pytest.fixture
def app(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, token: str, proxy: FaultProxy, tmp_path: Path
) -> Iterator[MainWindow]:
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())  # type: ignore[no-untyped-call]  # a headless device
    window = make_window(qtbot, proxy.url, token, data_dir=tmp_path, timeout=APP_REQUEST_TIMEOUT_S)
    cache = open_read_cache(tmp_path)
    window.services.client.set_read_cache(cache)
    yield window
    window.close()
    qloop.run_until_complete(window.services.client.aclose())
    cache.close()
    keyring.set_keyring(previous)


#: this module's server is its own: its orders are not taken from the other modules' (the
#: shared ``tests.e2e.test_pickup_flow.take`` would leave them short of ready pickups)
MINE: set[str] = set()


def take(api: Api, status: str, methods: tuple[str, ...]) -> dict[str, Any]:
    for row in api.pickups():
        number = row["order_number"]
        if row["status"] != status or number in MINE or row["alternate_person"]:
            continue
        if row["verification_method"] in methods:
            MINE.add(number)
            return api.detail(number)
    raise AssertionError(f"no {status} pickup left in this module's demo data")


def silence(proxy: FaultProxy) -> float:
    """The API accepts connections and never answers; when that started."""
    proxy.set_mode(FaultMode.DELAY_RESPONSE, delay_s=60)
    return time.monotonic()


def link_state(window: MainWindow) -> ConnectionState:
    return window.services.connection.state.value


def test_endless_aisle_is_refused_within_seconds_when_the_api_stops_answering(
    qloop: asyncio.AbstractEventLoop, app: MainWindow, server: DemoServer, proxy: FaultProxy
) -> None:
    screen = app.flows["endless_aisle"].screen()
    assert isinstance(screen, EndlessAisleScreen)
    assert link_state(app) is not ConnectionState.OFFLINE

    started = silence(proxy)
    app.order_for_customer(sku_with(server, "wh.on_hand >= 5"))  # "Order this"
    settle(qloop, lambda: screen.notice.isVisible(), timeout=30)
    waited = time.monotonic() - started
    assert waited < PROMPT_S, waited
    text = screen.notice.text.text()
    assert "endless-aisle orders need the central system" in text, text
    assert "Try again when the network is back" in text
    assert not screen.service.draft.value.lines
    assert link_state(app) is ConnectionState.OFFLINE

    app.order_for_customer(sku_with(server, "wh.on_hand >= 5"))  # now refused up front
    assert "endless-aisle orders need the central system" in app.bridge.text.text()


def test_a_pickup_code_is_served_from_the_offline_copy_within_seconds(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app: MainWindow,
    server: DemoServer,
    token: str,
    proxy: FaultProxy,
) -> None:
    api = Api(server, token)
    order = take(api, "ready", methods=("pickup_code",))
    open_pickups(qtbot, app)  # online: the queue and the device's offline copy are fetched
    cache = app.services.client.read_cache
    assert cache is not None
    settle(qloop, lambda: cache.lookup(OFFLINE_PATH, None) is not None)

    started = silence(proxy)
    app.open_code(api.code(order["order_number"]))  # the code the customer reads out
    settle(qloop, lambda: step(app) in (Step.ITEMS, Step.FAILED), timeout=30)
    waited = time.monotonic() - started
    assert step(app) is Step.ITEMS
    assert waited < PROMPT_S, waited


def test_a_kiosk_started_offline_sends_the_customer_to_the_desk_then_fetches_the_qr_keys(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    server: DemoServer,
    token: str,
    proxy: FaultProxy,
    tmp_path: Path,
) -> None:
    api = Api(server, token)
    any_method = ("id_check", "pickup_code", "signed_qr")  # any order's QR checks it in
    first = take(api, "ready", methods=any_method)
    second = take(api, "ready", methods=any_method)
    proxy.set_mode(FaultMode.UNREACHABLE)  # the kiosk starts with the network down
    kiosk = make_window(
        qtbot, proxy.url, enroll(server.url, mode="kiosk"), mode="kiosk", data_dir=tmp_path
    )
    assert kiosk.services.sync is not None
    link = ConnectionLink(kiosk.services.connection, kiosk.services.sync)  # as the app does
    try:
        screen = kiosk.flows["pickup"].screen()
        assert isinstance(screen, KioskCheckInScreen)
        state = screen.core.check_in.state
        started = time.monotonic()
        scan(kiosk, api.qr(first["order_number"]))  # no keys were ever fetched
        settle(qloop, lambda: state.value.step is CheckInStep.REFUSED, timeout=30)
        assert time.monotonic() - started < PROMPT_S
        text = screen.text.text()
        assert "This kiosk cannot check QR codes right now" in text, text
        assert "Please see an associate at the counter" in text
        assert "Type your order number" not in text  # typed codes cannot be checked either

        proxy.set_mode(FaultMode.PASS)  # the network is back: the keys come by themselves
        assert qloop.run_until_complete(kiosk.services.client.reachable())
        settle(qloop, lambda: screen.core.keyring.loaded)
        assert (tmp_path / "pickup_keys.json").exists()  # kept for the next start

        screen.core.check_in.reset()
        proxy.set_mode(FaultMode.UNREACHABLE)  # and offline again, before any scan
        scan(kiosk, api.qr(second["order_number"]))  # checked with the fetched keys
        settle(qloop, lambda: state.value.step is not CheckInStep.CHECKING)
        assert state.value.step is CheckInStep.SENDING, state.value
    finally:
        link.close()
        kiosk.close()
        qloop.run_until_complete(kiosk.services.client.aclose())
