"""The wedge filter with real Qt key events and real inter-key timing."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk_app.hardware.wedge_filter import WedgeScannerFilter
from kiosk_app.kernel.scan_hub import Scan, ScanHub
from kiosk_app.kernel.wedge import WedgeConfig


@pytest.fixture
def setup(qtbot: Any, qapp: Any) -> Any:
    scans: list[Scan] = []
    hub = ScanHub(lambda s: scans.append(s) or True)
    # A wider gap than the 35 ms default: this machine may be loaded by other tests, and the
    # point here is the event plumbing; the timing rule itself is tested in the core.
    wedge = WedgeScannerFilter(hub, WedgeConfig(max_gap_s=0.1))
    qapp.installEventFilter(wedge)
    form = QWidget()
    layout = QVBoxLayout(form)
    field = QLineEdit()
    other = QLineEdit()
    layout.addWidget(field)
    layout.addWidget(other)
    qtbot.addWidget(form)
    form.show()
    field.setFocus()
    submitted: list[str] = []
    field.returnPressed.connect(lambda: submitted.append(field.text()))
    yield scans, field, submitted
    qapp.removeEventFilter(wedge)


def test_scanner_burst_is_a_scan_and_never_reaches_the_text_field(qtbot: Any, setup: Any) -> None:
    scans, field, submitted = setup
    QTest.keyClicks(field, "4006381333931", Qt.KeyboardModifier.NoModifier, 2)
    QTest.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 2)
    qtbot.wait(200)
    assert [s.text for s in scans] == ["4006381333931"]
    assert scans[0].source == "wedge"
    assert field.text() == ""
    assert submitted == []  # the scanner's Enter was swallowed too


def test_person_typing_goes_to_the_field_not_the_scanner(qtbot: Any, setup: Any) -> None:
    scans, field, submitted = setup
    QTest.keyClicks(field, "chemise", Qt.KeyboardModifier.NoModifier, 250)
    qtbot.wait(200)
    QTest.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 250)
    assert scans == []
    assert field.text() == "chemise"
    assert submitted == ["chemise"]  # Enter reached the field exactly once


def test_scan_while_another_widget_has_focus(qtbot: Any, setup: Any) -> None:
    scans, field, _ = setup
    other = field.parentWidget().findChildren(QLineEdit)[1]
    other.setFocus()
    QTest.keyClicks(other, "W00012345", Qt.KeyboardModifier.NoModifier, 3)
    qtbot.wait(400)  # no Enter: silence ends the burst
    assert [s.text for s in scans] == ["W00012345"]
    assert other.text() == ""


def test_device_timestamps_decide_even_when_the_ui_thread_is_late(qtbot: Any, qapp: Any) -> None:
    """A burst stamped 2 ms apart by the keyboard is a scan even if handled 200 ms apart."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QKeyEvent

    scans: list[Scan] = []
    handled_at = [100.0]  # our clock: each key is handled 200 ms after the previous one
    wedge = WedgeScannerFilter(
        ScanHub(lambda s: scans.append(s) or True), clock=lambda: handled_at[0]
    )
    qapp.installEventFilter(wedge)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    try:
        stamp = 5_000_000
        for ch in "3760123000017":
            event = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_0 + int(ch), Qt.KeyboardModifier.NoModifier, ch
            )
            event.setTimestamp(stamp)
            QCoreApplication.sendEvent(field, event)
            stamp += 2
            handled_at[0] += 0.2
        enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        enter.setTimestamp(stamp)
        QCoreApplication.sendEvent(field, enter)
        assert [s.text for s in scans] == ["3760123000017"]
        assert field.text() == ""
    finally:
        qapp.removeEventFilter(wedge)
