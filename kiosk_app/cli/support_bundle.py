"""``kiosk-app doctor --bundle FILE.zip``: what support needs, and nothing that enrolls a device.

The doctor report, redacted effective settings with their sources, the config files with
secrets removed, the logs and the versions of everything.
"""

from __future__ import annotations

import contextlib
import json
import platform
import re
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from kiosk_app import __version__
from kiosk_app.kernel.config import (
    SECRET_SETTINGS,
    LoadedSettings,
    redacted,
    system_config_path,
    user_config_path,
)
from kiosk_app.kernel.logging_setup import log_files

_SECRET_LINE = re.compile(
    r"^(\s*[\"']?(?:" + "|".join(sorted(SECRET_SETTINGS)) + r")[\"']?\s*=).*$", re.M
)


def redact_toml(text: str) -> str:
    """A config file with every secret value replaced (keys kept, so support sees they exist)."""
    return _SECRET_LINE.sub(r'\1 "<redacted>"', text)


def versions() -> dict[str, str]:
    found = {
        "kiosk-app": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "frozen": str(getattr(sys, "frozen", False)),
    }
    for module, attr in (
        ("PySide6", "__version__"),
        ("zxingcpp", "__version__"),
        ("httpx", "__version__"),
        ("cryptography", "__version__"),
        ("pydantic", "VERSION"),
        ("numpy", "__version__"),
    ):
        try:
            found[module] = str(getattr(__import__(module), attr, "?"))
        except Exception as exc:  # a missing optional piece is itself useful to support
            found[module] = f"unavailable: {exc}"
    with contextlib.suppress(Exception):
        from PySide6.QtCore import qVersion

        found["Qt"] = qVersion()
    return found


def write_bundle(
    path: Path,
    report: str,
    checks: list[dict[str, str]],
    loaded: LoadedSettings | None,
    config_file: Path | None,
) -> None:
    """``report``: doctor's text; ``checks``: its checks as JSON objects."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("doctor.txt", report)
        zf.writestr("doctor.json", json.dumps(checks, indent=2))
        zf.writestr("versions.json", json.dumps(versions(), indent=2))
        zf.writestr("created.txt", datetime.now(UTC).isoformat() + "\n")
        if loaded is not None:
            effective = {"settings": redacted(loaded.settings), "sources": loaded.sources}
            zf.writestr("settings.json", json.dumps(effective, indent=2, default=str))
        for label, cfg in (
            ("system", system_config_path()),
            ("user", user_config_path(config_file)),
        ):
            if cfg.is_file():
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    zf.writestr(f"config/{label}-{cfg.name}", redact_toml(cfg.read_text("utf-8")))
        log_dir = loaded.settings.log_dir if loaded else None
        for log_file in log_files(log_dir) if log_dir else []:
            with contextlib.suppress(OSError):
                zf.write(log_file, f"logs/{log_file.name}")
