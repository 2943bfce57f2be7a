"""Bringing frames into the one layout both backends read: C-contiguous 2-D uint8."""

import numpy as np
import numpy.typing as npt

from kiosk_app.hardware.decoding.errors import InvalidImageError

# ITU-R BT.601 luma weights scaled to 256, so the sum fits in uint16.
_RED_WEIGHT, _GREEN_WEIGHT, _BLUE_WEIGHT = 77, 150, 29


def to_grayscale(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Return ``image`` as a C-contiguous 2-D uint8 array.

    Accepts HxW, HxWx1, HxWx3 (RGB) and HxWx4 (RGBA, alpha ignored). Channel
    order matters: zxing-cpp would read a raw 3-channel array as BGR, so colour
    frames are converted here instead of being passed through. (Qt's
    Format_RGB32/ARGB32 are B,G,R,A in memory on little-endian machines: convert
    those to Format_Grayscale8 or Format_RGBA8888 before handing them over.)
    """
    if not isinstance(image, np.ndarray):
        raise InvalidImageError(f"expected a numpy array, got {type(image).__name__}")
    if image.dtype != np.uint8:
        raise InvalidImageError(f"expected a uint8 image, got dtype {image.dtype}")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim == 3 and image.shape[2] in (3, 4):
        image = _rgb_to_luma(image)
    if image.ndim != 2:
        raise InvalidImageError(
            f"expected HxW grayscale or HxWx3 RGB image, got shape {image.shape}"
        )
    if image.shape[0] == 0 or image.shape[1] == 0:
        raise InvalidImageError(f"image is empty (shape {image.shape})")
    return np.ascontiguousarray(image)


def _rgb_to_luma(image: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    red = image[:, :, 0].astype(np.uint16)
    green = image[:, :, 1].astype(np.uint16)
    blue = image[:, :, 2].astype(np.uint16)
    luma = (red * _RED_WEIGHT + green * _GREEN_WEIGHT + blue * _BLUE_WEIGHT) >> 8
    return luma.astype(np.uint8)
