"""The customer screen on real widgets, a real client and the real reference server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx
from PySide6.QtCore import Qt

from kiosk_app.flows.customer.ui.screen import CustomerFlow, CustomerScreen
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.remote_state import Loaded
from kiosk_app.shell.main_window import MainWindow
from tests.support.server_keys import loyalty_signer
from tests.ui.conftest import make_window, query, settle

PANEL_NAMES = ("profile", "cart", "open_orders", "orders", "recommendations")


def rich_customer(server: DemoServer) -> tuple[str, str]:
    rows = query(
        server,
        "select c.customer_number, c.loyalty_number from customers c "
        "join orders o on o.customer_id = c.id join pickups p on p.order_id = o.id "
        "join locations s on s.id = p.store_id where p.status = 'ready' and s.code = 'PAR01' "
        "and exists (select 1 from cart_lines l where l.customer_id = c.id) order by c.id",
    )
    return rows[0][0], rows[0][1]


def flow_of(window: MainWindow) -> CustomerFlow:
    flow = window.flows["customer"]
    assert isinstance(flow, CustomerFlow)
    return flow


def screen_of(window: MainWindow) -> CustomerScreen:
    screen = flow_of(window).screen()
    assert isinstance(screen, CustomerScreen)
    return screen


def all_settled(screen: CustomerScreen, names: tuple[str, ...] = PANEL_NAMES) -> bool:
    return all(screen.panels[n].state_name not in ("loading", "idle") for n in names)


def issue_code(server: DemoServer, token: str, ref: str) -> str:
    response = httpx.post(
        f"{server.url}/v1/customers/{ref}/loyalty-code",
        json={},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": f"ui-{time.time()}"},
        timeout=10,
    )
    response.raise_for_status()
    code: str = response.json()["code"]
    return code


def test_loyalty_scan_shows_skeletons_then_every_panel(
    window: MainWindow, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    number, loyalty = rich_customer(api_server)
    screen, service = screen_of(window), flow_of(window).service
    faces: list[tuple[str, str, bool]] = []

    def recorder(name: str) -> Callable[[object], None]:
        panel = screen.panels[name]
        return lambda _state: faces.append((name, panel.state_name, panel.skeleton.isHidden()))

    for name in PANEL_NAMES:  # the screen subscribed first: record what it shows after each
        service.panel(name).state.subscribe(recorder(name), now=False)
    window.open_code(loyalty)
    assert window.stack.currentWidget() is screen
    settle(qloop, lambda: all_settled(screen))
    assert all(screen.panels[n].state_name == "loaded" for n in PANEL_NAMES)
    # every request was in flight, every panel showing its skeleton, before any answer landed
    assert sorted(faces[:5]) == sorted((n, "loading", False) for n in PANEL_NAMES)
    assert [face for _, face, _ in faces[5:]] == ["loaded"] * 5
    assert screen.name_label is not None and screen.name_label.text()
    profile = flow_of(window).service.profile.state.value
    assert isinstance(profile, Loaded) and profile.value.customer_number == number
    assert screen.points_label is not None and "pts" in screen.points_label.text()
    assert screen.cart_panel.rows.count() >= 1
    # a pickup ready here is one tap away from the pickup flow
    assert screen.pickup_available
    hand_over = [
        b
        for b in screen.open_orders_panel.findChildren(type(screen.search_button))
        if b.text() == "Hand over pickup" and b.isVisible()
    ]
    assert hand_over and hand_over[0].minimumHeight() >= 48
    hand_over[0].click()
    assert window.stack.currentWidget() is window.flows["pickup"].screen()


def test_failed_panel_shows_its_own_retry_while_others_work(
    window: MainWindow, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    number, _ = rich_customer(api_server)
    flow, screen = flow_of(window), screen_of(window)
    good = flow.service.api.paths
    flow.service.api.paths = replace(good, cart="/v1/customers/{ref}/cartz")
    flow.open_customer(number)
    settle(qloop, lambda: all_settled(screen))
    assert screen.cart_panel.state_name == "failed"
    assert not screen.cart_panel.retry_button.isHidden()
    for name in ("profile", "open_orders", "orders", "recommendations"):
        assert screen.panels[name].state_name == "loaded", name
    flow.service.api.paths = good
    screen.cart_panel.retry_button.click()
    settle(qloop, lambda: screen.cart_panel.state_name not in ("failed", "loading"))
    assert screen.cart_panel.state_name == "loaded"
    assert screen.orders_panel.state_name == "loaded"


def test_search_then_choose_a_customer(
    window: MainWindow, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    number, _ = rich_customer(api_server)
    screen = screen_of(window)
    (last_name,) = query(
        api_server, f"select last_name from customers where customer_number = '{number}'"
    )[0]
    screen.search_entry.setText(last_name)
    screen.search_button.click()
    settle(qloop, lambda: screen.results.count() > 0)
    numbers = [
        screen.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(screen.results.count())
    ]
    assert number in numbers
    screen.results.itemClicked.emit(screen.results.item(numbers.index(number)))
    settle(qloop, lambda: all_settled(screen))
    assert screen.results.isHidden() and not screen.area.isHidden()
    profile = flow_of(window).service.profile.state.value
    assert isinstance(profile, Loaded) and profile.value.customer_number == number


def test_second_scan_wins_over_the_first(
    window: MainWindow, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    _, first = rich_customer(api_server)
    (second_number, second), *_ = query(
        api_server,
        f"select customer_number, loyalty_number from customers "
        f"where loyalty_number != '{first}' order by id desc limit 1",
    )
    screen = screen_of(window)
    window.open_code(first)
    window.open_code(second)
    settle(qloop, lambda: all_settled(screen))
    profile = flow_of(window).service.profile.state.value
    assert isinstance(profile, Loaded) and profile.value.customer_number == second_number


def test_unknown_card_gives_one_clear_message(
    window: MainWindow, qloop: asyncio.AbstractEventLoop
) -> None:
    screen = screen_of(window)
    window.open_code("7810000999999993")
    settle(qloop, lambda: screen.header.state_name == "failed")
    assert "No customer matches" in screen.header.error_label.text()
    assert screen.columns.isHidden()


def test_expired_code_is_refused_with_a_clear_message(
    window: MainWindow, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    _, loyalty = rich_customer(api_server)
    expired, _, _ = loyalty_signer(api_server).issue(loyalty, now=int(time.time()) - 3600)
    screen = screen_of(window)
    window.open_code(expired)
    settle(qloop, lambda: not screen.notice.isHidden())
    assert "expired" in screen.notice.text.text()
    assert screen.area.isHidden()


def test_kiosk_shows_only_masked_cart_points_and_suggestions(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    device_token: str,
    kiosk_token: str,
) -> None:
    number, loyalty = rich_customer(api_server)
    (first, last, email) = query(
        api_server,
        f"select first_name, last_name, email from customers where customer_number = '{number}'",
    )[0]
    window = make_window(qtbot, api_server.url, kiosk_token, mode="kiosk")
    try:
        screen = screen_of(window)
        assert screen.search_bar.isHidden()
        assert screen.orders_panel.isHidden() and screen.open_orders_panel.isHidden()
        window.open_code(loyalty)  # a card number alone is refused at a kiosk
        settle(qloop, lambda: not screen.notice.isHidden())
        assert "loyalty code from your app" in screen.notice.text.text()
        window.open_code(issue_code(api_server, device_token, number))
        kiosk_panels = ("profile", "cart", "recommendations")
        settle(qloop, lambda: all_settled(screen, kiosk_panels))
        assert all(screen.panels[n].state_name == "loaded" for n in kiosk_panels)
        assert screen.name_label is not None
        assert screen.name_label.text() == f"Hello {first} {last[0]}."
        shown = " ".join(
            label.text() for label in screen.header.findChildren(type(screen.name_label))
        )
        assert last not in shown and email not in shown and number not in shown
        assert f"{email[0]}•••@example.com" in shown
    finally:
        window.close()
        qloop.run_until_complete(window.services.client.aclose())


def test_the_next_customer_reuses_the_rows_and_leaves_nothing_of_the_last(
    window: MainWindow, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    from PySide6.QtWidgets import QLabel

    from kiosk_app.flows.customer.ui.rows import CartRow, OrderRow, RecommendationRow

    first, _ = rich_customer(api_server)
    # the next customer: no cart, fewer open orders; someone with orders and suggestions
    second = query(
        api_server,
        "select c.customer_number from customers c where not exists "
        "(select 1 from cart_lines l where l.customer_id = c.id) and "
        "(select count(*) from orders o where o.customer_id = c.id) >= 6 order by c.id",
    )[0][0]
    flow, screen = flow_of(window), screen_of(window)

    def rows(kind: type) -> list[Any]:
        return [w for w in screen.findChildren(kind)]

    flow.open_customer(first)
    settle(qloop, lambda: all_settled(screen))
    made = {kind: {id(w) for w in rows(kind)} for kind in (CartRow, OrderRow, RecommendationRow)}
    first_details = {r.details.text() for r in rows(CartRow) if not r.isHidden()}
    assert first_details and made[CartRow]

    def showing(number: str) -> bool:
        profile = flow.service.profile.state.value
        shown = isinstance(profile, Loaded) and profile.value.customer_number == number
        return shown and all_settled(screen)

    flow.open_customer(second)
    settle(qloop, lambda: showing(second))
    assert screen.cart_panel.state_name == "empty"
    # no row was rebuilt for the same number of orders and suggestions
    for kind in (OrderRow, RecommendationRow):
        assert {id(w) for w in rows(kind)} == made[kind], kind.__name__
    # the first customer's cart lines are blank (not only hidden): nothing to read or press
    for row in rows(CartRow):
        assert row.isHidden() and row.sku == "" and row.fetch.isHidden()
        assert all(not label.text() for label in row.findChildren(QLabel))
    assert not first_details & {w.text() for w in screen.findChildren(QLabel)}
    # a stock pill re-coloured in place keeps the pill's padding
    badges = [r.badge for r in rows(RecommendationRow) if not r.isHidden()]
    assert badges and all(b.contentsMargins().left() >= 8 for b in badges)


def test_tapping_an_order_opens_its_detail_and_a_return_from_there(
    qtbot: Any, window: MainWindow, qloop: asyncio.AbstractEventLoop, api_server: DemoServer
) -> None:
    """An order of the history opens: its lines, total and status; "Return items" goes to
    the return flow on that order (store trial, #19: the tap did nothing)."""
    from PySide6.QtWidgets import QLabel

    from kiosk_app.flows.customer.ui.rows import OrderRow
    from kiosk_app.kernel.money import format_money

    _number, loyalty = rich_customer(api_server)
    screen = screen_of(window)
    window.open_code(loyalty)
    settle(qloop, lambda: all_settled(screen))
    rows = [r for r in screen.orders_panel.findChildren(OrderRow) if r.order is not None]
    assert rows and all(r.isVisible() for r in rows)
    row = rows[0]
    order = row.order
    assert order is not None
    qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    dialog = screen.order_detail
    assert dialog is not None and dialog.isVisible()
    assert order.number in dialog.windowTitle()
    assert len(dialog.line_rows) == len(order.lines)
    for line_row, line in zip(dialog.line_rows, order.lines, strict=True):
        assert line_row.accessibleName().startswith(f"{line.name}, {line.quantity} × ")
    assert dialog.total.text() == format_money(order.total, order.currency, "en")
    assert dialog.return_button.isVisible() and dialog.return_button.height() >= 48
    qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    returns = window.flows["order"].screen()
    assert window.stack.currentWidget() is returns

    def shown() -> str:
        return " ".join(w.text() for w in returns.findChildren(QLabel) if w.isVisible())

    settle(qloop, lambda: order.number in shown())
