"""Files that hold what only this device's user may read: mode 0600 from their first byte.

The outbox (guest contacts, addresses of orders waiting to be sent) and the log file are
created readable by their owner only, whatever the umask; an existing one found readable
by others is closed down to 0600. SQLite gives its ``-wal`` and ``-shm`` files the mode of
the database file, so a database created here keeps its journal private too.
"""

from __future__ import annotations

import contextlib
import logging.handlers
import os
from io import TextIOWrapper
from pathlib import Path

PRIVATE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def make_private(path: str | os.PathLike[str]) -> None:
    """Create ``path`` empty with mode 0600 if missing; else set its mode to 0600."""
    target = os.fspath(path)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    except FileExistsError:
        with contextlib.suppress(OSError):
            os.chmod(target, PRIVATE)
    else:
        os.close(fd)


def make_sqlite_private(path: str | os.PathLike[str]) -> None:
    """A SQLite database and its side files (if any yet), 0600."""
    make_private(path)
    for suffix in SQLITE_SIDE_FILES:
        side = Path(f"{os.fspath(path)}{suffix}")
        if side.exists():
            with contextlib.suppress(OSError):
                os.chmod(side, PRIVATE)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files (the current one and each rotated one) are 0600."""

    def _open(self) -> TextIOWrapper:
        make_private(self.baseFilename)
        return super()._open()

    def doRollover(self) -> None:
        super().doRollover()
        for index in range(1, self.backupCount + 1):
            rotated = Path(f"{self.baseFilename}.{index}")
            if rotated.exists():
                with contextlib.suppress(OSError):
                    os.chmod(rotated, PRIVATE)
