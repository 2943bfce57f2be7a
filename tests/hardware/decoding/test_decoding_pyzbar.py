"""PyzbarDecoder: same results as zxing where zbar can read, honest where it cannot."""

import sys

import numpy as np
import pytest
import pyzbar.zbar_library
from decoding_samples import SAMPLES, ZBAR_SAMPLES, Sample, render_code

from kiosk_app.hardware.decoding import (
    CodeFormat,
    DecoderUnavailable,
    PyzbarDecoder,
    ZxingDecoder,
    available_decoders,
)
from kiosk_app.hardware.decoding.pyzbar_decoder import classify_zbar_symbol
from kiosk_app.hardware.decoding.zbar_bindings import MODIFIER_AIM, MODIFIER_GS1

ZBAR_MISSING = available_decoders()["pyzbar"]
needs_zbar = pytest.mark.skipif(
    ZBAR_MISSING is not None, reason=f"zbar library unavailable: {ZBAR_MISSING}"
)


def _draw(sample: Sample) -> np.ndarray:
    return render_code(sample.content, sample.writer_format, gs1=sample.gs1)


@needs_zbar
@pytest.mark.parametrize("sample", ZBAR_SAMPLES, ids=lambda s: s.id)
def test_supported_formats_decode_to_same_result_as_zxing(sample: Sample) -> None:
    image = _draw(sample)

    [zbar_code] = PyzbarDecoder().decode(image)
    [zxing_code] = ZxingDecoder().decode(image)

    assert zbar_code.format == sample.code_format
    assert zbar_code.text == sample.text == zxing_code.text
    assert zbar_code.symbology_id == sample.symbology_id == zxing_code.symbology_id


@needs_zbar
def test_rgb_frame_is_accepted() -> None:
    sample = ZBAR_SAMPLES[0]
    gray = _draw(sample)
    rgb = np.dstack([gray, gray, gray])

    assert [c.text for c in PyzbarDecoder().decode(rgb)] == [sample.text]


@needs_zbar
@pytest.mark.parametrize(
    "frame",
    [
        np.full((480, 640), 200, dtype=np.uint8),
        np.random.default_rng(3).integers(0, 256, size=(480, 640), dtype=np.uint8),
    ],
    ids=["flat", "noise"],
)
def test_frames_without_codes_give_an_empty_list(frame: np.ndarray) -> None:
    assert PyzbarDecoder().decode(frame) == []


@needs_zbar
def test_datamatrix_is_not_read_and_not_claimed() -> None:
    datamatrix = [
        s for s in SAMPLES if s.code_format in (CodeFormat.DATAMATRIX, CodeFormat.GS1_DATAMATRIX)
    ]
    decoder = PyzbarDecoder()

    assert CodeFormat.DATAMATRIX not in decoder.supported_formats
    assert CodeFormat.GS1_DATAMATRIX not in decoder.supported_formats
    for sample in datamatrix:
        assert decoder.decode(_draw(sample)) == []


@needs_zbar
def test_position_is_four_points_inside_the_image() -> None:
    image = _draw(ZBAR_SAMPLES[0])
    [code] = PyzbarDecoder().decode(image)

    assert code.position is not None
    height, width = image.shape
    assert all(0 <= x <= width and 0 <= y <= height for x, y in code.position)


def test_missing_zbar_library_raises_decoder_unavailable(
    monkeypatch: pytest.MonkeyPatch, fresh_zbar_loader: None
) -> None:
    """Simulate a machine without libzbar: pyzbar's own loader finds nothing."""
    monkeypatch.delitem(sys.modules, "pyzbar.wrapper", raising=False)
    monkeypatch.setattr(pyzbar.zbar_library.platform, "system", lambda: "Linux")
    monkeypatch.setattr(pyzbar.zbar_library, "find_library", lambda name: None)

    with pytest.raises(DecoderUnavailable) as raised:
        PyzbarDecoder()

    message = str(raised.value)
    assert "pyzbar needs the zbar library" in message
    assert "libzbar0" in message
    assert "Windows" in message
    assert available_decoders()["pyzbar"] == message
    assert available_decoders()["zxing"] is None


def test_missing_pyzbar_package_raises_decoder_unavailable(
    monkeypatch: pytest.MonkeyPatch, fresh_zbar_loader: None
) -> None:
    monkeypatch.setitem(sys.modules, "pyzbar", None)
    monkeypatch.delitem(sys.modules, "pyzbar.wrapper", raising=False)

    with pytest.raises(DecoderUnavailable, match="pip install pyzbar"):
        PyzbarDecoder()


@pytest.mark.parametrize(
    ("symbol_type", "text", "modifiers", "expected"),
    [
        (13, "5901234123457", 0, (CodeFormat.EAN13, "5901234123457", "]E0")),
        (13, "0036000291452", 0, (CodeFormat.UPCA, "036000291452", "]E0")),
        (12, "036000291452", 0, (CodeFormat.UPCA, "036000291452", "]E0")),
        (9, "01234565", 0, (CodeFormat.UPCE, "01234565", "]E0")),
        (8, "96385074", 0, (CodeFormat.EAN8, "96385074", "]E4")),
        (25, "15400141288763", 0, (CodeFormat.ITF14, "15400141288763", "]I1")),
        (25, "12345678", 0, (CodeFormat.ITF, "12345678", "]I0")),
        (128, "ABC", 0, (CodeFormat.CODE128, "ABC", "]C0")),
        (128, "ABC", MODIFIER_AIM, (CodeFormat.CODE128, "ABC", "]C2")),
        (
            128,
            "\x1d0109506000134352",
            MODIFIER_GS1,
            (CodeFormat.GS1_128, "0109506000134352", "]C1"),
        ),
        (64, "hello", 0, (CodeFormat.QR, "hello", "]Q1")),
        (64, "0109506000134352", MODIFIER_GS1, (CodeFormat.GS1_QR, "0109506000134352", "]Q3")),
        (39, "CODE39", 0, (CodeFormat.OTHER, "CODE39", None)),
    ],
)
def test_zbar_symbols_are_classified_like_zxing_reports_them(
    symbol_type: int, text: str, modifiers: int, expected: tuple[CodeFormat, str, str | None]
) -> None:
    assert classify_zbar_symbol(symbol_type, text, modifiers) == expected
