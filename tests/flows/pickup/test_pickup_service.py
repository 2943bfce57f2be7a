"""Pickup core services on the real server: offline QR checks and the item check rules."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import httpx

from kiosk_app.flows.pickup.session import (
    PickupKeyring,
    PickupQrRefused,
    PickupSession,
    Step,
)
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.demo_server import DemoServer
from tests.conftest import enroll, run


def _qr(api_server: DemoServer, token: str, number: str) -> str:
    r = httpx.post(
        f"{api_server.url}/v1/pickups/{number}/qr",
        json={},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())},
    )
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


def _ready(api_server: DemoServer, token: str) -> str:
    """A ready pickup a QR may verify, with several items when there is one."""
    rows = httpx.get(
        api_server.url + "/v1/pickups",
        params={"status": "ready"},
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    rows = [r for r in rows if r["verification_method"] != "id_check"]
    rows.sort(key=lambda r: -r["item_count"])
    return str(rows[0]["order_number"])


def test_keys_are_cached_so_a_kiosk_starting_offline_still_checks_qrs(
    api_server: DemoServer, device_token: str, tmp_path: Path
) -> None:
    cache = tmp_path / "pickup_keys.json"
    number = _ready(api_server, device_token)
    token = _qr(api_server, device_token, number)

    async def online() -> None:
        client = ApiClient(api_server.url, token=device_token)
        try:
            assert await PickupKeyring(client, cache).refresh()
        finally:
            await client.aclose()

    run(online())
    assert cache.exists()
    dead = ApiClient("http://127.0.0.1:9", token=device_token, read_retries=0)
    keyring = PickupKeyring(dead, cache)
    assert keyring.loaded
    verified = keyring.verify(token, "PAR01")
    assert verified.order_number == number and verified.store_code == "PAR01"
    cases = {
        "qr_other_store": (token, "LYO01", time.time),
        "qr_forged": (token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"), "PAR01", time.time),
        "qr_malformed": ("PKP1.e30.AAAA", "PAR01", time.time),
    }
    for code, (text, store, _clock) in cases.items():
        try:
            keyring.verify(text, store)
        except PickupQrRefused as refused:
            assert refused.message.code == code
        else:
            raise AssertionError(f"{code} accepted")
    later = PickupKeyring(dead, cache, clock=lambda: time.time() + 400 * 86400)
    try:
        later.verify(token, "PAR01")
    except PickupQrRefused as refused:
        assert refused.message.code == "qr_expired"
    else:
        raise AssertionError("an expired QR was accepted")
    empty = PickupKeyring(dead, tmp_path / "none.json")
    try:
        empty.verify(token, "PAR01")
    except PickupQrRefused as refused:
        assert refused.message.code == "qr_no_keys"
    run(dead.aclose())


def test_session_item_check_refuses_wrong_items_and_needs_reasons(
    api_server: DemoServer, tmp_path: Path
) -> None:
    token = enroll(api_server.url, "NCE01")
    number = _ready(api_server, token)
    qr = _qr(api_server, token, number)

    async def scenario() -> None:
        client = ApiClient(api_server.url, token=token)
        try:
            keyring = PickupKeyring(client, None)
            session = PickupSession(client, "NCE01", keyring, None, None)
            state = await session.open_qr(qr)
            assert state.step is Step.ITEMS, state.message
            assert state.verification is not None
            line = state.lines[0]
            assert not session.scan_item("04012345678901")  # valid GTIN, not in the order
            assert session.current.message is not None
            assert session.current.message.code == "wrong_item"
            assert session.current.lines == state.lines
            assert not session.scan_item("chemise")
            assert session.current.message is not None
            assert session.current.message.code == "not_an_item"
            assert not session.to_handover()
            assert not session.mark_line(line.line_no, "missing", "   ")
            assert session.current.lines == state.lines
            for other in state.lines[1:]:
                for _ in range(other.quantity):
                    assert session.scan_item(other.gtin)
            assert not session.scan_item(state.lines[-1].gtin) or len(state.lines) == 1
            if len(state.lines) > 1:
                assert session.mark_line(line.line_no, "damaged", "Torn")
                assert session.current.partial and session.to_handover()
                assert session.current.step is Step.HANDOVER
                assert session.complete() is None  # no outbox: refused, nothing sent
            session.close()
        finally:
            await client.aclose()

    run(scenario())
    detail = httpx.get(
        f"{api_server.url}/v1/pickups/{number}", headers={"Authorization": f"Bearer {token}"}
    ).json()
    assert detail["status"] == "ready"
