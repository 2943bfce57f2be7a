"""Wedge timing rules, on exact timestamps (no real time involved)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk_app.core.wedge import Hold, PassThrough, Replay, ScanDone, WedgeConfig, WedgeDetector


def feed(det: WedgeDetector, text: str, gap: float, t0: float = 100.0) -> list[object]:
    actions: list[object] = []
    t = t0
    for ch in text:
        actions += det.key(ch, t, ch)
        t += gap
    return actions


def test_fast_burst_with_enter_is_a_scan() -> None:
    det = WedgeDetector()
    actions = feed(det, "4006381333931\r", 0.002)
    assert actions[-1] == ScanDone("4006381333931")
    assert all(isinstance(a, Hold) for a in actions[:-1])
    assert not det.holding


def test_slow_typing_is_replayed_key_by_key() -> None:
    det = WedgeDetector()
    actions = feed(det, "1234", 0.150)
    replays = [a for a in actions if isinstance(a, Replay)]
    assert [r.keys for r in replays] == [("1",), ("2",), ("3",)]
    assert det.timeout(100.0 + 3 * 0.150 + 0.035) == [Replay(("4",))]


def test_typing_then_enter_replays_and_lets_enter_through() -> None:
    det = WedgeDetector()
    feed(det, "ab", 0.01)  # even a fast pair is too short to be a scan
    assert det.key("\r", 100.02, "\r") == [Replay(("a", "b")), PassThrough()]


def test_burst_without_terminator_ends_in_silence() -> None:
    det = WedgeDetector()
    feed(det, "W00012345", 0.003)
    assert det.timeout(100.0 + 8 * 0.003 + 0.035) == [ScanDone("W00012345")]
    strict = WedgeDetector(WedgeConfig(require_terminator=True))
    feed(strict, "W00012345", 0.003)
    assert strict.timeout(100.0 + 8 * 0.003 + 0.035) == [Replay(tuple("W00012345"))]


def test_stale_timeout_is_ignored_while_keys_keep_coming() -> None:
    det = WedgeDetector()
    det.key("1", 1.000, "1")
    det.key("2", 1.020, "2")
    # armed by "1", but "2" came in between: wait the rest of the gap after "2"
    (hold,) = det.timeout(1.036)
    assert isinstance(hold, Hold) and abs(hold.after_s - 0.019) < 1e-9
    assert det.holding


def test_prefix_and_suffix_are_stripped() -> None:
    det = WedgeDetector(WedgeConfig(prefix="]", suffix="#"))
    assert feed(det, "]12345#\r", 0.002)[-1] == ScanDone("12345")
    det2 = WedgeDetector(WedgeConfig(prefix="]"))
    assert isinstance(feed(det2, "12345\r", 0.002)[-2], Replay)


def test_control_key_ends_a_burst() -> None:
    det = WedgeDetector()
    feed(det, "12", 0.002)
    assert det.key("\x08", 100.004) == [Replay(("1", "2")), PassThrough()]


@settings(max_examples=300, deadline=None)
@given(
    code=st.text(alphabet="0123456789ABCDEFW-", min_size=4, max_size=48),
    seed=st.integers(0, 10_000),
)
def test_scanner_speed_is_always_a_scan_and_human_speed_never(code: str, seed: int) -> None:
    rng = random.Random(seed)
    scanner = WedgeDetector()
    t = 0.0
    out: list[object] = []
    for ch in code + "\r":
        out += scanner.key(ch, t, ch)
        t += rng.uniform(0.001, 0.015)  # 1-15 ms per key, with jitter
    assert out[-1] == ScanDone(code)
    human = WedgeDetector()
    t = 0.0
    out = []
    for ch in code + "\r":
        out += human.key(ch, t, ch)
        t += rng.uniform(0.08, 0.4)
        out += human.timeout(t - 0.04) if human.holding else []
    assert not any(isinstance(a, ScanDone) for a in out)
    replayed = "".join(str(k) for a in out if isinstance(a, Replay) for k in a.keys)
    assert replayed == code
