"""Barcode decoding for camera frames and image files.

The camera side hands grayscale numpy frames to a :class:`Decoder` from a worker
thread; :func:`make_decoder` picks the backend ("zxing" by default, "pyzbar" as
the alternative). Both return :class:`DecodedCode` with normalised format and text.
"""

from kiosk_app.hardware.decoding.code_format import GS1_FORMATS, GS1_SEPARATOR, CodeFormat
from kiosk_app.hardware.decoding.decoded_code import Corners, DecodedCode, Point
from kiosk_app.hardware.decoding.decoder_protocol import Decoder
from kiosk_app.hardware.decoding.errors import (
    DecoderUnavailable,
    DecodingError,
    ImageLoadError,
    InvalidImageError,
    UnknownDecoderError,
)
from kiosk_app.hardware.decoding.image_files import decode_image_file, load_grayscale_image
from kiosk_app.hardware.decoding.pyzbar_decoder import PyzbarDecoder
from kiosk_app.hardware.decoding.registry import (
    DEFAULT_DECODER,
    available_decoders,
    decoder_names,
    make_decoder,
)
from kiosk_app.hardware.decoding.zxing_decoder import ZxingDecoder

__all__ = [
    "DEFAULT_DECODER",
    "GS1_FORMATS",
    "GS1_SEPARATOR",
    "CodeFormat",
    "Corners",
    "DecodedCode",
    "Decoder",
    "DecoderUnavailable",
    "DecodingError",
    "ImageLoadError",
    "InvalidImageError",
    "Point",
    "PyzbarDecoder",
    "UnknownDecoderError",
    "ZxingDecoder",
    "available_decoders",
    "decode_image_file",
    "decoder_names",
    "load_grayscale_image",
    "make_decoder",
]
