"""``doctor``'s camera probe: which cameras Qt Multimedia sees, without its noise on stderr.

Loading Qt Multimedia logs its FFmpeg version and every optional library it did not find
(PipeWire, VA-API…) straight to the process's stderr, and FFmpeg's own ``av_log`` writes
there too, below Python's ``sys.stderr``. The probe sets the Qt logging rules the app uses
for the benign lines before Qt Multimedia loads, and captures file descriptor 2 while it
lists the cameras: whatever else Qt or FFmpeg said is returned, for ``doctor`` to report
as a camera problem in its own words instead of letting it scroll past.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from kiosk_app.hardware.qt_logging import quiet_benign_multimedia_logs

# Said by every healthy start (a library the app does not need is absent; the version).
_BENIGN = re.compile(
    r"qt\.multimedia\.symbolsresolver|Using Qt multimedia with FFmpeg version|^\s*$"
)


@dataclass
class CameraProbe:
    names: list[str] = field(default_factory=list)
    error: str | None = None  # Qt Multimedia could not start at all
    reported: list[str] = field(default_factory=list)  # what Qt/FFmpeg said that is not benign


@contextlib.contextmanager
def captured_stderr_fd() -> Iterator[list[str]]:
    """Everything written to file descriptor 2 in the block; its lines fill the list at exit."""
    lines: list[str] = []
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield lines
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            lines.extend(sink.read().decode("utf-8", "replace").splitlines())


def probe_cameras() -> CameraProbe:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    quiet_benign_multimedia_logs()  # env rules: read when Qt's logging starts
    probe = CameraProbe()
    with captured_stderr_fd() as said:
        try:
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtMultimedia import QMediaDevices

            _app = QCoreApplication.instance() or QCoreApplication([])
            probe.names = [d.description() for d in QMediaDevices.videoInputs()]
        except Exception as exc:  # a broken Qt Multimedia is a finding, not a crash
            probe.error = f"{exc.__class__.__name__}: {exc}"
    probe.reported = unexpected_lines(said)
    return probe


def unexpected_lines(said: list[str]) -> list[str]:
    """What Qt Multimedia or FFmpeg said, less the benign start-up lines."""
    return [line.strip() for line in said if not _BENIGN.search(line)]
