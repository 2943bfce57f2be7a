"""The reference API on each database engine, for tests that must hold on both.

``ENGINES`` parametrises a fixture: SQLite always, PostgreSQL when the machine can start a
throwaway cluster (``postgres_cluster``; skipped otherwise, saying why).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk_app.kernel.demo_server import DemoServer, start_demo_server
from tests.central_api.postgres_cluster import postgres_url, unavailable_reason
from tests.conftest import enroll

ENGINES = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(unavailable_reason() is not None, reason=str(unavailable_reason())),
        ],
    ),
]
PROBLEM = "https://api.omnistore.example/problems/"


@contextmanager
def engine_server(engine: str, folder: Path, **options: Any) -> Iterator[DemoServer]:
    """A demo server (seed 42) on a new database of ``engine``."""
    if engine == "sqlite":
        with start_demo_server(db_url=f"sqlite:///{folder / 'central.db'}", **options) as server:
            yield server
        return
    with postgres_url() as url, start_demo_server(db_url=url, timeout_s=180, **options) as server:
        yield server


def device_client(
    server: DemoServer, store: str = "PAR01", mode: str = "associate"
) -> httpx.Client:
    return httpx.Client(
        base_url=server.url,
        timeout=60,
        headers={"Authorization": f"Bearer {enroll(server.url, store, mode)}"},
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=100),
    )


def key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def slug(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/problem+json"), response
    return str(response.json()["type"]).removeprefix(PROBLEM)
