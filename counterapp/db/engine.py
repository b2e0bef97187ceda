"""The one place a database engine is built.

SQLite in WAL mode with foreign keys and a busy timeout. The DB-API module is a
parameter so an encrypted driver (sqlcipher3, key from the keyring) can slot in
without touching a query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000


def make_engine(
    path: Path | str,
    *,
    dbapi_module: ModuleType | None = None,
    on_connect: Callable[[Any], None] | None = None,
    echo: bool = False,
) -> Engine:
    """An engine on the SQLite file at `path` (":memory:" is allowed for throwaway use)."""
    url = "sqlite://" if str(path) == ":memory:" else f"sqlite:///{Path(path)}"
    kwargs: dict[str, Any] = {"echo": echo, "connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}}
    if dbapi_module is not None:
        kwargs["module"] = dbapi_module
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:  # noqa: ANN001
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (see SQLAlchemy's
        # "Serializable isolation / Savepoints / Transactional DDL" notes for pysqlite).
        dbapi_connection.isolation_level = None
        if on_connect is not None:
            on_connect(dbapi_connection)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        # Deferred by default so readers never queue behind a writer (WAL). A writer
        # that reads then writes (dossier numbers) asks for IMMEDIATE, taking the write
        # lock up front so two processes never deadlock upgrading a read lock.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def make_session_factory(engine: Engine, *, immediate: bool = False) -> sessionmaker[Session]:
    """Sessions on `engine`; with immediate=True each transaction starts BEGIN IMMEDIATE."""
    if immediate:
        engine = engine.execution_options(sqlite_begin="IMMEDIATE")
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
