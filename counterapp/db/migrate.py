"""Apply Alembic migrations at start-up (and from tests) without an alembic.ini.

Each area of the schema is its own Alembic branch (labels: catalog, calendar,
dossiers, outbox, digitize, ...) so areas evolve independently; `upgrade_to_head`
applies every branch's head.

Start-up is kept cheap: after a successful upgrade the database remembers a
fingerprint of the migration scripts (in SQLite's `PRAGMA user_version`); when the
scripts are unchanged, Alembic is not even imported.

Several processes starting at once on a new data folder (the window, `sync` from a
scheduled task, a script) used to race in the migrations: 12 of 18 crashed with "database
is locked" or "table already exists" (issue 13). The upgrade now runs under a file lock
beside the database (`counter.db.migrate.lock`, the `filelock` library: fcntl on Linux,
msvcrt on Windows, released by the OS if a process dies); a process that finds the lock
taken waits, then sees the fingerprint up to date and goes on. The unlocked fast path
(fingerprint already current) does not touch the lock, so a read-only folder still opens.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
LOCK_TIMEOUT_SECONDS = 300
"""How long a start waits for another process's migrations (a big upgrade takes seconds)."""


def alembic_config(engine: Engine | None = None) -> Config:
    import sys

    from alembic.config import Config

    cfg = Config(stdout=sys.stdout)  # Alembic's default is the stdout of its import time
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


@cache
def scripts_fingerprint() -> int:
    """A positive 31-bit digest of every migration script's name and content."""
    digest = hashlib.sha256()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return int.from_bytes(digest.digest()[:4], "big") & 0x7FFFFFFF or 1


def _stored_fingerprint(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def database_file(engine: Engine) -> Path | None:
    """The SQLite file under `engine` (None for an in-memory database)."""
    name = engine.url.database
    if not name or name == ":memory:":
        return None
    if name.startswith("file:"):  # a read-only URI (engine.make_engine)
        from urllib.parse import unquote

        name = unquote(name[5:].split("?", 1)[0])
    return Path(name)


@contextmanager
def file_lock(database: Path | None, purpose: str = "migrate") -> Iterator[None]:
    """Hold `<database>.<purpose>.lock` (exclusive, across processes); waits up to
    LOCK_TIMEOUT_SECONDS. No lock for an in-memory database."""
    if database is None:
        yield
        return
    from filelock import FileLock, Timeout

    from counterapp.db.errors import DatabaseBusy

    lock = FileLock(str(database.with_name(f"{database.name}.{purpose}.lock")), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise DatabaseBusy(
            "Một chương trình khác đang nâng cấp cơ sở dữ liệu quá lâu; thử lại sau / another program has been "
            "upgrading the database for too long; try again later") from None
    try:
        yield
    finally:
        lock.release()


def upgrade_to_head(engine: Engine, *, read_only: bool = False) -> None:
    """Apply every pending migration (under the file lock); `read_only`: refuse
    (ReadOnlyFolder) instead when something is pending."""
    fingerprint = scripts_fingerprint()
    if _stored_fingerprint(engine) == fingerprint:
        return
    database = database_file(engine)
    if read_only:
        from counterapp.db.errors import ReadOnlyFolder

        raise ReadOnlyFolder(database.parent if database else None)
    with file_lock(database):
        if _stored_fingerprint(engine) == fingerprint:  # another process upgraded while we waited
            return
        from alembic import command

        command.upgrade(alembic_config(engine), "heads")
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA user_version = {fingerprint}")


def pending_revisions(engine: Engine) -> set[str]:
    """Revisions the database has not applied yet (empty when it is up to date)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_heads()
    applied = {rev.revision for rev in script.iterate_revisions(current, "base")} if current else set()
    return {rev.revision for rev in script.walk_revisions()} - applied
