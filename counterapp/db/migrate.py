"""Apply Alembic migrations at start-up (and from tests) without an alembic.ini.

Each area of the schema is its own Alembic branch (labels: catalog, calendar,
dossiers, outbox, digitize, ...) so areas evolve independently; `upgrade_to_head`
applies every branch's head.

Start-up is kept cheap: after a successful upgrade the database remembers a
fingerprint of the migration scripts (in SQLite's `PRAGMA user_version`); when the
scripts are unchanged, Alembic is not even imported.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


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


def upgrade_to_head(engine: Engine) -> None:
    fingerprint = scripts_fingerprint()
    if _stored_fingerprint(engine) == fingerprint:
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
