"""Personal data is masked one way, on every screen: the server's one masking module
(``central_api.platform.masking``) follows the app's (``kiosk_app.kernel.privacy``), and the
kiosk's customer profile and the endless-aisle customer summary show the same masks (the
endless-aisle one used to show "•••• 78" where the profile showed "••••••••78")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk_app.kernel import privacy
from kiosk_app.kernel.demo_server import DemoServer
from tests.central_api.test_endless_aisle_support import Api, query, start_server

PHONES = ("+33 6 12 34 56 78", "0612345678", "06 12 34 56 7 ", "123", "", "+33-6-12-34-56-04")
EMAILS = ("marie.dupont@example.com", "m@example.com", "nonsense", " x@y.fr ", "@example.com")


def test_the_server_masks_as_the_app_does() -> None:
    from central_api.platform import masking

    for phone in PHONES:
        assert masking.mask_phone(phone) == privacy.mask_phone(phone), phone
    for email in EMAILS:
        assert masking.mask_email(email) == privacy.mask_email(email), email
    assert masking.mask_phone("+33 6 12 34 56 78") == "••••••••78"
    assert masking.mask_phone("12") == "••••"
    assert masking.mask_last_name("dupont") == "D."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    with start_server(tmp_path_factory.mktemp("masking")) as srv:
        yield srv


def test_a_kiosk_sees_one_mask_for_a_customer_on_every_screen(server: DemoServer) -> None:
    number, phone, email = query(
        server, "SELECT customer_number, phone, email FROM customers ORDER BY id LIMIT 1"
    )[0]
    associate = Api.enroll(server)
    kiosk = Api.enroll(server, mode="kiosk")
    code = associate.post(f"/v1/customers/{number}/loyalty-code", {}).json()["code"]

    profile = kiosk.get(f"/v1/customers/{number}?code={code}")
    assert profile.status_code == 200, profile.text
    summary = kiosk.get(f"/v1/endless-aisle/customers/{code}")
    assert summary.status_code == 200, summary.text

    assert profile.json()["masked"] is True
    assert profile.json()["phone"] == privacy.mask_phone(phone)
    assert summary.json()["phone_masked"] == privacy.mask_phone(phone)
    assert profile.json()["email"] == summary.json()["email_masked"] == privacy.mask_email(email)
