"""Tell a keyboard-wedge scanner burst from a person typing, by inter-key timing.

A USB wedge scanner "types" the code a few milliseconds per character and usually ends with
Enter or Tab. A person types 80-300 ms per key (a very fast typist's rolled keys, 30-50 ms).
Every printable key is held back for at most ``max_gap_s``: if the next key comes sooner, the
burst goes on; when the burst ends (a terminator, or silence) it is a scan if it is long
enough and its keys came at scanner speed (their median gap at most ``scan_gap_s``),
otherwise the held keys are replayed to the focused widget as if nothing happened. So
scanned characters never leak into a text field, and typing is only delayed by
``max_gap_s`` (50 ms).

A busy machine delays some key events (measured under Xvfb with every core loaded: pauses
of up to 175 ms inside a 2 ms-per-key burst). Once a burst has shown scanner speed (its keys
so far at a median gap of at most ``scan_gap_s``), it survives a pause of up to
``hiccup_gap_s``, so a scan is not cut in two; typing never reaches scanner speed, so it is
never held longer.

A scanner is a keyboard: it presses Shift before each capital (and AltGr, on some keyboard
countries, before some symbols). Such modifier presses carry no text; they are part of the
burst, never its end (:meth:`WedgeDetector.modifier`). The GS1 group separator (GS, 0x1D) and
the ISO/IEC 15434 separators (RS, EOT) are data inside a burst, not control keys.

Pure state machine: the Qt event filter feeds it keys and timeouts and performs its actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median


@dataclass(frozen=True)
class WedgeConfig:
    max_gap_s: float = 0.05  # longest pause that keeps a burst going (before scanner speed)
    scan_gap_s: float = 0.025  # a scan's median gap: scanners 1-15 ms per char; people 80+
    hiccup_gap_s: float = 0.25  # longest pause inside a burst already at scanner speed
    min_length: int = 4  # shorter bursts are replayed (a fast double key press is not a scan)
    terminators: tuple[str, ...] = ("\r", "\n", "\t")
    require_terminator: bool = False  # some scanners send no Enter: silence ends the scan
    prefix: str = ""  # optional characters the scanner is programmed to send first
    suffix: str = ""  # ... and last (stripped from the scan)


@dataclass(frozen=True)
class Hold:
    """Keep the key; ask for a timeout call in ``after_s``."""

    after_s: float


@dataclass(frozen=True)
class Replay:
    """Not a scan: give these keys (as received) back to the focused widget."""

    keys: tuple[object, ...]


@dataclass(frozen=True)
class ScanDone:
    text: str


@dataclass(frozen=True)
class PassThrough:
    """Not ours (no burst in progress and not a printable key): let it through now."""


Action = Hold | Replay | ScanDone | PassThrough

# Control characters that scanners send as data: GS1's FNC1 separator (GS) and the ISO/IEC
# 15434 record separator and end of transmission (RS, EOT).
DATA_CONTROLS = frozenset({"\x1d", "\x1e", "\x04"})


@dataclass
class WedgeDetector:
    config: WedgeConfig = field(default_factory=WedgeConfig)
    _chars: list[str] = field(default_factory=list)
    _keys: list[object] = field(default_factory=list)  # opaque key events to replay
    _last_t: float | None = None
    _gaps: list[float] = field(default_factory=list)  # between the burst's characters

    @property
    def holding(self) -> bool:
        return bool(self._chars)

    def key(self, char: str, t: float, event: object = None) -> list[Action]:
        """A key press with its text ``char`` at time ``t`` (seconds, monotonic)."""
        cfg = self.config
        if char in cfg.terminators:
            if not self._chars:
                return [PassThrough()]
            fast = self._last_t is not None and t - self._last_t <= self._allowed_gap()
            return self._finish(terminated=True, fast_end=fast)
        if len(char) != 1 or not (char.isprintable() or char in DATA_CONTROLS):
            # a control key (arrows, Backspace...) during a burst ends it
            ended = self._flush() if self._chars else []
            return [*ended, PassThrough()]
        actions: list[Action] = []
        if self._chars and self._last_t is not None:
            gap = t - self._last_t
            if gap > self._allowed_gap():
                actions += self._flush()  # the previous burst ended in silence
            else:
                self._gaps.append(max(0.0, gap))
        self._chars.append(char)
        self._keys.append(event)
        self._last_t = t
        actions.append(Hold(self._allowed_gap()))
        return actions

    def _at_scanner_speed(self) -> bool:
        return bool(self._gaps) and median(self._gaps) <= self.config.scan_gap_s

    def _allowed_gap(self) -> float:
        """How long the burst may pause and go on: longer once it is at scanner speed."""
        cfg = self.config
        return max(cfg.max_gap_s, cfg.hiccup_gap_s) if self._at_scanner_speed() else cfg.max_gap_s

    def modifier(self, t: float) -> list[Action]:
        """A modifier key alone (Shift, AltGr, Caps Lock...) pressed at ``t``.

        Scanners press Shift before capitals: inside a burst it is part of the burst, so it
        neither ends it nor counts as a character; the key with the text follows at once.
        It does not move the burst's clock either: the gap is measured between characters.
        """
        del t
        return [PassThrough()]

    def timeout(self, t: float) -> list[Action]:
        """Called ``max_gap_s`` after the last held key (stale timeouts are ignored)."""
        if not self._chars or self._last_t is None:
            return []
        remaining = self._last_t + self._allowed_gap() - t
        if remaining > 0.0005:
            return [Hold(remaining)]  # early timer, or a newer key came: wait the rest
        return self._flush()

    def _flush(self) -> list[Action]:
        return self._finish(terminated=False, fast_end=True)

    def _finish(self, *, terminated: bool, fast_end: bool) -> list[Action]:
        cfg = self.config
        text = "".join(self._chars)
        keys = tuple(self._keys)
        scanner_speed = self._at_scanner_speed()
        self._chars, self._keys, self._last_t, self._gaps = [], [], None, []
        is_scan = (
            fast_end
            and scanner_speed
            and len(text) >= cfg.min_length
            and (terminated or not cfg.require_terminator)
            and text.startswith(cfg.prefix)
            and text.endswith(cfg.suffix)
        )
        if is_scan:
            core = text[len(cfg.prefix) : len(text) - len(cfg.suffix) if cfg.suffix else None]
            return [ScanDone(core)]
        # Typing: give the keys back; a terminator (Enter) then goes on to the widget itself.
        return [Replay(keys), PassThrough()] if terminated else [Replay(keys)]
