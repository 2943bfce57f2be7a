"""The device token lives in the OS keyring; without a secure keyring nothing goes to disk."""

from __future__ import annotations

import os
import sqlite3
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend

from kiosk_app.flows.first_run.session import FirstRun
from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.config import load_settings
from kiosk_app.kernel.demo_server import DemoServer
from kiosk_app.kernel.security.credentials import (
    CREDENTIALS_FILE_NAME,
    SERVICE_NAME,
    FileCredentialStore,
    KeyringCredentialStore,
    KeyringUnavailable,
    MemoryCredentialStore,
    device_token_name,
    open_credential_store,
    probe_keyring,
)
from kiosk_app.kernel.security.enrollment import DeviceNotEnrolled, start_secure_device_session
from tests.conftest import enroll, run
from tests.support.memory_keyring import MemoryKeyring


class PlaintextFileKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring (same module name: the rule is by name)."""


PlaintextFileKeyring.__module__ = "keyrings.alt.file"


@pytest.fixture
def os_keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    """The OS keyring of the device, as the shared in-memory backend."""
    return memory_keyring


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def files_under(folder: Path) -> str:
    text = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            text.append((Path(root) / name).read_bytes().decode("utf-8", "replace"))
    return "\n".join(text)


def test_enrollment_puts_the_token_in_the_os_keyring_and_reuses_it(
    os_keyring: MemoryKeyring, api_server: DemoServer, isolated_dirs: Path
) -> None:
    settings = load_settings(
        environ={},
        overrides={"api_url": api_server.url, "enrollment_token": "demo-enrollment"},
    )
    store = KeyringCredentialStore()

    async def first() -> str:
        client = ApiClient(api_server.url)
        try:
            identity = await start_secure_device_session(client, settings, store)
            assert identity.source == "enrollment"
            return identity.device.device_id
        finally:
            await client.aclose()

    device_id = run(first())
    token = os_keyring.secrets[(SERVICE_NAME, device_token_name(api_server.url))]
    assert token.startswith("dvc_")
    assert token not in files_under(isolated_dirs)  # config, data, cache, state: nothing

    async def second() -> str:
        client = ApiClient(api_server.url)
        try:
            identity = await start_secure_device_session(client, settings, store)
            assert identity.source == "credential store"
            return identity.device.device_id
        finally:
            await client.aclose()

    assert run(second()) == device_id  # the same device, not a new enrollment


def test_a_token_left_in_the_configuration_moves_into_the_keyring(
    os_keyring: MemoryKeyring, api_server: DemoServer
) -> None:
    token = enroll(api_server.url)
    settings = load_settings(environ={}, overrides={"api_url": api_server.url})
    settings = settings.model_copy(update={"device_token": token})

    async def go() -> str:
        client = ApiClient(api_server.url)
        try:
            return (await start_secure_device_session(client, settings, store)).source
        finally:
            await client.aclose()

    store = KeyringCredentialStore()
    assert run(go()) == "configuration"
    assert store.get(device_token_name(api_server.url)) == token


def test_no_keyring_backend_says_what_to_install_and_keeps_the_token_in_a_private_file(
    no_keyring: None, isolated_dirs: Path
) -> None:
    with pytest.raises(KeyringUnavailable) as refused:
        KeyringCredentialStore()
    message = str(refused.value)
    assert "No OS keyring" in message and "gnome-keyring" in message
    assert "keyrings.alt" in message and "plain file" in message
    data_dir = isolated_dirs / "keyring-less"
    store, warning = open_credential_store("keyring", data_dir)
    assert isinstance(store, FileCredentialStore) and warning is not None
    assert warning.startswith(message) and "0600" in warning
    previous_umask = os.umask(0)  # whatever the umask
    try:
        store.set("device-token@x", "dvc_secret_value_123456")
    finally:
        os.umask(previous_umask)
    path = data_dir / CREDENTIALS_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in data_dir.iterdir()] == [CREDENTIALS_FILE_NAME]  # no temp left
    path.chmod(0o644)  # loosened by hand: closed again before it is read
    assert FileCredentialStore(path).get("device-token@x") == "dvc_secret_value_123456"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store.delete("device-token@x")
    assert store.get("device-token@x") is None
    memory_only, _ = open_credential_store("keyring")  # no data folder given: memory
    assert isinstance(memory_only, MemoryCredentialStore)


def _devices_named(server: DemoServer, name: str) -> int:
    with sqlite3.connect(server.db_url.removeprefix("sqlite:///")) as conn:
        row = conn.execute("SELECT count(*) FROM devices WHERE name = ?", (name,)).fetchone()
    return int(row[0])


def test_a_keyring_less_device_started_twice_is_one_device(
    no_keyring: None, api_server: DemoServer, isolated_dirs: Path
) -> None:
    name = f"keyring-less-{uuid.uuid4().hex[:8]}"
    settings = load_settings(
        environ={},
        overrides={
            "api_url": api_server.url,
            "enrollment_token": "demo-enrollment",
            "device_name": name,
            "data_dir": str(isolated_dirs / "data"),
        },
    )

    async def start() -> tuple[str, str]:
        """What the app does at each start: open the store, then identify or enroll."""
        store, _warning = open_credential_store(settings.secret_store, settings.data_dir)
        client = ApiClient(api_server.url)
        try:
            identity = await start_secure_device_session(client, settings, store)
            return identity.source, identity.device.device_id
        finally:
            await client.aclose()

    first_source, first_id = run(start())
    second_source, second_id = run(start())
    assert (first_source, second_source) == ("enrollment", "credential store")
    assert second_id == first_id and _devices_named(api_server, name) == 1


def test_null_and_plaintext_backends_are_refused_too() -> None:
    previous = keyring.get_keyring()
    try:
        keyring.set_keyring(null.Keyring())
        assert not probe_keyring().usable
        keyring.set_keyring(PlaintextFileKeyring())
        status = probe_keyring()
        assert not status.usable and "plain file" in status.message
        keyring.set_keyring(ChainerBackend())  # nothing chained on this machine
        chained = probe_keyring()
        assert not chained.usable or "keyrings.alt" not in chained.message
        keyring.set_keyring(MemoryKeyring())
        assert probe_keyring().usable
    finally:
        keyring.set_keyring(previous)


def test_memory_store_is_explicit_for_demo_and_tests() -> None:
    store, warning = open_credential_store("memory")
    assert warning is None and "memory" in store.description
    store.set("a", "b")
    assert store.get("a") == "b"
    store.delete("a")
    assert store.get("a") is None


def test_no_token_and_no_enrollment_token_is_a_clear_error(
    os_keyring: MemoryKeyring, api_server: DemoServer
) -> None:
    settings = load_settings(environ={}, overrides={"api_url": api_server.url})

    async def go() -> None:
        client = ApiClient(api_server.url)
        try:
            await start_secure_device_session(client, settings, KeyringCredentialStore())
        finally:
            await client.aclose()

    with pytest.raises(DeviceNotEnrolled, match="enrollment token"):
        run(go())


def test_first_run_on_a_keyring_less_device_keeps_the_token_for_the_next_start(
    no_keyring: None, isolated_dirs: Path
) -> None:
    data_dir = isolated_dirs / "first-run-data"
    first_run = FirstRun(
        trusted_keys_file=isolated_dirs / "keys.pub",
        user_config_file=isolated_dirs / "config.toml",
        device_name="tablet",
        data_dir=data_dir,
    )
    first_run._keep_device_token("https://api.example", "dvc_kept_for_the_restart")
    store, _warning = open_credential_store("keyring", data_dir)  # what the restart opens
    assert store.get(device_token_name("https://api.example")) == "dvc_kept_for_the_restart"
