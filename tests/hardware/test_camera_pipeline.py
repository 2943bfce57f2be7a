"""Frames pushed into the camera pipeline: decoded off the UI thread, capped, de-duplicated."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import zxingcpp
from PySide6.QtGui import QImage

from kiosk_app.hardware.camera import CameraScanner, FrameDecoder, qimage_to_gray
from kiosk_app.hardware.decoding import DecodedCode, make_decoder
from kiosk_app.kernel.scan_dedupe import RateCap, RecentScans
from kiosk_app.kernel.scan_hub import Scan, ScanHub


def frame_with(text: str, fmt: Any = zxingcpp.BarcodeFormat.EAN13) -> np.ndarray[Any, Any]:
    code = np.array(zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(text, fmt), scale=3))
    frame = np.full((480, 640), 200, dtype=np.uint8)
    h, w = code.shape
    frame[100 : 100 + h, 100 : 100 + w] = code
    return frame


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class RecordingDecoder:
    name = "recording"

    def __init__(self) -> None:
        self.inner = make_decoder("zxing")
        self.threads: list[str] = []

    def decode(self, image: np.ndarray[Any, Any]) -> list[DecodedCode]:
        self.threads.append(threading.current_thread().name)
        return self.inner.decode(image)


def test_frames_are_decoded_in_a_worker_and_reach_the_hub(qtbot: Any) -> None:
    scans: list[Scan] = []
    hub = ScanHub(lambda s: scans.append(s) or True)
    decoder = RecordingDecoder()
    clock = Clock()
    pipeline = FrameDecoder(hub, decoder, max_fps=10, repeat_window_s=2.0, clock=clock)
    try:
        assert pipeline.submit(frame_with("3760123000017"))
        qtbot.waitUntil(lambda: pipeline.frames_decoded == 1, timeout=5000)
        assert [s.text for s in scans] == ["]E03760123000017"]
        assert scans[0].source == "camera"
        assert decoder.threads and decoder.threads[0].startswith("decode")
        assert decoder.threads[0] != threading.current_thread().name

        # same code again within the window: decoded, but not fired again
        clock.t += 0.5
        assert pipeline.submit(frame_with("3760123000017"))
        qtbot.waitUntil(lambda: pipeline.frames_decoded == 2, timeout=5000)
        assert len(scans) == 1
        # after the window it is a new scan
        clock.t += 3.0
        assert pipeline.submit(frame_with("3760123000017"))
        qtbot.waitUntil(lambda: pipeline.frames_decoded == 3, timeout=5000)
        assert len(scans) == 2
    finally:
        pipeline.shutdown()


def test_rate_cap_and_busy_worker_drop_frames(qtbot: Any) -> None:
    hub = ScanHub(lambda s: True)
    clock = Clock()
    pipeline = FrameDecoder(hub, make_decoder("zxing"), max_fps=5, clock=clock)
    try:
        frame = frame_with("4006381333931")
        assert pipeline.submit(frame)
        assert not pipeline.submit(frame)  # worker busy (and too soon)
        qtbot.waitUntil(lambda: pipeline.frames_decoded == 1, timeout=5000)
        clock.t += 0.1
        assert not pipeline.accepting() and not pipeline.submit(frame)  # 5 fps cap: 200 ms
        clock.t += 0.15
        assert pipeline.submit(frame)
        qtbot.waitUntil(lambda: pipeline.frames_decoded == 2, timeout=5000)
        assert pipeline.frames_in == 4
    finally:
        pipeline.shutdown()


def test_qimage_frames_convert_to_grayscale_arrays() -> None:
    gray = frame_with("96385074", zxingcpp.BarcodeFormat.EAN8)
    rgb = np.ascontiguousarray(np.stack([gray] * 3, axis=-1))
    image = QImage(
        rgb.data, rgb.shape[1], rgb.shape[0], rgb.shape[1] * 3, QImage.Format.Format_RGB888
    )
    converted = qimage_to_gray(image)
    assert converted.shape == gray.shape
    assert make_decoder("zxing").decode(converted)[0].text == "96385074"


def test_without_a_camera_the_scanner_says_so(qtbot: Any) -> None:
    pipeline = FrameDecoder(ScanHub(lambda s: True), make_decoder("zxing"))
    try:
        camera = CameraScanner(pipeline)
        if camera.camera_names():  # a machine with a camera: nothing to assert here
            return
        assert camera.state == "no_camera"
        assert camera.start() is False
    finally:
        pipeline.shutdown()


def test_dedupe_and_cap_rules() -> None:
    recent = RecentScans(window_s=2)
    assert recent.is_new("a", 0) and not recent.is_new("a", 1.9) and recent.is_new("b", 1.9)
    assert not recent.is_new("a", 3.8)  # seen at 1.9: still inside the window
    assert recent.is_new("a", 6.0)
    cap = RateCap(per_second=10)
    assert cap.admit(0) and not cap.admit(0.05) and cap.admit(0.1)


def test_image_file_goes_through_the_same_pipeline(qtbot: Any, tmp_path: Any) -> None:
    from PIL import Image

    from kiosk_app.ui.widgets.camera_panel import CameraPanel

    scans: list[Scan] = []
    pipeline = FrameDecoder(ScanHub(lambda s: scans.append(s) or True), make_decoder("zxing"))
    try:
        panel = CameraPanel(CameraScanner(pipeline))
        qtbot.addWidget(panel)
        good = tmp_path / "label.png"
        Image.fromarray(frame_with("3760123000017")).save(good)
        assert panel.decode_file(str(good)) == 1
        assert [(s.text, s.source) for s in scans] == [("]E03760123000017", "file")]
        blank = tmp_path / "blank.png"
        Image.fromarray(np.full((100, 100), 255, dtype=np.uint8)).save(blank)
        assert panel.decode_file(str(blank)) == 0
        assert "No barcode" in panel.file_result.text()
        (tmp_path / "junk.png").write_bytes(b"not an image")
        assert panel.decode_file(str(tmp_path / "junk.png")) == -1
        assert "cannot be read" in panel.file_result.text()
    finally:
        pipeline.shutdown()
