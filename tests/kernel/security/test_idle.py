"""Idle timers with a hand-moved clock: arm on touch, warn, expire, disarm."""

from __future__ import annotations

import pytest

from kiosk_app.kernel.security.idle import IdlePhase, IdleTimer, ManualClock


def test_kiosk_timer_warns_then_expires_and_a_touch_restarts_it() -> None:
    clock = ManualClock()
    timer = IdleTimer(60, warning_s=15, clock=clock)
    assert timer.state().phase is IdlePhase.DISARMED  # nobody used the kiosk yet
    timer.touch()
    clock.advance(44.9)
    assert timer.state().phase is IdlePhase.ACTIVE
    clock.advance(0.2)
    state = timer.state()
    assert state.phase is IdlePhase.WARNING and state.countdown == 15
    clock.advance(14.0)
    assert timer.state().countdown == 1
    timer.touch()  # "I'm still here"
    assert timer.state().phase is IdlePhase.ACTIVE
    clock.advance(60)
    assert timer.state().phase is IdlePhase.EXPIRED
    timer.disarm()
    clock.advance(600)
    assert timer.state().phase is IdlePhase.DISARMED


def test_staff_lock_timer_without_warning() -> None:
    clock = ManualClock()
    timer = IdleTimer(300, clock=clock, armed=True)
    clock.advance(299)
    assert timer.state().phase is IdlePhase.ACTIVE
    clock.advance(1)
    assert timer.state().phase is IdlePhase.EXPIRED


def test_bad_timeouts_are_refused_and_warning_is_capped() -> None:
    with pytest.raises(ValueError):
        IdleTimer(0)
    assert IdleTimer(10, warning_s=30).warning_s == 10
