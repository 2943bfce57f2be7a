"""Signing keys come from the server's key file (0600), never from a public value; rotation.

Real servers on their own SQLite files; the key file is the one the server keeps beside it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import inspect

from central_api.app import prepare_database
from central_api.pickups.qr import PickupSigner
from central_api.platform.db import Database
from central_api.platform.keys import default_key_file, load_key_file
from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from kiosk_app.kernel.scan.signed_codes import b64url_decode, sign_code, verify_signed_code
from tests.conftest import enroll, own_demo_server
from tests.support.test_database import (
    engine_for,
    key_file_of,
    query,
    server_db_url,
    sqlite_only,
)

PROBLEM = "https://api.omnistore.example/problems/"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "server-keys", seed=42)


def client(server: DemoServer, mode: str = "associate") -> httpx.Client:
    token = enroll(server.url, mode=mode)
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=20
    )


def a_loyalty_number(server: DemoServer) -> tuple[str, str]:
    ((number, loyalty),) = query(
        server.db_url, "SELECT customer_number, loyalty_number FROM customers ORDER BY id LIMIT 1"
    )
    return str(number), str(loyalty)


def enroll_body() -> dict[str, str]:
    return {
        "enrollment_token": "demo-enrollment",
        "store_code": "PAR01",
        "mode": "associate",
        "device_name": "rotation",
    }


def seed_derived_key(seed: int = 42) -> Ed25519PrivateKey:
    """The LOY1 key the demo used to derive from its (public) seed."""
    secret = hashlib.sha256(f"omnistore-loyalty-signing-key:{seed}".encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(secret)


def published(http: httpx.Client, path: str) -> dict[str, Ed25519PublicKey]:
    keys = http.get(path).json()["keys"]
    return {
        k["kid"]: Ed25519PublicKey.from_public_bytes(b64url_decode(k["public_key"])) for k in keys
    }


def issue_code(http: httpx.Client, number: str) -> str:
    response = http.post(
        f"/v1/customers/{number}/loyalty-code",
        json={"ttl_s": 600},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    return str(response.json()["code"])


def test_a_loyalty_code_signed_with_the_seed_derived_key_is_refused(server: DemoServer) -> None:
    _, loyalty = a_loyalty_number(server)
    derived = seed_derived_key()
    raw = derived.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    now = int(time.time())
    with client(server) as http, client(server, "kiosk") as kiosk:
        keys = published(http, "/v1/loyalty/keys")
        assert raw not in {k.public_bytes(Encoding.Raw, PublicFormat.Raw) for k in keys.values()}
        for kid in (*keys, "loy-" + hashlib.sha256(raw).hexdigest()[:8]):
            claims = {"n": loyalty, "iat": now, "exp": now + 60, "kid": kid, "jti": "forged"}
            forged = sign_code("LOY1", claims, derived)
            refused = kiosk.get("/v1/loyalty/resolve", params={"code": forged})
            assert refused.status_code == 403, refused.text
            assert refused.json()["type"] == PROBLEM + "invalid-loyalty-code"


def test_keys_live_in_a_0600_key_file_not_in_the_database(server: DemoServer) -> None:
    key_file = key_file_of(server.db_url)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    tables = set(inspect(engine_for(server.db_url)).get_table_names())
    assert "pickup_signing_keys" not in tables  # the pickup QR key was kept raw there


def test_two_servers_with_the_same_seed_have_different_keys(
    server: DemoServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with client(server) as http:
        first = set(published(http, "/v1/loyalty/keys")) | set(published(http, "/v1/pickups/keys"))
    for other in own_demo_server(tmp_path_factory, "server-keys-other", seed=42):
        with client(other) as http:
            again = published(http, "/v1/loyalty/keys") | published(http, "/v1/pickups/keys")
        assert not first & set(again)


def test_a_key_file_others_may_read_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "central.db"
    key_file = tmp_path / "keys.json"
    key_file.write_text("{}")
    os.chmod(key_file, 0o644)
    command = [sys.executable, "-m", "central_api", "--port", "0", "--db", f"sqlite:///{db}"]
    refused = subprocess.run(
        [*command, "--key-file", str(key_file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 2 and "chmod 600" in refused.stderr


def admin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "central_api.admin", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_rotation_publishes_both_keys_and_old_codes_verify_until_they_expire(
    tmp_path: Path,
) -> None:
    db_url = server_db_url(tmp_path)
    enrollment = {"json": enroll_body(), "headers": {"Idempotency-Key": str(uuid.uuid4())}}
    with start_demo_server(db_url=db_url) as before, client(before) as http:
        enrolled = httpx.post(before.url + "/v1/devices/enroll", **enrollment)
        number, loyalty = a_loyalty_number(before)
        old_code = issue_code(http, number)
        old_kids = set(published(http, "/v1/loyalty/keys"))
        old_pickup_kids = set(published(http, "/v1/pickups/keys"))
    rotated = admin("--db", db_url, "keys", "rotate")
    assert rotated.returncode == 0, rotated.stderr
    with start_demo_server(db_url=db_url) as after, client(after) as http:
        keys = published(http, "/v1/loyalty/keys")
        assert old_kids < set(keys) and len(keys) == 2  # the old key still published
        assert old_pickup_kids < set(published(http, "/v1/pickups/keys"))
        new_code = issue_code(http, number)
        for code in (old_code, new_code):  # the app verifies both offline, the server too
            verified = verify_signed_code(code, keys, time.time(), expected_prefix="LOY1")
            assert verified.claims["n"] == loyalty
            with client(after, "kiosk") as kiosk:
                resolved = kiosk.get("/v1/loyalty/resolve", params={"code": code})
            assert resolved.status_code == 200, resolved.text
        assert (
            verify_signed_code(new_code, keys, time.time(), expected_prefix="LOY1").kid
            not in old_kids
        )
        # the sealed answer and keyed fingerprint of the enrollment made before still replay
        again = httpx.post(after.url + "/v1/devices/enroll", **enrollment)
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.json()["token"] == enrolled.json()["token"]
        # a PIN hashed with the retired pepper still signs in, and is re-hashed with the new one
        signed_in = http.post(
            "/v1/staff/sessions",
            json={"staff_id": "A101", "pin": "4821"},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert signed_in.status_code == 201, signed_in.text
    hashes = dict(query(db_url, "SELECT staff_id, pin_hash FROM staff_members"))
    current_pepper = load_key_file(default_key_file(db_url)).current("pepper").kid
    assert hashes["A101"].split("$")[4] == current_pepper
    assert hashes["A102"].split("$")[4] != current_pepper  # not signed in since


@sqlite_only  # an older server's SQLite file; the raw bytes checked are that file's
def test_a_pickup_key_an_older_server_kept_in_the_database_moves_to_the_key_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "central.db"
    legacy = Ed25519PrivateKey.generate()
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                "CREATE TABLE pickup_signing_keys (id INTEGER PRIMARY KEY, kid VARCHAR(40),"
                " private_key BLOB, created_at DATETIME)"
            )
            conn.execute(
                "INSERT INTO pickup_signing_keys (kid, private_key, created_at)"
                " VALUES ('pkp-legacy', ?, '2026-01-01')",
                (legacy.private_bytes_raw(),),
            )
    finally:
        conn.close()
    old_code = PickupSigner("pkp-legacy", legacy).sign("W1", "PAR01", 0, 2**40)
    db = Database(f"sqlite:///{path}")
    try:
        keys = prepare_database(db, None)
    finally:
        db.dispose()
    conn = sqlite3.connect(path)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert "pickup_signing_keys" not in tables
    assert legacy.private_bytes_raw() not in path.read_bytes()  # vacuumed away
    signer = PickupSigner.from_keys(load_key_file(default_key_file(f"sqlite:///{path}")))
    assert signer.kid != "pkp-legacy" and "pkp-legacy" in signer.public_keys()
    assert signer.verify(old_code)["o"] == "W1"  # e-mailed QR codes still verify
    assert keys.current("pickup").kid == signer.kid
