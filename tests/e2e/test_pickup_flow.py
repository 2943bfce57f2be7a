"""The real app (real widgets on a qasync loop) against a real server, through whole pickups.

A dedicated server: these tests change pickups. The outbox delivers when the test drains the
sync engine, exactly as the running app's engine would.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk_app.flows.pickup.session import CheckInStep, Step
from kiosk_app.flows.pickup.ui.kiosk import KioskCheckInScreen
from kiosk_app.flows.pickup.ui.screen import PickupScreen
from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.kernel.security.staff_session import StaffSession
from kiosk_app.shell.main_window import MainWindow
from tests.conftest import enroll
from tests.support.demo_data import DemoPool, pickup_code_of
from tests.ui.conftest import make_window, pickup_screen, settle

STORE = "PAR01"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    db: Path = tmp_path_factory.mktemp("pickups-e2e") / "central.db"
    with start_demo_server(db_url=f"sqlite:///{db}", seed=42) as srv:
        yield srv


@pytest.fixture(scope="module")
def associate_token(server: DemoServer) -> str:
    return enroll(server.url, STORE)


class Api:
    """What other devices (and the customer's email) do, straight over HTTP."""

    def __init__(self, server: DemoServer, token: str) -> None:
        self.server = server
        self.headers = {"Authorization": f"Bearer {token}"}

    def pickups(self) -> list[dict[str, Any]]:
        r = httpx.get(
            self.server.url + "/v1/pickups", params={"status": "all"}, headers=self.headers
        )
        data: list[dict[str, Any]] = r.json()
        return data

    def detail(self, number: str) -> dict[str, Any]:
        data: dict[str, Any] = httpx.get(
            f"{self.server.url}/v1/pickups/{number}", headers=self.headers
        ).json()
        return data

    def qr(self, number: str) -> str:
        r = httpx.post(
            f"{self.server.url}/v1/pickups/{number}/qr",
            json={},
            headers=dict(self.headers, **{"Idempotency-Key": str(uuid.uuid4())}),
        )
        assert r.status_code == 200, r.text
        return str(r.json()["token"])

    def code(self, number: str) -> str:
        return pickup_code_of(self.server, number)

    def complete_elsewhere(self, number: str) -> None:
        detail = self.detail(number)
        body = {
            "lines": [
                {"line_no": ln["line_no"], "picked": ln["quantity"]} for ln in detail["lines"]
            ],
            "verification": {"method": "pickup_code", "pickup_code": self.code(number)},
            "associate": "other tablet",
        }
        r = httpx.post(
            f"{self.server.url}/v1/pickups/{number}/complete",
            json=body,
            headers=dict(self.headers, **{"Idempotency-Key": str(uuid.uuid4())}),
        )
        assert r.status_code == 200, r.text


PICKUPS = DemoPool()


def take(
    api: Api,
    status: str,
    *,
    methods: tuple[str, ...] = ("pickup_code", "signed_qr"),
    multi_line: bool = False,
) -> dict[str, Any]:
    def fits(row: dict[str, Any]) -> bool:
        if row["status"] != status or row["verification_method"] not in methods:
            return False
        if row["alternate_person"]:
            return False
        return not multi_line or len(api.detail(row["order_number"])["lines"]) >= 2

    row = PICKUPS.take(api.server.url, api.pickups(), fits, f"{status} pickup")
    return api.detail(row["order_number"])


@pytest.fixture
def app(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer, associate_token: str
) -> Iterator[MainWindow]:
    window = make_window(qtbot, server.url, associate_token)
    yield window
    window.close()
    qloop.run_until_complete(window.services.client.aclose())


def open_pickups(qtbot: Any, window: MainWindow) -> PickupScreen:
    nav = next(
        b
        for b in window.findChildren(QPushButton)
        if b.property("role") == "nav" and b.text() == "Pickups"
    )
    qtbot.mouseClick(nav, Qt.MouseButton.LeftButton)
    screen = pickup_screen(window)
    assert window.stack.currentWidget() is screen
    return screen


def scan(window: MainWindow, text: str) -> None:
    window.services.scans.deliver(Scan(text, "wedge"))


def drain(loop: asyncio.AbstractEventLoop, window: MainWindow) -> None:
    sync = window.services.sync
    assert sync is not None
    loop.run_until_complete(sync.drain())


def step(window: MainWindow) -> Step:
    return pickup_screen(window).core.session.current.step


def test_whole_pickup_by_pickup_code_with_a_wrong_item_refused(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app: MainWindow,
    server: DemoServer,
    associate_token: str,
) -> None:
    api = Api(server, associate_token)
    order = take(api, "ready", methods=("pickup_code",))
    number = order["order_number"]
    screen = open_pickups(qtbot, app)
    settle(qloop, lambda: number in screen.queue_order_numbers())
    first = screen.queue_order_numbers()[0]
    assert api.detail(first)["status"] == "customer_waiting"  # waiting customers first

    app.open_code(api.code(number))  # the customer reads their code: verified at once
    settle(qloop, lambda: step(app) is Step.ITEMS)
    assert screen.order_title.text() == f"Order {number}"
    assert screen.capturing_scans

    session = screen.core.session
    before = session.current.lines
    other = next(r for r in api.pickups() if r["order_number"] != number)
    foreign = next(
        ln["gtin"]
        for ln in api.detail(other["order_number"])["lines"]
        if ln["gtin"] not in {x["gtin"] for x in order["lines"]}
    )
    scan(app, foreign)
    assert session.current.lines == before
    assert "Wrong item" in screen.notice.text.text()
    assert screen.notice.isVisible()

    for line in order["lines"]:
        for _ in range(line["quantity"]):
            scan(app, line["gtin"][1:])  # the EAN-13 on the label
    assert session.current.all_accounted
    assert screen.to_handover_button.isEnabled()
    qtbot.mouseClick(screen.to_handover_button, Qt.MouseButton.LeftButton)
    assert step(app) is Step.HANDOVER
    assert not screen.capturing_scans
    screen.signature.add_stroke([(20, 80), (60, 40), (120, 90), (200, 50)])
    # whoever is signed in hands over: not the device's name, not something typed
    staff = StaffSession(app.services.client)
    qloop.run_until_complete(staff.sign_in(staff_id="A101", pin="4821"))
    qtbot.mouseClick(screen.complete_button, Qt.MouseButton.LeftButton)
    assert step(app) is Step.SENDING
    drain(qloop, app)
    settle(qloop, lambda: step(app) is Step.DONE)
    assert screen.big_text.text() == f"Order {number} handed over"
    after = api.detail(number)
    assert after["status"] == "collected"
    assert after["completion"]["verification"]["method"] == "pickup_code"
    assert after["completion"]["signed"] is True
    assert after["completion"]["associate"] == "A101"
    assert after["completion"]["associate_name"] == "Léa Moreau"
    assert after["completion"]["recorded_at"] >= after["completion"]["completed_at"]
    qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.queue_page
    # the refreshed queue no longer lists the collected order
    settle(
        qloop,
        lambda: bool(screen.queue_order_numbers()) and number not in screen.queue_order_numbers(),
    )


def test_partial_pickup_from_the_customers_qr(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app: MainWindow,
    server: DemoServer,
    associate_token: str,
) -> None:
    api = Api(server, associate_token)
    order = take(api, "ready", multi_line=True)
    number = order["order_number"]
    screen = open_pickups(qtbot, app)
    scan(app, api.qr(number))  # verified offline with the published key
    settle(qloop, lambda: step(app) is Step.ITEMS)
    assert screen.core.session.current.verification is not None
    assert screen.core.session.current.verification.method.value == "signed_qr"

    missing_line, *others = order["lines"]
    for line in others:
        for _ in range(line["quantity"]):
            scan(app, line["gtin"])
    assert not screen.to_handover_button.isEnabled()  # one line neither scanned nor marked
    missing = next(
        b
        for b in screen.items_view.findChildren(QPushButton)
        if b.accessibleName() == f"Mark {missing_line['name']} missing"
    )
    qtbot.mouseClick(missing, Qt.MouseButton.LeftButton)
    reason = next(
        b
        for b in screen.items_view.findChildren(QPushButton)
        if b.text() == "Not found on the shelf"
    )
    qtbot.mouseClick(reason, Qt.MouseButton.LeftButton)
    assert screen.to_handover_button.isEnabled()
    qtbot.mouseClick(screen.to_handover_button, Qt.MouseButton.LeftButton)
    summary = " ".join(w.text() for w in screen.summary_card.findChildren(type(screen.big_text)))
    assert "partial collection" in summary and "Not found on the shelf" in summary
    qtbot.mouseClick(screen.complete_button, Qt.MouseButton.LeftButton)
    drain(qloop, app)
    settle(qloop, lambda: step(app) is Step.DONE)
    after = api.detail(number)
    assert after["status"] == "partially_collected"
    lines = {ln["line_no"]: ln for ln in after["completion"]["lines"]}
    assert lines[missing_line["line_no"]]["missing"] == missing_line["quantity"]
    assert (
        lines[missing_line["line_no"]]["reason"] == "not_on_shelf"
    )  # a stable code, not the translated label


def test_conflict_when_another_device_collected_first(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app: MainWindow,
    server: DemoServer,
    associate_token: str,
) -> None:
    api = Api(server, associate_token)
    order = take(api, "ready", methods=("pickup_code",))
    number = order["order_number"]
    screen = open_pickups(qtbot, app)
    settle(qloop, lambda: number in screen.queue_order_numbers())
    row = next(
        b
        for b in screen.queue_page.findChildren(QPushButton)
        if getattr(b, "order_number", None) == number
    )
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: step(app) is Step.VERIFY)
    assert screen.code_card.isVisible()
    qtbot.keyClicks(screen.code_entry, api.code(number))
    qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)
    settle(qloop, lambda: step(app) is Step.ITEMS)
    for line in order["lines"]:
        for _ in range(line["quantity"]):
            scan(app, line["gtin"])
    qtbot.mouseClick(screen.to_handover_button, Qt.MouseButton.LeftButton)

    api.complete_elsewhere(number)  # another tablet is faster
    qtbot.mouseClick(screen.complete_button, Qt.MouseButton.LeftButton)
    drain(qloop, app)
    settle(qloop, lambda: step(app) is Step.CONFLICT)
    assert "Already collected" in screen.big_text.text()
    assert screen.big_text.isVisible()
    after = api.detail(number)
    # the other tablet's body named "other tablet": free text is not who handed over
    assert after["status"] == "collected" and after["completion"]["associate"] is None
    outbox = app.services.outbox
    assert outbox is not None and outbox.needs_attention_count() == 1


