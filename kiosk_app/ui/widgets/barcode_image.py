"""A scannable barcode (Code 128 or QR) drawn with zxing-cpp's writer."""

from __future__ import annotations

import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

FORMATS = {"code128": zxingcpp.BarcodeFormat.Code128, "qr": zxingcpp.BarcodeFormat.QRCode}


def barcode_image(text: str, kind: str = "code128", scale: int = 3) -> QImage:
    """8-bit grayscale image of ``text`` with quiet zones (a copy: owns its pixels)."""
    barcode = zxingcpp.create_barcode(text, FORMATS[kind])
    with memoryview(barcode.to_image(scale=scale, add_quiet_zones=True)) as pixels:  # type: ignore[arg-type]
        height, width = pixels.shape or (0, 0)
        data = pixels.tobytes()
    image = QImage(data, width, height, width, QImage.Format.Format_Grayscale8)
    return image.copy()


class BarcodeImage(QLabel):
    """Shows one code at integer scale (no smoothing: every module stays crisp)."""

    def __init__(
        self, kind: str = "code128", scale: int = 3, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._kind = kind
        self._scale = scale
        self.text_value = ""
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("background: white; border-radius: 8px;")

    def set_code(self, text: str) -> None:
        self.text_value = text
        if not text:
            self.clear()
            return
        self.setPixmap(QPixmap.fromImage(barcode_image(text, self._kind, self._scale)))
        self.setAccessibleName(self.tr("Barcode %1").replace("%1", text))
