"""The event log's two promises, on SQLite and PostgreSQL: a rolled-back change emits
nothing, and a reader never skips an event whose transaction commits after later-numbered
ones were read (the flaw of a bus that numbers events when they are inserted)."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from central_api import tables
from central_api.catalog.models import Product, Stock
from central_api.events.log import StoredEvent, emit, head
from central_api.events.shapes import Event, StockTouched
from central_api.events.tail import Tail
from central_api.events.wakeups import WakeUps
from central_api.platform.db import Database
from central_api.stores.models import Location
from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.events_support import BACKENDS, Demo, EventReader, events_server, stored_ids
from tests.central_api.test_endless_aisle_support import Api

WAKE_UP_S = 10.0


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoServer]:
    with events_server(request.param, tmp_path_factory.mktemp("events-order")) as srv:
        yield srv


@pytest.fixture(scope="module")
def db(server: DemoServer) -> Iterator[Database]:
    database = Database(server.db_url)
    yield database
    database.dispose()


def _quiet_stock_row(db: Database) -> tuple[int, int, str]:
    """(location id, product id, subject) of a stock row no order of these tests touches."""
    with db.session() as s:
        row = s.execute(
            select(Stock.location_id, Stock.product_id, Product.sku, Location.code)
            .join(Product, Product.id == Stock.product_id)
            .join(Location, Location.id == Stock.location_id)
            .where(Location.code == "PAR01", ~Product.name.ilike("%chemise%"))
            .order_by(Stock.id.desc())
            .limit(1)
        ).one()
    return row.location_id, row.product_id, f"{row.sku}@{row.code}"


def test_a_rolled_back_change_emits_nothing(db: Database) -> None:
    location_id, product_id, _subject = _quiet_stock_row(db)
    receipt = (
        update(Stock)
        .where(Stock.location_id == location_id, Stock.product_id == product_id)
        .values(on_hand=Stock.on_hand + 1)
    )
    before = head(db)
    with db.write_session() as session:
        session.execute(receipt)
        emit(session, StockTouched(location_id, product_id), Event("stock.test", 1, "x"))
        session.rollback()
        session.commit()  # the session's next transaction carries nothing over
    with db.write_session() as session:
        session.execute(receipt)
        emit(session, StockTouched(location_id, product_id))
        session.close()  # ended without a commit
        session.commit()
    assert head(db) == before and stored_ids(db, before) == []
    with db.write_session() as session:
        session.execute(receipt)
        emit(session, StockTouched(location_id, product_id), StockTouched(location_id, product_id))
        session.commit()
    assert stored_ids(db, before) == [before + 1]  # two touches of one row: one event
    assert head(db) == before + 1


def test_a_database_made_without_the_log_marks_still_records_events(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'bare.db'}")
    try:
        tables.create_schema(db)  # tables only: no ``install`` (a copy, an older tool)
        with db.write_session() as session:
            emit(session, Event("order.placed", None, "E1"), Event("order.paid", None, "E1"))
            session.commit()
        assert head(db) == 2 and stored_ids(db, 0) == [1, 2]
    finally:
        db.dispose()


def test_the_tail_serves_only_what_it_holds_and_holds_it_without_a_hole(tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    tail = Tail(Database(f"sqlite:///{tmp_path / 'unused.db'}"), WakeUps(loop), capacity=3)

    def stored(*ids: int) -> list[StoredEvent]:
        return [StoredEvent(i, "stock.changed", None, f"S{i}", {}, datetime.now(UTC)) for i in ids]

    def ids_after(cursor: int) -> tuple[list[int], int] | None:
        held = tail.after(cursor)
        return None if held is None else ([e.id for e in held[0]], held[1])

    assert ids_after(0) is None  # not started
    tail.floor = tail.cursor = 10
    tail.take(stored(11, 12, 13), 13)
    assert ids_after(10) == ([11, 12, 13], 13) and ids_after(12) == ([13], 13)
    assert ids_after(13) == ([], 13)
    assert ids_after(9) is None and ids_after(14) is None  # the log itself is read
    tail.take(stored(14, 15), 15)  # over capacity: 11 and 12 go
    assert tail.floor == 12 and ids_after(11) is None and ids_after(12) == ([13, 14, 15], 15)
    loop.close()


def test_a_transaction_committing_last_is_read_after_the_later_numbered_ones(
    server: DemoServer, db: Database
) -> None:
    """A writer holds its transaction open (on PostgreSQL with a real stock change in it;
    on SQLite, whose single writer lock would stop the others, with its event only) while
    four check-ins (in parallel) and two orders commit and the reader reads them. Then it
    commits: the reader receives its event too, and every event of the log exactly once,
    in order.

    (Orders are placed one after the other: their numbers are max + 1, which concurrent
    orders on PostgreSQL collide on until the idempotent retry gives up.)"""
    api = Api.enroll(server)
    demo = Demo(server, api)
    location_id, product_id, subject = _quiet_stock_row(db)
    start = head(db)
    with EventReader(server.url, api.token) as reader:
        with db.session() as held:
            if not db.is_sqlite:
                held.execute(
                    update(Stock)
                    .where(Stock.location_id == location_id, Stock.product_id == product_id)
                    .values(on_hand=Stock.on_hand + 1)
                )
            emit(held, StockTouched(location_id, product_id))
            pickups = [demo.ready_pickup() for _ in range(4)]
            with concurrent.futures.ThreadPoolExecutor(4) as pool:
                checked_in = pool.map(lambda n: api.post(f"/v1/pickups/{n}/check-in", {}), pickups)
                assert [r.status_code for r in checked_in] == [200] * 4
            orders = [demo.place_order() for _ in range(2)]  # each with its stock
            for order in orders:
                reader.wait_type("order.placed", order["number"], WAKE_UP_S)
            assert reader.wait_events(8, WAKE_UP_S)
            read_meanwhile = list(reader.ids)
            held.commit()
        late = reader.wait_type("stock.changed", subject, WAKE_UP_S)
        end = head(db)
        assert reader.wait_for(lambda: bool(reader.ids) and reader.ids[-1] >= end, WAKE_UP_S)
    assert late.id is not None and late.id > max(read_meanwhile)  # numbered at its commit
    assert reader.ids == stored_ids(db, start)  # every event, once, in order
    assert reader.ids == list(range(start + 1, end + 1))  # and the log has no hole


def test_many_concurrent_writers_every_event_once_in_order(
    server: DemoServer, db: Database
) -> None:
    """Eight writers commit 200 transactions at once (with one or two events each, some
    rolled back) while a reader follows: it receives every committed event once, in id
    order, the log has no hole, and nothing of a rollback."""
    api = Api.enroll(server)
    start = head(db)

    def write(writer: int) -> int:
        committed = 0
        for n in range(25):
            with db.write_session() as session:
                events = [
                    Event("stock.changed", None, f"W{writer}-{n}-{k}") for k in range(n % 2 + 1)
                ]
                emit(session, *events)
                if n % 5 == 4:
                    session.rollback()
                else:
                    session.commit()
                    committed += len(events)
        return committed

    with EventReader(server.url, api.token) as reader:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            total = sum(pool.map(write, range(8)))
        assert reader.wait_events(total, 30), (len(reader.events), total)
    assert reader.ids == list(range(start + 1, start + total + 1))
    assert reader.ids == stored_ids(db, start)
    subjects = [e.data["subject"] for e in reader.events]
    assert len(set(subjects)) == total
    assert not [s for s in subjects if int(s.split("-")[1]) % 5 == 4]  # the rolled back
