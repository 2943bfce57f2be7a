"""Rotating log file in the log folder, secrets redacted."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app.kernel import logging_setup
from kiosk_app.kernel.config import default_log_dir
from kiosk_app.kernel.logging_setup import LOG_FILE_NAME, configure_logging, log_files


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_platform_log_dir_follows_xdg_state(isolated_dirs: Path) -> None:
    assert default_log_dir() == isolated_dirs / "state" / "omnistore-kiosk" / "log"


def test_rotates_and_redacts(
    tmp_path: Path, restore_root: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2000)
    path = configure_logging(tmp_path / "log", "INFO", console_level=None)
    assert path == tmp_path / "log" / LOG_FILE_NAME
    log = logging.getLogger("kiosk_app.test")
    for n in range(200):
        log.info("line %d %s", n, "x" * 50)
    log.info("enrolled with token %s and Bearer abcdefghijkl", "dvc_SECRETSECRETSECRET")
    files = log_files(tmp_path / "log")
    assert files[0] == path and 2 <= len(files) <= 1 + logging_setup.BACKUP_COUNT
    text = "".join(f.read_text() for f in files)
    assert "SECRET" not in text and "abcdefghijkl" not in text
    assert "dvc_<redacted>" in path.read_text() and "Bearer <redacted>" in path.read_text()
    # configuring again replaces the file handler instead of adding a second one
    configure_logging(tmp_path / "log", "INFO", console_level=None)
    named = [h for h in logging.getLogger().handlers if h.get_name() == "omnistore-kiosk-file"]
    assert len(named) == 1
