"""The generated benchmark corpus and the bench's result shape."""

import numpy as np
import pytest

from bench import corpus, decode_bench
from kiosk_app.hardware.decoding import CodeFormat, ZxingDecoder
from kiosk_app.hardware.decoding.gs1 import has_valid_check_digit


def test_same_seed_gives_same_pixels_and_other_seed_differs() -> None:
    first = corpus.build_corpus(3, symbols=["ean13"], frames=["640x480"])
    again = corpus.build_corpus(3, symbols=["ean13"], frames=["640x480"])
    other = corpus.build_corpus(4, symbols=["ean13"], frames=["640x480"])

    assert [i.name for i in first] == [i.name for i in again]
    assert all(np.array_equal(a.image, b.image) for a, b in zip(first, again, strict=True))
    assert not all(np.array_equal(a.image, b.image) for a, b in zip(first, other, strict=True))


def test_a_subset_has_the_same_pixels_as_the_full_corpus() -> None:
    subset = corpus.build_corpus(5, symbols=["qr"], frames=["1280x720"], distortions=["noise"])
    full = corpus.build_corpus(5, symbols=["qr"])

    match = next(i for i in full if i.name == subset[0].name)
    assert np.array_equal(match.image, subset[0].image)


def test_every_combination_is_present_with_camera_frame_sizes() -> None:
    items = corpus.build_corpus(0)

    assert len(items) == len(corpus.SYMBOL_NAMES) * len(corpus.FRAME_SIZES) * len(
        corpus.DISTORTIONS
    )
    for item in items:
        width, height = corpus.FRAME_SIZES[item.frame]
        expected = (width, height) if item.distortion == "rotate_90" else (height, width)
        assert item.image.shape == expected
        assert item.image.dtype == np.uint8


def test_expected_texts_follow_the_decoder_conventions() -> None:
    by_symbol = {i.symbol: i for i in corpus.build_corpus(1, frames=["640x480"])}

    assert len(by_symbol["upca"].expected_text) == 12
    assert len(by_symbol["upce"].expected_text) == 8
    assert has_valid_check_digit(by_symbol["ean13"].expected_text)
    assert has_valid_check_digit(by_symbol["itf14"].expected_text)
    assert "\x1d" in by_symbol["gs1_128"].expected_text
    assert "\x1d" in by_symbol["gs1_datamatrix"].expected_text
    assert by_symbol["qr_digital_link"].expected_text.startswith("https://id.example.com/01/")
    assert by_symbol["gs1_128"].code_format == CodeFormat.GS1_128


def test_clean_frames_are_read_by_zxing() -> None:
    decoder = ZxingDecoder()
    for item in corpus.build_corpus(11, distortions=["clean"]):
        codes = decoder.decode(item.image)
        assert (item.code_format, item.expected_text) in {(c.format, c.text) for c in codes}, (
            item.name
        )


def test_upce_expansion_matches_known_example() -> None:
    assert corpus.upce_to_upca("0123456") == "01234500006"


def test_unknown_names_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown symbols"):
        corpus.build_corpus(0, symbols=["aztec"])
    with pytest.raises(ValueError, match="unknown distortion"):
        corpus.build_corpus(0, symbols=["qr"], distortions=["fisheye"])


def test_quick_bench_returns_rows_of_the_shared_shape() -> None:
    rows = decode_bench.run(quick=True)

    assert rows
    for row in rows:
        assert set(row) == {"name", "value", "unit"}
        assert isinstance(row["name"], str) and isinstance(row["unit"], str)
        assert isinstance(row["value"], float)
    names = {row["name"] for row in rows}
    assert "time.1280x720.zxing.fps" in names
    assert "read.clean.zxing" in names
    assert "goal.zxing_fps_1280x720_ge_60" in names
    assert decode_bench.format_table(rows).count("\n") == len(rows) + 1
