"""#20: a revoked device is refused at once on every worker; an unattended associate tablet
checks nobody in without the customer's code or QR.

One real server with two worker processes, on SQLite and on PostgreSQL, the store policy
``required`` (as in a store).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.engines import ENGINES, engine_server
from tests.central_api.test_staff_support import PROBLEM, bearer, key, staff_token
from tests.conftest import enrollment


@pytest.fixture(scope="module", params=ENGINES)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoServer]:
    folder = tmp_path_factory.mktemp("revocation")
    options: dict[str, Any] = {"seed": 42, "staff_sign_in": "required", "workers": 2}
    with engine_server(str(request.param), folder, **options) as srv:
        yield srv


def enrolled(server: DemoServer, mode: str = "associate", store: str = "PAR01") -> tuple[str, str]:
    response = httpx.post(server.url + "/v1/devices/enroll", timeout=20, **enrollment(store, mode))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return str(body["device_id"]), str(body["token"])


def test_a_device_revoked_by_it_is_refused_by_the_very_next_request_on_every_worker(
    server: DemoServer,
) -> None:
    device_id, token = enrolled(server)
    # fresh connections each time: the kernel spreads them over both workers, both cache it
    for _ in range(12):
        assert httpx.get(server.url + "/v1/devices/me", headers=bearer(token)).status_code == 200
    revoke = ("devices", "revoke", device_id)
    done = subprocess.run(
        [sys.executable, "-m", "central_api.admin", "--db", server.db_url, *revoke],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "revoked"
    statuses = [
        httpx.get(server.url + "/v1/devices/me", headers=bearer(token)).status_code
        for _ in range(12)
    ]
    assert statuses == [401] * 12
    # another device is unaffected
    _other_id, other = enrolled(server)
    assert httpx.get(server.url + "/v1/devices/me", headers=bearer(other)).status_code == 200


def test_a_store_manager_revokes_a_lost_device_from_another_tablet(server: DemoServer) -> None:
    """``GET /v1/devices`` and ``POST /v1/devices/{id}/revoke``: the store's manager, signed
    in on one of its tablets, sees the store's devices and revokes one; it is refused at
    once on every worker. Not their own tablet, not another store's device, not an
    associate."""
    tablet_id, tablet = enrolled(server)
    lost_id, lost = enrolled(server, "kiosk")
    manager = bearer(tablet, staff_token(server.url, tablet, "M101"))
    listed = httpx.get(server.url + "/v1/devices", headers=manager, timeout=20)
    assert listed.status_code == 200, listed.text
    devices = {d["device_id"]: d for d in listed.json()}
    assert devices[tablet_id]["this_device"] and not devices[lost_id]["this_device"]
    assert devices[lost_id]["mode"] == "kiosk" and not devices[lost_id]["revoked"]
    assert "token" not in str(listed.json())
    for _ in range(6):  # known to both workers
        assert httpx.get(server.url + "/v1/devices/me", headers=bearer(lost)).status_code == 200
    same = key()
    path = f"{server.url}/v1/devices/{lost_id}/revoke"
    revoked = httpx.post(path, headers={**manager, **same}, timeout=20)
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked"] is True
    statuses = [
        httpx.get(server.url + "/v1/devices/me", headers=bearer(lost)).status_code
        for _ in range(12)
    ]
    assert statuses == [401] * 12
    replay = httpx.post(path, headers={**manager, **same}, timeout=20)
    assert replay.headers.get("Idempotent-Replayed") == "true"
    again = httpx.post(path, headers={**manager, **key()}, timeout=20)
    assert again.status_code == 200 and again.json()["revoked"] is True
    own = httpx.post(f"{server.url}/v1/devices/{tablet_id}/revoke", headers={**manager, **key()})
    assert own.status_code == 409 and own.json()["type"] == PROBLEM + "own-device"
    lyon_id, lyon = enrolled(server, store="LYO01")
    elsewhere = httpx.post(
        f"{server.url}/v1/devices/{lyon_id}/revoke", headers={**manager, **key()}, timeout=20
    )
    assert elsewhere.status_code == 404  # another store's device is not even named
    assert httpx.get(server.url + "/v1/devices/me", headers=bearer(lyon)).status_code == 200
    associate = bearer(tablet, staff_token(server.url, tablet, "A101"))
    refused = httpx.post(
        f"{server.url}/v1/devices/{lyon_id}/revoke", headers={**associate, **key()}, timeout=20
    )
    assert refused.status_code == 403 and refused.json()["type"] == PROBLEM + "permission-denied"
    assert httpx.get(server.url + "/v1/devices", headers=associate).status_code == 403


def ready_pickup(server: DemoServer, token: str, staff: str) -> str:
    response = httpx.get(
        server.url + "/v1/pickups", params={"status": "ready"}, headers=bearer(token, staff)
    )
    assert response.status_code == 200, response.text
    return str(response.json()[0]["order_number"])


def test_an_unattended_associate_tablet_checks_nobody_in_without_a_proof(
    server: DemoServer,
) -> None:
    _id, tablet = enrolled(server)
    staff = staff_token(server.url, tablet, "A101")
    number = ready_pickup(server, tablet, staff)
    path = f"{server.url}/v1/pickups/{number}/check-in"

    refused = httpx.post(path, json={}, headers={**bearer(tablet), **key()})
    assert refused.status_code == 403, refused.text
    assert refused.json()["type"] == PROBLEM + "staff-sign-in-required"
    detail = httpx.get(f"{server.url}/v1/pickups/{number}", headers=bearer(tablet, staff))
    assert detail.json()["status"] == "ready"

    # a wrong code is still refused; a signed-in associate may check in on the customer's word
    wrong = httpx.post(path, json={"pickup_code": "000000"}, headers={**bearer(tablet), **key()})
    assert wrong.status_code == 422
    signed_in = httpx.post(path, json={}, headers={**bearer(tablet, staff), **key()})
    assert signed_in.status_code == 200, signed_in.text
    assert signed_in.json()["status"] == "customer_waiting"
