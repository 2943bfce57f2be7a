"""Typed, validated settings from TOML files, ``KIOSK_*`` environment variables and the CLI.

Precedence, lowest to highest::

    defaults < system config file < user config file < environment < command line

* system file: ``/etc/omnistore-kiosk/config.toml`` (Windows
  ``%PROGRAMDATA%\\omnistore-kiosk\\config.toml``, macOS
  ``/Library/Application Support/omnistore-kiosk/config.toml``), written by the installer
  or IT; ``$KIOSK_SYSTEM_CONFIG`` names another one.
* user file: ``--config FILE``, else ``$KIOSK_CONFIG``, else
  ``~/.config/omnistore-kiosk/config.toml`` (Windows ``%APPDATA%\\omnistore-kiosk``):
  what the first-run provisioning writes.

Errors name the setting and where its value came from - for a file, the file *and line*
(``api_url (from /etc/omnistore-kiosk/config.toml:3): must start with http://``), so IT
can fix the right line. ``tomllib`` gives no positions for values, so the line of each
top-level key is found by scanning the file (:func:`key_lines`).
"""

from __future__ import annotations

import contextlib
import os
import platform
import re
import socket
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kiosk_app.kernel.wedge import WedgeConfig

APP_DIR_NAME = "omnistore-kiosk"
ENV_PREFIX = "KIOSK_"
CONFIG_FILE_NAME = "config.toml"
PROVISIONING_KEY_FILE_NAME = "provisioning.pub"
#: environment variables that locate files rather than set a setting
LOCATOR_VARIABLES = frozenset({"KIOSK_CONFIG", "KIOSK_SYSTEM_CONFIG"})
SECRET_SETTINGS = frozenset({"device_token", "enrollment_token"})


def _system() -> str:
    return platform.system()


def default_config_dir() -> Path:
    """The user's config folder (what first-run provisioning writes)."""
    if _system() == "Windows":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_DIR_NAME
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / APP_DIR_NAME


def system_config_dir() -> Path:
    """The machine-wide config folder the installer writes (and IT manages)."""
    if _system() == "Windows":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP_DIR_NAME
    if _system() == "Darwin":
        return Path("/Library/Application Support") / APP_DIR_NAME
    return Path("/etc") / APP_DIR_NAME


def default_data_dir() -> Path:
    if _system() == "Windows":
        base = os.environ.get("LOCALAPPDATA", str(Path.home() / "AppData" / "Local"))
        return Path(base) / APP_DIR_NAME
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / APP_DIR_NAME


def default_log_dir() -> Path:
    """The platform's place for an app's logs."""
    if _system() == "Windows":
        base = os.environ.get("LOCALAPPDATA", str(Path.home() / "AppData" / "Local"))
        return Path(base) / APP_DIR_NAME / "Logs"
    if _system() == "Darwin":
        return Path.home() / "Library" / "Logs" / APP_DIR_NAME
    state = os.environ.get("XDG_STATE_HOME", str(Path.home() / ".local" / "state"))
    return Path(state) / APP_DIR_NAME / "log"


