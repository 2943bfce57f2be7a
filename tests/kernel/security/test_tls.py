"""TLS always verified: a real local HTTPS server with a CA and leaf made here (cryptography)."""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk_app.kernel.api.client import ApiClient
from kiosk_app.kernel.security.tls import CaBundleError, CertificateError, tls_context
from tests.conftest import run


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_ca(cn: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(_name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def make_leaf(
    ca_key: ec.EllipticCurvePrivateKey, ca: x509.Certificate, san: x509.GeneralName
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("central-api"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=7))
        .add_extension(x509.SubjectAlternativeName([san]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


class _Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"status": "ok", "version": "tls-test", "time": "now"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve_tls(
    folder: Path, ca_key: ec.EllipticCurvePrivateKey, ca: x509.Certificate, san: x509.GeneralName
) -> Iterator[str]:
    key, cert = make_leaf(ca_key, ca, san)
    (folder / "leaf.pem").write_bytes(pem(cert))
    (folder / "leaf.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "leaf.pem", folder / "leaf.key")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def pki(tmp_path: Path) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate, Path]:
    ca_key, ca = make_ca("Store proxy CA")
    bundle = tmp_path / "proxy-ca.pem"
    bundle.write_bytes(pem(ca))
    return ca_key, ca, bundle


@pytest.fixture
def https_url(
    tmp_path: Path, pki: tuple[ec.EllipticCurvePrivateKey, x509.Certificate, Path]
) -> Iterator[str]:
    ca_key, ca, _ = pki
    yield from serve_tls(tmp_path, ca_key, ca, x509.IPAddress(ipaddress.ip_address("127.0.0.1")))


def _health(url: str, **kwargs: object) -> str:
    async def go() -> str:
        client = ApiClient(url, read_retries=0, **kwargs)  # type: ignore[arg-type]
        try:
            return (await client.health()).version
        finally:
            await client.aclose()

    return run(go())


def test_the_configured_ca_bundle_is_trusted(
    https_url: str, pki: tuple[ec.EllipticCurvePrivateKey, x509.Certificate, Path]
) -> None:
    assert _health(https_url, ca_bundle=pki[2]) == "tls-test"


def test_an_untrusted_certificate_is_a_clear_typed_error(https_url: str) -> None:
    with pytest.raises(CertificateError) as refused:
        _health(https_url)
    message = str(refused.value)
    assert "does not trust" in message and "ca_bundle" in message
    assert "self-signed" in message or "unable to get local issuer" in message


def test_another_ca_or_the_wrong_host_name_is_refused(
    tmp_path: Path, pki: tuple[ec.EllipticCurvePrivateKey, x509.Certificate, Path]
) -> None:
    ca_key, ca, bundle = pki
    _other_key, other_ca = make_ca("Somebody else")
    other_bundle = tmp_path / "other.pem"
    other_bundle.write_bytes(pem(other_ca))
    for url in serve_tls(tmp_path, ca_key, ca, x509.IPAddress(ipaddress.ip_address("127.0.0.1"))):
        with pytest.raises(CertificateError):
            _health(url, ca_bundle=other_bundle)
    for url in serve_tls(tmp_path, ca_key, ca, x509.DNSName("central.example")):
        with pytest.raises(CertificateError) as wrong_host:
            _health(url, ca_bundle=bundle)
        assert "mismatch" in str(wrong_host.value) or "match" in str(wrong_host.value)


def test_verification_cannot_be_turned_off_and_a_bad_bundle_says_so(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot be turned off"):
        ApiClient("https://127.0.0.1:1", verify=False)
    with pytest.raises(CaBundleError, match="no such file"):
        tls_context(tmp_path / "missing.pem")
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    with pytest.raises(CaBundleError, match="not a PEM"):
        tls_context(junk)
