"""Decoder backend on zxing-cpp (the default)."""

from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import numpy.typing as npt
import zxingcpp

from kiosk_app.hardware.decoding.code_format import GS1_FORMATS, CodeFormat
from kiosk_app.hardware.decoding.decoded_code import Corners, DecodedCode
from kiosk_app.hardware.decoding.grayscale import to_grayscale
from kiosk_app.hardware.decoding.normalise import ean13_or_upca, gs1_element_string, itf_format
from kiosk_app.hardware.decoding.scanlines import ScanlineLayout, densify, scanline_layouts

ZXING_SUPPORTED_FORMATS: frozenset[CodeFormat] = frozenset(CodeFormat)

# Which zxing-cpp reader covers each of our formats (GS1 variants share a reader).
_READER_FOR_FORMAT: dict[CodeFormat, zxingcpp.BarcodeFormat] = {
    CodeFormat.EAN13: zxingcpp.BarcodeFormat.EAN13,
    CodeFormat.EAN8: zxingcpp.BarcodeFormat.EAN8,
    CodeFormat.UPCA: zxingcpp.BarcodeFormat.UPCA,
    CodeFormat.UPCE: zxingcpp.BarcodeFormat.UPCE,
    CodeFormat.CODE128: zxingcpp.BarcodeFormat.Code128,
    CodeFormat.GS1_128: zxingcpp.BarcodeFormat.Code128,
    CodeFormat.ITF: zxingcpp.BarcodeFormat.ITF,
    CodeFormat.ITF14: zxingcpp.BarcodeFormat.ITF,
    CodeFormat.QR: zxingcpp.BarcodeFormat.QRCode,
    CodeFormat.GS1_QR: zxingcpp.BarcodeFormat.QRCode,
    CodeFormat.DATAMATRIX: zxingcpp.BarcodeFormat.DataMatrix,
    CodeFormat.GS1_DATAMATRIX: zxingcpp.BarcodeFormat.DataMatrix,
}

DEFAULT_FORMATS: frozenset[CodeFormat] = frozenset(_READER_FOR_FORMAT)


_LINEAR_READERS = frozenset(
    {
        zxingcpp.BarcodeFormat.EAN13,
        zxingcpp.BarcodeFormat.EAN8,
        zxingcpp.BarcodeFormat.UPCA,
        zxingcpp.BarcodeFormat.UPCE,
        zxingcpp.BarcodeFormat.Code128,
        zxingcpp.BarcodeFormat.ITF,
    }
)


class ZxingDecoder:
    """zxing-cpp backend: reads every format the app needs, DataMatrix included.

    A frame gets zxing-cpp's normal pass first. Only when that finds nothing,
    linear codes get a second look along slanted scanlines with a fixed
    threshold, first as sampled, then at double density (see :mod:`scanlines`).
    That recovers labels tilted off the pixel grid, noisy or blurred bars and
    bars under two pixels wide, which the first pass's row thresholding loses;
    it costs a few milliseconds, and only on frames without a code.
    """

    name: str = "zxing"
    supported_formats: frozenset[CodeFormat] = ZXING_SUPPORTED_FORMATS

    def __init__(
        self,
        *,
        formats: Iterable[CodeFormat] = DEFAULT_FORMATS,
        try_rotate: bool = True,
        try_downscale: bool = True,
        try_invert: bool = False,
        scanline_fallback: bool = True,
    ) -> None:
        wanted = frozenset(formats)
        readers = sorted({_READER_FOR_FORMAT[f] for f in wanted if f in _READER_FOR_FORMAT})
        if not readers:
            raise ValueError(f"no zxing-cpp reader for formats {sorted(wanted)}")
        linear = [r for r in readers if r in _LINEAR_READERS]
        self._wanted = wanted
        self._readers = zxingcpp.BarcodeFormats(readers)
        self._fallback_readers = (
            zxingcpp.BarcodeFormats(linear) if linear and scanline_fallback else None
        )
        self._try_rotate = try_rotate
        self._try_downscale = try_downscale
        self._try_invert = try_invert

    def decode(self, image: npt.NDArray[np.uint8]) -> list[DecodedCode]:
        gray = to_grayscale(image)
        barcodes = zxingcpp.read_barcodes(
            gray,
            formats=self._readers,
            try_rotate=self._try_rotate,
            try_downscale=self._try_downscale,
            try_invert=self._try_invert,
            text_mode=zxingcpp.TextMode.Plain,
        )
        codes = self._keep([to_decoded_code(b) for b in barcodes if b.valid])
        if codes or self._fallback_readers is None:
            return codes
        return self._keep(_read_scanlines(gray, self._fallback_readers))

    def _keep(self, codes: list[DecodedCode]) -> list[DecodedCode]:
        return [code for code in codes if code.format in self._wanted]


