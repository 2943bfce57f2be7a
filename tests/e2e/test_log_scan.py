"""Nothing the app writes contains a token, a PIN, a badge or a customer's e-mail/phone.

An e2e-ish run with logging at DEBUG into a file, on the real app wiring: enrollment with
the device token in the (test) OS keyring, the config file in the config folder, staff
sign-in by badge + PIN on the gate, a customer opened by loyalty card, a manager approval,
a write through the outbox, a careless debug log of the auth headers, sign-out. Then every
file under the test's home (config, data, cache, state), the log and the outbox database
are read and searched for the actual secret values.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from PySide6.QtCore import Qt

from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.config import load_settings, update_config_file
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.scan_hub import Scan
from kiosk_app.kernel.security.credentials import KeyringCredentialStore
from kiosk_app.kernel.security.enrollment import start_secure_device_session
from kiosk_app.kernel.security.redaction import RedactingFilter, install_log_redaction
from kiosk_app.kernel.security.staff_session import Approval, StaffSession
from kiosk_app.shell.kiosk_lockdown import IdleSettings, install_security
from kiosk_app.ui.approval_dialog import StaffApprovalDialog
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import make_window, settle

log = logging.getLogger("kiosk_app.e2e")


@pytest.fixture
def debug_log(isolated_dirs: Path) -> Iterator[Path]:
    path = isolated_dirs / "state" / "omnistore-kiosk" / "log" / "kiosk-app.log"
    path.parent.mkdir(parents=True)
    install_log_redaction()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(previous)
    handler.close()


@pytest.fixture
def os_keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


def customer(server: DemoServer) -> tuple[str, str, str, str]:
    path = server.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        row: tuple[str, str, str, str] = con.execute(
            "select customer_number, loyalty_number, email, phone from customers "
            "order by id desc limit 1 offset 3"
        ).fetchone()
    return row


async def _others_done() -> None:
    me = asyncio.current_task()
    others = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
    if others:
        await asyncio.wait(others, timeout=10)


def everything_written(home: Path) -> str:
    texts = []
    for root, _dirs, files in os.walk(home):
        for name in files:
            data = (Path(root) / name).read_bytes()
            texts.append(data.decode("utf-8", "replace"))
            texts.append(data.decode("utf-16-le", "replace"))  # SQLite may hold UTF-16
    return "\n".join(texts)


def test_a_whole_session_leaves_no_secret_in_any_file(
    qtbot: Any,
    qloop: asyncio.AbstractEventLoop,
    api_server: DemoServer,
    isolated_dirs: Path,
    debug_log: Path,
    os_keyring: MemoryKeyring,
) -> None:
    url = api_server.url
    config = isolated_dirs / "config" / "omnistore-kiosk" / "config.toml"
    update_config_file(config, {"api_url": url, "store_code": "PAR01", "mode": "associate"})
    settings = load_settings(environ={"KIOSK_ENROLLMENT_TOKEN": "demo-enrollment"})
    data_dir = isolated_dirs / "data" / "omnistore-kiosk"
    data_dir.mkdir(parents=True)

    async def identify() -> str:
        client = ApiClient(url)
        try:
            await start_secure_device_session(client, settings, KeyringCredentialStore())
            return client.auth_headers()["Authorization"].removeprefix("Bearer ")
        finally:
            await client.aclose()

    device_token = qloop.run_until_complete(identify())
    window = make_window(qtbot, url, device_token, data_dir=data_dir)
    client = window.services.client
    session = StaffSession(client)
    ui = install_security(window, session, IdleSettings())
    gate = ui.gate
    assert gate is not None

    window.services.scans.deliver(Scan("OSB1-A102PAR1", "wedge"))
    qtbot.keyClicks(gate.screen.form.pin, "7395")
    qtbot.mouseClick(gate.screen.form.submit_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: not gate.covering)
    staff_token = client.auth_headers()["X-Staff-Token"]
    log.debug("careless debug of the request headers: %s", client.auth_headers())
    log.info("staff token %s for %s", staff_token, "someone")

    number, loyalty, email, phone = customer(api_server)
    window.services.scans.deliver(Scan(loyalty, "wedge"))
    screen = window.flows["customer"].screen()
    settle(
        qloop, lambda: any(email in w.text() for w in screen.findChildren(type(gate.staff_label)))
    )
    log.debug("customer on screen: %s / %s", email, phone)

    approvals: list[Approval] = []
    dialog = StaffApprovalDialog("test", window, scans=window.services.scans)
    dialog.approve_with(session, "return.over_threshold", "W00000003")
    dialog.approved.connect(approvals.append)
    dialog.open()
    window.services.scans.deliver(Scan("OSB1-M101PAR1", "wedge"))
    qtbot.keyClicks(dialog.form.pin, "8642")
    qtbot.mouseClick(dialog.form.submit_button, Qt.MouseButton.LeftButton)
    settle(qloop, lambda: bool(approvals))
    approval_token = approvals[0].token
    log.debug("approval %s", {"approval_token": approval_token, "pin": "8642"})

    # a search typed by the associate: the e-mail goes URL-encoded into the query string
    qloop.run_until_complete(client.get("/v1/customers", {"q": email}))

    outbox, sync = window.services.outbox, window.services.sync
    assert outbox is not None and sync is not None
    outbox.append("loyalty.issue", "POST", f"/v1/customers/{number}/loyalty-code", {})
    # a guest's order: their contact and address wait in the outbox until it is delivered
    guest_email, street = "zoe.guest-unique@example.com", "77 rue Inventee-Privee"
    lines = [{"sku": _sku_in_warehouse(api_server), "quantity": 1}]
    home = {
        "type": "home",
        "address": {
            "name": "Zoe Guest",
            "line1": street,
            "postcode": "69003",
            "city": "Lyon",
            "country": "FR",
        },
    }
    options = qloop.run_until_complete(
        client.post("/v1/fulfilment-options", {"lines": lines, "destination": home})
    )
    outbox.append(
        "endless_aisle.create_order",
        "POST",
        "/v1/endless-aisle/orders",
        {
            "lines": lines,
            "destination": home,
            "option_id": options["options"][0]["id"],
            "customer": {"guest": {"email": guest_email, "consent": False}},
        },
    )
    summary = qloop.run_until_complete(sync.drain())
    assert summary.delivered == 2

    qloop.run_until_complete(session.sign_out())
    qloop.run_until_complete(_others_done())  # the screens' own loads, before closing
    window.close()
    qloop.run_until_complete(client.aclose())
    outbox.close()
    for handler in logging.getLogger().handlers:
        handler.flush()

    written = everything_written(isolated_dirs)
    log_text = debug_log.read_text(encoding="utf-8")
    assert "careless debug" in log_text and "customer on screen" in log_text  # it did log
    assert (data_dir / "outbox.db").exists() and config.exists()
    secrets = {
        "device token": device_token,
        "staff token": staff_token,
        "approval token": approval_token,
        "enrollment token": "demo-enrollment",
        "badge": "OSB1-A102PAR1",
        "manager badge": "OSB1-M101PAR1",
        "customer e-mail": email,
        "customer phone": phone,
        "customer phone digits": phone[-8:],
        "customer e-mail in a URL": quote(email, safe=""),
        "guest e-mail (delivered order)": guest_email,
        "guest street (delivered order)": street,
    }
    leaked = {what: value for what, value in secrets.items() if value in written}
    assert leaked == {}, f"found in the files: {sorted(leaked)}"
    for pin in ("7395", "8642"):
        assert not re.search(rf"(?i)pin\W{{0,6}}{pin}", written), pin
    assert os_keyring.secrets  # the device token is in the (test) OS keyring instead
    assert "GET /v1/customers -> 200" in log_text  # the client logs the route, not the URL
    # what holds personal data is readable by this user only
    for private in (data_dir / "outbox.db", data_dir / "outbox.db-wal"):
        if private.exists():
            assert private.stat().st_mode & 0o077 == 0, private


def _sku_in_warehouse(server: DemoServer) -> str:
    path = server.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        (sku,) = con.execute(
            "select p.sku from products p join stock s on s.product_id = p.id"
            " join locations l on l.id = s.location_id"
            " where l.kind = 'warehouse' and s.on_hand - s.reserved >= 5 order by p.id limit 1"
        ).fetchone()
    return str(sku)
