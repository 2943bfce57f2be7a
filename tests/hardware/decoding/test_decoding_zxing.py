"""ZxingDecoder against real generated barcode images."""

import numpy as np
import pytest
from decoding_samples import GS, GS1_TEXT, SAMPLES, Sample, render_code
from PIL import Image

from kiosk_app.hardware.decoding import (
    CodeFormat,
    DecodedCode,
    Decoder,
    InvalidImageError,
    ZxingDecoder,
)


def _draw(sample: Sample, scale: int = 3) -> np.ndarray:
    return render_code(sample.content, sample.writer_format, gs1=sample.gs1, scale=scale)


def _only(codes: list[DecodedCode]) -> DecodedCode:
    assert len(codes) == 1, codes
    return codes[0]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.id)
def test_each_format_decodes_to_expected_text(sample: Sample) -> None:
    code = _only(ZxingDecoder().decode(_draw(sample)))

    assert code.format == sample.code_format
    assert code.text == sample.text
    assert code.symbology_id == sample.symbology_id


@pytest.mark.parametrize("sample_id", ["gs1_128", "gs1_qr", "gs1_datamatrix"])
def test_gs1_text_is_element_string_with_gs_and_no_symbology_prefix(sample_id: str) -> None:
    sample = next(s for s in SAMPLES if s.id == sample_id)
    code = _only(ZxingDecoder().decode(_draw(sample)))

    assert code.is_gs1
    assert GS in code.text
    assert code.text.startswith("01")
    assert "(" not in code.text and not code.text.startswith("]")


def test_gs1_128_reports_c1_and_datamatrix_reports_d2() -> None:
    by_id = {s.id: s for s in SAMPLES}
    gs1_128 = _only(ZxingDecoder().decode(_draw(by_id["gs1_128"])))
    gs1_dm = _only(ZxingDecoder().decode(_draw(by_id["gs1_datamatrix"])))

    assert (gs1_128.format, gs1_128.symbology_id, gs1_128.text) == (
        CodeFormat.GS1_128,
        "]C1",
        GS1_TEXT,
    )
    assert (gs1_dm.format, gs1_dm.symbology_id) == (CodeFormat.GS1_DATAMATRIX, "]d2")


def test_rgb_and_rgba_frames_decode_like_grayscale() -> None:
    sample = SAMPLES[0]
    gray = _draw(sample)
    # Dark blue bars on a yellow label, as a colour camera frame would show them.
    rgb = np.empty((*gray.shape, 3), dtype=np.uint8)
    rgb[gray < 128] = (20, 30, 140)
    rgb[gray >= 128] = (250, 230, 40)
    rgba = np.dstack([rgb, np.full(gray.shape, 255, dtype=np.uint8)])

    assert _only(ZxingDecoder().decode(rgb)).text == sample.text
    assert _only(ZxingDecoder().decode(rgba)).text == sample.text


def test_non_contiguous_view_is_accepted() -> None:
    sample = SAMPLES[0]
    wide = np.repeat(_draw(sample), 2, axis=1)

    assert _only(ZxingDecoder().decode(wide[:, ::2])).text == sample.text


@pytest.mark.parametrize(
    "frame",
    [
        np.full((480, 640), 128, dtype=np.uint8),
        np.random.default_rng(7).integers(0, 256, size=(480, 640), dtype=np.uint8),
        np.zeros((720, 1280), dtype=np.uint8),
    ],
    ids=["flat-grey", "noise", "black"],
)
def test_frames_without_codes_give_an_empty_list(frame: np.ndarray) -> None:
    assert ZxingDecoder().decode(frame) == []


@pytest.mark.parametrize(
    "bad",
    [
        np.zeros((10, 10), dtype=np.float32),
        np.zeros((10, 10, 2), dtype=np.uint8),
        np.zeros((0, 10), dtype=np.uint8),
        np.zeros(10, dtype=np.uint8),
    ],
    ids=["float", "two-channels", "empty", "1-d"],
)
def test_invalid_frames_raise_invalid_image_error(bad: np.ndarray) -> None:
    with pytest.raises(InvalidImageError):
        ZxingDecoder().decode(bad)


def test_position_surrounds_the_code() -> None:
    sample = next(s for s in SAMPLES if s.id == "qr")
    image = np.full((480, 640), 255, dtype=np.uint8)
    code_image = _draw(sample, scale=4)
    top, left = 100, 200
    image[top : top + code_image.shape[0], left : left + code_image.shape[1]] = code_image

    code = _only(ZxingDecoder().decode(image))

    assert code.position is not None
    xs = [x for x, _ in code.position]
    ys = [y for _, y in code.position]
    assert left <= min(xs) < max(xs) <= left + code_image.shape[1]
    assert top <= min(ys) < max(ys) <= top + code_image.shape[0]


def test_format_restriction_hides_other_formats() -> None:
    qr = next(s for s in SAMPLES if s.id == "qr")
    decoder = ZxingDecoder(formats={CodeFormat.EAN13})

    assert decoder.decode(_draw(qr)) == []
    assert _only(decoder.decode(_draw(SAMPLES[0]))).format == CodeFormat.EAN13


def test_restricting_to_gs1_128_drops_plain_code128() -> None:
    plain = next(s for s in SAMPLES if s.id == "code128")
    gs1 = next(s for s in SAMPLES if s.id == "gs1_128")
    decoder = ZxingDecoder(formats={CodeFormat.GS1_128})

    assert decoder.decode(_draw(plain)) == []
    assert _only(decoder.decode(_draw(gs1))).text == GS1_TEXT


def test_tilted_long_label_is_read_by_the_scanline_fallback() -> None:
    """A flat GS1-128 tilted 15 degrees has no pixel row across it end to end."""
    sample = next(s for s in SAMPLES if s.id == "gs1_128")
    symbol = Image.fromarray(_draw(sample, scale=2))
    flat = symbol.resize((symbol.width, symbol.width // 5))
    tilted = np.asarray(flat.rotate(15, expand=True, fillcolor=255))
    frame = np.full((480, 1280), 128, dtype=np.uint8)
    frame[20 : 20 + tilted.shape[0], 40 : 40 + tilted.shape[1]] = tilted

    assert ZxingDecoder(scanline_fallback=False).decode(frame) == []
    code = _only(ZxingDecoder().decode(frame))

    assert code.text == GS1_TEXT
    assert code.position is not None
    assert all(0 <= x < 1280 and 0 <= y < 480 for x, y in code.position)


def test_decoder_satisfies_protocol_and_reports_formats() -> None:
    decoder = ZxingDecoder()

    assert isinstance(decoder, Decoder)
    assert decoder.name == "zxing"
    assert {CodeFormat.DATAMATRIX, CodeFormat.GS1_DATAMATRIX} <= decoder.supported_formats


def test_unknown_reader_set_is_rejected() -> None:
    with pytest.raises(ValueError, match="no zxing-cpp reader"):
        ZxingDecoder(formats={CodeFormat.OTHER})
