"""A fresh device sets itself up from IT's provisioning QR (real server, real widgets)."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt

from kiosk_app.cli import provision
from kiosk_app.flows.first_run.session import EnrollFailed, Ready, Refused
from kiosk_app.flows.first_run.ui.screen import FirstRunFlow, FirstRunScreen
from kiosk_app.flows.sign_in.ui.screen import StaffGate
from kiosk_app.hardware.decoding import decode_image_file, make_decoder
from kiosk_app.kernel.config import load_settings
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.provisioning import create_provisioning_code, load_private_key
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.kernel.security.credentials import device_token_name
from kiosk_app.kernel.security.idle import ManualClock
from kiosk_app.kernel.security.staff_session import StaffSession
from kiosk_app.shell.kiosk_lockdown import IdleSettings, install_security
from tests.ui.conftest import make_window, settle


@pytest.fixture
def it_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """IT's signing key; the device trusts its public half (as /etc/... would)."""
    key = tmp_path / "it.pem"
    assert provision.main(["--generate-key", str(key)]) == 0
    monkeypatch.setenv("KIOSK_PROVISIONING_KEY_FILE", str(key) + ".pub")
    monkeypatch.setenv("KIOSK_SYSTEM_CONFIG", str(tmp_path / "no-system-config.toml"))
    return key


def _flow(window: Any) -> FirstRunFlow:
    flow = window.flows["provisioning"]
    assert isinstance(flow, FirstRunFlow)
    return flow


