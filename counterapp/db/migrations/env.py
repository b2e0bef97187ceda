"""Alembic environment: runs on the engine handed in by counterapp.db.migrate."""

from __future__ import annotations

from alembic import context

import counterapp.db.all_models  # noqa: F401  (fills Base.metadata)
from counterapp.db.base import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001
    # FTS5 virtual tables and their shadow tables are created by raw SQL, not models.
    return not (type_ == "table" and name and name.endswith(("_search", "_search_data", "_search_idx",
                                                              "_search_content", "_search_docsize",
                                                              "_search_config")))


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        raise RuntimeError("counterapp migrations run through counterapp.db.migrate.upgrade_to_head(engine)")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
