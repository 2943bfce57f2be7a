"""The barcode formats the app distinguishes, shared by every decoder backend."""

from enum import StrEnum


class CodeFormat(StrEnum):
    """Normalised symbology of a decoded code.

    GS1 variants are separate members because their text is a GS1 element string
    (application identifiers, FNC1 sent as ASCII GS) rather than free text.
    """

    EAN13 = "ean13"
    EAN8 = "ean8"
    UPCA = "upca"
    UPCE = "upce"
    CODE128 = "code128"
    GS1_128 = "gs1_128"
    ITF = "itf"
    ITF14 = "itf14"
    QR = "qr"
    GS1_QR = "gs1_qr"
    DATAMATRIX = "datamatrix"
    GS1_DATAMATRIX = "gs1_datamatrix"
    OTHER = "other"


GS1_FORMATS: frozenset[CodeFormat] = frozenset(
    {CodeFormat.GS1_128, CodeFormat.GS1_QR, CodeFormat.GS1_DATAMATRIX}
)
"""Formats whose text is a GS1 element string with GS (0x1D) separators."""

GS1_SEPARATOR = "\x1d"
"""ASCII GS, which stands for FNC1 between variable-length GS1 element strings."""
