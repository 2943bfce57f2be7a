"""Staff sign-in gate on real widgets and the real API: badge + PIN, refusals, idle lock,
unlock, sign-out; scans never reach the screens beneath while it covers them."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt

from kiosk_app.flows.sign_in.ui.screen import StaffGate
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.kernel.security.idle import ManualClock
from kiosk_app.kernel.security.staff_session import Locked, SignedIn, SignedOut, StaffSession
from kiosk_app.shell.kiosk_lockdown import IdleSettings, SecurityUi, install_security
from kiosk_app.shell.main_window import MainWindow
from tests.conftest import enroll
from tests.ui.conftest import make_window, settle


def secured(
    qtbot: Any, server: DemoServer, mode: str = "associate"
) -> tuple[MainWindow, SecurityUi, ManualClock]:
    window = make_window(qtbot, server.url, enroll(server.url, "PAR01", mode), mode=mode)
    clock = ManualClock()
    ui = install_security(
        window, StaffSession(window.services.client), IdleSettings(staff_idle_lock_s=300), clock
    )
    return window, ui, clock


def type_pin(qtbot: Any, gate: StaffGate, pin: str) -> None:
    keys = {k.text(): k for k in gate.screen.form.keypad.findChildren(type(gate.lock_button))}
    for digit in pin:
        qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(gate.screen.form.submit_button, Qt.MouseButton.LeftButton)


def test_badge_and_pin_sign_in_then_idle_lock_and_unlock(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    window, ui, clock = secured(qtbot, api_server)
    gate = ui.gate
    assert gate is not None and gate.covering
    central = window.centralWidget()
    assert central is not None and not central.isEnabled()
    # a product scan while signed out is a badge attempt, never a product lookup
    window.services.scans.deliver(Scan("3760123000017", "wedge"))
    assert window.stack.currentWidget() is window.home
    assert gate.screen.form.staff_id.text() == "Badge scanned ✓"

    type_pin(qtbot, gate, "4821")  # that "badge" is nobody's
    settle(qloop, lambda: gate.screen.form.error.isVisible())
    assert "not recognised" in gate.screen.form.error.text()
    assert gate.screen.form.pin.text() == ""

    window.services.scans.deliver(Scan("OSB1-A101PAR1", "wedge"))
    type_pin(qtbot, gate, "4821")
    settle(qloop, lambda: not gate.covering)
    session = ui.session
    assert isinstance(session.state.value, SignedIn)
    assert central.isEnabled() and "Léa Moreau" in gate.staff_label.text()
    assert window.services.client.has_staff_token

    clock.advance(299)
    ui.idle.tick()
    assert not gate.covering
    clock.advance(2)
    ui.idle.tick()
    assert isinstance(session.state.value, Locked) and gate.covering
    assert "Léa Moreau" in gate.screen.subtitle.text()
    assert gate.screen.form.staff_id.isHidden()

    type_pin(qtbot, gate, "1111")
    settle(qloop, lambda: gate.screen.form.error.isVisible())
    type_pin(qtbot, gate, "4821")
    settle(qloop, lambda: not gate.covering)

    qtbot.mouseClick(gate.sign_out_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: gate.covering)
    assert session.state.value == SignedOut("signed_out")
    assert not window.services.client.has_staff_token
    window.close()
    qloop.run_until_complete(window.services.client.aclose())


def test_typed_staff_id_and_a_trainee_is_told_no_by_the_server(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    window, ui, _clock = secured(qtbot, api_server)
    gate = ui.gate
    assert gate is not None
    qtbot.keyClicks(gate.screen.form.staff_id, "t101")
    type_pin(qtbot, gate, "5173")
    settle(qloop, lambda: not gate.covering)
    client: ApiClient = window.services.client

    async def pickups() -> str:
        try:
            await client.get("/v1/pickups")
        except Exception as exc:  # the typed 403
            return getattr(exc, "slug", "") or ""
        return "allowed"

    assert qloop.run_until_complete(pickups()) == "permission-denied"
    window.close()
    qloop.run_until_complete(client.aclose())


def test_a_misread_badge_can_be_cleared_and_is_forgotten_after_a_refusal(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    window, ui, _clock = secured(qtbot, api_server)
    gate = ui.gate
    assert gate is not None and gate.covering
    form = gate.screen.form
    assert form.clear_badge.isHidden()  # nothing to clear yet

    window.services.scans.deliver(Scan("0SB1-A1O1PAR1", "wedge"))  # a misread badge
    assert form.staff_id.text() == "Badge scanned ✓" and form.staff_id.isReadOnly()
    assert form.clear_badge.isVisible() and form.clear_badge.text() == "Not me / clear"
    size = form.clear_badge.size()
    assert size.height() >= 48 and size.width() >= 48  # a touch target
    qtbot.mouseClick(form.clear_badge, Qt.MouseButton.LeftButton)
    assert form.staff_id.text() == "" and not form.staff_id.isReadOnly()
    assert form.clear_badge.isHidden()
    type_pin(qtbot, gate, "4821")  # no badge any more: nothing is sent
    assert form.error.text() == "Scan your badge or type your staff ID."

    # a refused attempt forgets the badge: the next PIN cannot go out with it again
    window.services.scans.deliver(Scan("0SB1-A1O1PAR1", "wedge"))
    type_pin(qtbot, gate, "4821")
    settle(qloop, lambda: form.error.isVisible() and form.submit_button.isEnabled())
    assert "not recognised" in form.error.text()
    assert form.staff_id.text() == "" and not form.staff_id.isReadOnly()
    assert form.clear_badge.isHidden()
    type_pin(qtbot, gate, "4821")
    assert form.error.text() == "Scan your badge or type your staff ID."
    assert isinstance(ui.session.state.value, SignedOut)

    qtbot.keyClicks(form.staff_id, "A101")  # the field takes a typed ID again
    type_pin(qtbot, gate, "4821")
    settle(qloop, lambda: not gate.covering)
    assert "Léa Moreau" in gate.staff_label.text()
    window.close()
    qloop.run_until_complete(window.services.client.aclose())


def test_the_kiosk_staff_sign_in_forgets_a_refused_badge_too(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    window, ui, _clock = secured(qtbot, api_server, "kiosk")
    lockdown = ui.lockdown
    assert lockdown is not None
    lockdown.open_staff_sign_in()
    dialog = lockdown.sign_in
    assert dialog is not None and dialog.isVisible()
    form = dialog.form
    window.services.scans.deliver(Scan("0SB1-A1O1PAR1", "wedge"))
    assert form.clear_badge.isVisible()
    qtbot.keyClicks(form.pin, "4821")
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: form.error.isVisible() and form.submit_button.isEnabled())
    assert "not recognised" in form.error.text()
    assert form.staff_id.text() == "" and not form.staff_id.isReadOnly()
    assert form.clear_badge.isHidden()
    dialog.reject()
    lockdown.allow_close = True
    window.close()
    qloop.run_until_complete(window.services.client.aclose())
