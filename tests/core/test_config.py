from pathlib import Path

import pytest

from kiosk_app.core.config import ConfigError, load_settings


def test_defaults_file_env_and_overrides_layer(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('api_url = "https://api.example.com/"\nstore_code = "lyo01"\nmode = "kiosk"\n')
    s = load_settings(cfg, environ={"KIOSK_STORE_CODE": "MRS01"}, overrides={"mode": "associate"})
    assert s.api_url == "https://api.example.com"
    assert s.store_code == "MRS01"  # environment beats file
    assert s.mode == "associate"  # command line beats environment
    assert s.request_timeout_s == 8.0  # default


def test_errors_name_the_setting_and_the_source(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('api_url = "ftp://x"\nmood = "happy"\n')
    with pytest.raises(ConfigError) as err:
        load_settings(cfg, environ={"KIOSK_REQUEST_TIMEOUT_S": "-1"})
    text = str(err.value)
    assert f"api_url (from {cfg})" in text and "http://" in text
    assert "mood" in text and "unknown setting" in text
    assert "request_timeout_s (from environment KIOSK_REQUEST_TIMEOUT_S)" in text


def test_broken_or_missing_file(tmp_path: Path) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("api_url = ")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(cfg, environ={})
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_no_file_at_default_location_is_fine() -> None:
    assert load_settings(environ={}).mode == "associate"
