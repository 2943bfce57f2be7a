"""Personal data at rest and in logs (#20): what the app keeps, it keeps privately and
briefly; what it logs says what happened, not about whom."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from central_api.platform.db import Database
from kiosk_app.kernel.api.route_log import route_template
from kiosk_app.kernel.logging_setup import configure_logging
from kiosk_app.kernel.outbox import Outbox
from kiosk_app.kernel.private_files import PrivateRotatingFileHandler


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # what most desktops have: new files readable by all
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/v1/customers?q=anne.morel%40example.com", "/v1/customers"),
        ("/v1/customers/C0000004/cart", "/v1/customers/{id}/cart"),
        (
            "/v1/endless-aisle/customers/LOY1.eyJuIjoiNzgxMCJ9.c2ln",
            "/v1/endless-aisle/customers/{id}",
        ),
        ("/v1/products/sku/ST00001-GRI-L/availability", "/v1/products/sku/{id}/availability"),
        ("/v1/pickups/W00012345/complete", "/v1/pickups/{id}/complete"),
        ("/v1/devices/enroll", "/v1/devices/enroll"),
    ],
)
def test_the_client_logs_the_route_not_the_url(path: str, logged: str) -> None:
    assert route_template(path) == logged


def test_the_log_file_and_its_rotations_are_private(tmp_path: Path, open_umask: None) -> None:
    root = logging.getLogger()
    level = root.level
    try:
        file = configure_logging(tmp_path / "log", "INFO", console_level=None)
        assert file is not None
        logging.getLogger("kiosk_app.test").warning("something happened")
        assert mode(file) == 0o600
        handler = next(h for h in root.handlers if isinstance(h, PrivateRotatingFileHandler))
        handler.doRollover()
        assert mode(file) == 0o600 and mode(Path(f"{file}.1")) == 0o600
    finally:
        for handler in [h for h in root.handlers if isinstance(h, PrivateRotatingFileHandler)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)


def test_a_delivered_write_forgets_the_customer_and_the_file_is_private(
    tmp_path: Path, open_umask: None
) -> None:
    db = tmp_path / "outbox.db"
    outbox = Outbox(db)
    try:
        body = {
            "lines": [{"sku": "ST00001-GRI-L", "quantity": 1}],
            "destination": {"type": "home", "address": {"line1": "7 rue Secrete"}},
            "customer": {"guest": {"email": "zoe@example.com", "phone": "+33612345678"}},
            "order_number": "W00012345",
        }
        entry = outbox.append("endless_aisle.create_order", "POST", "/v1/x", body)
        assert mode(db) == 0o600 and mode(Path(f"{db}-wal")) == 0o600
        outbox.begin_attempt(entry.id, 1.0)
        answer = {"number": "E00000001", "delivery_address": {"name": "Zoe Guest"}}
        delivered = outbox.record_delivered(entry.id, status_code=201, body=answer, now=2.0)
        # the flow that wrote it gets the whole answer...
        assert delivered.response_body == answer and delivered.body == body
        # ...the file keeps what the sync page needs, nothing about the customer
        stored = outbox.get(entry.id)
        assert stored is not None
        assert stored.body == {
            "lines": [{"sku": "ST00001-GRI-L", "quantity": 1}],
            "destination": {"type": "home"},
            "order_number": "W00012345",
        }
        assert stored.response_body == {"number": "E00000001"}
        assert "zoe@" not in repr(delivered) and "Secrete" not in repr(delivered)
    finally:
        outbox.close()
    on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    for personal in (b"zoe@example.com", b"+33612345678", b"rue Secrete", b"Zoe Guest"):
        assert personal not in on_disk, personal


def test_the_reference_api_never_logs_query_parameters(tmp_path: Path) -> None:
    """A failing statement's error (what a 500 logs) shows no customer data."""
    db = Database(f"sqlite:///{tmp_path / 'central.db'}")
    try:
        with pytest.raises(Exception) as failure, db.engine.connect() as connection:
            connection.execute(
                text("INSERT INTO no_such_table (email) VALUES (:email)"),
                {"email": "anne.morel@example.com"},
            )
        assert "anne.morel@example.com" not in str(failure.value)
    finally:
        db.dispose()
