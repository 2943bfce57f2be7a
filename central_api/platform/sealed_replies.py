"""Answers that carry a secret (a device, staff or approval token, a pickup QR code).

A state-changing request's answer is kept in its idempotency record, so that a retry after
"sent, no answer" gets the same answer (``central_api.platform.idempotency``). For an answer that
issues a secret, the record keeps the secret only *sealed*: AES-GCM under the server's
``seal`` key, which lives in the key file, never in the database (``central_api.platform.keys``). A
copy of the database therefore holds no usable token, while a device that lost the answer to
its enrollment still gets its token back on retry (no orphan device, no second enrollment).
A sealed field is ``"<kid>.<base64url(nonce + ciphertext)>"``; the field name is the
associated data, so a sealed staff token cannot be opened as a device token.

The request fingerprint of requests that carry a PIN is an HMAC under the same key (a plain
SHA-256 of a body holding a 4-digit PIN would give the PIN back in milliseconds); a replay
is recognised under any live key, so a rotation does not turn retries into new requests.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from fastapi import Request
from fastapi.responses import JSONResponse

from central_api.platform.idempotency import REPLAY_HEADER, IdempotentRequest, idempotent_request
from central_api.platform.keys import KeyRing
from central_api.platform.problems import PROBLEM_MEDIA_TYPE, Problem

SEALED_PREFIX = "sealed_"


def _ring(request: Request) -> KeyRing:
    ring: KeyRing = request.app.state.keys
    return ring


def seal(ring: KeyRing, field: str, secret: str) -> str:
    key = ring.current("seal")
    nonce = os.urandom(12)
    sealed = AESGCM(key.secret).encrypt(nonce, secret.encode(), field.encode())
    return f"{key.kid}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def unseal(ring: KeyRing, field: str, sealed: str) -> str:
    kid, _, blob = sealed.partition(".")
    key = ring.find("seal", kid)
    try:
        if key is None:
            raise InvalidTag
        raw = base64.urlsafe_b64decode(blob.encode())
        return AESGCM(key.secret).decrypt(raw[:12], raw[12:], field.encode()).decode()
    except (InvalidTag, ValueError):
        raise Problem(
            409,
            "replay-unavailable",
            "The first answer cannot be given again",
            "The answer to this request was sealed with a server key that has since been "
            "retired; send the request again with a new Idempotency-Key.",
        ) from None


def sealed_field(request: Request, field: str, secret: str) -> dict[str, str]:
    """``{"sealed_<field>": …}`` to merge into the body ``work`` returns."""
    return {SEALED_PREFIX + field: seal(_ring(request), field, secret)}


def open_sealed(request: Request, response: JSONResponse, field: str) -> JSONResponse:
    """The stored (or replayed) answer with its sealed ``field`` opened; problems as they are."""
    if response.status_code >= 400:
        response.headers["content-type"] = PROBLEM_MEDIA_TYPE
        return response
    data = json.loads(bytes(response.body))
    data[field] = unseal(_ring(request), field, data.pop(SEALED_PREFIX + field))
    headers = {k: v for k, v in response.headers.items() if k.lower() == REPLAY_HEADER.lower()}
    return JSONResponse(data, status_code=response.status_code, headers=headers)


async def keyed_idempotent_request(request: Request) -> IdempotentRequest:
    """``idempotent_request`` with a keyed fingerprint (for bodies that hold a PIN or token)."""
    req = await idempotent_request(request)
    body = await request.body()
    try:
        canonical = json.dumps(json.loads(body or b"null"), sort_keys=True, separators=(",", ":"))
    except ValueError:
        canonical = body.decode("latin-1")
    message = f"{req.method} {req.path}\n{canonical}".encode()
    current, *retired = (
        hmac.new(key.secret, message, hashlib.sha256).hexdigest()
        for key in _ring(request).live("seal")
    )
    return dataclasses.replace(req, request_hash=current, earlier_hashes=tuple(retired))
