"""TLS to the central API: verification always on, an optional extra CA bundle.

Stores behind a corporate TLS-inspecting proxy need the proxy's CA: ``ca_bundle`` names a
PEM file that is trusted *instead of* the system store (the proxy re-signs everything).
Turning verification off is not possible. A failed certificate check becomes a
:class:`CertificateError` whose message says what was wrong and what to do.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from kiosk_app.kernel.api.errors import ApiUnavailable


class CertificateError(ApiUnavailable):
    """The central API's certificate was not trusted (typed, with a readable message)."""

    retryable = False


class CaBundleError(ValueError):
    """The configured CA bundle cannot be used."""


def tls_context(ca_bundle: Path | str | None = None) -> ssl.SSLContext:
    """A verifying context: the system CAs, or only ``ca_bundle`` when given."""
    if ca_bundle is None:
        return ssl.create_default_context()
    path = Path(ca_bundle)
    if not path.is_file():
        raise CaBundleError(f"ca_bundle {path}: no such file")
    try:
        context = ssl.create_default_context(cafile=str(path))
    except (ssl.SSLError, OSError, ValueError) as exc:
        raise CaBundleError(f"ca_bundle {path}: not a PEM certificate bundle ({exc})") from exc
    return context


def find_certificate_failure(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate verification failure behind ``exc`` (httpx wraps it), if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        for arg in getattr(current, "args", ()):
            if isinstance(arg, ssl.SSLCertVerificationError):
                return arg
        current = current.__cause__ or current.__context__
    return None


def describe_certificate_failure(failure: ssl.SSLCertVerificationError, url: str) -> str:
    reason = failure.verify_message or failure.reason or str(failure)
    return (
        f"The central API at {url} presented a certificate this device does not trust "
        f"({reason}). If this store is behind a corporate proxy, set ca_bundle to the "
        "proxy's CA certificate (PEM); otherwise the connection may be intercepted: "
        "call IT. TLS verification cannot be turned off."
    )
