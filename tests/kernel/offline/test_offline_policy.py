"""The per-flow offline policy: a pure rule, configured per device."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk_app.kernel.config import ConfigError, load_settings
from kiosk_app.kernel.connection import ConnectionState
from kiosk_app.kernel.offline.policy import (
    DEFAULT_POLICY,
    OfflineFlow,
    OfflinePolicy,
    Reason,
    may_run_offline,
)
from kiosk_app.kernel.offline.wiring import policy_from_settings


@pytest.mark.parametrize(
    "state", [ConnectionState.ONLINE, ConnectionState.DEGRADED, ConnectionState.UNKNOWN]
)
def test_every_flow_runs_while_the_api_is_not_known_to_be_down(state: ConnectionState) -> None:
    for flow in [*OfflineFlow, "something_new"]:
        decision = may_run_offline(flow, state)
        assert decision.allowed and decision.reason is Reason.ONLINE and not decision.queued


def test_offline_the_default_policy_allows_signed_pickups_and_refuses_returns() -> None:
    offline = ConnectionState.OFFLINE
    qr = may_run_offline(OfflineFlow.PICKUP_SIGNED_QR, offline)
    assert qr.allowed and qr.reason is Reason.ALLOWED_OFFLINE and qr.queued
    assert may_run_offline("pickup_code", offline).allowed
    assert not may_run_offline("endless_aisle", offline).allowed  # stock, delivery options
    refused = may_run_offline(OfflineFlow.RETURN, offline)
    assert not refused.allowed and refused.reason is Reason.DENIED_OFFLINE
    assert refused.flow == "return"


def test_an_unlisted_flow_is_refused_offline() -> None:
    decision = may_run_offline("gift_cards", ConnectionState.OFFLINE, DEFAULT_POLICY)
    assert not decision.allowed and decision.reason is Reason.NOT_CONFIGURED


def test_config_overrides_the_defaults_from_a_file_and_the_environment(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('offline_policy = { return = "allow", pickup_code = "deny" }\n')
    policy = policy_from_settings(load_settings(config, environ={}))
    offline = ConnectionState.OFFLINE
    assert may_run_offline("return", offline, policy).allowed
    assert not may_run_offline("pickup_code", offline, policy).allowed
    assert may_run_offline("pickup_signed_qr", offline, policy).allowed  # default kept

    env = load_settings(environ={"KIOSK_OFFLINE_POLICY": "endless_aisle=deny"})
    assert not may_run_offline("endless_aisle", offline, policy_from_settings(env)).allowed
    with pytest.raises(ConfigError, match="offline_policy"):
        load_settings(environ={"KIOSK_OFFLINE_POLICY": "return=sometimes"})
    with pytest.raises(ConfigError, match="offline_policy"):
        load_settings(environ={"KIOSK_OFFLINE_POLICY": "return"})


def test_from_config_keeps_defaults_for_flows_not_mentioned() -> None:
    policy = OfflinePolicy.from_config({"return": "allow"})
    assert policy.rule("return") == "allow"
    assert policy.rule("pickup_signed_qr") == "allow"
    assert policy.rule("unknown") is None
