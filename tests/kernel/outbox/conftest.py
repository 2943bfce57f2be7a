"""Fixtures of the outbox tests: the in-test ledger server and a fault proxy in front of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.kernel.outbox.idempotent_server import Ledger, ServerThread, create_app
from tests.support.faultproxy import FaultProxy


@pytest.fixture(scope="session")
def ledger_server() -> Iterator[tuple[Ledger, ServerThread]]:
    ledger = Ledger()
    server = ServerThread(create_app(ledger)).start()
    yield ledger, server
    server.stop()


@pytest.fixture
def ledger(ledger_server: tuple[Ledger, ServerThread]) -> Ledger:
    ledger_server[0].reset()
    return ledger_server[0]


@pytest.fixture
def server(ledger_server: tuple[Ledger, ServerThread]) -> ServerThread:
    return ledger_server[1]


@pytest.fixture
def proxy(server: ServerThread) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", server.port) as running:
        yield running


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "outbox.db"
