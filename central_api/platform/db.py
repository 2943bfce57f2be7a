"""Database engine and session factory: SQLite by default, PostgreSQL by URL, same code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker


class Base(DeclarativeBase):
    pass


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets WAL, a busy timeout and serialised writers.

    Write sessions (``Database.write_session``) begin with ``BEGIN IMMEDIATE`` on SQLite so
    that a read-then-write transaction (stock reservation, idempotency record) takes the
    write lock up front: two devices racing for the last unit are serialised instead of both
    reading "1 left". Read sessions begin deferred and run concurrently (WAL).
    """
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=16,
            max_overflow=16,
            hide_parameters=True,  # an error logged never shows a customer's data
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # let SQLAlchemy's begin event drive transactions
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine
    return create_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=20, hide_parameters=True
    )


class Database:
    """Holds the engine and hands out transactional sessions."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        self._write_factory = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._factory() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A Core connection for read-only handlers that select plain columns.

        Half the cost of a ``session()`` per query (no ORM execution context, identity map
        or unit of work): the customer screen's five parallel reads run a dozen queries,
        and on this server the ORM layer around them was most of their CPU.
        """
        with self.engine.connect() as connection:
            yield connection

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session for transactions that read then write (serialised on SQLite)."""
        with self._write_factory() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def add_missing_columns(engine: Engine) -> list[str]:
    """Add the nullable columns a model gained after its table was created; their names.

    There are no migrations yet: ``create_all`` creates missing tables but never touches an
    existing one, so a database from an earlier version would lack a new column and every
    query of its table would fail. A new nullable column is added here (old rows read NULL);
    anything else is refused with what to do.
    """
    inspector = inspect(engine)
    quote = engine.dialect.identifier_preparer.quote
    added: list[str] = []
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            if not inspector.has_table(table.name):
                continue
            present = {column["name"] for column in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name in present:
                    continue
                if not column.nullable or column.foreign_keys:
                    raise RuntimeError(
                        f"The database's table {table.name} has no column {column.name} and it "
                        "cannot be added in place: start from a new database."
                    )
                kind = column.type.compile(dialect=engine.dialect)
                connection.exec_driver_sql(
                    f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {kind}"
                )
                added.append(f"{table.name}.{column.name}")
    return added


Reader = Session | Connection
"""What read helpers take: a read ``Connection`` or a ``Session`` already open."""


def database_key(reader: Reader) -> str:
    """The database a reader reads, as a key for per-process caches."""
    bind = reader.get_bind() if isinstance(reader, Session) else reader
    return str(bind.engine.url)
