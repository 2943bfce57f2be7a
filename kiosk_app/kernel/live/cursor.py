"""The live stream's cursor on disk: the id of the last event this device processed.

One small JSON file (``live_cursor.json`` in the data folder), private (0600 from its first
byte, as ``private_files``), replaced atomically: it is written beside, then renamed over
the old one, so a kill or a power cut leaves the old cursor or the new one, never half of
one. The API's address is kept with it: a cursor from another server is not used.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from kiosk_app.kernel.private_files import PRIVATE, make_private

log = logging.getLogger(__name__)
CURSOR_FILE = "live_cursor.json"


class CursorFile:
    def __init__(self, path: str | os.PathLike[str], api_url: str) -> None:
        self.path = Path(path)
        self.api_url = api_url.rstrip("/")

    def load(self) -> int | None:
        """The saved cursor for this API, or None (none yet, another API's, unreadable)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("live events: cannot read %s (%s); starting at the present", self.path, exc)
            return None
        make_private(self.path)  # one left readable by others is closed down
        try:
            saved = json.loads(text)
            after = saved["after"]
            api = saved["api"]
        except (ValueError, KeyError, TypeError):
            log.warning("live events: %s is not a cursor; starting at the present", self.path)
            return None
        if api != self.api_url or not isinstance(after, int) or isinstance(after, bool):
            return None
        return after if after >= 0 else None

    def save(self, after: int, *, durable: bool = False) -> None:
        """Replace the saved cursor by ``after``. ``durable``: also flushed to the disk
        (a kill of the app never loses a rename; a power cut may lose the last ones)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        data = json.dumps({"api": self.api_url, "after": after}).encode()
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
        try:
            if hasattr(os, "fchmod"):  # an older file of another mode: 0600 still
                os.fchmod(fd, PRIVATE)
            os.write(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, self.path)
        if durable and hasattr(os, "O_DIRECTORY"):
            with contextlib.suppress(OSError):
                folder = os.open(self.path.parent, os.O_RDONLY | os.O_DIRECTORY)
                try:
                    os.fsync(folder)
                finally:
                    os.close(folder)
