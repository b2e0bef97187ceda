"""The one place a database engine is built.

SQLite in WAL mode with foreign keys and a busy timeout. The DB-API module is a
parameter so an encrypted driver (sqlcipher3, key from the keyring) can slot in
without touching a query.

Lock contention (issue 13: `dossier show` failed 4 times in 10 and `digitize --attach`
10 in 10 with "database is locked" while `sync` committed): SQLite calls the busy
handler only for a transaction that has not read yet. A DEFERRED transaction that read
and then writes gets SQLITE_BUSY at once while another process holds the write lock,
whatever the busy timeout. So work that writes opens its transaction with BEGIN
IMMEDIATE (`ctx.writer_sessions`, the one writer path of a process): it takes the write
lock before reading and waits for it, up to the busy timeout, then a few more times
after a random pause (jitter: two waiting processes do not retry in step). When it still
cannot get the lock, DatabaseBusy (counterapp/db/errors.py) says so and the command exits 75.

A data folder the process cannot write to is opened read-only (`mode=ro`; `immutable`
on a read-only file system, where no one can write): reading works, and the first write
is refused as "the data folder is read-only".
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from counterapp.db.errors import DatabaseBusy, is_busy

BUSY_TIMEOUT_MS = 10_000
WRITE_ATTEMPTS = 3
"""BEGIN IMMEDIATE tries: each waits up to the busy timeout, with a random pause between."""
JITTER_SECONDS = (0.05, 0.5)


def make_engine(
    path: Path | str,
    *,
    dbapi_module: ModuleType | None = None,
    on_connect: Callable[[Any], None] | None = None,
    echo: bool = False,
    read_only: bool = False,
    busy_timeout_ms: int | None = None,
) -> Engine:
    """An engine on the SQLite file at `path` (":memory:" is allowed for throwaway use).
    `read_only`: open the file read-only (a data folder this process cannot write)."""
    busy_ms = BUSY_TIMEOUT_MS if busy_timeout_ms is None else int(busy_timeout_ms)
    url: str | URL
    if str(path) == ":memory:":
        url = "sqlite://"
    elif read_only:
        url = URL.create("sqlite", database=_read_only_uri(Path(path)), query={"uri": "true"})
    else:
        url = f"sqlite:///{Path(path)}"
    kwargs: dict[str, Any] = {"echo": echo, "connect_args": {"timeout": busy_ms / 1000}}
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
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")  # first: switching to WAL may wait
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        # Deferred by default so readers never queue behind a writer (WAL). A writer
        # that reads then writes (dossier numbers) asks for IMMEDIATE, taking the write
        # lock up front so two processes never deadlock upgrading a read lock.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode == "DEFERRED":
            conn.exec_driver_sql("BEGIN DEFERRED")
            return
        begin_immediate(conn)

    return engine


def begin_immediate(conn: Any, attempts: int = WRITE_ATTEMPTS) -> None:
    """BEGIN IMMEDIATE, waiting for the write lock: the busy timeout per attempt, and a
    random pause between attempts; DatabaseBusy when every attempt timed out."""
    for attempt in range(1, attempts + 1):
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            if attempt == attempts:
                raise DatabaseBusy() from exc
            low, high = JITTER_SECONDS
            time.sleep(random.uniform(low, high) * attempt)


def _read_only_uri(path: Path) -> str:
    """`file:` URI opening `path` read-only; `immutable=1` (no locks, no -shm file) when the
    file system itself is read-only and no write-ahead log is waiting to be read."""
    from urllib.parse import quote

    params = "mode=ro"
    wal = path.with_name(path.name + "-wal")
    try:
        read_only_fs = bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        read_only_fs = False
    if read_only_fs and not (wal.exists() and wal.stat().st_size > 0):
        params += "&immutable=1"
    return f"file:{quote(str(path.resolve()))}?{params}"


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
