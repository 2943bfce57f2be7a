"""Staff sign-in over real HTTP: badge/ID + PIN, lockout, device binding, permissions,
manager approvals (another person, recorded), the store policy, nothing stored in clear."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from central_api.demo.staff import DEMO_STAFF, demo_staff
from central_api.staff.service import MAX_FAILURES
from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.test_staff_support import (
    PROBLEM,
    REQUIRED_STORE,
    bearer,
    key,
    require_staff_sign_in,
    sign_in,
    staff_token,
)
from tests.conftest import enroll
from tests.support.test_database import query as database_query


def rows(server: DemoServer, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return database_query(server.db_url, sql, *args)


@pytest.fixture(scope="module")
def mrs_device(api_server: DemoServer) -> str:
    return require_staff_sign_in(api_server)


def test_sign_in_by_id_or_badge_gives_a_device_bound_short_lived_token(
    api_server: DemoServer, mrs_device: str
) -> None:
    url = api_server.url
    by_id = sign_in(url, mrs_device, "A301")
    assert by_id.status_code == 201, by_id.text
    body = by_id.json()
    assert body["token"].startswith("stf_") and body["staff"]["role"] == "associate"
    assert body["permissions"]["pickup.complete"] == "allowed"
    assert body["permissions"]["return.over_threshold"] == "manager_approval"
    assert body["permissions"]["return.approve"] == "denied"

    by_badge = sign_in(url, mrs_device, "A301", badge=True)
    assert by_badge.status_code == 201
    token = by_badge.json()["token"]
    me = httpx.get(url + "/v1/staff/me", headers=bearer(mrs_device, token))
    assert me.status_code == 200 and me.json()["staff"]["staff_id"] == "A301"
    # the sign-in by badge ended the earlier session of this device
    old = httpx.get(url + "/v1/staff/me", headers=bearer(mrs_device, body["token"]))
    assert old.status_code == 401 and old.json()["type"] == PROBLEM + "invalid-staff-token"

    # bound to its device: useless with another device's token
    other_device = enroll(url, REQUIRED_STORE)
    stolen = httpx.get(url + "/v1/staff/me", headers=bearer(other_device, token))
    assert stolen.status_code == 401

    # signing out ends it everywhere
    out = httpx.post(
        url + "/v1/staff/sessions/current/sign-out", headers={**bearer(mrs_device, token), **key()}
    )
    assert out.status_code == 200 and out.json()["signed_out"] is True
    assert httpx.get(url + "/v1/staff/me", headers=bearer(mrs_device, token)).status_code == 401


def test_wrong_pins_lock_the_person_for_15_minutes_on_every_device_of_the_store(
    api_server: DemoServer, mrs_device: str
) -> None:
    url = api_server.url
    statuses = [sign_in(url, mrs_device, "A302", pin="0000") for _ in range(MAX_FAILURES)]
    assert [r.status_code for r in statuses[:-1]] == [401] * (MAX_FAILURES - 1)
    assert statuses[0].json()["type"] == PROBLEM + "invalid-staff-credentials"
    assert statuses[-1].status_code == 423
    assert statuses[-1].headers["content-type"].startswith("application/problem+json")
    # the right PIN does not help now, nor another device, nor the approval path
    right = sign_in(url, enroll(url, REQUIRED_STORE), "A302")
    assert right.status_code == 423 and right.json()["type"] == PROBLEM + "staff-locked"
    assert "locked_until" in right.json()
    ((failed, locked_until),) = rows(
        api_server,
        "SELECT l.failed_attempts, l.locked_until FROM staff_pin_lockouts l JOIN staff_members s"
        " ON l.ident = 'm:' || s.id WHERE s.staff_id = 'A302'",
    )
    assert failed == MAX_FAILURES and locked_until is not None
    events = rows(
        api_server,
        "SELECT e.outcome FROM staff_auth_events e JOIN staff_members s "
        "ON s.id = e.staff_member_id WHERE s.staff_id = 'A302' ORDER BY e.id",
    )
    assert [e for (e,) in events] == ["bad_credentials"] * 4 + ["locked", "locked"]


FAILURES_A303 = (
    "SELECT l.failed_attempts FROM staff_pin_lockouts l JOIN staff_members s"
    " ON l.ident = 'm:' || s.id WHERE s.staff_id = 'A303'"
)


def test_a_success_resets_the_count_and_a_replayed_key_is_not_counted_twice(
    api_server: DemoServer, mrs_device: str
) -> None:
    url = api_server.url
    person = demo_staff("A303")
    headers = {**bearer(mrs_device), **key()}
    wrong = {"staff_id": "A303", "pin": "1111"}
    first = httpx.post(url + "/v1/staff/sessions", json=wrong, headers=headers)
    replay = httpx.post(url + "/v1/staff/sessions", json=wrong, headers=headers)
    assert first.status_code == replay.status_code == 401
    assert replay.headers.get("Idempotent-Replayed") == "true"
    assert rows(api_server, FAILURES_A303) == [(1,)]
    # the same key with another PIN is another request: refused, never a free token
    other = httpx.post(
        url + "/v1/staff/sessions", json={"staff_id": "A303", "pin": person.pin}, headers=headers
    )
    assert other.status_code == 422 and other.json()["type"] == PROBLEM + "idempotency-key-reused"
    assert sign_in(url, mrs_device, "A303").status_code == 201
    assert rows(api_server, FAILURES_A303) == [(0,)]


def test_unknown_inactive_and_other_store_staff_cannot_sign_in(
    api_server: DemoServer, mrs_device: str
) -> None:
    url = api_server.url
    unknown = httpx.post(
        url + "/v1/staff/sessions",
        json={"staff_id": "Z999", "pin": "1234"},
        headers={**bearer(mrs_device), **key()},
    )
    assert unknown.status_code == 401
    assert unknown.json()["type"] == PROBLEM + "invalid-staff-credentials"
    assert sign_in(url, mrs_device, "X901").status_code == 401  # left the company
    lyon = sign_in(url, mrs_device, "A201")  # works in Lyon
    assert lyon.status_code == 403 and lyon.json()["type"] == PROBLEM + "staff-other-store"
    assert sign_in(url, mrs_device, "M001").status_code == 201  # regional manager
    no_device = httpx.post(url + "/v1/staff/sessions", json={"staff_id": "A304", "pin": "2384"})
    assert no_device.status_code == 401


def test_concurrent_wrong_pins_never_give_more_than_five_tries(
    api_server: DemoServer, mrs_device: str
) -> None:
    url = api_server.url
    results: list[int] = []

    def guess(pin: str) -> None:
        results.append(sign_in(url, mrs_device, "A304", pin=pin).status_code)

    threads = [threading.Thread(target=guess, args=(f"{n:04d}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [401] * 4 + [423] * 4
    assert sign_in(url, mrs_device, "A304").status_code == 423


def test_manager_approval_is_another_person_and_is_recorded(
    api_server: DemoServer, mrs_device: str
) -> None:
    url = api_server.url
    associate = staff_token(url, mrs_device, "A301")
    headers = bearer(mrs_device, associate)

    def approve(staff_id: str, pin: str, action: str = "return.outside_window") -> httpx.Response:
        body = {"staff_id": staff_id, "pin": pin, "action": action, "subject": "w00000001"}
        return httpx.post(url + "/v1/staff/approvals", json=body, headers={**headers, **key()})

    self_approval = approve("A301", demo_staff("A301").pin)
    assert self_approval.status_code == 403
    assert self_approval.json()["type"] == PROBLEM + "approver-must-differ"
    colleague = approve("A303", demo_staff("A303").pin)  # an associate cannot approve
    assert colleague.json()["type"] == PROBLEM + "invalid-manager-credentials"
    wrong_pin = approve("M301", "0000")
    assert wrong_pin.json()["type"] == PROBLEM + "invalid-manager-credentials"
    unknown = approve("M301", demo_staff("M301").pin, action="nuke.store")
    assert unknown.status_code == 422

    approved = approve("M301", demo_staff("M301").pin)
    assert approved.status_code == 201, approved.text
    body = approved.json()
    assert body["approver"]["staff_id"] == "M301" and body["requested_by"] == "A301"
    assert body["approval_token"].startswith("apv_") and body["subject"] == "W00000001"
    ((action, subject, approver, requester),) = rows(
        api_server,
        "SELECT a.action, a.subject, m.staff_id, r.staff_id FROM staff_approvals a "
        "JOIN staff_members m ON m.id = a.approver_id "
        "JOIN staff_members r ON r.id = a.requester_id WHERE a.approval_id = ?",
        body["approval_id"],
    )
    assert (action, subject, approver, requester) == (
        "return.outside_window",
        "W00000001",
        "M301",
        "A301",
    )

    # a trainee is denied the action itself: it cannot even ask for an approval
    trainee = staff_token(url, mrs_device, "T301")
    asked = httpx.post(
        url + "/v1/staff/approvals",
        json={"staff_id": "M301", "pin": "4729", "action": "return.create", "subject": "W1"},
        headers={**bearer(mrs_device, trainee), **key()},
    )
    assert asked.status_code == 403 and asked.json()["type"] == PROBLEM + "permission-denied"


def test_kiosk_staff_only_reach_kiosk_maintenance(api_server: DemoServer, kiosk_token: str) -> None:
    url = api_server.url
    response = sign_in(url, kiosk_token, "M001")
    assert response.status_code == 201
    permissions = response.json()["permissions"]
    assert permissions["kiosk.settings"] == "allowed"
    assert permissions["pickup.complete"] == "denied" and permissions["return.create"] == "denied"
    token = response.json()["token"]
    pickups = httpx.get(url + "/v1/pickups", headers=bearer(kiosk_token, token))
    assert pickups.status_code == 403


def test_pins_badges_and_tokens_are_not_stored_in_clear(
    api_server: DemoServer, mrs_device: str
) -> None:
    token = staff_token(api_server.url, mrs_device, "A301")
    dump = "\n".join(
        str(row)
        for table in ("staff_members", "staff_sessions", "idempotency_records", "staff_auth_events")
        for row in rows(api_server, f"SELECT * FROM {table}")
    )
    assert token not in dump
    for person in DEMO_STAFF:
        assert person.badge not in dump
        assert f'"pin": "{person.pin}"' not in dump and f"'{person.pin}'" not in dump
    hashes = rows(api_server, "SELECT pin_hash FROM staff_members")
    assert all(h.startswith("scrypt$") for (h,) in hashes)
