"""Keyboard-wedge recognition: scanner bursts vs a person typing.

Two parts in one run:
- the timing rule alone (core ``WedgeDetector``) on 2,000 simulated 13-digit codes per
  speed, with ±50 % jitter per key;
- the real Qt path (``WedgeScannerFilter`` on a QApplication, ``QTest.keyClicks`` with real
  delays into a focused QLineEdit) for a smaller number of codes.
Goal: a 13-digit burst at 2 ms per key is recognised every time; typing at 150 ms per key
never is (and its characters all reach the text field).
"""

from __future__ import annotations

import os
import random

from bench.stats import Row, row
from kiosk_app.kernel.wedge import Replay, ScanDone, WedgeDetector


def _simulate(per_key_s: float, trials: int, rng: random.Random) -> tuple[int, int]:
    """(codes recognised as scans, codes whose keys were all replayed to the field)."""
    recognised = replayed_ok = 0
    for _ in range(trials):
        code = "".join(rng.choice("0123456789") for _ in range(13))
        det = WedgeDetector()
        t = 0.0
        out: list[object] = []
        for ch in code + "\r":
            if det.holding:
                out += (
                    det.timeout(t + det.config.max_gap_s)
                    if (per_key_s > det.config.max_gap_s)
                    else []
                )
            out += det.key(ch, t, ch)
            t += per_key_s * rng.uniform(0.5, 1.5)
        recognised += any(isinstance(a, ScanDone) and a.text == code for a in out)
        typed = "".join(str(k) for a in out if isinstance(a, Replay) for k in a.keys)
        replayed_ok += typed == code
    return recognised, replayed_ok


def _qt_runs(
    per_key_ms: int, trials: int, rng: random.Random, *, stamped: bool = False
) -> tuple[int, int]:
    """Real key events through the real filter, ``per_key_ms`` apart in real time.

    ``stamped``: the events carry their press time, as a real keyboard's do (the filter
    then judges the device's spacing); otherwise they carry none, like QTest's, and the
    filter falls back on when the UI thread handled them.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import time

    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from kiosk_app.hardware.wedge_filter import WedgeScannerFilter
    from kiosk_app.kernel.scan_hub import Scan, ScanHub

    app = QApplication.instance() or QApplication([])
    scans: list[Scan] = []
    hub = ScanHub(lambda s: scans.append(s) is None)
    wedge = WedgeScannerFilter(hub)
    app.installEventFilter(wedge)
    field = QLineEdit()
    field.show()
    field.setFocus()
    recognised = typed_ok = 0
    try:
        for _ in range(trials):
            code = "".join(rng.choice("0123456789") for _ in range(13))
            scans.clear()
            field.clear()
            if stamped:
                device_t0 = int(time.monotonic() * 1000)
                for i, ch in enumerate([*code, "\r"]):
                    QTest.qWait(per_key_ms)
                    k = Qt.Key.Key_Return if ch == "\r" else Qt.Key.Key_0 + int(ch)
                    stamp = device_t0 + i * per_key_ms  # the scanner's own clock
                    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                        event = QKeyEvent(kind, k, Qt.KeyboardModifier.NoModifier, ch)
                        event.setTimestamp(stamp)
                        QCoreApplication.sendEvent(field, event)
            else:
                QTest.keyClicks(field, code, Qt.KeyboardModifier.NoModifier, per_key_ms)
                QTest.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, per_key_ms)
            QTest.qWait(80)
            recognised += [s.text for s in scans] == [code]
            typed_ok += field.text() == code
    finally:
        app.removeEventFilter(wedge)
        field.close()
    return recognised, typed_ok


def run(quick: bool = False) -> list[Row]:
    rng = random.Random(7)
    sim_trials = 300 if quick else 2000
    qt_fast, qt_slow = (5, 2) if quick else (40, 8)
    rows: list[Row] = []
    for per_key_ms in (2, 10, 150):
        scans, replayed = _simulate(per_key_ms / 1000, sim_trials, rng)
        rows.append(
            row(f"rule: {per_key_ms} ms/key recognised as scan", 100 * scans / sim_trials, "%")
        )
        if per_key_ms >= 100:
            rows.append(
                row(
                    f"rule: {per_key_ms} ms/key reached the field", 100 * replayed / sim_trials, "%"
                )
            )
    for stamped in (True, False):
        how = "device timestamps" if stamped else "no timestamps"
        for per_key_ms, trials in ((2, qt_fast), (150, qt_slow)):
            scans, typed = _qt_runs(per_key_ms, trials, rng, stamped=stamped)
            rows.append(
                row(
                    f"Qt ({how}): {per_key_ms} ms/key recognised as scan ({trials} codes)",
                    100 * scans / trials,
                    "%",
                )
            )
            if per_key_ms >= 100:
                rows.append(
                    row(
                        f"Qt ({how}): {per_key_ms} ms/key reached the field",
                        100 * typed / trials,
                        "%",
                    )
                )
    return rows


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())
