"""Someone with a copy of the database file gets no usable secret.

A real demo server enrolls devices, signs staff in, issues approvals, a loyalty code and a
pickup QR; then a copy of its SQLite file (made with SQLite's backup, so that what is still in
the WAL is in it too) is searched: every column of every table, for every live secret the
test was handed (tokens, codes) or that the server holds (every key in its key file, in the
encodings a key is written in). The raw bytes of the database and WAL files are searched too
(deleted rows stay in free pages). PIN hashes must be slow scrypt, and peppered: with the
salt and parameters from the copy but without the key file's pepper, no PIN gives the hash.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from central_api.demo.staff import DEMO_STAFF, demo_staff
from central_api.platform.keys import KeyRing, ed25519_public_raw
from central_api.staff.pin_hashing import hash_pin
from kiosk_app.kernel.demo_server import DemoServer
from tests.conftest import enroll, own_demo_server
from tests.support.server_keys import server_keys
from tests.support.test_database import libpq_url, on_postgres, pg_tool, query, sqlite_file

DEMO_ENROLLMENT = "demo-enrollment"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "database-copy", seed=42)


def db_file(server: DemoServer) -> Path:
    return sqlite_file(server.db_url)


def post(server: DemoServer, path: str, body: Any, headers: dict[str, str]) -> httpx.Response:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    return httpx.post(server.url + path, json=body, headers={**headers, **key}, timeout=30)


def live_secrets(server: DemoServer) -> dict[str, str]:
    """Use the server as a store would, keeping every secret it answers."""
    found: dict[str, str] = {}
    enroll_body = {
        "enrollment_token": DEMO_ENROLLMENT,
        "store_code": "PAR01",
        "mode": "associate",
        "device_name": "copy-test",
    }
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = httpx.post(server.url + "/v1/devices/enroll", json=enroll_body, headers=key)
    replay = httpx.post(server.url + "/v1/devices/enroll", json=enroll_body, headers=key)
    assert first.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json()["token"] == first.json()["token"]  # a lost answer is not lost
    device = found["device token"] = first.json()["token"]
    found["kiosk token"] = enroll(server.url, mode="kiosk")
    issued = subprocess.run(
        [sys.executable, "-m", "central_api.admin", "--db", server.db_url, "enrollment", "issue"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    found["issued enrollment token"] = issued.stdout.strip()
    bearer = {"Authorization": f"Bearer {device}"}
    by_id = post(server, "/v1/staff/sessions", {"staff_id": "A101", "pin": "4821"}, bearer)
    assert by_id.status_code == 201, by_id.text
    found["staff token (id)"] = by_id.json()["token"]
    badge = {"badge": demo_staff("A102").badge, "pin": demo_staff("A102").pin}
    by_badge = post(server, "/v1/staff/sessions", badge, bearer)
    assert by_badge.status_code == 201, by_badge.text
    staff = found["staff token (badge)"] = by_badge.json()["token"]
    signed_in = {**bearer, "X-Staff-Token": staff}
    approval = {"staff_id": "M101", "pin": "8642", "action": "return.outside_window"}
    approved = post(server, "/v1/staff/approvals", {**approval, "subject": "W1"}, signed_in)
    assert approved.status_code == 201, approved.text
    found["staff approval token"] = approved.json()["approval_token"]
    manager = {"manager_id": "M001", "pin": "2468", "order_number": "W00000001"}
    returns = httpx.post(server.url + "/v1/returns/approvals", json=manager, headers=signed_in)
    assert returns.status_code == 200, returns.text
    found["return approval token"] = returns.json()["approval_token"]
    ((customer, order),) = query(
        server.db_url,
        "SELECT c.customer_number, o.number FROM pickups p JOIN orders o ON o.id = p.order_id"
        " JOIN customers c ON c.id = o.customer_id JOIN locations l ON l.id = p.store_id"
        " WHERE l.code = 'PAR01' ORDER BY p.id LIMIT 1",
    )
    code = post(server, f"/v1/customers/{customer}/loyalty-code", {}, signed_in)
    assert code.status_code == 201, code.text
    found["loyalty code"] = code.json()["code"]
    qr = post(server, f"/v1/pickups/{order}/qr", {}, signed_in)
    assert qr.status_code == 200, qr.text
    found["pickup QR"] = qr.json()["token"]
    return found


def key_encodings(ring: KeyRing) -> dict[str, bytes]:
    """Every key of the key file in the ways it could be written: raw, hex, base64(url)."""
    found: dict[str, bytes] = {}
    for purpose, keys in ring.keys.items():
        for key in keys:
            raw = key.secret
            for name, value in (
                ("raw", raw),
                ("hex", raw.hex().encode()),
                ("base64", base64.b64encode(raw).rstrip(b"=")),
                ("base64url", base64.urlsafe_b64encode(raw).rstrip(b"=")),
            ):
                found[f"{purpose} key {key.kid} ({name})"] = value
    return found


def copy_of(server: DemoServer, target: Path) -> Path:
    """A copy as someone would take it: SQLite's backup of the file (what is still in the WAL
    too), or ``pg_dump`` of the PostgreSQL database."""
    if on_postgres():
        dump = subprocess.run(
            [pg_tool("pg_dump"), "--no-owner", "--dbname", libpq_url(server.db_url)],
            capture_output=True,
            timeout=120,
            check=True,
        )
        target.write_bytes(dump.stdout)
        return target
    source = sqlite3.connect(f"file:{db_file(server)}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def every_value(path: Path) -> Iterator[tuple[str, bytes]]:
    """(table.column, value as bytes) for every non-null value of every table (the whole
    dump at once for PostgreSQL: every table's rows are in it)."""
    if on_postgres():
        yield "pg_dump", path.read_bytes()
        return
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    data = value if isinstance(value, bytes) else str(value).encode()
                    yield f"{table}.{column}", data


def test_a_copy_of_the_database_holds_no_usable_secret(server: DemoServer, tmp_path: Path) -> None:
    secrets = {name: value.encode() for name, value in live_secrets(server).items()}
    secrets |= key_encodings(server_keys(server))
    secrets[DEMO_ENROLLMENT] = DEMO_ENROLLMENT.encode()
    for person in DEMO_STAFF:
        secrets[f"badge of {person.staff_id}"] = person.badge.encode()
    copy = copy_of(server, tmp_path / "copy.db")
    leaks = {
        f"{name} in {where}"
        for where, data in every_value(copy)
        for name, secret in secrets.items()
        if secret in data
    }
    assert not leaks
    if on_postgres():
        return  # the raw files below are SQLite's own
    raw_files = [db_file(server), db_file(server).with_name(db_file(server).name + "-wal")]
    on_disk = b"".join(path.read_bytes() for path in raw_files if path.exists())
    assert not {name for name, secret in secrets.items() if secret in on_disk}


def legacy_keys() -> dict[str, bytes]:
    """The keys the server used to derive from the (public) demo enrollment token."""
    token = DEMO_ENROLLMENT.encode()
    return {
        name: hashlib.sha256(label + token).digest()
        for name, label in (
            ("staff token seal", b"staff-token-seal\x00"),
            ("return approval", b"return-approval\x00"),
            ("request fingerprint", b"staff-request-fingerprint\x00"),
        )
    }


def test_sealed_replies_do_not_open_with_keys_made_from_public_values(
    server: DemoServer, tmp_path: Path
) -> None:
    live_secrets(server)
    bodies = [
        json.loads(b)
        for (b,) in query(server.db_url, "SELECT response_body FROM idempotency_records")
    ]
    sealed = [
        (field.removeprefix("sealed_"), value)
        for body in bodies
        if isinstance(body, dict)
        for field, value in body.items()
        if field.startswith("sealed_")
    ]
    fields = {field for field, _ in sealed}
    assert {"token", "approval_token", "code"} <= fields
    for field, value in sealed:
        blob = value.partition(".")[2] or value  # "<kid>.<blob>" (or, before, just the blob)
        raw = base64.urlsafe_b64decode(blob + "=" * (-len(blob) % 4))
        for name, key in legacy_keys().items():
            for aad in (b"staff-token", field.encode()):
                with pytest.raises(InvalidTag):
                    AESGCM(key).decrypt(raw[:12], raw[12:], aad)
                    pytest.fail(f"a sealed {field} opens with the {name} key")


def test_pin_hashes_are_slow_scrypt_and_peppered(server: DemoServer, tmp_path: Path) -> None:
    stored = dict(query(server.db_url, "SELECT staff_id, pin_hash FROM staff_members"))
    ring = server_keys(server)
    pepper_ids = {key.kid for key in ring.keys["pepper"]}
    for person in DEMO_STAFF:
        scheme, n, r, p, pepper_id, salt, digest = stored[person.staff_id].split("$")
        assert scheme == "scrypt" and int(n) >= 2**15 and int(r) >= 8 and int(p) >= 1
        assert pepper_id in pepper_ids
        unpeppered = hashlib.scrypt(
            person.pin.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=128 * 1024 * 1024,
        )
        assert unpeppered != base64.b64decode(digest)  # the copy alone does not check a guess
    salts = {value.split("$")[-2] for value in stored.values()}
    assert len(salts) == len(stored)  # one random salt each
    pepper = ring.current("pepper")
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        hash_pin("4821", pepper)
        timings.append(time.perf_counter() - started)
    assert min(timings) >= 0.05, timings  # each guess costs at least 50 ms


def test_the_published_loyalty_key_is_the_key_files(server: DemoServer) -> None:
    """The Ed25519 public keys published are those of the key file's (random) keys."""
    ring = server_keys(server)
    token = enroll(server.url)
    published = httpx.get(
        server.url + "/v1/loyalty/keys", headers={"Authorization": f"Bearer {token}"}
    ).json()["keys"]
    expected = base64.urlsafe_b64encode(ed25519_public_raw(ring.current("loyalty").secret))
    assert published[0]["public_key"] == expected.rstrip(b"=").decode()
