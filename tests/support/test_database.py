"""Which database engine the reference API runs on in a test, and engine-neutral SQL.

The suite runs once on SQLite files; ``KIOSK_TEST_ENGINE=postgres`` runs the reference-API
tests again with every server on its own fresh database in one PostgreSQL cluster started for
the session (``postgres_cluster``; or the server behind ``KIOSK_TEST_PG_URL``). Tests that
read or poke the database directly go through ``sql``/``rows`` (SQLAlchemy on the server's
own URL), so the same assertion holds on both engines. A test about one engine's files (a
SQLite copy, its WAL) says so with ``sqlite_only``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url

from tests.central_api.postgres_cluster import postgres_url, unavailable_reason

ENGINE = os.environ.get("KIOSK_TEST_ENGINE", "sqlite")
if ENGINE not in ("sqlite", "postgres"):
    raise RuntimeError(f"KIOSK_TEST_ENGINE must be sqlite or postgres, not {ENGINE!r}")

_cluster_lock = threading.Lock()
_cluster_url: str | None = None
_exit = ExitStack()
atexit.register(_exit.close)
_engines: dict[str, Engine] = {}
_by_folder: dict[str, str] = {}
_given_url = os.environ.get("KIOSK_TEST_PG_URL")  # read now: each test starts without KIOSK_*
_base_temp: list[Path] = []  # pytest's base temporary folder, set by a session fixture
if ENGINE == "postgres":
    # A server started before any test's own data folder (a session fixture) keeps its key
    # file here, not in the user's real data folder.
    _session_data = Path(tempfile.mkdtemp(prefix="kiosk-test-data-"))
    os.environ["XDG_DATA_HOME"] = str(_session_data)
    _base_temp.append(_session_data)
    _exit.callback(shutil.rmtree, _session_data, True)


def on_postgres() -> bool:
    return ENGINE == "postgres"


def _admin_url() -> str:
    """The session's PostgreSQL database URL (a cluster started on first use)."""
    global _cluster_url
    with _cluster_lock:
        if _cluster_url is None and _given_url:
            _cluster_url = _given_url
        if _cluster_url is None:
            reason = unavailable_reason()
            if reason is not None:
                raise RuntimeError(f"KIOSK_TEST_ENGINE=postgres but {reason}")
            _cluster_url = _exit.enter_context(postgres_url())
        return _cluster_url


def server_db_url(folder: Path) -> str:
    """The database of the reference server whose files are in ``folder``: a SQLite file
    there, or a fresh database in the session's PostgreSQL cluster (the same one again for
    the same folder, so that a test can restart a server on its data)."""
    if not on_postgres():
        return f"sqlite:///{folder / 'central.db'}"
    if str(folder) in _by_folder:  # the same server restarted on its database
        return _by_folder[str(folder)]
    admin = make_url(_admin_url())
    name = f"t_{uuid.uuid4().hex[:16]}"
    with engine_for(admin.render_as_string(hide_password=False)).connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(
            text(f'CREATE DATABASE "{name}"')
        )
    url = _by_folder[str(folder)] = admin.set(database=name).render_as_string(hide_password=False)
    return url


def engine_for(url: str) -> Engine:
    if url not in _engines:
        options: dict[str, Any] = {}
        if url.startswith("sqlite"):
            options["connect_args"] = {"timeout": 30}
        _engines[url] = create_engine(url, **options)
        _exit.callback(_engines[url].dispose)
    return _engines[url]


@contextmanager
def sql(db_url: str) -> Iterator[Connection]:
    """A connection to a test server's database (committed on a clean exit)."""
    with engine_for(db_url).begin() as conn:
        yield conn


def rows(db_url: str, query: str, params: Mapping[str, Any] | None = None) -> list[Any]:
    """The rows of one query (``:name`` parameters) on either engine."""
    with sql(db_url) as conn:
        return list(conn.execute(text(query), dict(params or {})))


def remember_base_temp(folder: Path) -> None:
    _base_temp.append(folder)


def key_file_of(db_url: str) -> Path:
    """The key file a test server keeps. Beside a SQLite file; for PostgreSQL, in the data
    folder of the test that started the server (``default_key_file`` names it by the URL),
    found under pytest's base temporary folder."""
    from central_api.platform.keys import default_key_file

    default = default_key_file(db_url)
    if default.exists() or not on_postgres() or not _base_temp:
        return default
    found = [
        path
        for base in _base_temp
        for path in base.glob(f"**/omnistore-central-api/{default.name}")
    ]
    assert len(found) == 1, (default.name, found)
    return found[0]


def libpq_url(db_url: str) -> str:
    """A SQLAlchemy PostgreSQL URL as PostgreSQL's own tools take it."""
    return make_url(db_url).set(drivername="postgresql").render_as_string(hide_password=False)


def pg_tool(name: str) -> str:
    """A PostgreSQL client program (``pg_dump``...), from PATH or Debian's versioned folder."""
    from tests.central_api.postgres_cluster import _find

    found = _find(name)
    assert found, f"{name} is not installed"
    return found


def sqlite_file(db_url: str) -> Path:
    """The SQLite file behind a server: only for tests marked ``sqlite_only``."""
    assert db_url.startswith("sqlite:///"), db_url
    return Path(db_url.removeprefix("sqlite:///"))


sqlite_only = pytest.mark.skipif(
    on_postgres(), reason="about SQLite's own files; the PostgreSQL run covers its engine apart"
)


def days_ago(days: int) -> str:
    """A SQL timestamp literal ``days`` before now (UTC, naive as the server stores it), which
    both engines compare with a stored timestamp."""
    from datetime import UTC, datetime, timedelta

    moment = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=days)
    return f"'{moment.isoformat(sep=' ')}'"


def _named(statement: str, args: tuple[Any, ...]) -> tuple[str, dict[str, Any]]:
    """``?`` placeholders (as sqlite3 takes them) as ``:p0, :p1...`` for SQLAlchemy."""
    parts = statement.split("?")
    if len(parts) - 1 != len(args):
        raise ValueError(f"{len(parts) - 1} placeholders for {len(args)} arguments")
    named = parts[0] + "".join(f":p{i}{part}" for i, part in enumerate(parts[1:]))
    return named, {f"p{i}": a for i, a in enumerate(args)}


def query(db_url: str, statement: str, *args: Any) -> list[tuple[Any, ...]]:
    """``rows`` with ``?`` placeholders, in the order of ``args`` (as sqlite3 takes them)."""
    named, params = _named(statement, args)
    return [tuple(row) for row in rows(db_url, named, params)]


def execute(db_url: str, statement: str, *args: Any) -> None:
    """One write (``?`` placeholders), committed."""
    named, params = _named(statement, args)
    with sql(db_url) as conn:
        conn.execute(text(named), params)
