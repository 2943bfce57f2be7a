"""A hand-over confirmed by a signed-in associate, queued, and sent after they signed out.

The outbox write carries a staff proof made on the device when the associate confirmed
(``kiosk_app.kernel.security.action_proof``): ``kiosk-app outbox sync``, run later as a real
process with nobody signed in, delivers it and the server records that associate. A proof
altered, moved to another write or too old is refused.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy

from kiosk_app.flows.pickup.api import complete_path
from kiosk_app.flows.pickup.session import PickupKeyring, PickupSession, Step
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.config import toml_value
from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from kiosk_app.kernel.outbox import EntryStatus, Outbox
from kiosk_app.kernel.outbox.http_sender import occurred_at
from kiosk_app.kernel.security.action_proof import PROOF_FIELD, ActionProofKey
from kiosk_app.kernel.security.staff_session import StaffSession
from tests.central_api.postgres_cluster import postgres_url, unavailable_reason
from tests.conftest import enroll, own_demo_server, run

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    # as in a store: staff actions need a signed-in person (or, queued, their proof)
    yield from own_demo_server(tmp_path_factory, "staff-proof", seed=42, staff_sign_in="required")


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def pg_server() -> Iterator[DemoServer]:
    reason = unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    with (
        postgres_url() as url,
        start_demo_server(db_url=url, timeout_s=120, staff_sign_in="required") as server,
    ):
        yield server


@pytest.fixture(scope="module")
def back_office(server: DemoServer) -> dict[str, str]:
    return _back_office(server)


def _back_office(server: DemoServer) -> dict[str, str]:
    """Another PAR01 device with a manager signed in: sets the scene, reads the result."""
    token = enroll(server.url)
    headers = {**_auth(token), "Idempotency-Key": str(uuid.uuid4())}
    body = {"staff_id": "M101", "pin": "8642"}
    answer = httpx.post(f"{server.url}/v1/staff/sessions", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    return {**_auth(token), "X-Staff-Token": answer.json()["token"]}


def _ready_orders(server: DemoServer, headers: dict[str, str]) -> list[str]:
    rows = httpx.get(server.url + "/v1/pickups", params={"status": "ready"}, headers=headers).json()
    return [r["order_number"] for r in rows if r["verification_method"] != "id_check"]


def _qr(server: DemoServer, office: dict[str, str], number: str) -> str:
    headers = {**office, "Idempotency-Key": str(uuid.uuid4())}
    r = httpx.post(f"{server.url}/v1/pickups/{number}/qr", json={}, headers=headers)
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


async def _hand_over(session: PickupSession, qr: str) -> None:
    state = await session.open_qr(qr)
    assert state.step is Step.ITEMS, state.message
    for line in state.lines:
        for _ in range(line.quantity):
            assert session.scan_item(line.gtin)
    assert session.to_handover()


def _set_active(server: DemoServer, staff_id: str, active: bool) -> None:
    """What IT does when someone leaves (no API for it): the staff record, inactive."""
    engine = sqlalchemy.create_engine(server.db_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                sqlalchemy.text("UPDATE staff_members SET active = :a WHERE staff_id = :s"),
                {"a": active, "s": staff_id},
            )
    finally:
        engine.dispose()


def _sync_cli(tmp_path: Path, server: DemoServer, token: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.write_text(
        f"api_url = {toml_value(server.url)}\n"
        f"device_token = {toml_value(token)}\n"
        f"data_dir = {toml_value(str(tmp_path / 'data'))}\n"
    )
    return subprocess.run(
        [sys.executable, "-m", "kiosk_app", "outbox", "--config", str(config), "sync"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_hand_over_queued_before_sign_out_is_delivered_with_its_associate(
    tmp_path: Path, server: DemoServer, back_office: dict[str, str]
) -> None:
    token = enroll(server.url)
    first, second, *_ = _ready_orders(server, back_office)
    qrs = {number: _qr(server, back_office, number) for number in (first, second)}
    (tmp_path / "data").mkdir()
    outbox = Outbox(tmp_path / "data" / "outbox.db")

    async def at_the_counter() -> tuple[int, int]:
        client = ApiClient(server.url, token=token, read_retries=0)
        staff = StaffSession(client)
        pickups = PickupSession(client, "PAR01", PickupKeyring(client, None), outbox, None)
        try:
            await staff.sign_in(staff_id="A101", pin="4821")
            await _hand_over(pickups, qrs[first])
            # no sync engine: the network is down, the write waits in the outbox
            confirmed = pickups.complete()
            assert confirmed is not None and PROOF_FIELD in confirmed.body
            pickups.reset()
            await _hand_over(pickups, qrs[second])
            moved = pickups.complete()
            assert moved is not None
            await staff.sign_out()
            assert not client.has_staff_token and client.action_key is None
            pickups.close()
            return confirmed.id, moved.id
        finally:
            await client.aclose()

    confirmed_id, moved_id = run(at_the_counter())
    sent = outbox.get(confirmed_id)
    assert sent is not None
    delivered_body = sent.body  # the body as sent (a delivered entry forgets part of it)
    # Someone edits the queued second write to carry the first one's (valid) proof.
    confirmed = outbox.get(confirmed_id)
    assert confirmed is not None
    with outbox._transaction() as conn:  # what a tampered outbox.db would hold
        moved = outbox.get(moved_id)
        assert moved is not None
        forged = {**moved.body, PROOF_FIELD: confirmed.body[PROOF_FIELD]}
        conn.execute(
            "UPDATE outbox_entries SET body = ? WHERE id = ?",
            (json.dumps(forged), moved_id),
        )
    outbox.close()

    result = _sync_cli(tmp_path, server, token)  # later, nobody signed in on the device
    assert f"sent #{confirmed_id}" in result.stdout, result.stdout + result.stderr
    assert f"NEEDS ATTENTION #{moved_id}" in result.stdout, result.stdout
    with Outbox(tmp_path / "data" / "outbox.db") as reopened:
        delivered = reopened.get(confirmed_id)
        refused = reopened.get(moved_id)
    assert delivered is not None and delivered.status is EntryStatus.DONE
    assert delivered.response_body["associate"] == "A101"
    assert refused is not None and refused.problem is not None
    assert refused.problem.type.endswith("invalid-staff-proof"), refused.problem

    detail = httpx.get(f"{server.url}/v1/pickups/{first}", headers=back_office).json()
    assert detail["status"] == "collected"
    assert detail["completion"]["associate"] == "A101"

    # A101 leaves; the device retries the delivered write (its answer had been lost): the
    # first answer is replayed, not refused now that the proof's author is gone.
    _set_active(server, "A101", False)
    try:
        replay = httpx.post(
            server.url + delivered.path,
            json=delivered_body,
            headers={
                **_auth(token),
                "Idempotency-Key": delivered.idempotency_key,
                "Occurred-At": occurred_at(delivered.created_at),
            },
        )
    finally:
        _set_active(server, "A101", True)
    assert replay.status_code == 200, replay.text
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json()["associate"] == "A101"
    untouched = httpx.get(f"{server.url}/v1/pickups/{second}", headers=back_office).json()
    assert untouched["status"] == "ready"


def _signed_in_key(server: DemoServer, token: str) -> tuple[ActionProofKey, float]:
    """A session's action key, and a moment while it was open (it is signed out since)."""
    headers = {**_auth(token), "Idempotency-Key": str(uuid.uuid4())}
    body = {"staff_id": "A102", "pin": "7395"}
    answer = httpx.post(f"{server.url}/v1/staff/sessions", json=body, headers=headers).json()
    key = ActionProofKey.from_api(answer["session_id"], "A102", answer["action_key"])
    assert key is not None
    moment = time.time()
    sign_out = {**headers, "Idempotency-Key": str(uuid.uuid4()), "X-Staff-Token": answer["token"]}
    r = httpx.post(f"{server.url}/v1/staff/sessions/current/sign-out", headers=sign_out)
    assert r.status_code == 200, r.text
    return key, moment


