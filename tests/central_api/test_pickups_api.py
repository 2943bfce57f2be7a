"""Pickup endpoints on a dedicated real server (they change state): every refusal, the race."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from kiosk_app.kernel.scan.signed_codes import (
    PICKUP_PREFIX,
    ForgedCode,
    b64url_decode,
    verify_signed_code,
)
from tests.conftest import enroll
from tests.support.demo_data import pickup_code_of
from tests.support.test_database import server_db_url

PROBLEM = "https://api.omnistore.example/problems/"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    db_url = server_db_url(tmp_path_factory.mktemp("pickups-api"))
    with start_demo_server(db_url=db_url, seed=42, timeout_s=180) as srv:
        yield srv


class Device:
    def __init__(self, url: str, store: str = "PAR01", mode: str = "associate") -> None:
        self.url = url
        self.headers = {"Authorization": f"Bearer {enroll(url, store, mode)}"}

    def get(self, path: str, **params: str) -> httpx.Response:
        return httpx.get(self.url + path, params=params, headers=self.headers, timeout=10)

    def post(self, path: str, body: Any, key: str | None = None) -> httpx.Response:
        headers = dict(self.headers, **{"Idempotency-Key": key or str(uuid.uuid4())})
        return httpx.post(self.url + path, json=body, headers=headers, timeout=20)

    def pickups(self, status: str = "all") -> list[dict[str, Any]]:
        response = self.get("/v1/pickups", status=status)
        assert response.status_code == 200, response.text
        data: list[dict[str, Any]] = response.json()
        return data

    def detail(self, number: str) -> dict[str, Any]:
        response = self.get(f"/v1/pickups/{number}")
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()
        return data


def slug(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/problem+json")
    return str(response.json()["type"]).removeprefix(PROBLEM)


def pick(
    device: Device,
    status: str,
    taken: set[str],
    method: str | None = None,
    accept: Callable[[dict[str, Any]], bool] = lambda _detail: True,
) -> str:
    """A pickup no other test took (``accept``: its detail fits the test); running out of
    deterministic demo data fails the test, never skips it."""
    for row in device.pickups():
        if row["status"] != status or row["order_number"] in taken:
            continue
        if method and row["verification_method"] != method:
            continue
        if not accept(device.detail(row["order_number"])):
            continue
        taken.add(row["order_number"])
        return str(row["order_number"])
    raise AssertionError(f"the demo data have no {status} pickup left for this test")


def full_lines(detail: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"line_no": ln["line_no"], "picked": ln["quantity"]} for ln in detail["lines"]]


def qr_for(device: Device, number: str) -> str:
    response = device.post(f"/v1/pickups/{number}/qr", {})
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


def code_of(server: DemoServer, number: str) -> str:
    """The customer's pickup code: from their email, i.e. from the database in a test."""
    return pickup_code_of(server, number)


def code_body(
    server: DemoServer, detail: dict[str, Any], code: str | None = None
) -> dict[str, Any]:
    number = detail["order_number"]
    return {
        "lines": full_lines(detail),
        "verification": {"method": "pickup_code", "pickup_code": code or code_of(server, number)},
        "associate": "Camille (A123)",
    }


TAKEN: set[str] = set()


def test_queue_puts_waiting_customers_first_then_oldest_promised(server: DemoServer) -> None:
    device = Device(server.url)
    rows = device.pickups("active")
    assert rows and {r["store_code"] for r in rows} == {"PAR01"}
    statuses = [r["status"] for r in rows]
    waiting = statuses.count("customer_waiting")
    assert waiting >= 1 and statuses[:waiting] == ["customer_waiting"] * waiting
    rest = rows[waiting:]
    assert [r["promised_at"] for r in rest] == sorted(r["promised_at"] for r in rest)
    assert {"collected", "cancelled", "expired"}.isdisjoint(statuses)
    # overdue is flagged with a reason (the demo has preparing orders past their promise)
    late = [r for r in rows if r["overdue"]]
    assert late and all(r["overdue_reason"] for r in late)
    # search by a customer's last name and by order number
    someone = rows[-1]
    last_name = someone["customer_name"].split()[-1]
    found = device.get("/v1/pickups", q=last_name.lower()).json()
    assert someone["order_number"] in [r["order_number"] for r in found]
    by_number = device.get("/v1/pickups", q=someone["order_number"][-4:]).json()
    assert someone["order_number"] in [r["order_number"] for r in by_number]
    assert slug(device.get("/v1/pickups", status="lost")) == "validation"


