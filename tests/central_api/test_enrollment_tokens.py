"""Enrollment tokens expire on the server and IT can revoke them (and devices)."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from tests.conftest import own_demo_server
from tests.support.test_database import server_db_url

PROBLEM = "https://api.omnistore.example/problems/"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from own_demo_server(tmp_path_factory, "enrollment-tokens", seed=42)


def enroll(server: DemoServer, token: str, key: str | None = None) -> httpx.Response:
    body = {"enrollment_token": token, "store_code": "PAR01", "mode": "kiosk", "device_name": "k"}
    headers = {"Idempotency-Key": key or str(uuid.uuid4())}
    return httpx.post(server.url + "/v1/devices/enroll", json=body, headers=headers, timeout=20)


def admin(server: DemoServer, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "central_api.admin", "--db", server.db_url, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def refused(response: httpx.Response) -> bool:
    return response.status_code == 401 and response.json()["type"] == (
        PROBLEM + "invalid-enrollment-token"
    )


def test_an_expired_enrollment_token_no_longer_enrolls(tmp_path: Path) -> None:
    db_url = server_db_url(tmp_path)
    extra = ["--enrollment-token-hours", "0"]
    with start_demo_server(db_url=db_url, extra_args=extra) as expired:
        assert refused(enroll(expired, "demo-enrollment"))
        fresh = admin(expired, "enrollment", "issue", "--hours", "1")
        assert fresh.startswith("enr_") and enroll(expired, fresh).status_code == 201


def test_a_revoked_enrollment_token_no_longer_enrolls(server: DemoServer) -> None:
    token = admin(server, "enrollment", "issue", "--label", "store PAR01 roll-out")
    key = str(uuid.uuid4())
    first = enroll(server, token, key)
    assert first.status_code == 201, first.text
    assert admin(server, "enrollment", "revoke", token) == "revoked"
    assert refused(enroll(server, token))
    assert refused(enroll(server, token, key))  # not even a replay of its answer
    device = {"Authorization": f"Bearer {first.json()['token']}"}
    assert httpx.get(server.url + "/v1/devices/me", headers=device).status_code == 200
    assert enroll(server, "demo-enrollment").status_code == 201  # other tokens still work


def test_a_revoked_device_token_stops_working(server: DemoServer) -> None:
    enrolled = enroll(server, "demo-enrollment").json()
    assert admin(server, "devices", "revoke", enrolled["device_id"]) == "revoked"
    device = {"Authorization": f"Bearer {enrolled['token']}"}
    answer = httpx.get(server.url + "/v1/devices/me", headers=device)
    assert answer.status_code == 401 and answer.json()["type"] == PROBLEM + "invalid-token"
