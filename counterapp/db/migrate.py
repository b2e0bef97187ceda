"""Apply Alembic migrations at start-up (and from tests) without an alembic.ini.

Each area of the schema is its own Alembic branch (labels: catalog, calendar,
dossiers, outbox, digitize, ...) so areas evolve independently; `upgrade_to_head`
applies every branch's head.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def upgrade_to_head(engine: Engine) -> None:
    command.upgrade(alembic_config(engine), "heads")


def pending_revisions(engine: Engine) -> set[str]:
    """Revisions the database has not applied yet (empty when it is up to date)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_heads()
    applied = {rev.revision for rev in script.iterate_revisions(current, "base")} if current else set()
    return {rev.revision for rev in script.walk_revisions()} - applied
