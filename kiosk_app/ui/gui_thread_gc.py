"""Cyclic garbage is collected on the GUI thread, never on another one.

Python runs its cyclic garbage collector in whichever thread allocates past the threshold:
in this app that can be the camera's decode thread or a worker of the outbox. If the
garbage holds Qt objects (a closed screen's widgets kept in a reference cycle by a
callback), their C++ destructors then run off the GUI thread, which Qt does not allow, and
the app crashes with a segmentation fault. The UI tests reproduce it within a few tests
when another thread allocates reference cycles (``tests/ui/test_gui_thread_gc.py``).

So automatic collection is turned off while the app runs, and a timer on the GUI thread
runs the same generational collection whenever the allocation counts pass the thresholds
the interpreter would have used.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadGarbageCollector(QObject):
    """Owns the cyclic collector while started: collects from a GUI-thread timer."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 200) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)
        self._was_enabled = gc.isenabled()
        self.collections = [0, 0, 0]  # per generation, for tests and diagnostics

    def start(self) -> GuiThreadGarbageCollector:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()
        return self

    def stop(self) -> None:
        """Collect what is left here, and give collection back to the interpreter."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect_if_due(self) -> int | None:
        """Collect as the interpreter would at this point: when the youngest generation
        is over its threshold, the oldest generation that is over its own. Returns the
        generation collected, or None."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        if not thresholds[0] or counts[0] <= thresholds[0]:
            return None
        generation = max(i for i in range(3) if i == 0 or counts[i] > thresholds[i])
        gc.collect(generation)
        self.collections[generation] += 1
        return generation
