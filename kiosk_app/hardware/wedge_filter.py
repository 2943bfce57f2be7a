"""Application-wide event filter for USB keyboard-wedge scanners.

Installed on the QApplication, it sees every key press whatever widget has focus, feeds the
Qt-free :class:`~kiosk_app.kernel.wedge.WedgeDetector`, delivers scans to the scan hub and
replays non-scan keys to the widget they were meant for.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk_app.kernel.scan_hub import Scan, ScanHub
from kiosk_app.kernel.wedge import (
    DATA_CONTROLS,
    Action,
    Hold,
    PassThrough,
    Replay,
    ScanDone,
    WedgeConfig,
    WedgeDetector,
)

_TERMINATOR_KEYS = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t"}
# Keys that only modify the next one. A scanner presses Shift before each capital (AltGr for
# some symbols on other keyboard countries); these presses carry no text and must not end
# the burst the way an arrow or Backspace does.
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Hyper_L,
        Qt.Key.Key_Hyper_R,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Mode_switch,
    }
)
_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class _HeldKey:
    """A copy of a key press (Qt reuses the original event object) and its target."""

    def __init__(self, target: QObject, event: QKeyEvent) -> None:
        self.target = target
        self.key = event.key()
        self.modifiers = event.modifiers()
        self.text = event.text()

    def send(self) -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(
                self.target, QKeyEvent(kind, self.key, self.modifiers, self.text)
            )


class WedgeScannerFilter(QObject):
    def __init__(
        self,
        hub: ScanHub,
        config: WedgeConfig | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self._detector = WedgeDetector(config or WedgeConfig())
        self._clock = clock
        self._replaying = False
        self._swallowed_releases: dict[int, int] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)
        self._offset = 0.0  # our clock minus the events' clock (see _event_time)
        self.scans_seen = 0

    def _event_time(self, event: QKeyEvent) -> float:
        """When the key was pressed, in seconds.

        Real keyboards stamp their events (ms) when the device reports them, so a busy UI
        thread that handles a burst late still sees the scanner's true spacing. Synthetic
        events (tests, some remote desktops) carry 0: then our own clock is used.
        """
        stamp = event.timestamp()
        if not stamp:
            self._offset = 0.0
            return self._clock()
        self._offset = self._clock() - stamp / 1000
        return stamp / 1000

    def _now(self) -> float:
        return self._clock() - self._offset

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or not isinstance(watched, QWidget):
            return False
        if event.type() == QEvent.Type.KeyRelease:
            assert isinstance(event, QKeyEvent)
            pending = self._swallowed_releases.get(event.key(), 0)
            if pending:
                self._swallowed_releases[event.key()] = pending - 1
                return True
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() in _MODIFIER_KEYS:
            self._perform(self._detector.modifier(self._event_time(event)), watched, event)
            return False
        text = event.text()
        # Ctrl+] is how a keyboard (and a scanner) types GS: data, not a shortcut
        shortcut = bool(event.modifiers() & _SHORTCUT_MODIFIERS) and text not in DATA_CONTROLS
        if event.isAutoRepeat() or shortcut:
            self._perform(self._detector.key("\x00", self._event_time(event)), watched, event)
            return False
        char = _TERMINATOR_KEYS.get(Qt.Key(event.key()), text)
        return self._perform(
            self._detector.key(char, self._event_time(event), _HeldKey(watched, event)),
            watched,
            event,
        )

    def _perform(self, actions: Sequence[Action], watched: QObject, event: QKeyEvent) -> bool:
        swallow = False
        for action in actions:
            if isinstance(action, Hold):
                self._timer.start(max(1, round(action.after_s * 1000)))
                swallow = True
            elif isinstance(action, Replay):
                self._replay(action)
            elif isinstance(action, ScanDone):
                self._timer.stop()
                swallow = True
                self.scans_seen += 1
                self._hub.deliver(Scan(action.text, "wedge"))
            elif isinstance(action, PassThrough):
                swallow = False
        if swallow:
            self._swallowed_releases[event.key()] = self._swallowed_releases.get(event.key(), 0) + 1
        return swallow

    def _replay(self, action: Replay) -> None:
        self._replaying = True
        try:
            for held in action.keys:
                if isinstance(held, _HeldKey):
                    self._swallowed_releases[held.key] = max(
                        0, self._swallowed_releases.get(held.key, 0) - 1
                    )
                    held.send()
        finally:
            self._replaying = False

    def _on_timeout(self) -> None:
        for action in self._detector.timeout(self._now()):
            if isinstance(action, Hold):
                self._timer.start(max(1, round(action.after_s * 1000)))
            elif isinstance(action, Replay):
                self._replay(action)
            elif isinstance(action, ScanDone):
                self.scans_seen += 1
                self._hub.deliver(Scan(action.text, "wedge"))
