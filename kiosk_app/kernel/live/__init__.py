"""Live events: the device's one subscription to ``GET /v1/events`` (Qt-free).

``LiveEvents`` follows the stream, resumes from a cursor kept on disk, drops duplicates,
reconnects with backoff and jitter and tells subscribers by event type; ``live`` says
whether the stream is connected (screens fall back to their reads while it is not).
"""

from kiosk_app.kernel.live.cursor import CursorFile
from kiosk_app.kernel.live.events import Backoff, LiveEvents
from kiosk_app.kernel.live.sse import RESYNC, LiveEvent, SseParser

__all__ = ["RESYNC", "Backoff", "CursorFile", "LiveEvent", "LiveEvents", "SseParser"]
