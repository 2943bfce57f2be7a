"""Silence Qt Multimedia's start-up chatter that is not a problem for this app.

Qt's FFmpeg backend probes VA-API hardware video acceleration and logs when the library is
absent (tablets without it decode barcodes on the CPU anyway) and logs its FFmpeg version.
Real camera errors still reach us through QCamera.errorOccurred.
"""

from __future__ import annotations

import os

BENIGN_RULES = ("qt.multimedia.symbolsresolver=false", "qt.multimedia.ffmpeg.info=false")


def quiet_benign_multimedia_logs() -> None:
    """Must run before the QApplication is created."""
    current = [r for r in os.environ.get("QT_LOGGING_RULES", "").split(";") if r]
    for rule in BENIGN_RULES:
        if rule not in current:
            current.append(rule)
    os.environ["QT_LOGGING_RULES"] = ";".join(current)
