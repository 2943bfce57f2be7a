"""Slanted scanline images: a cheap second look for linear codes zxing-cpp missed.

zxing-cpp reads linear codes along pixel rows and columns only, so a long, flat
label (GS1-128, ITF-14) tilted by 15 degrees has no row that crosses it end to
end. Sampling the frame along sparse lines at a few slopes and stacking those
lines into one small image lets zxing-cpp read such labels for a fraction of
the cost of rotating the frame. Index arrays depend only on the frame shape, so
they are computed once per camera resolution and cached.

Lines can also be resampled at twice their density (linear interpolation):
with bars under two pixels wide, as on a small or foreshortened label, that
lets zxing-cpp place edges between pixels.
"""

import functools
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kiosk_app.hardware.decoding.decoded_code import Corners, Point

SLOPES_DEGREES: tuple[float, ...] = (0.0, 12.0, -12.0, 24.0, -24.0)
LINE_SPACING_PX = 12


@dataclass(frozen=True, slots=True)
class ScanlineLayout:
    """Where each pixel of a scanline image comes from in the frame.

    Row ``r`` of the scanline image samples the frame along the line starting at
    ``origins[r]`` (a y for horizontal lines, an x for vertical ones) with
    ``slopes[r]`` pixels of drift per pixel along the line.
    """

    flat_index: npt.NDArray[np.intp]
    origins: npt.NDArray[np.intp]
    slopes: npt.NDArray[np.float64]
    vertical: bool

    def sample(self, gray: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
        """The scanline image of ``gray`` (of the shape this layout was built for)."""
        return np.take(gray.reshape(-1), self.flat_index)

    def to_frame(self, point: Point, *, density: int = 1) -> Point:
        """Map a point of a scanline image (``density`` 2: densified) to the frame."""
        along, row = round(point[0] / density), point[1]
        row = min(max(row, 0), len(self.origins) - 1)
        across = int(self.origins[row]) + round(along * float(self.slopes[row]))
        return (across, along) if self.vertical else (along, across)

    def corners_to_frame(self, corners: Corners, *, density: int = 1) -> Corners:
        a, b, c, d = (self.to_frame(p, density=density) for p in corners)
        return a, b, c, d


@functools.lru_cache(maxsize=4)
def scanline_layouts(height: int, width: int) -> tuple[ScanlineLayout, ScanlineLayout]:
    """Horizontal-ish and vertical-ish line families for a ``height`` x ``width`` frame."""
    return (
        _layout(height, width, vertical=False),
        _layout(height, width, vertical=True),
    )


def densify(lines: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Double the samples along each line, interpolating between neighbours."""
    dense = np.empty((lines.shape[0], 2 * lines.shape[1] - 1), dtype=np.uint8)
    dense[:, ::2] = lines
    wide = lines.astype(np.uint16)
    dense[:, 1::2] = (wide[:, :-1] + wide[:, 1:]) >> 1
    return dense


def _layout(height: int, width: int, *, vertical: bool) -> ScanlineLayout:
    length, span = (height, width) if vertical else (width, height)
    along = np.arange(length)
    blocks: list[npt.NDArray[np.intp]] = []
    origins: list[npt.NDArray[np.intp]] = []
    slopes: list[npt.NDArray[np.float64]] = []
    for degrees in SLOPES_DEGREES:
        slope = math.tan(math.radians(degrees))
        drift = np.rint(along * slope).astype(np.intp)
        first = -max(int(drift.max()), 0)
        last = span - min(int(drift.min()), 0)
        start = np.arange(first, last, LINE_SPACING_PX, dtype=np.intp)
        across = np.clip(start[:, None] + drift[None, :], 0, span - 1)
        if vertical:
            blocks.append(along[None, :] * width + across)
        else:
            blocks.append(across * width + along[None, :])
        origins.append(start)
        slopes.append(np.full(len(start), slope))
    layout = ScanlineLayout(
        flat_index=np.ascontiguousarray(np.vstack(blocks)),
        origins=np.concatenate(origins),
        slopes=np.concatenate(slopes),
        vertical=vertical,
    )
    for array in (layout.flat_index, layout.origins, layout.slopes):
        array.flags.writeable = False  # shared between decoder threads through the cache
    return layout