def test_bad_input_gets_a_clear_message_and_changes_nothing(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app: MainWindow,
    server: DemoServer,
    associate_token: str,
) -> None:
    api = Api(server, associate_token)
    screen = open_pickups(qtbot, app)
    session = screen.core.session

    # someone else's QR: an order of the Lyon store
    lyon = Api(server, enroll(server.url, "LYO01"))
    lyon_order = next(r for r in lyon.pickups() if r["status"] == "ready")["order_number"]
    scan(app, lyon.qr(lyon_order))
    settle(qloop, lambda: step(app) is Step.FAILED)
    assert "another store (LYO01)" in screen.big_text.text()
    assert lyon.detail(lyon_order)["status"] == "ready"

    # a wrong pickup code at the verify step
    order = take(api, "ready", methods=("pickup_code",))
    number = order["order_number"]
    screen.open_order(number)  # tapped in the queue
    settle(qloop, lambda: step(app) is Step.VERIFY)
    right = api.code(number)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    qtbot.keyClicks(screen.code_entry, wrong)
    qtbot.keyClick(screen.code_entry, Qt.Key.Key_Return)
    settle(qloop, lambda: "Wrong pickup code" in screen.notice.text.text())
    assert step(app) is Step.VERIFY and session.current.verification is None
    assert api.detail(number)["version"] == order["version"]

    # an expired order
    expired = next(r for r in api.pickups() if r["status"] == "expired")["order_number"]
    screen.open_order(expired)
    settle(qloop, lambda: step(app) is Step.REFUSED)
    assert "expired" in screen.big_text.text()
    assert api.detail(expired)["status"] == "expired"

    # an order from somebody else's store typed by number
    screen.open_order(lyon_order)
    settle(qloop, lambda: step(app) is Step.FAILED)
    assert "another store" in screen.big_text.text()
    outbox = app.services.outbox
    assert outbox is not None and outbox.pending_count() == 0


