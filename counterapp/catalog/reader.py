"""The catalog in the first second of start-up, before SQLAlchemy is loaded.

Importing SQLAlchemy and the models, then opening the database, takes about half a second.
The catalog search does not need any of it: it runs on the DB-API cursor
(counterapp/catalog/search.py). So the window first opens a read-only sqlite3 connection
and lists the catalog from it; the full AppContext takes over when it is ready.

Only a database whose schema is current (its migration fingerprint matches) is read this
way. A new data folder, or one with migrations pending, waits for `open_app`, which creates
or upgrades it. This module imports no SQLAlchemy.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from counterapp.catalog.search import SearchHit, search_procedures
from counterapp.db.migrate import scripts_fingerprint
from counterapp.paths import DATABASE_FILE_NAME

log = logging.getLogger(__name__)


@dataclass
class CatalogPreview:
    connection: sqlite3.Connection
    """Read-only; opened to be handed to one other thread (check_same_thread=False)."""
    first_page: list[SearchHit]

    def close(self) -> None:
        self.connection.close()


def open_catalog_reader(data_dir: Path) -> sqlite3.Connection | None:
    """A read-only connection to the catalog of `data_dir`, or None when it cannot be read
    before `open_app` (no database yet, migrations pending, an encrypted or damaged file)."""
    path = Path(data_dir) / DATABASE_FILE_NAME
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        log.debug("catalog reader: cannot open %s", path, exc_info=True)
        return None
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version != scripts_fingerprint():
            connection.close()
            return None
        connection.execute("PRAGMA query_only = ON")
        return connection
    except sqlite3.Error:
        log.debug("catalog reader: cannot read %s", path, exc_info=True)
        connection.close()
        return None


def preview_catalog(data_dir: Path, limit: int) -> CatalogPreview | None:
    """The reader and the catalog's first page (what the window lists before anything is typed)."""
    connection = open_catalog_reader(data_dir)
    if connection is None:
        return None
    try:
        return CatalogPreview(connection, search_procedures(connection, "", limit=limit))
    except sqlite3.Error:
        log.debug("catalog reader: cannot search", exc_info=True)
        connection.close()
        return None
