"""The reference API's read path: where handlers run, and what its caches notice."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from central_api.app import create_app, prepare_database
from central_api.customers.models import CartLine, Customer
from central_api.customers.queries import find_customer, find_customer_ids
from central_api.customers.recommendations import load_history
from central_api.orders.models import Order
from central_api.platform.db import Database
from central_api.platform.inline_reads import inline_on_sqlite
from central_api.platform.settings import ServerSettings
from tests.conftest import enrollment


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("read-path") / "central.db"
    db = Database(f"sqlite:///{path}")
    prepare_database(db, 42, "optional")
    yield db
    db.engine.dispose()


def _thread_of(db: Database) -> tuple[int, int]:
    """(the event loop's thread, the thread the wrapped handler ran in)."""

    def handler(db: Database) -> int:
        return threading.get_ident()

    async def call() -> tuple[int, int]:
        return threading.get_ident(), await inline_on_sqlite(handler)(db=db)

    return asyncio.run(call())


def test_sqlite_reads_run_on_the_loop_other_databases_in_the_pool(seeded: Database) -> None:
    loop_thread, handler_thread = _thread_of(seeded)
    assert handler_thread == loop_thread  # no hop, no GIL convoy between pool threads
    postgres = Database("postgresql+psycopg://nobody@127.0.0.1:1/none")  # never connected
    loop_thread, handler_thread = _thread_of(postgres)
    assert handler_thread != loop_thread  # a query there waits on the network: not the loop


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every API route, included routers too (FastAPI keeps those as their own router)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _api_routes(included.routes)


def test_only_plain_get_handlers_are_wrapped(seeded: Database) -> None:
    app = create_app(ServerSettings(db_url=seeded.url), seeded)
    routes = [r for r in _api_routes(app.router.routes)]
    gets = [r for r in routes if r.methods == {"GET"}]
    writes = [r for r in routes if r.methods & {"POST", "PUT", "PATCH", "DELETE"}]
    assert gets and writes
    assert all(asyncio.iscoroutinefunction(r.endpoint) for r in gets)
    wrapped_writes = [r.path for r in writes if hasattr(r.endpoint, "__wrapped__")]
    assert wrapped_writes == []  # writes keep the thread pool (they may wait for the lock)


def test_history_notices_a_cancelled_order(seeded: Database) -> None:
    with seeded.session() as s:
        before = load_history(s)
        order_id, customer_id = s.execute(
            select(Order.id, Order.customer_id)
            .where(Order.status == "delivered", Order.customer_id.is_not(None))
            .order_by(Order.id)
        ).first() or (None, None)
        assert order_id is not None and customer_id is not None
    with seeded.write_session() as s, s.begin():
        s.execute(update(Order).where(Order.id == order_id).values(status="cancelled"))
    with seeded.session() as s:
        after = load_history(s)
    assert after is not before  # recomputed: a cancelled order is no longer a purchase
    assert sum(after.bought.get(customer_id, {}).values()) < sum(
        before.bought[customer_id].values()
    )


def test_customer_ids_come_from_any_of_the_customers_numbers(seeded: Database) -> None:
    with seeded.session() as s:
        number, loyalty = s.execute(
            select(Customer.customer_number, Customer.loyalty_number).order_by(Customer.id)
        ).first() or ("", "")
        full = find_customer(s, number)  # the profile's lookup feeds the cache
        by_card = find_customer_ids(s, loyalty)
        by_number = find_customer_ids(s, number.lower())
    assert by_card == by_number
    assert (by_card.id, by_card.customer_number, by_card.loyalty_number) == (
        full.id,
        number,
        loyalty,
    )


def _screen_paths(card: str) -> list[str]:
    return [
        f"/v1/loyalty/resolve?number={card}",
        f"/v1/customers/{card}/cart",
        f"/v1/customers/{card}/orders?limit=6",
        f"/v1/customers/{card}/open-orders",
        f"/v1/customers/{card}/recommendations?limit=8",
    ]


def test_customer_screen_reads_run_prepared_core_statements(seeded: Database) -> None:
    """The five parallel reads of a scan stay off the ORM and within a dozen queries: the
    ORM layer around them was most of their server CPU (see the README)."""
    app = create_app(ServerSettings(db_url=seeded.url), seeded)
    with seeded.session() as s:
        warm, card = s.scalars(
            select(Customer.loyalty_number)
            .join(CartLine, CartLine.customer_id == Customer.id)
            .join(Order, Order.customer_id == Customer.id)
            .group_by(Customer.id)
            .order_by(Customer.id)
            .limit(2)
        ).all()
    statements: list[str] = []
    orm: list[Any] = []

    def on_statement(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        statements.append(sql)

    def on_orm(state: Any) -> None:
        orm.append(state.statement)

    async def scan(http: httpx.AsyncClient, who: str, headers: dict[str, str]) -> list[Any]:
        answers = await asyncio.gather(*(http.get(p, headers=headers) for p in _screen_paths(who)))
        assert [a.status_code for a in answers] == [200] * 5
        return [a.json() for a in answers]

    async def run() -> list[Any]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as http:
            token = (await http.post("/v1/devices/enroll", **enrollment())).json()["token"]
            headers = {"Authorization": f"Bearer {token}"}
            await scan(http, warm, headers)  # principal, stores and history now cached
            event.listen(seeded.engine, "before_cursor_execute", on_statement)
            event.listen(Session, "do_orm_execute", on_orm)
            try:
                return await scan(http, card, headers)
            finally:
                event.remove(seeded.engine, "before_cursor_execute", on_statement)
                event.remove(Session, "do_orm_execute", on_orm)

    profile, cart, orders, open_orders, recommendations = asyncio.run(run())
    assert profile["loyalty_number"] == card and profile["addresses"]
    assert cart["lines"] and orders["items"] and recommendations["items"]
    assert isinstance(open_orders, list)
    assert orm == []
    revocation_reads = [sql for sql in statements if "auth_revision" in sql]
    queries = [
        sql for sql in statements if not sql.startswith("BEGIN") and sql not in revocation_reads
    ]
    # profile 2 (customer, addresses), cart 2 (lines, stock), orders 2 (page, lines),
    # open orders 1-2, recommendations 4 (history version, cart styles, variants, products)
    assert len(queries) <= 12, queries
    # and one primary-key read per request of the revocation revision (#20: a revoked
    # device is refused at once on every worker), never more
    assert len(revocation_reads) <= 5, revocation_reads
