"""Refuse what no endpoint can take, before parsing it or touching the database.

* a body over ``MAX_BODY_BYTES`` (413; a 7.8 MB invalid body froze the server 15 s and
  produced a 52 MB error answer), refused from its ``Content-Length`` or as it streams;
* a path over ``MAX_PATH_LENGTH``, or a write's over ``MAX_WRITE_PATH_LENGTH`` (414; on
  PostgreSQL a write's path too long for its replay record was a 500);
* a NUL character in the path, the query or a string of a JSON body (400; PostgreSQL
  refuses NUL in text: a 500 and a dropped connection).

A pure ASGI middleware: the body is read once, here, and handed on as it came.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central_api.platform.problems import PROBLEM_MEDIA_TYPE, Problem

MAX_BODY_BYTES = 1_000_000
MAX_PATH_LENGTH = 2048
#: what the replay record of a write keeps (``IdempotencyRecord.path``)
MAX_WRITE_PATH_LENGTH = 300
WRITES = ("POST", "PUT", "PATCH", "DELETE")
_ESCAPED_NUL = re.compile(rb"\\u0000", re.IGNORECASE)


def _too_large() -> Problem:
    return Problem(
        413,
        "body-too-large",
        "Request body too large",
        f"A request body may hold at most {MAX_BODY_BYTES} bytes.",
        max_bytes=MAX_BODY_BYTES,
    )


def _nul(where: str) -> Problem:
    return Problem(
        400, "invalid-character", "Invalid character", f"The {where} contains a NUL character."
    )


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


def body_holds_nul(body: bytes) -> bool:
    """Whether a JSON body has a NUL in a string (a body that is not JSON: FastAPI says so)."""
    if b"\x00" in body:
        return True
    if not _ESCAPED_NUL.search(body):
        return False
    try:
        return _holds_nul(json.loads(body))
    except ValueError:
        return False


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class RequestGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        longest = MAX_WRITE_PATH_LENGTH if scope["method"] in WRITES else MAX_PATH_LENGTH
        if len(path) > longest:
            problem: Problem | None = Problem(
                414,
                "uri-too-long",
                "Path too long",
                f"A path may hold at most {longest} characters.",
            )
        elif "\x00" in path:
            problem = _nul("path")
        elif b"\x00" in unquote_to_bytes(scope["query_string"]):
            problem = _nul("query")
        elif (_declared_length(scope) or 0) > MAX_BODY_BYTES:
            problem = _too_large()
        else:
            problem = None
        if problem is None and scope["method"] in WRITES:
            body, problem = await self._read_body(receive)
            if body is None:  # the client went away
                return
            if problem is None:
                await self.app(scope, _replay(body, receive), send)
                return
        if problem is not None:
            await _answer(problem, path[:MAX_WRITE_PATH_LENGTH].replace("\x00", ""), send)
            return
        await self.app(scope, receive, send)

    async def _read_body(self, receive: Receive) -> tuple[bytes | None, Problem | None]:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return None, None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                return b"", _too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        return body, (_nul("body") if body_holds_nul(body) else None)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # later: wait for the disconnect, as the server would

    return replayed


async def _answer(problem: Problem, instance: str, send: Send) -> None:
    payload = json.dumps(problem.body(instance)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": problem.status,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
