import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.kernel.provisioning import (
    ExpiredProvisioningCode,
    ForgedProvisioningCode,
    NotAProvisioningCode,
    NoTrustedKey,
    ProvisioningNotYetValid,
    UnknownProvisioningKey,
    create_provisioning_code,
    generate_key_pair,
    key_id,
    load_private_key,
    load_public_keys,
    load_trusted_keys,
    looks_like_provisioning,
    parse_duration,
    public_pem,
    verify_provisioning_code,
)
from kiosk_app.kernel.scan.signed_codes import b64url_decode, b64url_encode, sign_code

NOW = 1_800_000_000


def make(key: Ed25519PrivateKey, **kw: object) -> str:
    args: dict[str, object] = dict(
        store_code="par01",
        mode="kiosk",
        api_url="https://api.example/",
        enrollment_token="tok-1",
        lifetime_s=3600,
        private_key=key,
        now=NOW,
    )
    args.update(kw)
    return create_provisioning_code(**args)  # type: ignore[arg-type]


def test_round_trip_and_claims() -> None:
    key = Ed25519PrivateKey.generate()
    code = make(key, device_name_prefix="PAR01-kiosk", language="fr")
    assert looks_like_provisioning(code) and code.startswith("PRV1.")
    trusted = {key_id(key.public_key()): key.public_key()}
    p = verify_provisioning_code(code, trusted, NOW + 10)
    assert (p.store_code, p.mode, p.api_url, p.enrollment_token) == (
        "PAR01",
        "kiosk",
        "https://api.example",
        "tok-1",
    )
    assert p.expires_at == NOW + 3600 and p.kid == key_id(key.public_key())
    assert p.device_name_prefix == "PAR01-kiosk" and p.language == "fr"


def test_expired_code_is_refused() -> None:
    key = Ed25519PrivateKey.generate()
    trusted = {key_id(key.public_key()): key.public_key()}
    code = make(key, lifetime_s=60)
    assert verify_provisioning_code(code, trusted, NOW + 60 + 100).store_code == "PAR01"
    with pytest.raises(ExpiredProvisioningCode) as err:
        verify_provisioning_code(code, trusted, NOW + 60 + 121)
    assert err.value.reason == "expired"
    with pytest.raises(ProvisioningNotYetValid):
        verify_provisioning_code(code, trusted, NOW - 3600)


def test_forged_codes_are_refused() -> None:
    it_key, attacker = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    trusted = {key_id(it_key.public_key()): it_key.public_key()}
    # signed by another key that claims IT's key id
    claims = {
        "v": 1,
        "store": "PAR01",
        "mode": "associate",
        "api": "https://evil.example",
        "tok": "x",
        "iat": NOW,
        "exp": NOW + 60,
        "kid": key_id(it_key.public_key()),
    }
    with pytest.raises(ForgedProvisioningCode) as err:
        verify_provisioning_code(sign_code("PRV1", claims, attacker), trusted, NOW)
    assert err.value.reason == "forged"
    # signed by an unknown key under its own id
    with pytest.raises(UnknownProvisioningKey) as unknown:
        verify_provisioning_code(make(attacker), trusted, NOW)
    assert unknown.value.reason == "unknown-key"
    # a genuine code whose payload was edited (other API URL)
    prefix, payload, signature = make(it_key).split(".")
    edited = b64url_decode(payload).replace(b"api.example", b"evil.example")
    with pytest.raises(ForgedProvisioningCode):
        verify_provisioning_code(f"{prefix}.{b64url_encode(edited)}.{signature}", trusted, NOW)


def test_malformed_and_missing_keys() -> None:
    key = Ed25519PrivateKey.generate()
    trusted = {key_id(key.public_key()): key.public_key()}
    for text in ("PRV1.abc", "hello", "LOY1.e30.AAAA"):
        with pytest.raises(NotAProvisioningCode):
            verify_provisioning_code(text, trusted, NOW)
    bad_mode = sign_code(
        "PRV1",
        {
            "v": 1,
            "store": "PAR01",
            "mode": "root",
            "api": "https://a",
            "tok": "t",
            "iat": NOW,
            "exp": NOW + 5,
        },
        key,
    )
    with pytest.raises(NotAProvisioningCode, match="mode"):
        verify_provisioning_code(bad_mode, trusted, NOW)
    with pytest.raises(NoTrustedKey):
        verify_provisioning_code(make(key), {}, NOW)


def test_creation_refuses_bad_input() -> None:
    key = Ed25519PrivateKey.generate()
    with pytest.raises(ValueError, match="mode"):
        make(key, mode="admin")
    with pytest.raises(ValueError, match="lifetime"):
        make(key, lifetime_s=90 * 86400)
    with pytest.raises(ValueError, match="http"):
        make(key, api_url="ftp://x")
    with pytest.raises(ValueError, match="store"):
        make(key, store_code="PAR 01")


def test_key_files(tmp_path: pytest.TempPathFactory) -> None:
    private_pem, public_pem_bytes = generate_key_pair()
    key = load_private_key(private_pem)
    other = Ed25519PrivateKey.generate()
    bundle = public_pem_bytes + public_pem(other.public_key())
    keys = load_public_keys(bundle)
    assert set(keys) == {key_id(key.public_key()), key_id(other.public_key())}
    path = tmp_path / "provisioning.pub"  # type: ignore[operator]
    with pytest.raises(NoTrustedKey, match="install it"):
        load_trusted_keys(path)
    path.write_bytes(bundle)
    assert len(load_trusted_keys(path)) == 2
    with pytest.raises(ValueError):
        load_private_key(public_pem_bytes)


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30m", 1800), ("24h", 86400), ("7d", 604800), ("1w", 604800)]
)
def test_parse_duration(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "0h", "-1h", "1y", "h"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)
