"""In the return flow the item's condition follows the reason until the associate picks one:
a defective item is not "as new, back to stock". Real widgets, real outbox, own real server."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk_app.flows.returns.session import Phase
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.shell.main_window import MainWindow
from tests.conftest import enroll, own_demo_server
from tests.ui.conftest import make_window, query, settle
from tests.ui.test_returns_ui import RECENT, gtins, order_with, returns_flow, scan


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "return-condition", seed=42)


@pytest.fixture
def win(qtbot: Any, qloop: asyncio.AbstractEventLoop, server: DemoServer) -> Iterator[MainWindow]:
    w = make_window(qtbot, server.url, enroll(server.url))
    yield w
    w.close()
    qloop.run_until_complete(w.services.client.aclose())


def test_a_defective_item_defaults_to_defective_and_the_associate_can_still_change_it(
    qtbot: Any, qloop: asyncio.AbstractEventLoop, win: MainWindow, server: DemoServer
) -> None:
    number = order_with(
        server,
        f"{RECENT} AND o.total < 140 AND NOT EXISTS (SELECT 1 FROM order_lines l"
        " WHERE l.order_id = o.id AND (l.final_sale OR l.hygiene OR l.returned_qty > 0))",
    )
    flow = returns_flow(win)
    screen = flow.screen()
    win.open_code(number)
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SELECTING)
    line_no, gtin, _ = gtins(server, number)[0]
    scan(win, gtin[1:])
    row = screen._rows[line_no]

    qtbot.mouseClick(row.reason_chips["defective"], Qt.MouseButton.LeftButton)
    choice = flow.session.view.value.choice(line_no)
    assert choice is not None
    assert (choice.condition, choice.disposition) == ("defective", "return_to_vendor")
    assert row.condition_chips["defective"].isChecked()
    assert not row.condition_chips["as_new"].isChecked()
    assert "stock" not in row.disposition.text().lower()

    # another reason: the condition follows again, until the associate chooses it
    qtbot.mouseClick(row.reason_chips["wrong_size"], Qt.MouseButton.LeftButton)
    assert row.condition_chips["as_new"].isChecked()
    qtbot.mouseClick(row.reason_chips["defective"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(row.condition_chips["damaged"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(row.reason_chips["not_as_described"], Qt.MouseButton.LeftButton)
    choice = flow.session.view.value.choice(line_no)
    assert choice is not None and (choice.reason, choice.condition) == (
        "not_as_described",
        "damaged",
    )
    qtbot.mouseClick(row.reason_chips["defective"], Qt.MouseButton.LeftButton)
    assert row.condition_chips["damaged"].isChecked()  # the associate's choice stays

    qtbot.mouseClick(screen.confirm_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: flow.session.view.value.phase is Phase.SUBMITTING)  # health checked
    assert win.services.sync is not None
    qloop.run_until_complete(win.services.sync.drain())
    settle(qloop, lambda: flow.session.view.value.phase is Phase.DONE)
    stored = query(
        server,
        "SELECT rl.reason, rl.condition, rl.disposition FROM return_lines rl"
        " JOIN returns r ON r.id = rl.return_id JOIN orders o ON o.id = r.order_id"
        " WHERE o.number = ?",
        number,
    )
    assert stored == [("defective", "damaged", "damaged")]
