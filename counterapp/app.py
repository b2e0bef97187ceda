"""Opening the counter's local state: data folder, site settings, database.

Both faces (the CLI and the window) start here, so a thing the GUI can do the
core can do headless with the same objects.
"""

from __future__ import annotations

import logging
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
    resolved = resolve_data_dir(data_dir)
    config = load_site_config(resolved)
    engine, key = _engine(resolved, config)
    upgrade_to_head(engine)
    if key is not None:  # the files are encrypted with the database's key (counterapp/at_rest.py)
        from counterapp.at_rest import protect_data_folder

        protect_data_folder(resolved, key)
    ctx = AppContext(
        data_dir=resolved,
        config=config,
        engine=engine,
        sessions=make_session_factory(engine),
        writer_sessions=make_session_factory(engine, immediate=True),
    )
    if seed_demo and config.section("catalog").get("seed_demo", True):
        seed_demo_catalog(ctx)
    return ctx


def _engine(data_dir: Path, config: SiteConfig) -> tuple[Engine, str | None]:
    """Plain SQLite, or SQLCipher when the file is encrypted or the site asks for it
    (`[privacy] encrypt_database`, counterapp/db/encryption.py); with the key when encrypted."""
    from counterapp.db import encryption

    path = data_dir / DATABASE_FILE_NAME
    encrypted = encryption.is_encrypted_file(path)
    if not encrypted and not encryption.encryption_wanted(config):
        return make_engine(path), None
    module = encryption.sqlcipher_module()
    key = encryption.database_key(data_dir, create=not encrypted)
    if not encrypted and path.exists() and path.stat().st_size > 0:
        log.info("encrypting %s", path)
        encryption.encrypt_plain_database(path, key)
    pragma = encryption.key_pragma(key)
    return make_engine(path, dbapi_module=module, on_connect=lambda connection: connection.execute(pragma)), key


def open_database_engine(data_dir: Path, config: SiteConfig) -> Engine:
    """The data folder's engine without migrating or seeding (for `doctor`: look, do not touch)."""
    return _engine(data_dir, config)[0]


def seed_demo_catalog(ctx: AppContext) -> bool:
    """Load the shipped demo catalog into an empty database. Returns True if it loaded."""
    from counterapp.catalog.importer import import_catalog_file
    from counterapp.catalog.models import Procedure

    with ctx.sessions() as session:
        if session.scalar(select(func.count()).select_from(Procedure)):
            return False
    path = resource(*DEMO_CATALOG)
    if not path.exists():
        log.warning("demo catalog missing at %s", path)
        return False
    report = import_catalog_file(ctx.sessions, path)
    log.info("demo catalog loaded: %s added", report.added)
    return True
