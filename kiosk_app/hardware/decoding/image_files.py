"""Decoding codes from saved pictures (support tooling, bug reports)."""

import os

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps

from kiosk_app.hardware.decoding.decoded_code import DecodedCode
from kiosk_app.hardware.decoding.decoder_protocol import Decoder
from kiosk_app.hardware.decoding.errors import ImageLoadError
from kiosk_app.hardware.decoding.registry import make_decoder

# Pillow reports unreadable files through several exception types, depending on
# the format plugin and on whether the damage is in the header or in the data.
_PILLOW_LOAD_ERRORS = (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError)


def load_grayscale_image(path: str | os.PathLike[str]) -> npt.NDArray[np.uint8]:
    """Load a PNG/JPEG (or any Pillow format) as a 2-D uint8 array, upright per EXIF."""
    try:
        with Image.open(path) as opened:
            upright = ImageOps.exif_transpose(opened)
            gray = upright.convert("L")
            return np.asarray(gray, dtype=np.uint8).copy()
    except FileNotFoundError as exc:
        raise ImageLoadError(f"image file not found: {os.fspath(path)}") from exc
    except IsADirectoryError as exc:
        raise ImageLoadError(f"expected an image file, got a directory: {os.fspath(path)}") from exc
    except _PILLOW_LOAD_ERRORS as exc:
        raise ImageLoadError(f"cannot read image {os.fspath(path)}: {exc}") from exc


def decode_image_file(
    path: str | os.PathLike[str], decoder: Decoder | None = None
) -> list[DecodedCode]:
    """Decode every code in the picture at ``path`` (default decoder: zxing)."""
    image = load_grayscale_image(path)
    return (decoder or make_decoder()).decode(image)