def test_kiosk_check_in_puts_the_customer_on_top_of_the_queue(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    app: MainWindow,
    server: DemoServer,
    associate_token: str,
) -> None:
    api = Api(server, associate_token)
    order = take(api, "ready", methods=("pickup_code", "signed_qr", "id_check"))
    number = order["order_number"]
    screen = open_pickups(qtbot, app)
    settle(qloop, lambda: number in screen.queue_order_numbers())
    assert screen.queue_order_numbers()[0] != number

    kiosk = make_window(qtbot, server.url, enroll(server.url, STORE, "kiosk"), mode="kiosk")
    try:
        check_in = kiosk.flows["pickup"].screen()
        assert isinstance(check_in, KioskCheckInScreen)
        state = check_in.core.check_in.state
        expired = next(r for r in api.pickups() if r["status"] == "expired")["order_number"]
        scan(kiosk, api.qr(expired))  # a genuine QR, but the order has expired
        settle(qloop, lambda: state.value.step is CheckInStep.SENDING)
        drain(qloop, kiosk)
        settle(qloop, lambda: state.value.step is CheckInStep.REFUSED)
        assert "expired" in check_in.text.text() and "see an associate" in check_in.text.text()
        assert api.detail(expired)["status"] == "expired"
        scan(kiosk, api.qr(number))
        assert kiosk.stack.currentWidget() is check_in
        settle(qloop, lambda: check_in.core.check_in.state.value.step is CheckInStep.SENDING)
        drain(qloop, kiosk)
        settle(qloop, lambda: check_in.core.check_in.state.value.step is CheckInStep.CONFIRMED)
        assert check_in.text.text() == "We're coming, please wait at the counter."
        assert check_in.title.text().startswith("Thank you")
        # the associate's queue refreshes by itself and shows the customer on top
        settle(
            qloop,
            lambda: (
                screen.queue_order_numbers()[:1] == [number]
                or number in screen.queue_order_numbers()[:3]
            ),
            timeout=20,
        )
        waiting = [
            n for n in screen.queue_order_numbers() if api.detail(n)["status"] == "customer_waiting"
        ]
        assert number in waiting
        assert screen.queue_order_numbers()[: len(waiting)] == waiting
    finally:
        kiosk.close()
        qloop.run_until_complete(kiosk.services.client.aclose())


