"""Result objects: kinds, immutability and the JSON form printed by the CLI."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.kernel.scan import ScanKind, ScanResult, classify, sign_code

TODAY = date(2025, 6, 15)
_KEY = Ed25519PrivateKey.generate()

EXAMPLES: dict[ScanKind, str] = {
    ScanKind.PRODUCT: "4006381333931",
    ScanKind.VARIABLE_MEASURE: "2012345012349",
    ScanKind.GS1: "]d20109506000134352\x1d10ABC\x1d3103000500",
    ScanKind.LOYALTY_CARD: "7810123456789010",
    ScanKind.LOYALTY_SIGNED: sign_code(
        "LOY1", {"n": "7810123456789010", "iat": 1, "exp": 2, "jti": "x"}, _KEY
    ),
    ScanKind.PICKUP_QR: sign_code(
        "PKP1", {"o": "E00000042", "s": "LYO02", "exp": 2, "iat": 1}, _KEY
    ),
    ScanKind.ORDER_NUMBER: "W00012345",
    ScanKind.PICKUP_CODE: "123456",
    ScanKind.RECEIPT: "R-PAR01-00001234",
    ScanKind.UNRECOGNISED: "what?",
}


def test_kind_values_are_the_documented_ones() -> None:
    assert {kind.value for kind in ScanKind} == {
        "product",
        "variable_measure",
        "gs1",
        "loyalty_card",
        "loyalty_signed",
        "pickup_qr",
        "order_number",
        "pickup_code",
        "receipt",
        "unrecognised",
    }
    assert set(EXAMPLES) == set(ScanKind)


@pytest.mark.parametrize("kind", list(ScanKind))
def test_each_kind_round_trips_through_json(kind: ScanKind) -> None:
    result = classify(EXAMPLES[kind], today=TODAY)
    assert result.kind is kind
    assert isinstance(result, ScanResult)
    data = result.to_dict()
    assert next(iter(data)) == "kind"
    assert data["kind"] == kind.value
    assert data["raw"] == result.raw
    line = json.dumps(data, ensure_ascii=False)
    assert "\n" not in line
    assert json.loads(line) == data


def test_results_are_frozen() -> None:
    result = classify("4006381333931")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.raw = "x"  # type: ignore[misc]


def test_gs1_json_shape() -> None:
    data = classify(EXAMPLES[ScanKind.GS1], today=TODAY).to_dict()
    assert data["raw"] == "]d20109506000134352<GS>10ABC<GS>3103000500"
    assert data["ais"] == [["01", "09506000134352"], ["10", "ABC"], ["3103", "000500"]]
    assert data["net_weight_kg"] == "0.500"
    assert data["symbology"] == "]d2"


def test_unrecognised_json_shape() -> None:
    data = classify("]C10109506000134353").to_dict()
    assert data == {
        "kind": "unrecognised",
        "raw": "]C10109506000134353",
        "reason": "bad_gs1",
        "detail": "AI (01) GTIN 09506000134353: check digit should be 2, not 3",
        "ai": "01",
        "symbology": "]C1",
    }
