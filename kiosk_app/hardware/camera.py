"""Camera scanning: Qt Multimedia preview, frames decoded off the UI thread.

``FrameDecoder`` is the pipeline (rate cap → grayscale frame → decoder in a worker thread →
de-duplication → scan hub) and takes plain numpy frames, so tests push frames into it.
``CameraScanner`` feeds it from a real camera when Qt Multimedia and a camera exist, and
otherwise reports why not (no camera, missing system libraries) while the app keeps working.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from kiosk_app.hardware.decoding import DecodedCode, Decoder
from kiosk_app.hardware.scan_text import to_scan
from kiosk_app.kernel.scan_dedupe import RateCap, RecentScans
from kiosk_app.kernel.scan_hub import ScanHub

log = logging.getLogger(__name__)


class FrameDecoder(QObject):
    """Decodes frames in one worker thread; at most one frame in flight, extras dropped."""

    decoded = Signal(object)  # list[DecodedCode], delivered on the UI thread

    def __init__(
        self,
        hub: ScanHub,
        decoder: Decoder,
        *,
        max_fps: float = 12.0,
        repeat_window_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self._decoder = decoder
        self._cap = RateCap(max_fps)
        self._recent = RecentScans(repeat_window_s)
        self._clock = clock
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="decode")
        self._busy = False
        self.frames_in = 0
        self.frames_decoded = 0
        self.decoded.connect(self._deliver)

    def accepting(self) -> bool:
        """Would a frame offered now be decoded? (Lets the camera skip converting it.)"""
        return not self._busy and self._clock() >= self._cap.next_t

    def submit(self, gray: np.ndarray[Any, Any]) -> bool:
        """Offer a frame; returns False when it was dropped (rate cap or worker busy)."""
        self.frames_in += 1
        if self._busy or not self._cap.admit(self._clock()):
            return False
        self._busy = True
        future = self._pool.submit(self._decoder.decode, gray)
        future.add_done_callback(self._done)
        return True

    def _done(self, future: Future[list[DecodedCode]]) -> None:
        # worker thread: hand the result to the UI thread through a queued signal
        try:
            codes = future.result()
        except Exception:
            log.exception("decoding a camera frame failed")
            codes = []
        self.decoded.emit(codes)

    @Slot(object)
    def _deliver(self, codes: list[DecodedCode]) -> None:
        self._busy = False
        self.frames_decoded += 1
        now = self._clock()
        for code in codes:
            scan = to_scan(code, "camera")
            if self._recent.is_new(scan.text, now):
                self._hub.deliver(scan)

    def forget_recent(self) -> None:
        """Forget the codes seen lately (the next customer's same code is not a repeat)."""
        self._recent.forget()

    def decode_file(self, path: str) -> int:
        from kiosk_app.hardware.decoding import ImageLoadError, decode_image_file

        try:
            codes = decode_image_file(path, self._decoder)
        except ImageLoadError:
            return -1
        for code in codes:
            self._hub.deliver(to_scan(code, "file"))
        return len(codes)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def qimage_to_gray(image: Any) -> np.ndarray[Any, Any]:
    """QImage → 2-D uint8 array (copied: the frame buffer is reused by Qt)."""
    from PySide6.QtGui import QImage

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    buffer = np.frombuffer(gray.constBits(), dtype=np.uint8, count=stride * height)
    return buffer.reshape(height, stride)[:, :width].copy()


class CameraScanner(QObject):
    """A live camera feeding a ``FrameDecoder``; ``state`` says what the user should see."""

    state_changed = Signal(str, str)  # state ("unavailable"|"no_camera"|"ready"|"running"), detail

    def __init__(self, frames: FrameDecoder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._frames = frames
        self._camera: Any = None
        self._session: Any = None
        self._sink: Any = None
        self.state = "unavailable"
        self.detail = ""
        self._devices: list[Any] = []
        try:
            from PySide6.QtMultimedia import QMediaDevices

            self._devices = list(QMediaDevices.videoInputs())
        except Exception as exc:  # Qt Multimedia missing or its libraries absent
            self._set("unavailable", f"Qt Multimedia cannot start: {exc}")
            return
        self._set("ready" if self._devices else "no_camera", "")

    def _set(self, state: str, detail: str) -> None:
        self.state, self.detail = state, detail
        self.state_changed.emit(state, detail)

    def camera_names(self) -> list[str]:
        return [d.description() for d in self._devices]

    def start(self, index: int = 0, preview: Any = None) -> bool:
        """Start camera ``index``; ``preview`` is an optional QVideoWidget."""
        if not self._devices:
            return False
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        self.stop()
        self._camera = QCamera(self._devices[min(index, len(self._devices) - 1)])
        self._session = QMediaCaptureSession()
        self._session.setCamera(self._camera)
        if preview is not None:
            self._session.setVideoOutput(preview)
            self._sink = preview.videoSink()
        else:
            self._sink = QVideoSink()
            self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._camera.errorOccurred.connect(lambda _e, text: self._set("unavailable", text))
        self._camera.start()
        self._set("running", self._devices[index].description())
        return True

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            self._camera = None
            if self.state == "running":
                self._set("ready", "")

    def decode_file(self, path: str) -> int:
        """Decode an image file with the camera's decoder; scans go to the hub.

        Returns the number of codes found, or -1 when the file is not a readable image.
        """
        return self._frames.decode_file(path)

    def _on_frame(self, frame: Any) -> None:
        if not frame.isValid() or not self._frames.accepting():
            return
        image = frame.toImage()
        if not image.isNull():
            self._frames.submit(qimage_to_gray(image))