def _read_scanlines(
    gray: npt.NDArray[np.uint8], readers: zxingcpp.BarcodeFormats
) -> list[DecodedCode]:
    """The fallback pass: linear readers on slanted scanline images, fixed threshold."""
    sampled = [(layout, layout.sample(gray)) for layout in scanline_layouts(*gray.shape)]
    for density in (1, 2):
        for layout, lines in sampled:
            barcodes = zxingcpp.read_barcodes(
                lines if density == 1 else densify(lines),
                formats=readers,
                try_rotate=False,
                try_downscale=False,
                try_invert=False,
                text_mode=zxingcpp.TextMode.Plain,
                binarizer=zxingcpp.Binarizer.FixedThreshold,
            )
            codes = [
                _in_frame(to_decoded_code(barcode), layout, density)
                for barcode in barcodes
                if barcode.valid
            ]
            if codes:
                return codes
    return []


def _in_frame(code: DecodedCode, layout: ScanlineLayout, density: int) -> DecodedCode:
    if code.position is None:
        return code
    return replace(code, position=layout.corners_to_frame(code.position, density=density))


def to_decoded_code(barcode: zxingcpp.Barcode) -> DecodedCode:
    """Translate one zxing-cpp result into the shared, normalised form."""
    code_format, text = _classify(barcode)
    return DecodedCode(
        format=code_format,
        text=gs1_element_string(text) if code_format in GS1_FORMATS else text,
        symbology_id=barcode.symbology_identifier or None,
        position=_corners(barcode.position),
    )


def _classify(barcode: zxingcpp.Barcode) -> tuple[CodeFormat, str]:
    text = barcode.text
    is_gs1 = barcode.content_type == zxingcpp.ContentType.GS1
    kind = barcode.format.name
    if kind in ("EAN13", "UPCA"):
        return ean13_or_upca(text)
    if kind == "UPCE":
        return CodeFormat.UPCE, _upce_as_printed(barcode)
    if kind == "EAN8":
        return CodeFormat.EAN8, text
    if kind in ("ITF", "ITF14"):
        return itf_format(text), text
    if kind == "Code128":
        return (CodeFormat.GS1_128 if is_gs1 else CodeFormat.CODE128), text
    if kind.startswith("QRCode"):
        return (CodeFormat.GS1_QR if is_gs1 else CodeFormat.QR), text
    if kind == "DataMatrix":
        return (CodeFormat.GS1_DATAMATRIX if is_gs1 else CodeFormat.DATAMATRIX), text
    return CodeFormat.OTHER, text


def _upce_as_printed(barcode: zxingcpp.Barcode) -> str:
    """zxing-cpp 3 expands UPC-E to 13 digits; the 8 printed digits are in ``extra``."""
    extra = barcode.extra
    if isinstance(extra, dict):
        printed = extra.get("UPCE")
        if isinstance(printed, str) and len(printed) == 8:
            return printed
    return barcode.text


def _corners(position: zxingcpp.Position) -> Corners:
    points = (
        position.top_left,
        position.top_right,
        position.bottom_right,
        position.bottom_left,
    )
    a, b, c, d = ((p.x, p.y) for p in points)
    return a, b, c, d
