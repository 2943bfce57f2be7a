"""The staff session service against the real API: sign in, decisions, lock/unlock,
approvals by another person, sign-out, and a session ended by the server."""

from __future__ import annotations

import pytest

from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.api.errors import Unauthorized
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.security.permissions import Decision
from kiosk_app.kernel.security.staff_session import (
    Locked,
    SignedIn,
    SignedOut,
    SignInRefused,
    StaffSession,
)
from tests.conftest import enroll, run


def test_sign_in_lock_unlock_approve_and_sign_out(api_server: DemoServer) -> None:
    token = enroll(api_server.url)

    async def scenario() -> None:
        client = ApiClient(api_server.url, token=token, read_retries=0)
        session = StaffSession(client)
        try:
            with pytest.raises(SignInRefused) as wrong:
                await session.sign_in(staff_id="A102", pin="0000")
            assert wrong.value.kind == "credentials"
            assert isinstance(session.state.value, SignedOut) and not client.has_staff_token

            state = await session.sign_in(badge="OSB1-A102PAR1", pin="7395")
            assert isinstance(state, SignedIn) and state.staff.name == "Hugo Bernard"
            assert client.has_staff_token
            assert session.decision("pickup.complete") is Decision.ALLOWED
            assert session.decision("return.over_threshold") is Decision.MANAGER_APPROVAL
            assert session.decision("kiosk.exit") is Decision.DENIED
            assert session.decision("no.such.action") is Decision.DENIED
            me = await client.get("/v1/staff/me")
            assert me["staff"]["staff_id"] == "A102"

            session.lock()
            assert isinstance(session.state.value, Locked)
            assert session.decision("pickup.complete") is Decision.DENIED
            with pytest.raises(SignInRefused):
                await session.unlock("1111")
            await session.unlock("7395")
            assert session.signed_in

            with pytest.raises(SignInRefused) as same:
                await session.request_approval(
                    "return.over_threshold", "W00000002", staff_id="A102", pin="7395"
                )
            assert same.value.kind == "same_person"
            approval = await session.request_approval(
                "return.over_threshold", "W00000002", badge="OSB1-M101PAR1", pin="8642"
            )
            assert approval.approver.staff_id == "M101" and approval.token.startswith("apv_")

            await session.sign_out()
            assert session.state.value == SignedOut("signed_out")
            assert not client.has_staff_token
        finally:
            await client.aclose()

    run(scenario())


def test_a_session_ended_by_the_server_signs_out_here(api_server: DemoServer) -> None:
    token = enroll(api_server.url)

    async def scenario() -> None:
        first = ApiClient(api_server.url, token=token, read_retries=0)
        second = ApiClient(api_server.url, token=token, read_retries=0)
        mine, other = StaffSession(first), StaffSession(second)
        try:
            await mine.sign_in(staff_id="A101", pin="4821")
            await other.sign_in(staff_id="M101", pin="8642")  # same device: ends the first
            with pytest.raises(Unauthorized):
                await first.get("/v1/staff/me")
            assert mine.state.value == SignedOut("expired") and not first.has_staff_token
        finally:
            await first.aclose()
            await second.aclose()

    run(scenario())
