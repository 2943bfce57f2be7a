"""Wedge timing rules, on exact timestamps (no real time involved)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk_app.kernel.wedge import Hold, PassThrough, Replay, ScanDone, WedgeConfig, WedgeDetector


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
    assert det.timeout(100.0 + 3 * 0.150 + det.config.max_gap_s) == [Replay(("4",))]


def test_typing_then_enter_replays_and_lets_enter_through() -> None:
    det = WedgeDetector()
    feed(det, "ab", 0.01)  # even a fast pair is too short to be a scan
    assert det.key("\r", 100.02, "\r") == [Replay(("a", "b")), PassThrough()]


def test_burst_without_terminator_ends_in_silence() -> None:
    det = WedgeDetector()
    feed(det, "W00012345", 0.003)
    # a burst at scanner speed may pause up to hiccup_gap_s (a busy machine) and go on
    silence = det.config.hiccup_gap_s
    assert isinstance(det.timeout(100.0 + 8 * 0.003 + 0.035)[0], Hold)
    assert det.timeout(100.0 + 8 * 0.003 + silence) == [ScanDone("W00012345")]
    strict = WedgeDetector(WedgeConfig(require_terminator=True))
    feed(strict, "W00012345", 0.003)
    assert strict.timeout(100.0 + 8 * 0.003 + silence) == [Replay(tuple("W00012345"))]


def test_stale_timeout_is_ignored_while_keys_keep_coming() -> None:
    det = WedgeDetector()
    det.key("1", 1.000, "1")
    det.key("2", 1.030, "2")  # slower than a scanner: the burst may pause max_gap_s
    # armed by "1", but "2" came in between: wait the rest of the gap after "2"
    (hold,) = det.timeout(1.051)
    assert isinstance(hold, Hold) and abs(hold.after_s - (0.030 + 0.050 - 0.051)) < 1e-9
    assert det.holding
    det.key("3", 1.040, "3")  # gaps 30 and 10 ms: median 20 ms, scanner speed
    (hold,) = det.timeout(1.090)  # armed 50 ms after "3": at scanner speed, wait longer
    assert isinstance(hold, Hold) and abs(hold.after_s - (0.040 + 0.250 - 0.090)) < 1e-9


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


def test_shift_before_a_capital_is_part_of_the_burst() -> None:
    """A scanner (like xdotool) presses Shift before each capital: the burst goes on."""
    det = WedgeDetector()
    out: list[object] = []
    t = 100.0
    for ch in "R-PAR01-00000001\r":
        if ch.isupper():
            out += det.modifier(t)
            t += 0.001
        out += det.key(ch, t, ch)
        t += 0.002
    assert [a for a in out if isinstance(a, ScanDone)] == [ScanDone("R-PAR01-00000001")]
    assert not [a for a in out if isinstance(a, Replay)]


def test_group_separator_is_data_inside_a_burst() -> None:
    det = WedgeDetector()
    code = "]C10109504000059101\x1d10ABC-12"
    assert feed(det, code + "\r", 0.002)[-1] == ScanDone(code)


def test_a_pause_of_a_busy_machine_does_not_cut_a_scan_in_two() -> None:
    det = WedgeDetector()
    out = feed(det, "R-PAR01-", 0.002)
    out += feed(det, "00000001\r", 0.002, t0=100.0 + 7 * 0.002 + 0.110)  # a 110 ms stall
    assert [a for a in out if isinstance(a, (ScanDone, Replay))] == [ScanDone("R-PAR01-00000001")]


def test_very_fast_typing_is_never_a_scan() -> None:
    """33 ms a key (what ``xdotool type --delay 60`` sends) is faster than people type,
    and slower than any scanner: it keeps the burst going but is replayed to the field."""
    det = WedgeDetector()
    out = feed(det, "Chemise\r", 0.033)
    assert not any(isinstance(a, ScanDone) for a in out)
    assert out[-2:] == [Replay(tuple("Chemise")), PassThrough()]