class Settings(BaseModel):
    """Everything the app can be configured with. See README "Configuration"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_url: str = Field("http://127.0.0.1:8765", description="Central API base URL")
    store_code: str = Field("PAR01", description="Store this device belongs to")
    mode: Literal["associate", "kiosk"] = Field("associate", description="Device mode")
    device_name: str = Field(default_factory=socket.gethostname, description="Device label")
    enrollment_token: str | None = Field(None, description="Token to enroll this device")
    device_token: str | None = Field(None, description="Device bearer token")
    request_timeout_s: float = Field(8.0, gt=0, le=120, description="Per-request timeout")
    connect_timeout_s: float = Field(3.0, gt=0, le=60, description="TCP/TLS connect timeout")
    read_retries: int = Field(2, ge=0, le=5, description="Retries of safe reads")
    language: Literal["fr", "en", "system"] = Field("system", description="UI language")
    theme: Literal["light", "dark", "high_contrast"] = Field("light", description="UI theme")
    large_text: bool = Field(False, description="Larger type and touch targets")
    brand_name: str | None = Field(None, max_length=40, description="Retailer name in the rail")
    brand_primary: str | None = Field(
        None, pattern=r"^#[0-9a-fA-F]{6}$", description="Brand colour, e.g. #0a7d5c"
    )
    brand_logo: Path | None = Field(None, description="PNG/SVG logo shown in the rail")
    decoder: Literal["zxing", "pyzbar"] = Field("zxing", description="Barcode decoder")
    data_dir: Path = Field(default_factory=default_data_dir, description="Local data folder")
    log_dir: Path = Field(default_factory=default_log_dir, description="Rotating log files")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Level written to the log file"
    )
    provisioning_key_file: Path | None = Field(
        None, description="Public key(s) that sign provisioning QR codes"
    )
    wedge_max_gap_ms: float = Field(
        50, gt=0, le=500, description="Longest pause between keys that keeps a burst going"
    )
    wedge_scan_gap_ms: float = Field(
        25, gt=0, le=500, description="A scan's median ms between keys (scanner speed)"
    )
    wedge_hiccup_ms: float = Field(
        250, gt=0, le=2000, description="Longest pause inside a burst at scanner speed"
    )
    wedge_min_length: int = Field(4, ge=1, le=64, description="Shortest scan (characters)")
    wedge_require_terminator: bool = Field(False, description="Scans must end with Enter/Tab")
    wedge_prefix: str = Field("", max_length=8, description="Scanner prefix to strip")
    wedge_suffix: str = Field("", max_length=8, description="Scanner suffix to strip")
    offline_policy: dict[str, Literal["allow", "deny"]] = Field(
        default_factory=dict,
        description='Per-flow offline rule over the defaults, e.g. { return = "deny" }',
    )
    read_cache: bool = Field(True, description="Keep last-known catalogue/stock/pickups")
    read_cache_max_age_h: float = Field(24, gt=0, le=720, description="Oldest cached answer")
    ca_bundle: Path | None = Field(None, description="PEM CA bundle trusted for the API (proxy)")
    secret_store: Literal["keyring", "memory"] = Field(
        "keyring", description="Where the device token is kept (memory: demo/tests only)"
    )
    staff_idle_lock_s: float = Field(300, ge=15, le=3600, description="Staff lock after idle")
    kiosk_idle_reset_s: float = Field(60, ge=10, le=1800, description="Kiosk reset after idle")
    kiosk_idle_warning_s: float = Field(15, ge=3, le=120, description="Kiosk countdown shown")

    @field_validator("offline_policy", mode="before")
    @classmethod
    def _policy_from_text(cls, value: Any) -> Any:
        """The environment gives ``pickup_code=allow,return=deny``."""
        if not isinstance(value, str):
            return value
        pairs = [part.split("=", 1) for part in value.split(",") if part.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise ValueError("write flow=allow|deny pairs separated by commas")
        return {k.strip(): v.strip().lower() for k, v in pairs}

    def wedge_config(self) -> WedgeConfig:
        return WedgeConfig(
            max_gap_s=self.wedge_max_gap_ms / 1000,
            scan_gap_s=self.wedge_scan_gap_ms / 1000,
            hiccup_gap_s=self.wedge_hiccup_ms / 1000,
            min_length=self.wedge_min_length,
            require_terminator=self.wedge_require_terminator,
            prefix=self.wedge_prefix,
            suffix=self.wedge_suffix,
        )

    @property
    def trusted_keys_file(self) -> Path:
        """Where the provisioning public keys are read (configured, else the system folder)."""
        return self.provisioning_key_file or system_config_dir() / PROVISIONING_KEY_FILE_NAME

    @property
    def needs_provisioning(self) -> bool:
        """No device token and no enrollment token: only a provisioning QR can set it up."""
        return not self.device_token and not self.enrollment_token

    @field_validator("api_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("store_code")
    @classmethod
    def _check_store(cls, value: str) -> str:
        value = value.strip().upper()
        if not value or len(value) > 16 or not value.replace("-", "").isalnum():
            raise ValueError("must be a store code such as PAR01")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value


class ConfigError(Exception):
    """Invalid configuration, with one line per problem naming setting and source."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Invalid configuration:\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class LoadedSettings:
    """Settings plus where each explicitly set value came from (for ``doctor``)."""

    settings: Settings
    sources: dict[str, str] = field(default_factory=dict)
    files: tuple[Path, ...] = ()  # config files read, lowest precedence first
    user_file: Path | None = None


_KEY_LINE = re.compile(
    r"""^\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[A-Za-z0-9_-]+))\s*[.=]"""
)
_TABLE_LINE = re.compile(r"^\s*\[+\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\].\s]+))")


def key_lines(text: str) -> dict[str, int]:
    """Line number (1-based) of each top-level key or table in TOML ``text``.

    Good enough for a flat config file: multi-line strings are skipped, a ``[table]``
    header counts as its key, and the first occurrence wins (duplicates are a TOML error).
    """
    lines: dict[str, int] = {}
    in_table = False
    open_quote: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if open_quote is not None:
            if open_quote in line:
                open_quote = None
            continue
        table = _TABLE_LINE.match(line)
        if table is not None:
            in_table = True
            name = table.group("dq") or table.group("sq") or table.group("bare")
            lines.setdefault(name, number)
            continue
        match = _KEY_LINE.match(line)
        if match is None or in_table:
            continue
        name = match.group("dq") or match.group("sq") or match.group("bare")
        lines.setdefault(name, number)
        for quote in ('"""', "'''"):
            if line.count(quote) == 1:
                open_quote = quote
    return lines


