"""The first vertical slice, driven through real widgets on the real server."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt

from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from kiosk_app.shell.main_window import MainWindow
from tests.conftest import enroll
from tests.ui.conftest import make_window, settle


def _first_product(api_server: DemoServer, token: str, q: str = "jean") -> dict[str, Any]:
    r = httpx.get(
        api_server.url + "/v1/products",
        params={"q": q, "limit": 1},
        headers={"Authorization": f"Bearer {token}"},
    )
    item: dict[str, Any] = r.json()["items"][0]
    return item


def type_and_submit(qtbot: Any, window: MainWindow, text: str) -> None:
    window.home.entry.clear()
    qtbot.keyClicks(window.home.entry, text)
    qtbot.keyClick(window.home.entry, Qt.Key.Key_Return)


def test_typed_gtin_opens_the_product_screen(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    product = _first_product(api_server, device_token)
    type_and_submit(qtbot, window, product["gtin"][1:])  # the 13 digits on the label
    assert window.stack.currentWidget() is window.product
    settle(qloop, lambda: window.product.name.text() == product["name"])
    screen = window.product
    assert product["sku"] in screen.codes.text()
    assert screen.price.text().startswith("€")
    assert screen.here_qty.text().isdigit()
    assert screen.stores_rows.count() >= 8  # other stores listed, nearest first
    first_store = screen.stores_rows.itemAt(0).widget().accessibleName()
    assert first_store.startswith("Paris Montparnasse")
    assert screen.warehouse_rows.count() == 1
    assert screen.variants_card.isVisible()
    assert not screen.notice.isVisible()


def test_tapping_a_size_loads_that_variant(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    product = _first_product(api_server, device_token)
    window.open_code(product["gtin"])
    settle(qloop, lambda: window.product.name.text() == product["name"])
    sizes = [b for b in window.product._size_group.buttons() if not b.isChecked()]
    assert sizes
    target = sizes[0].text().split("\n")[0]
    qtbot.mouseClick(sizes[0], Qt.MouseButton.LeftButton)
    settle(qloop, lambda: f"Size {target}" in window.product.attributes.text())


def test_search_by_name_lists_products_and_opens_one(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
) -> None:
    type_and_submit(qtbot, window, "bottine")
    settle(qloop, lambda: window.home.results.count() > 0)
    item = window.home.results.item(0)
    assert "Bottine" in item.text()
    window.home.results.itemClicked.emit(item)
    settle(qloop, lambda: window.product.name.text().startswith("Bottine"))


def test_unknown_gtin_says_not_found(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
) -> None:
    type_and_submit(qtbot, window, "4006381333931")  # valid GTIN, not in our catalogue
    settle(qloop, lambda: window.product.notice.isVisible())
    assert "Not found" in window.product.notice.text.text()
    assert window.product.notice.action.text() == "Try again"


def test_malformed_gtin_is_refused_without_a_request(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
) -> None:
    type_and_submit(qtbot, window, "4006381333932")
    assert window.stack.currentWidget() is window.home
    assert window.home.notice.isVisible()
    assert "check digit" in window.home.notice.text.text()


def test_unrecognised_code_is_shown_with_what_was_read(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
) -> None:
    type_and_submit(qtbot, window, "12345")
    assert "12345" in window.home.notice.text.text()
    assert "not recognised" in window.home.notice.text.text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server_down_gives_a_clear_message(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
) -> None:
    window = make_window(qtbot, f"http://127.0.0.1:{_free_port()}", "x")
    window.open_code("4006381333931")
    settle(qloop, lambda: window.product.notice.isVisible())
    assert "No connection" in window.product.notice.text.text()
    assert window.status.connection.property("state") in ("degraded", "offline")
    qloop.run_until_complete(window.services.client.aclose())


def test_slow_server_beyond_timeout_gives_a_clear_message(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    tmp_path: Any,
) -> None:
    with start_demo_server(db_url=f"sqlite:///{tmp_path / 'c.db'}", latency_ms=800) as slow:
        token = enroll(slow.url)
        window = make_window(qtbot, slow.url, token, timeout=0.3)
        window.open_code("4006381333931")
        settle(qloop, lambda: window.product.notice.isVisible())
        assert "not answering in time" in window.product.notice.text.text()
        qloop.run_until_complete(window.services.client.aclose())


def test_retry_after_failure_recovers(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    tmp_path: Any,
) -> None:
    db = tmp_path / "c.db"
    server = start_demo_server(db_url=f"sqlite:///{db}")
    token = enroll(server.url)
    gtin = sqlite3.connect(db).execute("select gtin from products limit 1").fetchone()[0]
    port = int(server.url.rsplit(":", 1)[1])
    server.stop()
    window = make_window(qtbot, server.url, token)
    window.open_code(gtin)
    settle(qloop, lambda: window.product.notice.isVisible())
    # the same database comes back on the same port
    again = start_demo_server(db_url=f"sqlite:///{db}", port=port)
    try:
        qtbot.mouseClick(window.product.notice.action, Qt.MouseButton.LeftButton)
        settle(qloop, lambda: window.product.name.text() not in ("", "Loading…"))
        assert not window.product.notice.isVisible()
    finally:
        qloop.run_until_complete(window.services.client.aclose())
        again.stop()


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_input_does_nothing(qtbot: Any, window: MainWindow, text: str) -> None:
    type_and_submit(qtbot, window, text)
    assert window.stack.currentWidget() is window.home
    assert not window.home.notice.isVisible()


def test_goes_well_with_suggestions_open_another_product(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    product = _first_product(api_server, device_token, q="jean droit")
    window.open_code(product["gtin"])
    settle(qloop, lambda: window.product.recs_card.isVisible())
    suggestion = window.product.recs_rows.itemAt(0).widget()
    assert suggestion.accessibleName().startswith("Suggestion: ")
    name = suggestion.accessibleName().removeprefix("Suggestion: ").split(",")[0]
    assert name != product["name"]
    window.resize(1280, 1300)  # tall enough to show the suggestions without scrolling
    qtbot.mouseClick(suggestion, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: window.product.name.text() == name)


def test_two_columns_stack_on_a_narrow_window(qtbot: Any, window: MainWindow) -> None:
    """1280 px: side by side; 1024 px (or portrait): one column, nothing clipped."""
    from PySide6.QtWidgets import QBoxLayout

    columns = window.product._responsive._columns
    window.show_screen(window.product)
    window.resize(1280, 800)
    qtbot.wait(20)
    assert columns.direction() == QBoxLayout.Direction.LeftToRight
    window.resize(1024, 768)
    qtbot.wait(20)
    assert columns.direction() == QBoxLayout.Direction.TopToBottom


def test_every_other_store_is_one_tap_away(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    window: MainWindow,
    api_server: DemoServer,
    device_token: str,
) -> None:
    """The nearest 8 stores first; the others are not out of reach (store trial, #19)."""
    product = _first_product(api_server, device_token)
    availability = httpx.get(
        api_server.url + f"/v1/products/sku/{product['sku']}/availability",
        headers={"Authorization": f"Bearer {device_token}"},
    ).json()
    everywhere = [s["name"] for s in availability["stores"]]
    assert len(everywhere) > 8  # the demo chain: more stores than the first rows show
    window.open_code(product["gtin"])
    settle(qloop, lambda: window.product.name.text() == product["name"])
    screen = window.product

    def listed() -> list[str]:
        rows = [screen.stores_rows.itemAt(i).widget() for i in range(screen.stores_rows.count())]
        return [r.accessibleName().split(",")[0] for r in rows]

    assert listed() == everywhere[:8]
    more = screen.all_stores_button
    assert more.isVisible() and more.height() >= 48
    assert str(len(everywhere)) in more.text()
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert listed() == everywhere
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert listed() == everywhere[:8]
