"""Run read-only (GET) handlers on the event loop instead of the thread pool, on SQLite.

FastAPI runs a plain ``def`` handler in a worker thread. For a read on SQLite that is all
cost and no gain: the work is CPU under the GIL (SQLite in WAL mode never makes a reader
wait for a writer), and five threads passing the GIL back and forth at every ``sqlite3``
call (which releases it) is a convoy: the customer screen's five parallel reads cost
~1.6x the CPU of the same reads run one after the other (see ``python -m bench customer``
and the #4 notes). Run inline, they simply queue on the loop.

Writes keep the thread pool (``BEGIN IMMEDIATE`` may wait for the write lock), and so does
every handler on PostgreSQL (a query there waits on the network).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from fastapi.concurrency import run_in_threadpool

from central_api.platform.authenticate_first import AuthenticateFirstRoute
from central_api.platform.db import Database


def _database_in(values: dict[str, Any]) -> Database | None:
    for value in values.values():
        if isinstance(value, Database):
            return value
    return None


def inline_on_sqlite(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a sync read handler: inline when its database is SQLite (or it has none)."""

    @functools.wraps(handler)
    async def read(*args: Any, **kwargs: Any) -> Any:
        db = _database_in(kwargs)
        if db is None or db.is_sqlite:
            return handler(*args, **kwargs)
        return await run_in_threadpool(handler, *args, **kwargs)

    return read


class InlineReadRoute(AuthenticateFirstRoute):
    """Route class for routers: plain ``def`` GET handlers go through ``inline_on_sqlite``;
    the caller is authenticated first (``central_api.platform.authenticate_first``)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        methods = {m.upper() for m in (kwargs.get("methods") or ())}
        if methods == {"GET"} and not inspect.iscoroutinefunction(endpoint):
            endpoint = inline_on_sqlite(endpoint)
        super().__init__(path, endpoint, **kwargs)