def _shot(window: Any, name: str) -> None:
    """Opt-in (``KIOSK_SCREENSHOTS_DIR=docs/screenshots``): a test run leaves the work tree
    alone; the README's first-run pictures are rendered this way on purpose."""
    folder = os.environ.get("KIOSK_SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / f"first_run_{name}.png"))


def test_fresh_device_provisions_from_a_qr_image(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    it_key: Path,
    tmp_path: Path,
    memory_keyring: Any,
) -> None:
    png = tmp_path / "code.png"
    rc = provision.main(
        [
            "--store",
            "PAR01",
            "--mode",
            "associate",
            "--api-url",
            api_server.url,
            "--enrollment-token",
            "demo-enrollment",
            "--expires",
            "2h",
            "--key",
            str(it_key),
            "--name-prefix",
            "PAR01-test",
            "--out",
            str(png),
        ]
    )
    assert rc == 0
    codes = decode_image_file(png, make_decoder("zxing"))  # what the camera would read
    assert len(codes) == 1 and codes[0].text.startswith("PRV1.")

    window = make_window(qtbot, api_server.url, None)
    try:
        flow = _flow(window)
        flow.show_first_run()
        assert window.stack.currentWidget() is flow.screen()
        _shot(window, "1_waiting")
        window.show_home()
        assert window.services.scans.deliver(Scan(codes[0].text, "camera"))
        assert window.stack.currentWidget() is flow.screen()  # the scan opened it
        settle(qloop, lambda: isinstance(flow.first_run.state.value, (Ready, EnrollFailed)))
        state = flow.first_run.state.value
        assert isinstance(state, Ready), state
        assert state.device.store.code == "PAR01" and state.device.mode == "associate"
        assert state.device.name.startswith("PAR01-test-")
        _shot(window, "4_ready")

        # the config the next start will read
        settings = load_settings()
        assert settings.store_code == "PAR01" and settings.api_url == api_server.url
        assert settings.device_token is None and settings.enrollment_token is None
        saved = keyring.get_password("omnistore-kiosk", device_token_name(api_server.url))
        assert saved == state.device.token  # in the OS keyring, never in the file
        config_files = list(Path(os.environ["XDG_CONFIG_HOME"]).rglob("*.toml"))
        assert config_files and all(state.device.token not in f.read_text() for f in config_files)
        me = httpx.get(
            api_server.url + "/v1/devices/me",
            headers={"Authorization": f"Bearer {saved}"},
            timeout=10,
        )
        assert me.status_code == 200 and me.json()["device_id"] == state.device.device_id

        # same API and mode as the running window: it works at once, no restart
        device = qloop.run_until_complete(window.services.client.me())
        assert device.device_id == state.device.device_id
        assert flow.screen().start.text() == "Continue"
        flow.screen().start.click()
        assert window.stack.currentWidget() is window.home
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_expired_and_forged_codes_are_refused_clearly(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    it_key: Path,
    tmp_path: Path,
) -> None:
    key = load_private_key(it_key.read_bytes())
    dead_api = "http://127.0.0.1:9"  # refused codes must never reach the API they name
    expired = create_provisioning_code(
        store_code="PAR01",
        mode="kiosk",
        api_url=dead_api,
        enrollment_token="demo-enrollment",
        lifetime_s=3600,
        private_key=key,
        now=time.time() - 2 * 3600,
    )
    forged = create_provisioning_code(
        store_code="PAR01",
        mode="kiosk",
        api_url=dead_api,
        enrollment_token="demo-enrollment",
        lifetime_s=3600,
        private_key=Ed25519PrivateKey.generate(),
    )
    window = make_window(qtbot, api_server.url, None)
    try:
        flow = _flow(window)
        screen = flow.screen()
        window.services.scans.deliver(Scan(expired, "wedge"))
        state = flow.first_run.state.value
        assert isinstance(state, Refused) and state.reason == "expired"
        assert screen.headline.text() == "This set-up code has expired"
        assert screen.notice.isVisible() and "expired" in screen.notice.text.text()
        _shot(window, "2_expired")

        window.services.scans.deliver(Scan(forged, "wedge"))
        state = flow.first_run.state.value
        assert isinstance(state, Refused) and state.reason == "unknown-key"
        assert screen.headline.text() == "This set-up code is not genuine"
        _shot(window, "3_forged")
        assert not (Path(os.environ["XDG_CONFIG_HOME"]) / "omnistore-kiosk").exists()

        # other scans are not ours: normal routing still gets them
        assert not flow.take_scan(Scan("3760123000017", "wedge"))
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_unreachable_api_can_be_retried(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    it_key: Path,
) -> None:
    key = load_private_key(it_key.read_bytes())
    code = create_provisioning_code(
        store_code="PAR01",
        mode="kiosk",
        api_url="http://127.0.0.1:9",
        enrollment_token="demo-enrollment",
        lifetime_s=600,
        private_key=key,
    )
    window = make_window(qtbot, api_server.url, None)
    try:
        flow = _flow(window)
        window.services.scans.deliver(Scan(code, "camera"))
        settle(qloop, lambda: isinstance(flow.first_run.state.value, EnrollFailed))
        assert flow.screen().retry.isVisibleTo(flow.screen())
        assert "No connection" in flow.screen().notice.text.text()
        _shot(window, "5_enroll_failed")
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_an_enrolled_device_ignores_provisioning_codes(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    it_key: Path,
) -> None:
    key = load_private_key(it_key.read_bytes())
    code = create_provisioning_code(
        store_code="LYO01",
        mode="kiosk",
        api_url=api_server.url,
        enrollment_token="demo-enrollment",
        lifetime_s=600,
        private_key=key,
    )
    window = make_window(qtbot, api_server.url, device_token)
    try:
        flow = _flow(window)
        assert window.services.scans.deliver(Scan(code, "camera"))
        state = flow.first_run.state.value
        assert isinstance(state, Refused) and state.reason == "already-enrolled"
        assert not flow._task.running
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def _associate_code(it_key: Path, api_url: str) -> str:
    return create_provisioning_code(
        store_code="PAR01",
        mode="associate",
        api_url=api_url,
        enrollment_token="demo-enrollment",
        lifetime_s=600,
        private_key=load_private_key(it_key.read_bytes()),
    )


def _secured(qtbot: Any, api_server: DemoServer, token: str | None) -> tuple[Any, StaffGate]:
    """An associate window with the staff gate installed, as the composition root does."""
    window = make_window(qtbot, api_server.url, token)
    ui = install_security(
        window, StaffSession(window.services.client), IdleSettings(), ManualClock()
    )
    assert ui.gate is not None
    return window, ui.gate


def _sign_in_as_a101(qtbot: Any, qloop: asyncio.AbstractEventLoop, gate: StaffGate) -> None:
    form = gate.screen.form
    qtbot.keyClicks(form.staff_id, "A101")
    qtbot.keyClicks(form.pin, "4821")
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: not gate.covering)