def _complete(
    server: DemoServer, token: str, number: str, proof: dict[str, str], key: str, moment: float
) -> httpx.Response:
    body: dict[str, Any] = {
        "lines": [{"line_no": 1, "picked": 1, "missing": 0, "damaged": 0, "reason": None}],
        "verification": {"method": "pickup_code", "pickup_code": "000000"},
        PROOF_FIELD: proof,
    }
    headers = {**_auth(token), "Idempotency-Key": key, "Occurred-At": occurred_at(moment)}
    return httpx.post(f"{server.url}{complete_path(number)}", json=body, headers=headers)


def test_forged_expired_or_foreign_proofs_are_refused(
    server: DemoServer, back_office: dict[str, str]
) -> None:
    key = _refusals(server, back_office)
    # The action key is derived again from the key file, never stored: not in the database.
    text = base64.urlsafe_b64encode(key.secret).rstrip(b"=")
    database = Path(server.db_url.removeprefix("sqlite:///"))
    for path in (database, Path(f"{database}-wal")):
        data = path.read_bytes() if path.exists() else b""
        assert text not in data and key.secret not in data and key.secret.hex().encode() not in data


@pytest.mark.postgres
def test_forged_expired_or_foreign_proofs_are_refused_on_postgresql(
    pg_server: DemoServer,
) -> None:
    _refusals(pg_server, _back_office(pg_server))


