"""The returns flow through the real window, the real outbox and its own real server."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QPushButton

from kiosk_app.flows.returns.session import Missing, Phase, ScanResultCode
from kiosk_app.flows.returns.ui.screen import ReturnsFlow
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.money import format_money
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.shell.main_window import MainWindow
from tests.conftest import enroll, own_demo_server
from tests.ui.conftest import make_window, query, settle

RECENT = "o.delivered_at > datetime('now', '-25 days')"
LATE = (
    "o.delivered_at < datetime('now', '-35 days') AND o.delivered_at > datetime('now', '-85 days')"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "returns-ui", seed=42)


@pytest.fixture(scope="module")
def token(server: DemoServer) -> str:
    return enroll(server.url)


def order_with(server: DemoServer, where: str, skip: int = 0) -> str:
    rows = query(
        server,
        "SELECT o.number FROM orders o WHERE o.status = 'delivered' AND o.channel = 'web' AND "
        + where
        + " ORDER BY o.number",
    )
    return str(rows[skip][0])


def gtins(server: DemoServer, number: str) -> list[tuple[int, str, bool]]:
    rows = query(
        server,
        "SELECT l.line_no, p.gtin, (l.final_sale OR l.hygiene) FROM order_lines l"
        " JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id"
        " WHERE o.number = ? ORDER BY l.line_no",
        number,
    )
    return [(int(n), str(g), bool(b)) for n, g, b in rows]


@pytest.fixture
def win(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer, token: str
) -> Iterator[MainWindow]:
    w = make_window(qtbot, server.url, token)
    yield w
    w.close()
    qloop.run_until_complete(w.services.client.aclose())


def returns_flow(window: MainWindow) -> ReturnsFlow:
    flow = window.flows["return"]
    assert isinstance(flow, ReturnsFlow) and window.flows["order"] is flow
    return flow


def scan(window: MainWindow, text: str) -> None:
    window.services.scans.deliver(Scan(text, "wedge"))


def test_return_with_item_check_quote_outbox_and_receipt(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    win: MainWindow,
    server: DemoServer,
    token: str,
) -> None:
    number = order_with(
        server,
        f"{RECENT} AND o.discount_total > 0 AND EXISTS (SELECT 1 FROM order_lines l"
        " WHERE l.order_id = o.id AND (l.hygiene OR l.final_sale))"
        " AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id"
        " AND NOT l.hygiene AND NOT l.final_sale AND l.returned_qty = 0)",
    )
    flow = returns_flow(win)
    screen = flow.screen()
    win.open_code(number)  # as if the order QR was scanned on the home screen
    assert win.stack.currentWidget() is screen
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    view = flow.session.view.value
    assert view.order is not None and view.order.number == number
    lines = gtins(server, number)
    blocked = next(g for _, g, b in lines if b)
    line_no, good = next((n, g) for n, g, b in lines if not b)

    # a wrong item is refused clearly and does not leave the return screen
    mine = {g for _, g, _ in lines}
    other = next(g for (g,) in query(server, "SELECT gtin FROM products LIMIT 50") if g not in mine)
    scan(win, other[1:])
    assert win.stack.currentWidget() is screen
    assert flow.session.view.value.last_scan is not None
    assert flow.session.view.value.last_scan.code is ScanResultCode.NOT_IN_ORDER
    assert "not in this order" in screen.scan_notice.text.text()
    scan(win, blocked[1:])
    assert flow.session.view.value.last_scan.code is ScanResultCode.NOT_RETURNABLE  # type: ignore[union-attr]
    assert "cannot be returned" in screen.scan_notice.text.text()

    scan(win, good[1:])
    view = flow.session.view.value
    assert view.last_scan is not None and view.last_scan.ok
    assert view.missing == (Missing.REASON,)
    assert not screen.confirm_button.isEnabled()
    row = screen._rows[line_no]
    assert row.details.isVisible()
    qtbot.mouseClick(row.reason_chips["wrong_size"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(row.condition_chips["as_new"], Qt.MouseButton.LeftButton)
    view = flow.session.view.value
    assert view.choice(line_no).reason == "wrong_size"  # type: ignore[union-attr]
    assert view.can_confirm and screen.confirm_button.isEnabled()

    # the quote on screen is the server's quote
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as http:
        server_quote = http.post(
            f"/v1/orders/{number}/refund-quote",
            json={"lines": [{"line_no": line_no, "quantity": 1}]},
        ).json()
    assert view.quote is not None and view.quote.total == Decimal(server_quote["total"])
    assert screen.total.text() == format_money(Decimal(server_quote["total"]), "EUR", "en")

    qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    # queued once the central system answered a quick health check (the network is checked)
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SUBMITTING)
    assert win.services.outbox is not None and win.services.outbox.pending_count() == 1
    assert win.services.sync is not None
    summary = qloop.run_until_complete(win.services.sync.drain())
    assert summary.delivered == 1
    settle(qloop, lambda: flow.session.view.value.phase is Phase.DONE)
    receipt = flow.session.view.value.receipt
    assert receipt is not None and receipt.total == Decimal(server_quote["total"])
    assert screen.receipt_box.isVisible()
    assert receipt.return_number in screen.receipt_view.text()

    returned = query(
        server,
        "SELECT l.returned_qty FROM order_lines l JOIN orders o ON o.id = l.order_id"
        " WHERE o.number = ? AND l.line_no = ?",
        number,
        line_no,
    )[0][0]
    assert returned == 1

    qtbot.mouseClick(screen.pdf_button, Qt.MouseButton.LeftButton)
    assert flow.last_pdf is not None and flow.last_pdf.read_bytes().startswith(b"%PDF")
    document = QPdfDocument()
    assert document.load(str(flow.last_pdf)) == QPdfDocument.Error.None_
    assert document.pageCount() >= 1
    text = document.getAllText(0).text()
    assert receipt.return_number in text and number in text
    document.close()

    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    assert flow.session.view.value.phase is Phase.IDLE
    # with the screen idle, a product scan goes to the product screen again
    scan(win, good[1:])
    assert win.stack.currentWidget() is win.product


def test_manager_approval_outside_the_window(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, win: MainWindow, server: DemoServer
) -> None:
    number = order_with(
        server,
        f"{LATE} AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id"
        " AND (l.final_sale OR l.hygiene OR l.returned_qty > 0))",
    )
    flow = returns_flow(win)
    screen = flow.screen()
    win.open_code(number)
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    line_no, gtin, _ = gtins(server, number)[0]
    scan(win, gtin)
    flow.session.set_reason(line_no, "changed_mind")
    view = flow.session.view.value
    assert view.missing == (Missing.APPROVAL,) and not screen.confirm_button.isEnabled()
    assert screen.approval_button.isVisible()
    qtbot.mouseClick(screen.approval_button, Qt.MouseButton.LeftButton)
    dialog = flow.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.manager, "M001")
    qtbot.keyClicks(dialog.pin, "1111")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: dialog.error.isVisible())
    assert "not recognised" in dialog.error.text() and dialog.pin.text() == ""
    keys = {b.text(): b for b in dialog.keypad.findChildren(QPushButton)}
    for digit in "2468":  # typed on the big on-screen keypad
        qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: not dialog.isVisible())
    view = flow.session.view.value
    assert view.approval is not None and view.approval.manager_id == "M001"
    assert "Claire Fontaine" in screen.approval_label.text()
    assert view.can_confirm
    flow.confirm()  # once the central system answers a quick health check
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SUBMITTING)
    assert win.services.sync is not None
    qloop.run_until_complete(win.services.sync.drain())
    settle(qloop, lambda: flow.session.view.value.phase is Phase.DONE)
    receipt = flow.session.view.value.receipt
    assert receipt is not None and receipt.approved_by == "M001"
    assert "M001" in screen.receipt_view.text()


def test_units_returned_elsewhere_meanwhile_are_refused_clearly(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    win: MainWindow,
    server: DemoServer,
) -> None:
    number = order_with(
        server,
        f"{RECENT} AND o.total < 140 AND NOT EXISTS (SELECT 1 FROM order_lines l"
        " WHERE l.order_id = o.id AND (l.final_sale OR l.hygiene OR l.returned_qty > 0))",
        skip=3,
    )
    flow = returns_flow(win)
    win.open_code(number)
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    line_no, gtin, _ = gtins(server, number)[0]
    qty = query(
        server,
        "SELECT l.quantity FROM order_lines l JOIN orders o ON o.id = l.order_id"
        " WHERE o.number = ? AND l.line_no = ?",
        number,
        line_no,
    )[0][0]
    for _ in range(qty):
        scan(win, gtin)
    flow.session.set_reason(line_no, "wrong_size")
    flow.confirm()  # once the central system answers a quick health check
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SUBMITTING)
    # another till returns the same units first
    other = enroll(server.url)
    r = httpx.post(
        server.url + "/v1/returns",
        json={
            "order_number": number,
            "lines": [
                {
                    "line_no": line_no,
                    "quantity": qty,
                    "reason": "defective",
                    "condition": "defective",
                    "disposition": "return_to_vendor",
                }
            ],
        },
        headers={"Authorization": f"Bearer {other}", "Idempotency-Key": str(uuid.uuid4())},
    )
    assert r.status_code == 201
    assert win.services.sync is not None
    qloop.run_until_complete(win.services.sync.drain())
    settle(qloop, lambda: flow.session.view.value.phase is Phase.REFUSED)
    screen = flow.screen()
    assert "already returned" in screen.notice.text.text()
    assert "Nothing was refunded" in screen.notice.text.text()


def test_a_manager_cannot_approve_their_own_return(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, win: MainWindow, server: DemoServer
) -> None:
    """Store trial (#19): self-approval said "This device is not allowed to do that"; the
    server's answer is approver-must-differ, and the screen says so. Confirm is visibly
    disabled, with what is missing in plain view."""
    from kiosk_app.kernel.security.staff_session import StaffSession

    staff = StaffSession(win.services.client)
    qloop.run_until_complete(staff.sign_in(pin="2468", staff_id="M001"))
    number = order_with(
        server,
        f"{LATE} AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id"
        " AND (l.final_sale OR l.hygiene OR l.returned_qty > 0))",
        skip=1,
    )
    flow = returns_flow(win)
    screen = flow.screen()
    win.resize(1280, 800)
    win.open_code(number)
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    line_no, gtin, _ = gtins(server, number)[0]
    scan(win, gtin)
    flow.session.set_reason(line_no, "changed_mind")
    assert not screen.confirm_button.isEnabled()
    assert screen.missing_label.isVisible()
    assert "manager must approve" in screen.missing_label.text()
    # disabled looks disabled: not the primary colour of an enabled Confirm
    qtbot.wait(20)
    face = screen.confirm_button.grab().toImage().pixelColor(12, 12).name()
    screen.confirm_button.setEnabled(True)
    enabled_face = screen.confirm_button.grab().toImage().pixelColor(12, 12).name()
    screen.confirm_button.setEnabled(False)
    assert face != enabled_face
    qtbot.mouseClick(screen.approval_button, Qt.MouseButton.LeftButton)
    dialog = flow.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.manager, "M001")
    qtbot.keyClicks(dialog.pin, "2468")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: dialog.error.isVisible())
    assert "another person" in dialog.error.text()
    dialog.reject()