def _env_values(environ: Mapping[str, str]) -> dict[str, str]:
    fields = set(Settings.model_fields)
    values: dict[str, str] = {}
    for name, raw in environ.items():
        if name.startswith(ENV_PREFIX) and name not in LOCATOR_VARIABLES:
            key = name[len(ENV_PREFIX) :].lower()
            if key in fields:
                values[key] = raw
    return values


def _read_file(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError([f"{path}: cannot be read ({exc.strerror})"]) from exc
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: not UTF-8 text ({exc.reason})"]) from exc
    except tomllib.TOMLDecodeError as exc:
        line = _error_line(str(exc), text)
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError([f"{where}: not valid TOML ({exc})"]) from exc
    return data, key_lines(text)


def _error_line(message: str, text: str) -> int | None:
    """The line a TOMLDecodeError points at (its message says it; 3.11 has no attribute)."""
    match = re.search(r"at line (\d+)", message)
    if match:
        return int(match.group(1))
    if "end of document" in message:
        return max(1, len(text.splitlines()))
    return None


def user_config_path(
    config_file: Path | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    environ = os.environ if environ is None else environ
    if config_file is not None:
        return config_file
    if environ.get("KIOSK_CONFIG"):
        return Path(environ["KIOSK_CONFIG"])
    return default_config_dir() / CONFIG_FILE_NAME


def system_config_path(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    if environ.get("KIOSK_SYSTEM_CONFIG"):
        return Path(environ["KIOSK_SYSTEM_CONFIG"])
    return system_config_dir() / CONFIG_FILE_NAME


def load_settings_with_sources(
    config_file: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> LoadedSettings:
    """Merge the sources and validate; raise :class:`ConfigError` with readable problems."""
    environ = os.environ if environ is None else environ
    explicit = config_file is not None or bool(environ.get("KIOSK_CONFIG"))
    user_path = user_config_path(config_file, environ)
    system_path = system_config_path(environ)
    sources: dict[str, str] = {}
    merged: dict[str, Any] = {}
    files: list[Path] = []
    # the system file is optional even when named: $KIOSK_SYSTEM_CONFIG only moves it
    for path, required in ((system_path, False), (user_path, explicit)):
        if path.is_file():
            data, lines = _read_file(path)
            files.append(path)
            for key, value in data.items():
                where = f"{path}:{lines[key]}" if key in lines else str(path)
                merged[key], sources[key] = value, where
        elif required:
            raise ConfigError([f"{path}: config file not found"])
    for key, value in _env_values(environ).items():
        merged[key], sources[key] = value, f"environment {ENV_PREFIX}{key.upper()}"
    for key, value in (overrides or {}).items():
        if value is not None:
            merged[key], sources[key] = value, "command line"
    try:
        settings = Settings(**merged)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = str(err["loc"][0]) if err["loc"] else "?"
            where = sources.get(key, "default")
            if err["type"] == "extra_forbidden":
                problems.append(f"{key} (from {where}): unknown setting")
            else:
                problems.append(f"{key} (from {where}): {err['msg']}")
        raise ConfigError(problems) from exc
    return LoadedSettings(settings, sources, tuple(files), user_path)


def load_settings(
    config_file: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Merge the sources and validate; raise :class:`ConfigError` with readable problems."""
    return load_settings_with_sources(config_file, environ=environ, overrides=overrides).settings


def redacted(settings: Settings) -> dict[str, Any]:
    """The settings as JSON-friendly values, secrets replaced (for support bundles)."""
    values: dict[str, Any] = settings.model_dump(mode="json")
    for key in SECRET_SETTINGS:
        if values.get(key):
            values[key] = "<redacted>"
    return values


# -- writing the user file (first-run provisioning) ----------------------------------------
def toml_value(value: str | int | float | bool) -> str:
    """A TOML literal for a simple value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def update_config_file(path: Path, values: Mapping[str, str | int | float | bool | None]) -> None:
    """Set (or, for None, remove) top-level keys in a TOML file, keeping everything else.

    The file is replaced atomically and readable by its owner only (it may hold a token).
    """
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text:
        tomllib.loads(text)  # refuse to edit a broken file: it would hide the real problem
    lines = text.splitlines()
    positions = key_lines(text)
    first_table = next((i for i, line in enumerate(lines) if _TABLE_LINE.match(line)), len(lines))
    to_add: list[str] = []
    for key, value in values.items():
        line_no = positions.get(key)
        if line_no is not None and line_no - 1 < first_table:
            lines[line_no - 1] = "" if value is None else f"{key} = {toml_value(value)}"
        elif value is not None:
            to_add.append(f"{key} = {toml_value(value)}")
    lines[first_table:first_table] = to_add
    new_text = "\n".join(line for line in lines if line is not None).strip("\n") + "\n"
    tomllib.loads(new_text)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(new_text)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
