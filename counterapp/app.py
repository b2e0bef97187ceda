"""Opening the counter's local state: data folder, site settings, database.

Both faces (the CLI and the window) start here, so a thing the GUI can do the
core can do headless with the same objects.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from counterapp.config import SiteConfig, load_site_config
from counterapp.db import make_engine, make_session_factory, upgrade_to_head
from counterapp.paths import DATABASE_FILE_NAME, resolve_data_dir, resource

log = logging.getLogger(__name__)

DEMO_CATALOG = ("catalog", "demo_catalog.json")


@dataclass
class AppContext:
    data_dir: Path
    config: SiteConfig
    engine: Engine
    sessions: sessionmaker[Session]
    """Deferred transactions: reads and ordinary writes."""
    writer_sessions: sessionmaker[Session]
    """BEGIN IMMEDIATE transactions: read-then-write work such as number allocation."""
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_FILE_NAME

    @property
    def files_dir(self) -> Path:
        path = self.data_dir / "files"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def close(self) -> None:
        self.engine.dispose()


def open_app(data_dir: str | Path | None = None, *, seed_demo: bool = True) -> AppContext:
    """Open (creating and migrating if needed) the counter's data folder."""
    from counterapp.db.errors import classify, folder_writable

    try:
        resolved = resolve_data_dir(data_dir)
    except OSError as exc:  # the folder cannot be made: read-only parent, full disk
        raise classify(exc, data_dir) or exc from None
    config = load_site_config(resolved)
    read_only = not folder_writable(resolved)  # opened read-only: reading works, writing says why not
    engine, key = _engine(resolved, config, read_only=read_only)
    busy = config.section("database").get("busy_timeout_seconds")
    if busy is not None:
        _set_busy_timeout(engine, busy)
    try:
        upgrade_to_head(engine, read_only=read_only)
    except Exception as exc:
        engine.dispose()
        raise classify(exc, resolved) or exc from None
    if key is not None and not read_only:  # the files are encrypted with the database's key (counterapp/at_rest.py)
        from counterapp.at_rest import protect_data_folder

        protect_data_folder(resolved, key)
    ctx = AppContext(
        data_dir=resolved,
        config=config,
        engine=engine,
        sessions=make_session_factory(engine),
        writer_sessions=make_session_factory(engine, immediate=True),
    )
    ctx.extras["read_only"] = read_only
    if seed_demo and not read_only and config.section("catalog").get("seed_demo", True):
        seed_demo_catalog(ctx)
    return ctx


def _set_busy_timeout(engine: Engine, seconds: object) -> None:
    """`[database] busy_timeout_seconds` (default 10): how long a writer waits for another
    process's write lock, per attempt (counterapp/db/engine.py)."""
    from sqlalchemy import event

    from counterapp.config import ConfigError

    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds <= 600:
        raise ConfigError("[database] busy_timeout_seconds: cần số giây từ 0 đến 600 / expected 0..600 seconds")

    @event.listens_for(engine, "connect")
    def _busy(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(seconds * 1000)}")


def _engine(data_dir: Path, config: SiteConfig, *, read_only: bool = False) -> tuple[Engine, str | None]:
    """Plain SQLite, or SQLCipher when the file is encrypted or the site asks for it
    (`[privacy] encrypt_database`, counterapp/db/encryption.py); with the key when encrypted."""
    from counterapp.db import encryption

    path = data_dir / DATABASE_FILE_NAME
    encrypted = encryption.is_encrypted_file(path)
    if not encrypted and not encryption.encryption_wanted(config):
        return make_engine(path, read_only=read_only), None
    module = encryption.sqlcipher_module()
    key = encryption.database_key(data_dir, create=not encrypted)
    if not encrypted and path.exists() and path.stat().st_size > 0:
        log.info("encrypting %s", path)
        encryption.encrypt_plain_database(path, key)
    pragma = encryption.key_pragma(key)
    return make_engine(path, dbapi_module=module, on_connect=lambda connection: connection.execute(pragma),
                       read_only=read_only), key


def open_database_engine(data_dir: Path, config: SiteConfig) -> Engine:
    """The data folder's engine without migrating or seeding (for `doctor`: look, do not touch)."""
    return _engine(data_dir, config, read_only=not os.access(data_dir, os.W_OK))[0]


def seed_demo_catalog(ctx: AppContext) -> bool:
    """Load the shipped demo catalog into an empty database. Returns True if it loaded."""
    from counterapp.catalog.importer import import_catalog_file
    from counterapp.catalog.models import Procedure
    from counterapp.db.migrate import file_lock

    def loaded() -> bool:
        with ctx.sessions() as session:
            return bool(session.scalar(select(func.count()).select_from(Procedure)))

    if loaded():
        return False
    path = resource(*DEMO_CATALOG)
    if not path.exists():
        log.warning("demo catalog missing at %s", path)
        return False
    with file_lock(ctx.database_path):  # two first starts at once load it once
        if loaded():
            return False
        report = import_catalog_file(ctx.sessions, path)
    log.info("demo catalog loaded: %s added", report.added)
    return True
