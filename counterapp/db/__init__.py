"""The local database: one engine factory, one declarative base, Alembic migrations."""

from counterapp.db.base import Base, UTCDateTime, new_uuid, utcnow
from counterapp.db.engine import make_engine, make_session_factory, session_scope
from counterapp.db.migrate import upgrade_to_head

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
