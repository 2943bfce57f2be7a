"""Tell a keyboard-wedge scanner burst from a person typing, by inter-key timing.

A USB wedge scanner "types" the code a few milliseconds per character and usually ends with
Enter or Tab. A person types 80-300 ms per key. Every printable key is held back for at most
``max_gap_s``: if the next key comes sooner, the burst goes on; when the burst ends (a
terminator, or silence) it is a scan if it is long enough and fast enough, otherwise the
held keys are replayed to the focused widget as if nothing happened. So scanned characters
never leak into a text field, and typing is only delayed by ``max_gap_s`` (about 30 ms).

Pure state machine: the Qt event filter feeds it keys and timeouts and performs its actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class WedgeConfig:
    max_gap_s: float = 0.035  # scanners: 1-15 ms per char; people: 80 ms and more
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


@dataclass
class WedgeDetector:
    config: WedgeConfig = field(default_factory=WedgeConfig)
    _chars: list[str] = field(default_factory=list)
    _keys: list[object] = field(default_factory=list)  # opaque key events to replay
    _last_t: float | None = None

    @property
    def holding(self) -> bool:
        return bool(self._chars)

    def key(self, char: str, t: float, event: object = None) -> list[Action]:
        """A key press with its text ``char`` at time ``t`` (seconds, monotonic)."""
        cfg = self.config
        if char in cfg.terminators:
            if not self._chars:
                return [PassThrough()]
            fast = self._last_t is not None and t - self._last_t <= cfg.max_gap_s
            return self._finish(terminated=True, fast_end=fast)
        if len(char) != 1 or not char.isprintable():
            # a control key (arrows, Backspace...) during a burst ends it
            ended = self._flush() if self._chars else []
            return [*ended, PassThrough()]
        actions: list[Action] = []
        if self._chars and self._last_t is not None and t - self._last_t > cfg.max_gap_s:
            actions += self._flush()  # the previous burst ended in silence
        self._chars.append(char)
        self._keys.append(event)
        self._last_t = t
        actions.append(Hold(cfg.max_gap_s))
        return actions

    def timeout(self, t: float) -> list[Action]:
        """Called ``max_gap_s`` after the last held key (stale timeouts are ignored)."""
        if not self._chars or self._last_t is None:
            return []
        remaining = self._last_t + self.config.max_gap_s - t
        if remaining > 0.0005:
            return [Hold(remaining)]  # early timer, or a newer key came: wait the rest
        return self._flush()

    def _flush(self) -> list[Action]:
        return self._finish(terminated=False, fast_end=True)

    def _finish(self, *, terminated: bool, fast_end: bool) -> list[Action]:
        cfg = self.config
        text = "".join(self._chars)
        keys = tuple(self._keys)
        self._chars, self._keys, self._last_t = [], [], None
        is_scan = (
            fast_end
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