def test_every_status_exists_and_other_stores_are_refused(server: DemoServer) -> None:
    paris, lyon = Device(server.url), Device(server.url, "LYO01")
    assert {r["status"] for r in paris.pickups()} >= {
        "preparing",
        "ready",
        "customer_waiting",
        "collected",
        "partially_collected",
        "cancelled",
        "expired",
    }
    lyon_order = lyon.pickups()[0]["order_number"]
    response = paris.get(f"/v1/pickups/{lyon_order}")
    assert response.status_code == 422 and slug(response) == "pickup-other-store"
    assert response.json()["store_code"] == "LYO01"
    assert slug(paris.get("/v1/pickups/W99999999")) == "not-found"


def test_lookup_by_pickup_code(server: DemoServer) -> None:
    device = Device(server.url)
    number = device.pickups("ready")[0]["order_number"]
    found = device.get(f"/v1/pickups/by-code/{code_of(server, number)}")
    assert found.status_code == 200 and found.json()["order_number"] == number
    assert found.json()["lines"][0]["gtin"].isdigit()
    assert "pickup_code" not in found.json()  # the secret is never sent to devices
    wrong = device.get("/v1/pickups/by-code/000000")
    codes = {code_of(server, r["order_number"]) for r in device.pickups()}
    if "000000" not in codes:
        assert wrong.status_code == 404 and slug(wrong) == "wrong-pickup-code"


def test_the_offline_copy_has_every_collectable_pickup_in_full_and_no_code(
    server: DemoServer,
) -> None:
    from kiosk_app.flows.pickup.rules import pickup_code_digest

    device = Device(server.url)
    response = device.get("/v1/pickups/offline")
    assert response.status_code == 200, response.text
    rows = response.json()
    collectable = {
        r["order_number"] for r in device.pickups() if r["status"] in ("ready", "customer_waiting")
    }
    assert {r["order_number"] for r in rows} == collectable and collectable
    assert rows[0]["status"] == "customer_waiting"  # waiting customers first, as the queue
    for row in rows:
        code = code_of(server, row["order_number"])
        assert "pickup_code" not in row  # never the code itself: a digest
        assert row["pickup_code_digest"] == pickup_code_digest(row["order_number"], code)
        assert row["lines"] and row["lines"][0]["gtin"].isdigit()
    other_store = Device(server.url, "LYO01")
    assert all(r["store_code"] == "LYO01" for r in other_store.get("/v1/pickups/offline").json())


def test_signed_qr_verifies_offline_with_the_published_key(server: DemoServer) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    device = Device(server.url)
    number = device.pickups("ready")[0]["order_number"]
    token = qr_for(device, number)
    keys = device.get("/v1/pickups/keys").json()
    public = {
        k["kid"]: Ed25519PublicKey.from_public_bytes(b64url_decode(k["public_key"]))
        for k in keys["keys"]
    }
    code = verify_signed_code(token, public, time.time(), expected_prefix=PICKUP_PREFIX)
    assert code.claims["o"] == number and code.claims["s"] == "PAR01" and code.jti
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BA")
    with pytest.raises(ForgedCode):
        verify_signed_code(tampered, public, time.time(), expected_prefix=PICKUP_PREFIX)


