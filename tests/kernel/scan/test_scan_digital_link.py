"""GS1 Digital Link URIs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kiosk_app.kernel.scan import DigitalLink, Reason, ScanKind, Unrecognised, classify

TODAY = date(2025, 6, 15)


def link(uri: str) -> DigitalLink:
    result = classify(uri, today=TODAY)
    assert isinstance(result, DigitalLink), result
    return result


def rejected(uri: str) -> Unrecognised:
    result = classify(uri, today=TODAY)
    assert isinstance(result, Unrecognised), result
    return result


def test_gs1_example_with_percent_encoded_lot_and_query_date() -> None:
    result = link("https://id.gs1.org/01/09506000134352/10/ABC%2F123?17=261231")
    assert result.kind is ScanKind.GS1
    assert result.domain == "id.gs1.org"
    assert result.gtin14 == "09506000134352"
    assert result.lot == "ABC/123"
    assert result.expiry == date(2026, 12, 31)
    assert result.ais == (("01", "09506000134352"), ("10", "ABC/123"), ("17", "261231"))


def test_serial_prefix_path_weight_and_ignored_parameters() -> None:
    result = link(
        "https://brand.example.com/some/prefix/01/09506000134352/21/SN%2D9"
        "?3103=000500&linkType=gs1:pip&7003=2501011200&15=250600#top"
    )
    assert result.domain == "brand.example.com"
    assert result.serial == "SN-9"
    assert result.net_weight_kg == Decimal("0.500")
    assert result.best_before == date(2025, 6, 30)
    assert [ai for ai, _ in result.ais] == ["01", "21", "3103", "15"]


@pytest.mark.parametrize(
    ("uri", "gtin14"),
    [
        ("https://example.com/gtin/09506000134352", "09506000134352"),
        ("https://example.com/01/9506000134352", "09506000134352"),  # GTIN-13
        ("https://example.com/01/012345678905", "00012345678905"),  # GTIN-12
        ("https://example.com/01/96385074/", "00000096385074"),  # GTIN-8, trailing slash
        ("http://example.com/01/09506000134352", "09506000134352"),
        ("HTTPS://ID.GS1.ORG/01/09506000134352", "09506000134352"),  # QR alphanumeric mode
        ("https://example.com:8443/01/09506000134352/22/2A/10/L1/21/S1", "09506000134352"),
    ],
)
def test_gtin_forms(uri: str, gtin14: str) -> None:
    result = link(uri)
    assert result.gtin14 == gtin14
    assert result.domain == result.domain.lower()


def test_qualifier_aliases_and_symbology() -> None:
    result = link("]Q1https://example.com/gtin/09506000134352/lot/L1/ser/S1")
    assert (result.lot, result.serial, result.symbology) == ("L1", "S1", "]Q1")


def test_bad_gtin_check_digit() -> None:
    result = rejected("https://id.gs1.org/01/09506000134353")
    assert (result.reason, result.ai) == (Reason.BAD_CHECK_DIGIT, "01")
    assert "should be 2" in result.detail


@pytest.mark.parametrize(
    ("uri", "reason", "ai"),
    [
        ("https://id.gs1.org/01/09506000134", Reason.BAD_GS1, "01"),
        ("https://id.gs1.org/01/09506000134352?17=250229", Reason.BAD_DATE, "17"),
        ("https://id.gs1.org/01/09506000134352?3103=5", Reason.BAD_GS1, "3103"),
        ("https://id.gs1.org/01/09506000134352/10/" + "L" * 21, Reason.BAD_GS1, "10"),
        ("https://id.gs1.org/01/09506000134352/10/A%23B", Reason.BAD_GS1, "10"),
        ("https://id.gs1.org/01/09506000134352/99/x", Reason.BAD_GS1, "99"),
        ("https://id.gs1.org/01/09506000134352/17/261231", Reason.BAD_GS1, "17"),  # query-only AI
        ("https://id.gs1.org/01/09506000134352/10/A/01/09506000134352", Reason.BAD_GS1, "01"),
        ("https://id.gs1.org/01/09506000134352?01=09506000134352", Reason.BAD_GS1, "01"),
    ],
)
def test_invalid_digital_links(uri: str, reason: Reason, ai: str) -> None:
    result = rejected(uri)
    assert (result.reason, result.ai) == (reason, ai)


@pytest.mark.parametrize(
    "uri",
    [
        "https://example.com/",
        "https://example.com/product/123",
        "https://example.com/01",
        "https://example.com/01/09506000134352/10",
        "http://[::1/01/09506000134352",
        "https:///01/09506000134352",
        "https://",
    ],
)
def test_other_urls_are_unknown_url(uri: str) -> None:
    assert rejected(uri).reason is Reason.UNKNOWN_URL


def test_to_dict() -> None:
    data = link("https://id.gs1.org/01/09506000134352?3922=1299").to_dict()
    assert data["kind"] == "gs1"
    assert data["domain"] == "id.gs1.org"
    assert data["price"] == "12.99"
