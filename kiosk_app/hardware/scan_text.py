"""What a decoded barcode is, as the scan pipeline sees it.

The camera and ``kiosk-app decode`` hand the classifier the same text: the AIM symbology
identifier (when the decoder reports one) followed by the content, exactly as a
symbology-identifier-enabled wedge scanner would send it. So GUI, CLI and wedge agree.
"""

from __future__ import annotations

from kiosk_app.hardware.decoding import DecodedCode
from kiosk_app.kernel.scan_hub import Scan


def scan_text(code: DecodedCode) -> str:
    return (code.symbology_id or "") + code.text


def to_scan(code: DecodedCode, source: str = "camera") -> Scan:
    return Scan(scan_text(code), source, code.symbology_id)