def test_kiosk_checks_in_with_its_qr_but_may_never_complete(server: DemoServer) -> None:
    associate, kiosk = Device(server.url), Device(server.url, mode="kiosk")
    number = pick(associate, "ready", TAKEN)
    token = qr_for(associate, number)
    detail = associate.detail(number)
    assert slug(kiosk.get("/v1/pickups")) == "forbidden"
    refused = kiosk.post(f"/v1/pickups/{number}/check-in", {})
    assert refused.status_code == 422 and slug(refused) == "verification-required"
    checked = kiosk.post(f"/v1/pickups/{number}/check-in", {"qr_token": token})
    assert checked.status_code == 200, checked.text
    assert checked.json()["status"] == "customer_waiting"
    assert checked.json()["already_checked_in"] is False
    again = kiosk.post(f"/v1/pickups/{number}/check-in", {"qr_token": token})
    assert again.json()["already_checked_in"] is True
    queue = associate.pickups("active")
    waiting = [r["order_number"] for r in queue if r["status"] == "customer_waiting"]
    assert number in waiting and queue[0]["status"] == "customer_waiting"
    forbidden = kiosk.post(f"/v1/pickups/{number}/complete", code_body(server, detail))
    assert forbidden.status_code == 403 and slug(forbidden) == "forbidden"
    assert associate.detail(number)["status"] == "customer_waiting"


def test_check_in_with_another_orders_qr_is_refused(server: DemoServer) -> None:
    associate, kiosk = Device(server.url), Device(server.url, mode="kiosk")
    first, second = (r["order_number"] for r in associate.pickups("ready")[:2])
    response = kiosk.post(f"/v1/pickups/{first}/check-in", {"qr_token": qr_for(associate, second)})
    assert response.status_code == 422 and slug(response) == "invalid-pickup-qr"
    assert associate.detail(first)["status"] == "ready"


def test_complete_once_replay_and_second_attempt(server: DemoServer) -> None:
    device = Device(server.url)
    number = pick(device, "ready", TAKEN, "pickup_code")
    detail = device.detail(number)
    key = str(uuid.uuid4())
    first = device.post(f"/v1/pickups/{number}/complete", code_body(server, detail), key)
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "collected"
    assert first.json()["picked_units"] == detail["item_count"]
    replay = device.post(f"/v1/pickups/{number}/complete", code_body(server, detail), key)
    assert replay.status_code == 200 and replay.headers.get("Idempotent-Replayed") == "true"
    assert replay.json() == first.json()
    second = device.post(f"/v1/pickups/{number}/complete", code_body(server, detail))
    assert second.status_code == 409 and slug(second) == "pickup-already-completed"
    after = device.detail(number)
    # nobody signed in: the name in the body is not recorded as who handed over
    assert after["status"] == "collected" and after["completion"]["associate"] is None
    assert [ln["picked"] for ln in after["lines"]] == [ln["quantity"] for ln in detail["lines"]]


def test_partial_collection_needs_a_reason(server: DemoServer) -> None:
    device = Device(server.url)

    def splits(detail: dict[str, Any]) -> bool:  # two lines, or one of several units
        return len(detail["lines"]) > 1 or detail["lines"][0]["quantity"] > 1

    number = pick(device, "ready", TAKEN, "pickup_code", accept=splits)
    detail = device.detail(number)
    body = code_body(server, detail)
    first_line = detail["lines"][0]
    body["lines"][0] = {
        "line_no": first_line["line_no"],
        "picked": 0,
        "missing": first_line["quantity"],
    }
    if len(detail["lines"]) == 1:
        body["lines"][0] = {
            "line_no": 1,
            "picked": first_line["quantity"] - 1,
            "damaged": 1,
        }
    no_reason = device.post(f"/v1/pickups/{number}/complete", body)
    assert no_reason.status_code == 422 and slug(no_reason) == "invalid-pickup-lines"
    body["lines"][0]["reason"] = "not found on the shelf"
    bad_sum = dict(body, lines=[dict(body["lines"][0], picked=5), *body["lines"][1:]])
    assert slug(device.post(f"/v1/pickups/{number}/complete", bad_sum)) == "invalid-pickup-lines"
    missing_line = dict(body, lines=body["lines"][1:] or [dict(body["lines"][0], line_no=99)])
    assert slug(device.post(f"/v1/pickups/{number}/complete", missing_line)) == (
        "invalid-pickup-lines"
    )
    assert device.detail(number)["status"] == "ready"
    done = device.post(f"/v1/pickups/{number}/complete", body)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "partially_collected"
    assert done.json()["missing_units"] + done.json()["damaged_units"] >= 1


