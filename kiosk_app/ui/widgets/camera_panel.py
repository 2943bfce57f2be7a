"""Camera card: pick a camera, start/stop the live preview, or read why there is none."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QWidget

from kiosk_app.hardware.camera import CameraScanner
from kiosk_app.ui.widgets.common import Card, button, label
from kiosk_app.ui.widgets.file_dialog import file_dialog


class CameraPanel(Card):
    def __init__(self, camera: CameraScanner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Camera"), parent)
        self._camera = camera
        self.status = label("", "muted", wrap=True)
        self.body.addWidget(self.status)
        row = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setMinimumHeight(48)
        self.picker.setAccessibleName(self.tr("Camera to use"))
        self.picker.addItems(camera.camera_names())
        row.addWidget(self.picker, 1)
        self.toggle = button(self.tr("Start camera"))
        self.toggle.clicked.connect(self._toggle)
        row.addWidget(self.toggle)
        self.body.addLayout(row)
        self.from_file = button(
            self.tr("Read a barcode picture…"), accessible=self.tr("Read barcodes in an image file")
        )
        self.from_file.clicked.connect(self._choose_file)
        self.body.addWidget(self.from_file)
        self.file_result = label("", "muted", wrap=True)
        self.body.addWidget(self.file_result)
        self._dialog: QFileDialog | None = None
        self.preview: QWidget | None = None
        camera.state_changed.connect(self._show_state)
        self._show_state(camera.state, camera.detail)

    def _toggle(self) -> None:
        if self._camera.state == "running":
            self._camera.stop()
            return
        if self.preview is None:
            from PySide6.QtMultimediaWidgets import QVideoWidget

            self.preview = QVideoWidget()
            self.preview.setMinimumSize(320, 200)
            self.preview.setAccessibleName(self.tr("Camera preview"))
            self.body.addWidget(self.preview)
        self._camera.start(self.picker.currentIndex(), self.preview)

    def _choose_file(self) -> None:
        """Support and diagnostics: decode a photo of a label (opened without blocking)."""
        self._dialog = file_dialog(
            self, self.tr("Barcode picture"), self.tr("Images (*.png *.jpg *.jpeg *.bmp)")
        )
        self._dialog.fileSelected.connect(self.decode_file)
        self._dialog.open()

    def decode_file(self, path: str) -> int:
        """Decode ``path`` and deliver what it holds as scans; returns how many were found."""
        found = self._camera.decode_file(path)
        if found < 0:
            self.file_result.setText(self.tr("This file cannot be read as an image."))
        elif found == 0:
            self.file_result.setText(self.tr("No barcode found in this picture."))
        else:
            self.file_result.setText("")
        return found

    def _show_state(self, state: str, detail: str) -> None:
        texts = {
            "no_camera": self.tr("No camera found. Use the handheld scanner or type the code."),
            "unavailable": self.tr("The camera cannot be used on this device: %1").replace(
                "%1", detail
            ),
            "ready": self.tr("Point the camera at a barcode or QR code."),
            "running": self.tr("Scanning with %1…").replace("%1", detail),
        }
        self.status.setText(texts.get(state, ""))
        usable = state in ("ready", "running")
        self.picker.setVisible(usable and self.picker.count() > 1)
        self.toggle.setVisible(usable)
        self.toggle.setText(
            self.tr("Stop camera") if state == "running" else self.tr("Start camera")
        )
        if self.preview is not None:
            self.preview.setVisible(state == "running")
