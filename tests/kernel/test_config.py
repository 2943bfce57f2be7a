import os
import stat
import tomllib
from pathlib import Path

import pytest

from kiosk_app.kernel.config import (
    ConfigError,
    key_lines,
    load_settings,
    load_settings_with_sources,
    redacted,
    update_config_file,
)


def test_defaults_file_env_and_overrides_layer(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('api_url = "https://api.example.com/"\nstore_code = "lyo01"\nmode = "kiosk"\n')
    s = load_settings(cfg, environ={"KIOSK_STORE_CODE": "MRS01"}, overrides={"mode": "associate"})
    assert s.api_url == "https://api.example.com"
    assert s.store_code == "MRS01"  # environment beats file
    assert s.mode == "associate"  # command line beats environment
    assert s.request_timeout_s == 8.0  # default


def test_system_file_is_below_the_user_file(tmp_path: Path) -> None:
    system = tmp_path / "etc" / "config.toml"
    system.parent.mkdir()
    system.write_text(
        'api_url = "https://central.example"\nstore_code = "LYO01"\nread_retries = 4\n'
    )
    user = tmp_path / "user.toml"
    user.write_text('store_code = "PAR02"\n')
    loaded = load_settings_with_sources(
        user, environ={"KIOSK_SYSTEM_CONFIG": str(system), "KIOSK_READ_RETRIES": "1"}
    )
    s = loaded.settings
    assert s.api_url == "https://central.example"  # system file beats defaults
    assert s.store_code == "PAR02"  # user file beats system file
    assert s.read_retries == 1  # environment beats both files
    assert loaded.files == (system, user)
    assert loaded.sources["api_url"] == f"{system}:1"
    assert loaded.sources["store_code"] == f"{user}:1"


def test_missing_system_file_is_fine_even_when_named(tmp_path: Path) -> None:
    s = load_settings(environ={"KIOSK_SYSTEM_CONFIG": str(tmp_path / "none.toml")})
    assert s.mode == "associate"


def test_errors_name_the_setting_the_file_and_the_line(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('# comment\n\napi_url = "ftp://x"\n"mood" = "happy"\n')
    with pytest.raises(ConfigError) as err:
        load_settings(cfg, environ={"KIOSK_REQUEST_TIMEOUT_S": "-1"})
    text = str(err.value)
    assert f"api_url (from {cfg}:3)" in text and "http://" in text
    assert f"mood (from {cfg}:4): unknown setting" in text
    assert "request_timeout_s (from environment KIOSK_REQUEST_TIMEOUT_S)" in text


def test_system_file_errors_name_the_system_file_line(tmp_path: Path) -> None:
    system = tmp_path / "system.toml"
    system.write_text('store_code = "PAR01"\nmode = "tablet"\n')
    with pytest.raises(ConfigError) as err:
        load_settings(environ={"KIOSK_SYSTEM_CONFIG": str(system)})
    assert f"mode (from {system}:2)" in str(err.value)


def test_key_lines_skip_comments_tables_and_multiline_strings() -> None:
    text = (
        "# api_url = 'x'\n"
        "device_name = '''\n"
        "store_code = 'not a key'\n"
        "'''\n"
        "  store_code = 'PAR01'\n"
        "[wedge]\n"
        "mode = 'inside a table'\n"
    )
    lines = key_lines(text)
    assert lines == {"device_name": 2, "store_code": 5, "wedge": 6}
    assert set(tomllib.loads(text)) == {"device_name", "store_code", "wedge"}


def test_broken_or_missing_file(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("api_url = ")
    with pytest.raises(ConfigError, match=r"config.toml:1: not valid TOML"):
        load_settings(cfg, environ={})
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_no_file_at_default_location_is_fine(tmp_path: Path) -> None:
    s = load_settings(environ={"KIOSK_SYSTEM_CONFIG": str(tmp_path / "absent.toml")})
    assert s.mode == "associate"
    assert s.needs_provisioning


def test_update_config_file_keeps_comments_and_other_keys(tmp_path: Path) -> None:
    cfg = tmp_path / "sub" / "config.toml"
    cfg.parent.mkdir()
    cfg.write_text('# set by IT\nlanguage = "fr"\nenrollment_token = "old"\n[extra]\nx = 1\n')
    update_config_file(
        cfg,
        {"store_code": "LYO01", "enrollment_token": None, "device_token": 'dvc_"q\\'},
    )
    text = cfg.read_text()
    assert text.startswith("# set by IT\n")
    data = tomllib.loads(text)
    assert data["language"] == "fr" and data["store_code"] == "LYO01"
    assert data["device_token"] == 'dvc_"q\\' and "enrollment_token" not in data
    assert data["extra"] == {"x": 1}  # new keys go above the first table
    if os.name == "posix":
        assert stat.S_IMODE(cfg.stat().st_mode) == 0o600


def test_redacted_hides_tokens(tmp_path: Path) -> None:
    s = load_settings(
        environ={"KIOSK_SYSTEM_CONFIG": str(tmp_path / "x"), "KIOSK_DEVICE_TOKEN": "dvc_secret"}
    )
    values = redacted(s)
    assert values["device_token"] == "<redacted>" and "dvc_secret" not in str(values)
    assert values["enrollment_token"] is None


def test_toml_syntax_error_names_its_line(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('store_code = "PAR01"\nmode = = "kiosk"\n')
    with pytest.raises(ConfigError, match=r"config.toml:2: not valid TOML"):
        load_settings(cfg, environ={})
