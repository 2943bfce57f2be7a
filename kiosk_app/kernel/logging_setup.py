"""Rotating log files in the platform's log folder (support reads them via ``doctor --bundle``).

Linux ``~/.local/state/omnistore-kiosk/log/`` (``$XDG_STATE_HOME``), Windows
``%LOCALAPPDATA%\\omnistore-kiosk\\Logs``, macOS ``~/Library/Logs/omnistore-kiosk``; the
``log_dir`` setting moves it. Five files of 2 MB at most: a kiosk never fills its disk.
Secrets never reach the logs: tokens are redacted by a filter on the file handler.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from kiosk_app.kernel.private_files import PrivateRotatingFileHandler
from kiosk_app.kernel.security.redaction import install_log_redaction

LOG_FILE_NAME = "kiosk-app.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_HANDLER_NAME = "omnistore-kiosk-file"


def configure_logging(
    log_dir: Path, level: str = "INFO", *, console_level: str | None = "WARNING"
) -> Path | None:
    """Attach the rotating file handler (once) and a console handler; returns the log file.

    A log folder that cannot be created is not fatal: the app logs to the console only and
    returns None (``doctor`` reports it).
    """
    install_log_redaction()  # tokens, PINs and personal data never reach any handler
    root = logging.getLogger()
    root.setLevel(min(logging.getLevelName(level.upper()), _console_level(console_level)))
    path: Path | None = log_dir / LOG_FILE_NAME
    existing = [h for h in root.handlers if h.get_name() == _HANDLER_NAME]
    for handler in existing:
        root.removeHandler(handler)
        handler.close()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = PrivateRotatingFileHandler(  # 0600: only this user reads the log
            log_dir / LOG_FILE_NAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as exc:
        print(f"kiosk-app: cannot write logs to {log_dir}: {exc.strerror}", file=sys.stderr)
        path = None
    else:
        file_handler.set_name(_HANDLER_NAME)
        file_handler.setLevel(level.upper())
        file_handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(file_handler)
    if console_level is not None and not any(
        isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler)
        for h in root.handlers
    ):
        console = logging.StreamHandler()
        console.setLevel(console_level.upper())
        console.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(console)
    return path


def _console_level(level: str | None) -> int:
    if level is None:
        return logging.CRITICAL
    value = logging.getLevelName(level.upper())
    return value if isinstance(value, int) else logging.WARNING


def log_files(log_dir: Path) -> list[Path]:
    """The current log and its rotated predecessors, newest first."""
    if not log_dir.is_dir():
        return []
    files = [log_dir / LOG_FILE_NAME] + [
        log_dir / f"{LOG_FILE_NAME}.{n}" for n in range(1, BACKUP_COUNT + 1)
    ]
    return [f for f in files if f.is_file()]
