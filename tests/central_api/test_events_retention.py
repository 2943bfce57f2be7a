"""The server's own work on the event log: events past the retention are deleted (an old
cursor then gets ``resync``), a bad setting is refused, and stopping the server ends the
open streams at once instead of waiting for them."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, update

from central_api.admin import revoke_device
from central_api.events.models import EventRow, EventSequence
from central_api.platform.db import Database
from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from tests.central_api.events_support import Demo, EventReader, events_server, stored_ids
from tests.central_api.test_endless_aisle_support import Api
from tests.support.test_database import server_db_url

RETENTION_S = 1.0


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DemoServer]:
    args = ["--events-retention-hours", str(RETENTION_S / 3600), "--events-heartbeat-s", "0.5"]
    with start_demo_server(db_url=server_db_url(tmp_path), extra_args=args, timeout_s=180) as srv:
        yield srv


def test_the_server_deletes_old_events_and_an_old_cursor_is_told_to_resync(
    server: DemoServer,
) -> None:
    api = Api.enroll(server)
    with EventReader(server.url, api.token) as reader:
        number = Demo(server, api).place_order()["number"]
        placed = reader.wait_type("order.placed", number)
    assert placed.id is not None
    db = Database(server.db_url)
    try:
        deadline = time.monotonic() + 10 * RETENTION_S
        while stored_ids(db, 0) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert stored_ids(db, 0) == []  # purged by the server itself
    finally:
        db.dispose()
    with EventReader(server.url, api.token, after=placed.id - 1) as late:
        assert late.wait_events(1)
    resync = late.events[0]
    assert resync.type == "resync" and resync.data["reason"] == "cursor-expired"
    assert resync.data["oldest_available"] > placed.id and resync.id is not None


def test_stopping_the_server_ends_its_open_streams(server: DemoServer) -> None:
    api = Api.enroll(server)
    readers = [EventReader(server.url, api.token).__enter__() for _ in range(3)]
    started = time.monotonic()
    server.stop()
    stopped_in = time.monotonic() - started
    # ended by its SIGTERM (uvicorn raises it again once shut down), not killed after 10 s
    assert server.process.returncode == -signal.SIGTERM and stopped_in < 5, stopped_in
    for reader in readers:
        reader.__exit__()
        assert reader.ended


def test_a_revoked_device_stream_ends_and_stays_closed(server: DemoServer) -> None:
    api = Api.enroll(server)
    device_id = api.get("/v1/devices/me").json()["device_id"]
    db = Database(server.db_url)
    try:
        with EventReader(server.url, api.token) as reader:
            assert revoke_device(db, device_id)
            assert reader.wait_for(lambda: reader.ended, 5)  # at its next heartbeat
    finally:
        db.dispose()
    with EventReader(server.url, api.token) as again:
        assert again.status == 401


@pytest.mark.postgres
def test_an_event_whose_wake_up_is_lost_arrives_by_the_poll(tmp_path: Path) -> None:
    """PostgreSQL: an event committed without its NOTIFY (a listener that was reconnecting
    misses it the same way) reaches the reader at its next poll."""
    with events_server("postgres", tmp_path, poll_s=1.0) as server:
        api = Api.enroll(server)
        db = Database(server.db_url)
        try:
            with EventReader(server.url, api.token) as reader, db.engine.connect() as sql:
                number = sql.execute(
                    update(EventSequence)
                    .where(EventSequence.name == "head")
                    .values(value=EventSequence.value + 1)
                    .returning(EventSequence.value)
                ).scalar_one()
                sql.execute(
                    insert(EventRow).values(
                        id=number,
                        topic="stock",
                        type="stock.changed",
                        store_id=None,
                        subject="SILENT@PAR01",
                        payload="{}",
                        created_at=datetime.now(UTC),
                    )
                )
                sql.commit()  # no NOTIFY: nothing wakes the workers
                assert reader.wait_type("stock.changed", "SILENT@PAR01", 5).id == number
        finally:
            db.dispose()


@pytest.mark.parametrize("option", ["--events-heartbeat-s", "--events-poll-s"])
def test_a_setting_that_is_not_above_zero_is_refused(option: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "central_api", "--port", "0", option, "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "must be above 0" in done.stderr
