"""The interface shared by the decoder backends."""

from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from kiosk_app.hardware.decoding.code_format import CodeFormat
from kiosk_app.hardware.decoding.decoded_code import DecodedCode


@runtime_checkable
class Decoder(Protocol):
    """Finds and decodes barcodes in one camera frame.

    Implementations are stateless per call, so one instance may be used from a
    worker thread; ``decode`` accepts a 2-D uint8 grayscale array or an
    HxWx3 (RGB) / HxWx4 (RGBA) uint8 array.
    """

    name: str
    supported_formats: frozenset[CodeFormat]

    def decode(self, image: npt.NDArray[np.uint8]) -> list[DecodedCode]:
        """Return every code found in ``image``; an empty list when there is none."""
        ...