def test_kiosk_customer_without_the_qr_types_order_number_and_pickup_code(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer
) -> None:
    """No QR at hand: the order number and pickup code typed on the kiosk (its on-screen
    keyboard comes up under the fields) check the customer in exactly as the QR does."""
    store = "LYO01"  # the other tests use up this module's ready pickups in PAR01
    api = Api(server, enroll(server.url, store))
    order = take(api, "ready")
    number = order["order_number"]
    code = api.code(number)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    kiosk = make_window(qtbot, server.url, enroll(server.url, store, "kiosk"), mode="kiosk")
    try:
        check_in = kiosk.flows["pickup"].screen()
        assert isinstance(check_in, KioskCheckInScreen)
        kiosk.show_screen(check_in)
        state = check_in.core.check_in.state
        assert check_in.typed_form.isVisible()
        assert check_in.order_entry.minimumHeight() >= 48
        outbox = kiosk.services.outbox
        assert outbox is not None

        kiosk.activateWindow()
        check_in.order_entry.setFocus()
        qtbot.waitUntil(lambda: kiosk.keyboard is not None and kiosk.keyboard.isVisible())

        def type_codes(order_number: str, pickup_code: str) -> None:
            check_in.order_entry.setFocus()
            qtbot.keyClicks(check_in.order_entry, order_number)
            qtbot.keyClicks(check_in.code_entry, pickup_code)
            qtbot.mouseClick(check_in.check_in_button, Qt.MouseButton.LeftButton)

        type_codes(number.lower(), "12")  # not 6 digits: said at once, nothing sent
        assert state.value.step is CheckInStep.REFUSED
        assert "6-digit pickup code" in check_in.text.text()
        assert outbox.pending_count() == 0
        check_in.clear_typed()

        type_codes(number, wrong)
        assert state.value.step is CheckInStep.SENDING
        drain(qloop, kiosk)
        settle(qloop, lambda: state.value.step is CheckInStep.REFUSED)
        assert "does not match" in check_in.text.text()
        assert api.detail(number)["status"] == "ready"
        assert check_in.typed_form.isVisible()  # they can correct it

        check_in.clear_typed()  # this time on the on-screen keyboard, as at the kiosk
        assert kiosk.keyboard is not None
        keys = {k.text(): k for k in kiosk.keyboard.findChildren(QPushButton)}
        for field, text in ((check_in.order_entry, number.lower()), (check_in.code_entry, code)):
            field.setFocus()
            for char in text:
                qtbot.mouseClick(keys[char], Qt.MouseButton.LeftButton)
        assert check_in.order_entry.text() == number.lower()
        qtbot.mouseClick(check_in.check_in_button, Qt.MouseButton.LeftButton)
        assert state.value.step is CheckInStep.SENDING
        assert not check_in.typed_form.isVisible()
        drain(qloop, kiosk)
        settle(qloop, lambda: state.value.step is CheckInStep.CONFIRMED)
        assert check_in.text.text() == "We're coming, please wait at the counter."
        assert check_in.title.text().startswith("Thank you")
        assert api.detail(number)["status"] == "customer_waiting"
        assert check_in.order_entry.text() == "" and check_in.code_entry.text() == ""
    finally:
        kiosk.close()
        qloop.run_until_complete(kiosk.services.client.aclose())