def test_an_unenrolled_associate_tablet_sets_up_first_then_asks_for_sign_in(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    it_key: Path,
    memory_keyring: Any,
) -> None:
    window, gate = _secured(qtbot, api_server, None)
    try:
        flow = _flow(window)
        flow.show_first_run()  # what the composition root does when the device has no token
        assert not gate.covering  # first run comes first
        central = window.centralWidget()
        assert central is not None and central.isEnabled()
        assert window.stack.currentWidget() is flow.screen() and flow.screen().isVisible()

        assert window.services.scans.deliver(Scan(_associate_code(it_key, api_server.url), "wedge"))
        settle(qloop, lambda: isinstance(flow.first_run.state.value, (Ready, EnrollFailed)))
        assert isinstance(flow.first_run.state.value, Ready)
        assert window.services.client.has_token
        assert gate.covering and not central.isEnabled()  # enrolled: now staff sign-in
        assert gate.screen.form.staff_id.text() == ""  # the code was not taken as a badge
        assert "This device is set up" in gate.screen.subtitle.text()

        _sign_in_as_a101(qtbot, qloop, gate)
        assert window.stack.currentWidget() is flow.screen()  # "Device ready", then Continue
        qtbot.mouseClick(flow.screen().start, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.home
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_a_set_up_code_scanned_on_the_sign_in_screen_is_never_a_badge(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    it_key: Path,
    memory_keyring: Any,
) -> None:
    code = _associate_code(it_key, api_server.url)
    enrolled, gate = _secured(qtbot, api_server, device_token)
    try:
        assert gate.covering
        assert enrolled.services.scans.deliver(Scan(code, "wedge"))
        form = gate.screen.form
        assert form.staff_id.text() == "" and form.clear_badge.isHidden()
        assert form.error.text() == "This is a device set-up code, not a staff badge."
        assert not _flow(enrolled)._task.running
    finally:
        enrolled.close()
        qloop.run_until_complete(enrolled.services.client.aclose())

    # not enrolled yet (first run not shown): the gate lets first run take the code
    window, gate = _secured(qtbot, api_server, None)
    try:
        assert gate.covering
        flow = _flow(window)
        assert window.services.scans.deliver(Scan(code, "wedge"))
        assert not gate.covering and window.stack.currentWidget() is flow.screen()
        settle(qloop, lambda: isinstance(flow.first_run.state.value, (Ready, EnrollFailed)))
        assert isinstance(flow.first_run.state.value, Ready)
        assert gate.covering and gate.screen.form.staff_id.text() == ""
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_an_unenrolled_tablet_cannot_leave_first_run_until_it_is_set_up(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    it_key: Path,
    memory_keyring: Any,
) -> None:
    window, gate = _secured(qtbot, api_server, None)
    try:
        flow = _flow(window)
        flow.show_first_run()
        assert not window.nav_home.isEnabled()  # the rail leads nowhere
        qtbot.mouseClick(window.nav_home, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is flow.screen()
        window.show_home()  # a tile, a product scan, anything that navigates: first run stays
        assert window.stack.currentWidget() is flow.screen()
        window.open_code("3760123000017")
        assert window.stack.currentWidget() is flow.screen()

        assert window.services.scans.deliver(Scan(_associate_code(it_key, api_server.url), "wedge"))
        settle(qloop, lambda: isinstance(flow.first_run.state.value, (Ready, EnrollFailed)))
        assert isinstance(flow.first_run.state.value, Ready)
        _sign_in_as_a101(qtbot, qloop, gate)
        assert window.nav_home.isEnabled()  # enrolled: the rail works again
        qtbot.mouseClick(window.nav_home, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.home
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_first_run_names_the_store_once_then_by_its_name(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    it_key: Path,
    memory_keyring: Any,
) -> None:
    """Unenrolled, the app knows only the configured code (its name is the code, as the
    composition root sets it): "Store: PAR01", not "Store: PAR01 (PAR01)"."""
    from kiosk_app.shell.main_window import MainWindow

    first = make_window(qtbot, api_server.url, None)
    services = first.services
    services.store_name = services.store_code  # what kiosk_app.app does before enrollment
    window = MainWindow(services)
    qtbot.addWidget(window)
    try:
        assert window.status.store.full_text() == "Store: PAR01"
        flow = _flow(window)
        flow.show_first_run()
        assert window.services.scans.deliver(Scan(_associate_code(it_key, api_server.url), "wedge"))
        settle(qloop, lambda: isinstance(flow.first_run.state.value, (Ready, EnrollFailed)))
        state = flow.first_run.state.value
        assert isinstance(state, Ready)
        name = state.device.store.name
        assert name != "PAR01"
        assert window.status.store.full_text() == f"Store: {name} (PAR01)"
        screen = flow.screen()
        assert isinstance(screen, FirstRunScreen)
        assert screen.detail.text().startswith(f"Store {name} (PAR01), ")
    finally:
        window.close()
        first.close()
        qloop.run_until_complete(services.client.aclose())


def test_an_unenrolled_kiosk_stays_on_first_run_after_the_idle_reset(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    window = make_window(qtbot, api_server.url, None, mode="kiosk")
    clock = ManualClock()
    settings = IdleSettings(kiosk_idle_reset_s=60, kiosk_idle_warning_s=15)
    ui = install_security(window, StaffSession(window.services.client), settings, clock)
    try:
        flow = _flow(window)
        flow.show_first_run()
        ui.idle.touch()  # someone tapped the screen, then left
        clock.advance(61)
        ui.idle.tick()
        assert _flow(window) is flow and flow.awaiting_enrollment.value
        assert window.stack.currentWidget() is flow.screen()
    finally:
        if ui.lockdown is not None:
            ui.lockdown.allow_close = True
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_a_kiosk_fetches_the_pickup_qr_keys_as_soon_as_it_is_enrolled(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    it_key: Path,
    memory_keyring: Any,
    tmp_path: Path,
) -> None:
    """Set up, then offline before its first customer: QR codes are still checked."""
    code = create_provisioning_code(
        store_code="PAR01",
        mode="kiosk",
        api_url=api_server.url,
        enrollment_token="demo-enrollment",
        lifetime_s=600,
        private_key=load_private_key(it_key.read_bytes()),
    )
    window = make_window(qtbot, api_server.url, None, mode="kiosk", data_dir=tmp_path)
    try:
        flow = _flow(window)
        flow.show_first_run()
        pickup = window.flows["pickup"]
        keyring = pickup.core.keyring  # type: ignore[attr-defined]
        qloop.run_until_complete(asyncio.sleep(0.2))  # the start's fetch: refused, no token
        assert not keyring.loaded
        assert window.services.scans.deliver(Scan(code, "wedge"))
        settle(qloop, lambda: isinstance(flow.first_run.state.value, (Ready, EnrollFailed)))
        assert isinstance(flow.first_run.state.value, Ready)
        settle(qloop, lambda: keyring.loaded)
        assert (tmp_path / "pickup_keys.json").is_file()
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())
