"""Cyclic garbage is collected on the GUI thread only (``kiosk_app.ui.gui_thread_gc``)."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from kiosk_app.ui.gui_thread_gc import GuiThreadGarbageCollector


class Node:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def make_cycles(count: int) -> None:
    for _ in range(count):
        Node()


@pytest.fixture
def collecting_threads() -> Iterator[list[int]]:
    """The thread of every collection that runs (explicit or automatic)."""
    threads: list[int] = []

    def note(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    gc.callbacks.append(note)
    yield threads
    gc.callbacks.remove(note)


def test_cycles_made_by_another_thread_are_collected_on_the_gui_thread(
    qtbot: Any, collecting_threads: list[int]
) -> None:
    # the fixture for Qt tests already holds the collector: the app's own setting
    assert not gc.isenabled()
    worker = threading.Thread(target=make_cycles, args=(50_000,))
    worker.start()
    worker.join()
    assert collecting_threads == []  # the worker allocated far past 700 without collecting

    window = QLabel("a widget that a cycle keeps alive")
    window.cycle = window  # type: ignore[attr-defined]
    gone = weakref.ref(window)
    del window
    qtbot.waitUntil(lambda: gone() is None, timeout=3000)  # a GUI-thread tick collected it
    assert collecting_threads
    assert set(collecting_threads) == {threading.main_thread().ident}


def test_collections_follow_the_interpreters_thresholds(qapp: Any) -> None:
    collector = GuiThreadGarbageCollector().start()
    try:
        gc.collect()  # every count back to 0
        threshold = gc.get_threshold()[0]
        make_cycles(threshold + 10)
        assert collector.collect_if_due() == 0  # young over its threshold, older ones not
        for _ in range(gc.get_threshold()[1] + 1):  # enough young collections for an older
            make_cycles(threshold + 10)
            collector.collect_if_due()
        assert collector.collections[1] >= 1
    finally:
        collector.stop()


def test_stopping_collects_what_is_left_and_gives_collection_back(qapp: Any) -> None:
    enabled = gc.isenabled()
    collector = GuiThreadGarbageCollector().start()
    assert not gc.isenabled()
    node = Node()
    gone = weakref.ref(node)
    del node
    collector.stop()
    assert gone() is None
    assert gc.isenabled() == enabled
