"""Decoder backend on zbar (via pyzbar), the alternative to zxing-cpp."""

import ctypes
from typing import Any

import numpy as np
import numpy.typing as npt

from kiosk_app.hardware.decoding.code_format import CodeFormat
from kiosk_app.hardware.decoding.decoded_code import Corners, DecodedCode
from kiosk_app.hardware.decoding.grayscale import to_grayscale
from kiosk_app.hardware.decoding.normalise import (
    ean13_or_upca,
    gs1_element_string,
    itf_format,
    itf_symbology_id,
)
from kiosk_app.hardware.decoding.zbar_bindings import (
    CFG_ENABLE,
    FOURCC_Y800,
    MODIFIER_AIM,
    MODIFIER_GS1,
    SYMBOL_NONE,
    ZbarBindings,
    load_zbar_bindings,
)

# zbar symbol type numbers (zbar.h, zbar_symbol_type_e).
_EAN8, _UPCE, _UPCA, _EAN13, _I25, _QRCODE, _CODE128 = 8, 9, 12, 13, 25, 64, 128
_ENABLED_SYMBOLS = (_EAN8, _UPCE, _UPCA, _EAN13, _I25, _QRCODE, _CODE128)

PYZBAR_SUPPORTED_FORMATS: frozenset[CodeFormat] = frozenset(CodeFormat) - {
    CodeFormat.DATAMATRIX,
    CodeFormat.GS1_DATAMATRIX,
    CodeFormat.OTHER,
}
"""zbar has no DataMatrix reader at all."""


class PyzbarDecoder:
    """zbar backend. Construction fails with DecoderUnavailable if libzbar is missing."""

    name: str = "pyzbar"
    supported_formats: frozenset[CodeFormat] = PYZBAR_SUPPORTED_FORMATS

    def __init__(self) -> None:
        self._zbar: ZbarBindings = load_zbar_bindings()

    def decode(self, image: npt.NDArray[np.uint8]) -> list[DecodedCode]:
        gray = to_grayscale(image)
        zbar = self._zbar
        scanner = zbar.scanner_create()
        try:
            zbar.scanner_set_config(scanner, SYMBOL_NONE, CFG_ENABLE, 0)
            for symbol_type in _ENABLED_SYMBOLS:
                zbar.scanner_set_config(scanner, symbol_type, CFG_ENABLE, 1)
            return _scan(zbar, scanner, gray)
        finally:
            zbar.scanner_destroy(scanner)


def _scan(zbar: ZbarBindings, scanner: Any, gray: npt.NDArray[np.uint8]) -> list[DecodedCode]:
    height, width = gray.shape
    image = zbar.image_create()
    try:
        zbar.image_set_format(image, FOURCC_Y800)
        zbar.image_set_size(image, width, height)
        # zbar borrows the buffer; ``gray`` stays referenced until destroy below.
        zbar.image_set_data(image, gray.ctypes.data, gray.size, None)
        if zbar.scan_image(scanner, image) <= 0:
            return []
        codes: list[DecodedCode] = []
        symbol = zbar.first_symbol(image)
        while symbol:
            codes.append(_to_decoded_code(zbar, symbol))
            symbol = zbar.next_symbol(symbol)
        return codes
    finally:
        zbar.image_destroy(image)


def _to_decoded_code(zbar: ZbarBindings, symbol: Any) -> DecodedCode:
    symbol_type = int(symbol.contents.type)
    length = int(zbar.symbol_data_length(symbol))
    text = ctypes.string_at(zbar.symbol_data(symbol), length).decode("utf-8", errors="replace")
    modifiers = int(zbar.symbol_modifiers(symbol))
    code_format, text, symbology_id = classify_zbar_symbol(symbol_type, text, modifiers)
    return DecodedCode(
        format=code_format,
        text=text,
        symbology_id=symbology_id,
        position=_corners(zbar, symbol),
    )


def classify_zbar_symbol(
    symbol_type: int, text: str, modifiers: int
) -> tuple[CodeFormat, str, str | None]:
    """Map a zbar symbol to (format, normalised text, derived symbology identifier)."""
    gs1 = bool(modifiers & MODIFIER_GS1)
    aim = bool(modifiers & MODIFIER_AIM)
    if symbol_type in (_EAN13, _UPCA):
        code_format, digits = ean13_or_upca(text if symbol_type == _EAN13 else "0" + text)
        return code_format, digits, "]E0"
    if symbol_type == _UPCE:
        return CodeFormat.UPCE, text, "]E0"
    if symbol_type == _EAN8:
        return CodeFormat.EAN8, text, "]E4"
    if symbol_type == _I25:
        return itf_format(text), text, itf_symbology_id(text)
    if symbol_type == _CODE128:
        if gs1:
            return CodeFormat.GS1_128, gs1_element_string(text), "]C1"
        return CodeFormat.CODE128, text, "]C2" if aim else "]C0"
    if symbol_type == _QRCODE:
        if gs1:
            return CodeFormat.GS1_QR, gs1_element_string(text), "]Q3"
        return CodeFormat.QR, text, "]Q5" if aim else "]Q1"
    return CodeFormat.OTHER, text, None


def _corners(zbar: ZbarBindings, symbol: Any) -> Corners | None:
    """Four-point locations are kept; linear scan lines become their bounding box."""
    count = int(zbar.symbol_loc_size(symbol))
    if count == 0:
        return None
    points = [
        (int(zbar.symbol_loc_x(symbol, i)), int(zbar.symbol_loc_y(symbol, i))) for i in range(count)
    ]
    if count == 4:
        a, b, c, d = points
        return a, d, c, b
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    return (left, top), (right, top), (right, bottom), (left, bottom)
