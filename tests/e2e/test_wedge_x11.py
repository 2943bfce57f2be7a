"""The USB scanner as the world sends it: real X11 key events (Xvfb + xdotool).

A scanner is a keyboard: Shift before each capital, Ctrl+] for GS, Return at the end. These
tests run the production wedge filter (default timing) in a real window on a real X server,
and in the real main window on the real reference server, and type with ``xdotool``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer
from tests.support.x11 import GS, ScanWindow, scanner_types, scans_and_fields, xvfb

CODES = [
    "R-PAR01-00000001",  # a receipt: capitals after the first character
    "OSB1-A101PAR1",  # a staff badge
    "PKP1.eyJvIjoiT0QtMTAwMDEyIn0.Zm9vYmFyLV9CYXo",  # a pickup QR's shape: base64url
    "PRV1.AbCdEfGh.IjKlMnOp",  # an IT provisioning code's shape
    "]C1" + "0109504000059101" + GS + "10ABC-12.5",  # GS1-128 with a GS separator
    "https://id.gs1.org/01/09504000059101/10/AB-12?17=261120",  # Digital Link: : / ? =
    "4006381333931",  # plain digits
]


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    with xvfb() as value:
        yield value


@pytest.fixture
def field_window(display: str) -> Iterator[ScanWindow]:
    window = ScanWindow(display)
    yield window
    window.close()


def test_scanner_codes_with_capitals_digits_dashes_dots_and_gs_arrive_whole(
    display: str, field_window: ScanWindow
) -> None:
    for code in CODES:
        scanner_types(display, code, delay_ms=4)
        assert scans_and_fields(field_window.drain()) == ([code], []), code


def test_scanner_without_enter_ends_in_silence(display: str, field_window: ScanWindow) -> None:
    scanner_types(display, "W00012345AbC", delay_ms=4, enter=False)
    assert scans_and_fields(field_window.drain(0.6)) == (["W00012345AbC"], [])


def test_a_person_typing_fast_reaches_the_field_and_is_never_a_scan(
    display: str, field_window: ScanWindow
) -> None:
    """``--delay 60`` makes xdotool press a key every ~33 ms: faster than people type."""
    for word in ("Chemise", "VESTE", "Bottine-Cuir"):
        scanner_types(display, word, delay_ms=60)
        assert scans_and_fields(field_window.drain(0.6)) == ([], [word]), word


def test_scans_in_the_real_app_land_on_their_screen(
    display: str, api_server: DemoServer, device_token: str
) -> None:
    with httpx.Client(
        base_url=api_server.url, headers={"Authorization": f"Bearer {device_token}"}
    ) as http:
        pickup = next(p for p in http.get("/v1/pickups").json() if p["status"] == "ready")
        qr = http.post(
            f"/v1/pickups/{pickup['order_number']}/qr",
            json={},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        ).json()["token"]
        product = http.get("/v1/products", params={"q": "pull", "limit": 1}).json()["items"][0]
    window = ScanWindow(display, app=(api_server.url, device_token))
    try:
        for code, route, screen in [
            (product["gtin"][1:], "product", "product"),
            ("R-PAR01-00000001", "return", "return"),
            (qr, "pickup", "pickup"),  # last: an open pickup keeps the item scans it expects
        ]:
            scanner_types(display, code, delay_ms=4)
            assert window.next(key="scan") == {"scan": code, "route": route}
            assert window.next(key="screen", timeout=10) == {"screen": screen}
    finally:
        window.close()
