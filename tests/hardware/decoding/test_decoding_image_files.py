"""Decoding saved pictures, and the typed error for files that are not pictures."""

from pathlib import Path

import numpy as np
import pytest
from decoding_samples import SAMPLES, render_code
from PIL import Image

from kiosk_app.hardware.decoding import (
    DecodingError,
    ImageLoadError,
    ZxingDecoder,
    decode_image_file,
    load_grayscale_image,
)

QR = next(s for s in SAMPLES if s.id == "qr_digital_link")


def _save(path: Path, mode: str = "L") -> Path:
    image = Image.fromarray(render_code(QR.content, QR.writer_format, scale=4))
    image.convert(mode).save(path)
    return path


@pytest.mark.parametrize(("suffix", "mode"), [(".png", "L"), (".png", "RGBA"), (".jpg", "RGB")])
def test_png_and_jpeg_files_decode(tmp_path: Path, suffix: str, mode: str) -> None:
    path = _save(tmp_path / f"label{suffix}", mode)

    codes = decode_image_file(path, ZxingDecoder())

    assert [c.text for c in codes] == [QR.text]


def test_default_decoder_is_used_when_none_is_given(tmp_path: Path) -> None:
    path = _save(tmp_path / "label.png")

    assert [c.text for c in decode_image_file(str(path))] == [QR.text]


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    image = Image.fromarray(np.zeros((20, 40), dtype=np.uint8))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90 degrees clockwise when shown
    path = tmp_path / "photo.jpg"
    image.save(path, exif=exif)

    assert load_grayscale_image(path).shape == (40, 20)


def test_missing_file_raises_image_load_error(tmp_path: Path) -> None:
    with pytest.raises(ImageLoadError, match="not found"):
        decode_image_file(tmp_path / "nope.png")


def test_directory_raises_image_load_error(tmp_path: Path) -> None:
    with pytest.raises(ImageLoadError, match="directory"):
        decode_image_file(tmp_path)


@pytest.mark.parametrize(
    "content",
    [b"", b"this is not an image", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40],
    ids=["empty", "text", "png-header-only"],
)
def test_corrupt_file_raises_image_load_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(content)

    with pytest.raises(ImageLoadError) as raised:
        decode_image_file(path)

    assert isinstance(raised.value, DecodingError)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_truncated_file_raises_image_load_error(tmp_path: Path, suffix: str) -> None:
    whole = _save(tmp_path / f"whole{suffix}", "RGB" if suffix == ".jpg" else "L")
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])

    with pytest.raises(ImageLoadError):
        decode_image_file(cut)
