"""The value object every decoder returns."""

from dataclasses import dataclass

from kiosk_app.hardware.decoding.code_format import GS1_FORMATS, CodeFormat

Point = tuple[int, int]
Corners = tuple[Point, Point, Point, Point]


@dataclass(frozen=True, slots=True)
class DecodedCode:
    """One code found in a frame.

    ``text`` is normalised across backends: EAN/UPC carry their own digit count
    (UPC-A 12, UPC-E 8 as printed), GS1 symbologies carry the element string with
    FNC1 separators as ASCII GS and without a leading FNC1 or symbology identifier.
    ``position`` holds corner points in image pixels (top-left, top-right,
    bottom-right, bottom-left as far as the backend knows them), or None.
    """

    format: CodeFormat
    text: str
    symbology_id: str | None = None
    position: Corners | None = None

    @property
    def is_gs1(self) -> bool:
        """True when ``text`` is a GS1 element string."""
        return self.format in GS1_FORMATS
