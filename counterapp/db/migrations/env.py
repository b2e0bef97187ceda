"""Alembic environment: runs on the engine handed in by counterapp.db.migrate."""

from __future__ import annotations

from alembic import context

import counterapp.db.all_models  # noqa: F401  (fills Base.metadata)
from counterapp.db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        raise RuntimeError("counterapp migrations run through counterapp.db.migrate.upgrade_to_head(engine)")
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
