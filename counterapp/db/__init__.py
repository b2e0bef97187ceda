"""The local database: one engine factory, one declarative base, Alembic migrations.

The names below load their module (and SQLAlchemy) when first used, so that light modules
under counterapp.db (migrate.scripts_fingerprint, for the catalog reader of the first
second of start-up) can be imported without SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counterapp.db.base import Base, UTCDateTime, new_uuid, utcnow
    from counterapp.db.engine import make_engine, make_session_factory, session_scope
    from counterapp.db.migrate import upgrade_to_head

_HOMES = {
    "Base": "counterapp.db.base",
    "UTCDateTime": "counterapp.db.base",
    "new_uuid": "counterapp.db.base",
    "utcnow": "counterapp.db.base",
    "make_engine": "counterapp.db.engine",
    "make_session_factory": "counterapp.db.engine",
    "session_scope": "counterapp.db.engine",
    "upgrade_to_head": "counterapp.db.migrate",
}

__all__ = [
    "Base",
    "UTCDateTime",
    "make_engine",
    "make_session_factory",
    "new_uuid",
    "session_scope",
    "upgrade_to_head",
    "utcnow",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'counterapp.db' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
