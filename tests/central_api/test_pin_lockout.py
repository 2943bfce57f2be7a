"""#20 lockout as a weapon: kiosks and other stores cannot lock staff out, each device is
throttled on its own, and an invented staff ID is answered exactly as a real one."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from central_api.staff.pin_lockouts import DEVICE_MAX_FAILURES, MAX_FAILURES
from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.engines import ENGINES, engine_server
from tests.central_api.test_staff_support import PROBLEM, bearer, key, sign_in
from tests.conftest import enroll


@pytest.fixture(scope="module", params=ENGINES)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoServer]:
    folder = tmp_path_factory.mktemp("lockout")
    with engine_server(str(request.param), folder, seed=42, staff_sign_in="required") as srv:
        yield srv


def attempt(url: str, device: str, staff_id: str, pin: str = "0000") -> httpx.Response:
    return httpx.post(
        url + "/v1/staff/sessions",
        json={"staff_id": staff_id, "pin": pin},
        headers={**bearer(device), **key()},
        timeout=20,
    )


def comparable(response: httpx.Response) -> tuple[int, str, dict[str, Any]]:
    body = dict(response.json())
    body.pop("locked_until", None)
    body["detail"] = re.sub(r"\d\d:\d\d", "HH:MM", str(body.get("detail")))
    return response.status_code, response.headers["content-type"], body


def test_a_kiosk_never_locks_anyone_out_and_is_throttled_on_its_own(server: DemoServer) -> None:
    url = server.url
    kiosk = enroll(url, "PAR01", "kiosk")
    allowed = DEVICE_MAX_FAILURES["kiosk"]
    answers = [attempt(url, kiosk, "M001").status_code for _ in range(allowed)]
    assert answers == [401] * allowed  # counted for the kiosk, not for M001
    throttled = attempt(url, kiosk, "Z998")  # any ID, real or not, from that kiosk
    assert throttled.status_code == 429
    assert throttled.json()["type"] == PROBLEM + "too-many-pin-attempts"
    # the regional manager still signs in on the store's tablets, another kiosk still tries
    assert sign_in(url, enroll(url, "PAR01"), "M001").status_code == 201
    assert attempt(url, enroll(url, "PAR01", "kiosk"), "M001").status_code == 401


def test_another_stores_tablet_cannot_lock_a_person_out_of_their_own_store(
    server: DemoServer,
) -> None:
    url = server.url
    elsewhere = enroll(url, "LYO01")
    answers = [attempt(url, elsewhere, "A101").status_code for _ in range(MAX_FAILURES)]
    assert answers == [401] * (MAX_FAILURES - 1) + [423]  # locked there, as any ID would be
    assert sign_in(url, enroll(url, "PAR01"), "A101").status_code == 201
    # the regional manager is locked only where the guesses were typed
    other_tablet = enroll(url, "LYO01")
    for _ in range(MAX_FAILURES):
        attempt(url, other_tablet, "M002")
    assert sign_in(url, enroll(url, "LYO01"), "M002").status_code == 423
    assert sign_in(url, enroll(url, "PAR01"), "M002").status_code == 201


def test_an_invented_id_is_answered_exactly_as_a_real_one_with_a_wrong_pin(
    server: DemoServer,
) -> None:
    url = server.url
    tablet, other = enroll(url, "PAR01"), enroll(url, "PAR01")  # each under its throttle
    real, invented = [], []
    for _ in range(MAX_FAILURES + 1):
        started = time.perf_counter()
        real.append((attempt(url, tablet, "A102"), time.perf_counter() - started))
        started = time.perf_counter()
        invented.append((attempt(url, other, "Z999"), time.perf_counter() - started))
    assert [comparable(r) for r, _ in real] == [comparable(r) for r, _ in invented]
    assert [r.status_code for r, _ in real] == [401] * (MAX_FAILURES - 1) + [423, 423]
    # the same slow PIN hash either way (a generous bound: the machine is shared)
    real_s = statistics.median(t for _, t in real)
    invented_s = statistics.median(t for _, t in invented)
    assert invented_s > real_s / 3 and real_s > invented_s / 3
