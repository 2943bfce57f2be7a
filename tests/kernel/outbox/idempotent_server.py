"""An in-test ledger server with the central API's idempotency semantics.

``POST /<any path>`` with a JSON object body and an ``Idempotency-Key`` header applies the
operation once and remembers the key with a fingerprint of the request and its answer:

* same key, same request → the stored answer again, plus ``Idempotent-Replayed: true``;
* same key, different request → 422 problem+json ``…/idempotency-key-reused``.

The body's ``behave`` field picks a business answer: ``"conflict"`` → 409, ``"invalid"`` →
422 (both stored like any answer). :meth:`Ledger.fail_next` injects answers that happen
before the idempotency layer (auth, overload), so they are not stored. The ledger counts
how often each ``op_id`` was applied. The real central API replaces this in e2e tests.

Run standalone (used by the benchmark): ``python -m tests.kernel.outbox.idempotent_server``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import socket
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

PROBLEM_BASE = "https://api.omnistore.example/problems/"


@dataclass(frozen=True)
class StoredAnswer:
    fingerprint: str
    status: int
    body: dict[str, Any]


@dataclass
class Hold:
    """Makes the server stop right after committing one op, until ``release`` is set."""

    committed: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class _Injected:
    status: int
    retry_after: str | None


class Ledger:
    """What the server applied; thread-safe (the server runs in another thread)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.answers: dict[str, StoredAnswer] = {}
            self.applied: list[str] = []  # op_ids in the order they were applied
            self.apply_counts: Counter[str] = Counter()
            self.requests = 0
            self.replays = 0
            self.key_reuses = 0
            self._injected: deque[_Injected] = deque()
            self._holds: dict[str, Hold] = {}

    def fail_next(self, status: int, *, times: int = 1, retry_after: str | None = None) -> None:
        """Answer the next ``times`` requests with ``status`` before looking at them."""
        with self.lock:
            self._injected.extend([_Injected(status, retry_after)] * times)

    def clear_injected(self) -> None:
        with self.lock:
            self._injected.clear()

    def hold_after_commit(self, op_id: str) -> Hold:
        hold = Hold()
        with self.lock:
            self._holds[op_id] = hold
        return hold

    def times_applied(self, op_id: str) -> int:
        with self.lock:
            return self.apply_counts[op_id]

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {
                "applied": len(self.applied),
                "distinct": len(self.apply_counts),
                "requests": self.requests,
                "replays": self.replays,
            }

    def take_injected(self) -> _Injected | None:
        with self.lock:
            self.requests += 1
            return self._injected.popleft() if self._injected else None

    def answer(self, key: str, fingerprint: str, body: dict[str, Any]) -> tuple[StoredAnswer, str]:
        """(answer, how): ``how`` is "applied", "replayed" or "reused"."""
        with self.lock:
            stored = self.answers.get(key)
            if stored is not None:
                if stored.fingerprint != fingerprint:
                    self.key_reuses += 1
                    reused = _problem(422, "idempotency-key-reused", "Key used for another request")
                    return StoredAnswer(fingerprint, 422, reused), "reused"
                self.replays += 1
                return stored, "replayed"
            status, answer = self._apply(body)
            stored = StoredAnswer(fingerprint, status, answer)
            self.answers[key] = stored
            return stored, "applied"

    def _apply(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        behave = body.get("behave")
        if behave == "conflict":
            return 409, _problem(
                409, "already-collected", "Already collected", "Collected elsewhere"
            )
        if behave == "invalid":
            return 422, _problem(422, "validation-failed", "Invalid", "quantity must be positive")
        op_id = str(body.get("op_id"))
        self.applied.append(op_id)
        self.apply_counts[op_id] += 1
        return 201, {"op_id": op_id, "ledger_seq": len(self.applied)}

    def take_hold(self, body: dict[str, Any]) -> Hold | None:
        with self.lock:
            return self._holds.pop(str(body.get("op_id")), None)


def _problem(status: int, slug: str, title: str, detail: str | None = None) -> dict[str, Any]:
    return {"type": PROBLEM_BASE + slug, "title": title, "status": status, "detail": detail}


def _problem_response(status: int, body: dict[str, Any], **headers: str) -> Response:
    return JSONResponse(
        body, status_code=status, media_type="application/problem+json", headers=headers
    )


def fingerprint_of(method: str, path: str, body: Any) -> str:
    canonical = json.dumps([method, path, body], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def create_app(ledger: Ledger) -> FastAPI:
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/_ledger/stats")
    async def stats() -> dict[str, Any]:
        return ledger.snapshot()

    @app.post("/{path:path}")
    async def apply(path: str, request: Request) -> Response:
        injected = ledger.take_injected()
        if injected is not None:
            extra = {"Retry-After": injected.retry_after} if injected.retry_after else {}
            body = _problem(injected.status, "injected", "Injected failure")
            return _problem_response(injected.status, body, **extra)
        key = request.headers.get("Idempotency-Key")
        if not key:
            return _problem_response(400, _problem(400, "idempotency-key-missing", "No key"))
        try:
            payload = json.loads(await request.body())
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            return _problem_response(400, _problem(400, "bad-json", "Body is not an object"))
        answer, how = ledger.answer(key, fingerprint_of("POST", "/" + path, payload), payload)
        if how == "applied" and (hold := ledger.take_hold(payload)) is not None:
            hold.committed.set()
            await asyncio.to_thread(hold.release.wait, 120)
        headers = {"Idempotent-Replayed": "true"} if how == "replayed" else {}
        if answer.status >= 400:
            return _problem_response(answer.status, answer.body, **headers)
        return JSONResponse(answer.body, status_code=answer.status, headers=headers)

    return app


def _tcp_socket(port: int = 0) -> socket.socket:
    """A bound listening socket for uvicorn.

    ``IPPROTO_TCP`` must be explicit: asyncio only sets TCP_NODELAY on connections accepted
    from sockets that say so, and without it every answer waits ~40 ms for a delayed ACK.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    return sock


class ServerThread:
    """Runs an ASGI app with uvicorn on a free 127.0.0.1 port in a daemon thread."""

    def __init__(self, app: FastAPI) -> None:
        self._sock = _tcp_socket()
        self.port: int = self._sock.getsockname()[1]
        config = uvicorn.Config(app, lifespan="off", log_config=None, access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("ledger server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)
        self._sock.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    sock = _tcp_socket(args.port)
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(
        create_app(Ledger()), lifespan="off", log_level="warning", access_log=False
    )
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
