"""Sample codes for the decoding tests: what to draw, how to draw it, what to expect."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import zxingcpp

from kiosk_app.hardware.decoding import CodeFormat

GS = "\x1d"
GS1_ELEMENTS = "(01)09506000134352(10)ABC123(17)261231"
GS1_TEXT = f"010950600013435210ABC123{GS}17261231"
GS1_DM_ELEMENTS = "(01)09506000134352(17)261231(10)ABC123(21)S42"
GS1_DM_TEXT = f"01095060001343521726123110ABC123{GS}21S42"
DIGITAL_LINK = "https://id.example.com/01/09506000134352/10/LOT42"


@dataclass(frozen=True)
class Sample:
    """A code to draw and what a decoder must report for it."""

    id: str
    writer_format: zxingcpp.BarcodeFormat
    content: str
    code_format: CodeFormat
    text: str
    symbology_id: str
    gs1: bool = False


FMT = zxingcpp.BarcodeFormat
SAMPLES: tuple[Sample, ...] = (
    Sample("ean13", FMT.EAN13, "5901234123457", CodeFormat.EAN13, "5901234123457", "]E0"),
    Sample("ean8", FMT.EAN8, "96385074", CodeFormat.EAN8, "96385074", "]E4"),
    Sample("upca", FMT.UPCA, "036000291452", CodeFormat.UPCA, "036000291452", "]E0"),
    Sample("upce", FMT.UPCE, "01234565", CodeFormat.UPCE, "01234565", "]E0"),
    Sample("code128", FMT.Code128, "SKU-12345/b", CodeFormat.CODE128, "SKU-12345/b", "]C0"),
    Sample("gs1_128", FMT.Code128, GS1_ELEMENTS, CodeFormat.GS1_128, GS1_TEXT, "]C1", gs1=True),
    Sample("itf14", FMT.ITF14, "15400141288763", CodeFormat.ITF14, "15400141288763", "]I1"),
    Sample("itf", FMT.ITF, "12345678", CodeFormat.ITF, "12345678", "]I0"),
    Sample("qr", FMT.QRCode, "ORDER:4711-XY", CodeFormat.QR, "ORDER:4711-XY", "]Q1"),
    Sample("qr_digital_link", FMT.QRCode, DIGITAL_LINK, CodeFormat.QR, DIGITAL_LINK, "]Q1"),
    Sample("gs1_qr", FMT.QRCode, GS1_ELEMENTS, CodeFormat.GS1_QR, GS1_TEXT, "]Q3", gs1=True),
    Sample("datamatrix", FMT.DataMatrix, "LOC-A12-03", CodeFormat.DATAMATRIX, "LOC-A12-03", "]d1"),
    Sample(
        "gs1_datamatrix",
        FMT.DataMatrix,
        GS1_DM_ELEMENTS,
        CodeFormat.GS1_DATAMATRIX,
        GS1_DM_TEXT,
        "]d2",
        gs1=True,
    ),
)
ZBAR_SAMPLES = tuple(s for s in SAMPLES if s.writer_format != FMT.DataMatrix)

Gray = npt.NDArray[np.uint8]


def render_code(
    content: str,
    barcode_format: zxingcpp.BarcodeFormat,
    *,
    gs1: bool = False,
    scale: int = 3,
    margin: int = 24,
) -> Gray:
    """Draw one code black on white, with extra white margin around the quiet zone."""
    options: dict[str, bool] = {"gs1": True} if gs1 else {}
    if barcode_format == zxingcpp.BarcodeFormat.DataMatrix:
        options["forceSquare"] = True
    barcode = zxingcpp.create_barcode(content, barcode_format, **options)
    image = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=scale), dtype=np.uint8)
    return np.pad(image, margin, constant_values=255)