def _refusals(server: DemoServer, back_office: dict[str, str]) -> ActionProofKey:
    token = enroll(server.url)
    number = _ready_orders(server, back_office)[-1]
    key, now = _signed_in_key(server, token)
    path = complete_path(number)

    def problem(response: httpx.Response) -> tuple[int, str]:
        return response.status_code, str(response.json().get("type", "")).rsplit("/", 1)[-1]

    idem = str(uuid.uuid4())
    proof = key.prove("POST", path, idem, now)
    tampered = {**proof, "signature": proof["signature"][:-2] + "AA"}
    assert problem(_complete(server, token, number, tampered, idem, now)) == (
        403,
        "invalid-staff-proof",
    )
    # made for another write (another Idempotency-Key)
    assert problem(_complete(server, token, number, proof, str(uuid.uuid4()), now)) == (
        403,
        "invalid-staff-proof",
    )
    # another staff member's name on it
    other = {**proof, "staff_id": "M101"}
    assert problem(_complete(server, token, number, other, idem, now))[1] == "invalid-staff-proof"
    # the key of this device's session, sent by another device
    stranger = enroll(server.url)
    assert problem(_complete(server, stranger, number, proof, idem, now))[1] == (
        "invalid-staff-proof"
    )
    # dated after the session ended (signed out)
    after = str(uuid.uuid4())
    too_late = key.prove("POST", path, after, time.time() + 1)
    assert problem(_complete(server, token, number, too_late, after, time.time() + 1))[1] == (
        "invalid-staff-proof"
    )
    # older than the 24 h window
    old = now - 25 * 3600
    late = str(uuid.uuid4())
    expired = key.prove("POST", path, late, old)
    assert problem(_complete(server, token, number, expired, late, old)) == (
        403,
        "staff-proof-expired",
    )
    # its author has left since
    _set_active(server, "A102", False)
    try:
        gone = _complete(server, token, number, proof, idem, now)
    finally:
        _set_active(server, "A102", True)
    assert problem(gone) == (403, "invalid-staff-proof") and "no longer active" in gone.text
    # a genuine proof passes authorship: what remains is the business check (the code)
    assert problem(_complete(server, token, number, proof, idem, now)) == (
        422,
        "wrong-pickup-code",
    )
    return key
