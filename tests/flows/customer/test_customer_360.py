"""Customer360 against the real reference server: parallel panels, isolation, cancellation,
stale answers, offline loyalty-code checks, kiosk masking."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.flows.customer.api import CustomerApi
from kiosk_app.flows.customer.customer_360 import (
    PANELS,
    Customer360,
    RefusalReason,
    ready_pickups_here,
)
from kiosk_app.kernel.api.client import ApiClient, RequestOutcome
from kiosk_app.kernel.api.errors import NotFound
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.privacy import display_name, mask_email, mask_name, mask_phone
from kiosk_app.kernel.remote_state import Failed, Idle, Loaded, Loading
from kiosk_app.kernel.routing import route
from kiosk_app.kernel.scan.signed_codes import sign_code
from tests.conftest import run
from tests.support.server_keys import loyalty_signer


def query(server: DemoServer, sql: str) -> list[tuple[Any, ...]]:
    path = server.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        return con.execute(sql).fetchall()


def rich_customer(server: DemoServer) -> tuple[str, str]:
    """A customer with an online cart, orders and a pickup ready in PAR01."""
    rows = query(
        server,
        "select c.customer_number, c.loyalty_number from customers c "
        "join orders o on o.customer_id = c.id join pickups p on p.order_id = o.id "
        "join locations s on s.id = p.store_id where p.status = 'ready' and s.code = 'PAR01' "
        "and exists (select 1 from cart_lines l where l.customer_id = c.id) order by c.id",
    )
    return rows[0][0], rows[0][1]


def bare_customer(server: DemoServer) -> tuple[str, str]:
    rows = query(
        server,
        "select c.customer_number, c.loyalty_number from customers c "
        "where not exists (select 1 from cart_lines l where l.customer_id = c.id) "
        "and not exists (select 1 from orders o where o.customer_id = c.id) order by c.id",
    )
    return rows[0][0], rows[0][1]


def other_customer(server: DemoServer, not_this: str) -> str:
    rows = query(server, "select customer_number from customers order by id desc limit 2")
    return str(next(r[0] for r in rows if r[0] != not_this))


class Counting:
    """Counts the requests a client makes (its outcome listener sees every one)."""

    def __init__(self, client: ApiClient) -> None:
        self.count = 0
        client.add_outcome_listener(self._seen)

    def _seen(self, _outcome: RequestOutcome) -> None:
        self.count += 1


def service(server: DemoServer, token: str, mode: str = "associate") -> Customer360:
    client = ApiClient(server.url, token=token, read_retries=0)
    return Customer360(CustomerApi(client), mode=mode)


def record(svc: Customer360) -> list[tuple[str, object]]:
    events: list[tuple[str, object]] = []

    def recorder(name: str) -> Callable[[object], None]:
        return lambda state: events.append((name, state))

    for name in PANELS:
        svc.panel(name).state.subscribe(recorder(name), now=False)
    return events


def test_every_panel_in_flight_at_once_then_filled(
    api_server: DemoServer, device_token: str
) -> None:
    number, loyalty = rich_customer(api_server)

    async def scenario() -> list[tuple[str, object]]:
        svc = service(api_server, device_token)
        events = record(svc)
        await svc.open_destination(route(loyalty))
        await svc.api.client.aclose()
        states = {n: svc.panel(n).state.value for n in PANELS}
        assert all(isinstance(s, Loaded) for s in states.values()), states
        profile = svc.profile.state.value
        assert isinstance(profile, Loaded) and profile.value.customer_number == number
        cart = svc.cart.state.value
        assert isinstance(cart, Loaded) and cart.value.lines
        open_orders = svc.open_orders.state.value
        assert isinstance(open_orders, Loaded) and ready_pickups_here(open_orders.value)
        return events

    events = run(scenario())
    kinds = [type(state).__name__ for _, state in events]
    # parallel: all five requests were in flight before the first answer landed
    assert kinds[:5] == ["Loading"] * 5 and kinds[5:] == ["Loaded"] * 5


def test_one_broken_panel_fails_alone_and_retries(
    api_server: DemoServer, device_token: str
) -> None:
    number, _ = rich_customer(api_server)

    async def scenario() -> None:
        svc = service(api_server, device_token)
        good_paths = svc.api.paths
        svc.api.paths = replace(good_paths, recommendations="/v1/customers/{ref}/recommendationz")
        await svc.open_customer(number)
        failed = svc.recommendations.state.value
        assert isinstance(failed, Failed) and isinstance(failed.error, NotFound)
        for name in ("profile", "cart", "open_orders", "orders"):
            assert isinstance(svc.panel(name).state.value, Loaded), name
        svc.api.paths = good_paths  # the endpoint is back
        await svc.retry("recommendations")
        assert isinstance(svc.recommendations.state.value, Loaded)
        await svc.api.client.aclose()

    run(scenario())


def test_server_down_fails_every_panel_with_its_own_error(device_token: str) -> None:
    async def scenario() -> None:
        client = ApiClient("http://127.0.0.1:9", token=device_token, read_retries=0)
        svc = Customer360(CustomerApi(client))
        await svc.open_customer("C0000001")
        for name in PANELS:
            assert isinstance(svc.panel(name).state.value, Failed), name
        await client.aclose()

    run(scenario())


def test_a_new_customer_cancels_what_is_in_flight(
    api_server: DemoServer, device_token: str
) -> None:
    first, _ = rich_customer(api_server)
    second = other_customer(api_server, first)

    async def scenario() -> None:
        svc = service(api_server, device_token)
        events = record(svc)
        in_flight = asyncio.Event()
        svc.profile.state.subscribe(
            lambda s: in_flight.set() if isinstance(s, Loading) else None, now=False
        )
        older = asyncio.ensure_future(svc.open_customer(first))
        await in_flight.wait()
        assert not older.done()
        await svc.open_customer(second)
        assert older.cancelled()
        profile = svc.profile.state.value
        assert isinstance(profile, Loaded) and profile.value.customer_number == second
        loaded_profiles = [
            s.value.customer_number for n, s in events if n == "profile" and isinstance(s, Loaded)
        ]
        assert loaded_profiles == [second]
        await svc.api.client.aclose()

    run(scenario())


def test_a_stale_answer_never_overwrites_a_newer_customer(
    api_server: DemoServer, device_token: str
) -> None:
    first, _ = rich_customer(api_server)
    second, _ = bare_customer(api_server)

    async def scenario() -> None:
        svc = service(api_server, device_token)
        events = record(svc)
        # a load for the first customer that nobody cancels (e.g. a late retry)
        stale = asyncio.ensure_future(svc.cart.load(first, lambda: svc.api.cart(first)))
        await svc.open_customer(second)
        assert await stale is None  # its answer arrived, and was dropped
        cart = svc.cart.state.value
        assert isinstance(cart, Loaded) and cart.value.customer_number == second
        carts = [
            s.value.customer_number for n, s in events if n == "cart" and isinstance(s, Loaded)
        ]
        assert carts == [second]
        await svc.api.client.aclose()

    run(scenario())


def test_customer_without_cart_or_history(api_server: DemoServer, device_token: str) -> None:
    _, loyalty = bare_customer(api_server)

    async def scenario() -> None:
        svc = service(api_server, device_token)
        await svc.open_card(loyalty)
        cart, orders, open_orders, recs = (
            svc.cart.state.value,
            svc.orders.state.value,
            svc.open_orders.state.value,
            svc.recommendations.state.value,
        )
        assert isinstance(cart, Loaded) and cart.value.lines == []
        assert isinstance(orders, Loaded) and orders.value.items == []
        assert isinstance(open_orders, Loaded) and open_orders.value == []
        # nothing to go on: best sellers instead of nothing
        assert isinstance(recs, Loaded) and recs.value.items
        assert {r.reason for r in recs.value.items} == {"popular"}
        await svc.api.client.aclose()

    run(scenario())


def test_unknown_loyalty_card(api_server: DemoServer, device_token: str) -> None:
    async def scenario() -> None:
        svc = service(api_server, device_token)
        await svc.open_card("7810000999999993")
        profile = svc.profile.state.value
        assert isinstance(profile, Failed) and isinstance(profile.error, NotFound)
        await svc.api.client.aclose()

    run(scenario())


def test_signed_code_verified_offline_then_opens(api_server: DemoServer, device_token: str) -> None:
    number, _ = rich_customer(api_server)

    async def scenario() -> None:
        svc = service(api_server, device_token)
        code = (await svc.api.issue_loyalty_code(number)).code
        await svc.open_destination(route(code))
        profile = svc.profile.state.value
        assert isinstance(profile, Loaded) and profile.value.customer_number == number
        await svc.open_destination(route(code))  # the keys are fetched once, then cached
        assert svc.verifier.fetch_count == 1
        await svc.api.client.aclose()

    run(scenario())


def test_expired_forged_and_unknown_key_codes_are_refused_without_customer_request(
    api_server: DemoServer, device_token: str
) -> None:
    _, loyalty = rich_customer(api_server)
    signer = loyalty_signer(api_server)
    now = int(time.time())
    expired, _, _ = signer.issue(loyalty, ttl_s=60, now=now - 3600)
    forged = sign_code(
        "LOY1",
        {"n": loyalty, "iat": now, "exp": now + 60, "kid": signer.kid, "jti": "f1"},
        Ed25519PrivateKey.generate(),
    )
    unknown_key = sign_code(
        "LOY1",
        {"n": loyalty, "iat": now, "exp": now + 60, "kid": "loy-other", "jti": "f2"},
        Ed25519PrivateKey.generate(),
    )

    async def scenario() -> None:
        svc = service(api_server, device_token)
        counting = Counting(svc.api.client)
        await svc.verifier.keys()
        assert counting.count == 1
        for code, reason in ((expired, RefusalReason.EXPIRED), (forged, RefusalReason.FORGED)):
            await svc.open_destination(route(code))
            refusal = svc.refusal.value
            assert refusal is not None and refusal.reason is reason
            assert all(isinstance(svc.panel(n).state.value, Idle) for n in PANELS)
        assert counting.count == 1  # no customer request at all
        await svc.open_destination(route(unknown_key))
        refusal = svc.refusal.value
        assert refusal is not None and refusal.reason is RefusalReason.FORGED
        assert counting.count == 2 and svc.verifier.fetch_count == 2  # keys again, once
        await svc.api.client.aclose()

    run(scenario())


def test_refusal_clears_the_previous_customer(api_server: DemoServer, device_token: str) -> None:
    number, loyalty = rich_customer(api_server)
    expired, _, _ = loyalty_signer(api_server).issue(loyalty, now=int(time.time()) - 3600)

    async def scenario() -> None:
        svc = service(api_server, device_token)
        await svc.open_customer(number)
        assert isinstance(svc.cart.state.value, Loaded)
        await svc.open_signed_code(expired)
        assert svc.current.value is None
        assert all(isinstance(svc.panel(n).state.value, Idle) for n in PANELS)
        await svc.api.client.aclose()

    run(scenario())


def test_kiosk_sees_only_its_own_masked_data(
    api_server: DemoServer, device_token: str, kiosk_token: str
) -> None:
    number, loyalty = rich_customer(api_server)

    async def scenario() -> None:
        associate = service(api_server, device_token)
        code = (await associate.api.issue_loyalty_code(number)).code
        await associate.api.client.aclose()
        svc = service(api_server, kiosk_token, mode="kiosk")
        counting = Counting(svc.api.client)
        await svc.open_card(loyalty)  # a bare card number is no proof at a kiosk
        refusal = svc.refusal.value
        assert refusal is not None and refusal.reason is RefusalReason.CARD_NOT_ACCEPTED
        assert counting.count == 0
        assert await svc.search("martin") is None
        assert counting.count == 0
        await svc.open_destination(route(code))
        profile = svc.profile.state.value
        assert isinstance(profile, Loaded)
        p = profile.value
        assert p.masked and p.addresses == [] and p.customer_number == ""
        assert display_name(p) == f"{p.first_name} {p.last_name}" and p.last_name.endswith(".")
        assert "•••@" in p.email and loyalty not in p.loyalty_number
        assert isinstance(svc.cart.state.value, Loaded)
        assert isinstance(svc.recommendations.state.value, Loaded)
        assert isinstance(svc.orders.state.value, Idle)
        assert isinstance(svc.open_orders.state.value, Idle)
        await svc.api.client.aclose()

    run(scenario())


def test_masking_rules() -> None:
    assert mask_name("Marie", "Dupont") == "Marie D."
    assert mask_name("Élodie", "  ") == "Élodie"
    assert mask_email("marie.dupont@example.com") == "m•••@example.com"
    assert mask_email("nonsense") == "•••"
    assert mask_phone("+33 6 12 34 56 78") == "••••••••78"
    assert mask_phone("12") == "••••"
