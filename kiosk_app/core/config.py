"""Typed, validated settings from a TOML file and ``KIOSK_*`` environment variables.

Precedence: defaults < config file < environment < explicit overrides (command line).
Errors name the setting and where its value came from, so IT can fix the right file.
"""

from __future__ import annotations

import os
import platform
import socket
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kiosk_app.core.wedge import WedgeConfig

APP_DIR_NAME = "omnistore-kiosk"
ENV_PREFIX = "KIOSK_"


def default_config_dir() -> Path:
    if platform.system() == "Windows":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_DIR_NAME
    return Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / APP_DIR_NAME


def default_data_dir() -> Path:
    if platform.system() == "Windows":
        base = os.environ.get("LOCALAPPDATA", str(Path.home() / "AppData" / "Local"))
        return Path(base) / APP_DIR_NAME
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / APP_DIR_NAME


class Settings(BaseModel):
    """Everything the app can be configured with. See README "Configuration"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_url: str = Field("http://127.0.0.1:8765", description="Central API base URL")
    store_code: str = Field("PAR01", description="Store this device belongs to")
    mode: Literal["associate", "kiosk"] = Field("associate", description="Device mode")
    device_name: str = Field(default_factory=socket.gethostname, description="Device label")
    enrollment_token: str | None = Field(None, description="Token to enroll this device")
    device_token: str | None = Field(None, description="Device bearer token (env only)")
    request_timeout_s: float = Field(8.0, gt=0, le=120, description="Per-request timeout")
    connect_timeout_s: float = Field(3.0, gt=0, le=60, description="TCP/TLS connect timeout")
    read_retries: int = Field(2, ge=0, le=5, description="Retries of safe reads")
    language: Literal["fr", "en", "system"] = Field("system", description="UI language")
    decoder: Literal["zxing", "pyzbar"] = Field("zxing", description="Barcode decoder")
    data_dir: Path = Field(default_factory=default_data_dir, description="Local data folder")
    wedge_max_gap_ms: float = Field(35, gt=0, le=500, description="Max ms between scanner keys")
    wedge_min_length: int = Field(4, ge=1, le=64, description="Shortest scan (characters)")
    wedge_require_terminator: bool = Field(False, description="Scans must end with Enter/Tab")
    wedge_prefix: str = Field("", max_length=8, description="Scanner prefix to strip")
    wedge_suffix: str = Field("", max_length=8, description="Scanner suffix to strip")

    def wedge_config(self) -> WedgeConfig:
        return WedgeConfig(
            max_gap_s=self.wedge_max_gap_ms / 1000,
            min_length=self.wedge_min_length,
            require_terminator=self.wedge_require_terminator,
            prefix=self.wedge_prefix,
            suffix=self.wedge_suffix,
        )

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


class ConfigError(Exception):
    """Invalid configuration, with one line per problem naming setting and source."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Invalid configuration:\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


def _env_values(environ: Mapping[str, str]) -> dict[str, str]:
    fields = set(Settings.model_fields)
    values: dict[str, str] = {}
    for name, raw in environ.items():
        if name.startswith(ENV_PREFIX) and name != "KIOSK_CONFIG":
            key = name[len(ENV_PREFIX) :].lower()
            if key in fields:
                values[key] = raw
    return values


def _read_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML ({exc})"]) from exc
    except OSError as exc:
        raise ConfigError([f"{path}: cannot be read ({exc.strerror})"]) from exc
    return data


def load_settings(
    config_file: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Merge the sources and validate; raise :class:`ConfigError` with readable problems."""
    environ = os.environ if environ is None else environ
    explicit = config_file is not None or "KIOSK_CONFIG" in environ
    path = config_file or Path(environ.get("KIOSK_CONFIG", default_config_dir() / "config.toml"))
    sources: dict[str, str] = {}
    merged: dict[str, Any] = {}
    if path.exists():
        for key, value in _read_file(path).items():
            merged[key], sources[key] = value, str(path)
    elif explicit:
        raise ConfigError([f"{path}: config file not found"])
    for key, value in _env_values(environ).items():
        merged[key], sources[key] = value, f"environment {ENV_PREFIX}{key.upper()}"
    for key, value in (overrides or {}).items():
        if value is not None:
            merged[key], sources[key] = value, "command line"
    try:
        return Settings(**merged)
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