def test_wrong_code_wrong_method_and_wrong_qr_change_nothing(server: DemoServer) -> None:
    device = Device(server.url, "MRS01")
    by_code = pick(device, "ready", TAKEN, "pickup_code")
    detail = device.detail(by_code)
    right = code_of(server, by_code)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = device.post(f"/v1/pickups/{by_code}/complete", code_body(server, detail, wrong))
    assert response.status_code == 422 and slug(response) == "wrong-pickup-code"
    other = next(r["order_number"] for r in device.pickups("ready") if r["order_number"] != by_code)
    qr_body = dict(
        code_body(server, detail),
        verification={"method": "signed_qr", "qr_token": qr_for(device, other)},
    )
    response = device.post(f"/v1/pickups/{by_code}/complete", qr_body)
    assert slug(response) == "invalid-pickup-qr"
    no_doc = dict(code_body(server, detail), verification={"method": "id_check"})
    assert slug(device.post(f"/v1/pickups/{by_code}/complete", no_doc)) == "id-document-required"
    after = device.detail(by_code)
    assert after["status"] == "ready" and after["version"] == detail["version"]
    id_only = [r for r in device.pickups() if r["verification_method"] == "id_check"]
    id_only = [r for r in id_only if r["status"] in ("ready", "customer_waiting")]
    if id_only:
        number = id_only[0]["order_number"]
        d = device.detail(number)
        response = device.post(f"/v1/pickups/{number}/complete", code_body(server, d))
        assert slug(response) == "verification-method-not-allowed"
        assert response.json()["accepted_methods"][0] == "id_check"


def test_cancelled_expired_and_preparing_are_refused(server: DemoServer) -> None:
    device = Device(server.url)
    for status, expected in (
        ("cancelled", "pickup-cancelled"),
        ("expired", "pickup-expired"),
        ("preparing", "pickup-not-ready"),
        ("collected", "pickup-already-completed"),
    ):
        number = next(r["order_number"] for r in device.pickups() if r["status"] == status)
        detail = device.detail(number)
        response = device.post(f"/v1/pickups/{number}/complete", code_body(server, detail))
        assert response.status_code == 409 and slug(response) == expected, response.text
        assert device.detail(number)["version"] == detail["version"]


def test_two_devices_completing_at_once_exactly_one_wins(server: DemoServer) -> None:
    devices = [Device(server.url, "BOD01"), Device(server.url, "BOD01")]
    candidates = [
        r["order_number"]
        for r in devices[0].pickups()
        if r["status"] in ("ready", "customer_waiting")
        and r["verification_method"] in ("pickup_code", "signed_qr")
    ]
    assert candidates
    for number in candidates:
        detail = devices[0].detail(number)
        body = code_body(server, detail)
        barrier = threading.Barrier(2)
        answers: list[httpx.Response] = []
        lock = threading.Lock()

        def attempt(
            device: Device,
            body: dict[str, Any] = body,
            number: str = number,
            barrier: threading.Barrier = barrier,
            answers: list[httpx.Response] = answers,
            lock: threading.Lock = lock,
        ) -> None:
            barrier.wait()
            response = device.post(f"/v1/pickups/{number}/complete", body)
            with lock:
                answers.append(response)

        threads = [threading.Thread(target=attempt, args=(d,)) for d in devices]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        codes = sorted(r.status_code for r in answers)
        assert codes == [200, 409], [r.text for r in answers]
        loser = next(r for r in answers if r.status_code == 409)
        assert slug(loser) == "pickup-already-completed"
        assert devices[1].detail(number)["status"] == "collected"
