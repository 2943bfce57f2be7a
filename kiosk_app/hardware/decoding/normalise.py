"""Rules that make both backends report the same format and text for a symbol."""

from kiosk_app.hardware.decoding.code_format import GS1_SEPARATOR, CodeFormat
from kiosk_app.hardware.decoding.gs1 import has_valid_check_digit, is_itf14


def ean13_or_upca(text: str) -> tuple[CodeFormat, str]:
    """An EAN-13 starting with 0 is a UPC-A symbol: report it with its 12 digits."""
    if len(text) == 13 and text.startswith("0"):
        return CodeFormat.UPCA, text[1:]
    return CodeFormat.EAN13, text


def itf_format(text: str) -> CodeFormat:
    """ITF carrying a GTIN-14 is ITF-14; any other ITF stays plain ITF."""
    return CodeFormat.ITF14 if is_itf14(text) else CodeFormat.ITF


def itf_symbology_id(text: str) -> str:
    """``]I1`` when the trailing mod-10 check digit is valid, as zxing-cpp reports."""
    return "]I1" if has_valid_check_digit(text) else "]I0"


def gs1_element_string(text: str) -> str:
    """Drop a leading FNC1 (as GS) so the text starts with the first AI."""
    return text.removeprefix(GS1_SEPARATOR)
