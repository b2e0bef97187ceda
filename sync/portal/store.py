"""The reference portal's data and rules, one SQLAlchemy store (SQLite or PostgreSQL) made of
parts by job: users and sign-in (`users.py`), dossiers and idempotent operations
(`dossiers.py`), attachments (`attachments.py`), what counters pull (`feeds.py`); who may do
what is in `access.py`, the refusals in `errors.py`.

The SQL stays portable (no SQLite-only syntax): SQLite gets one writer lock in this process,
WAL and a busy timeout; other databases get their own locking.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sync import protocol as p
from sync.portal.attachments import AttachmentsMixin
from sync.portal.dossiers import KNOWN_OPERATIONS, DossiersMixin, body_hash
from sync.portal.errors import (
    ConflictError,
    Forbidden,
    HashMismatch,
    NotFound,
    PortalError,
    ReplayMismatch,
    TooLarge,
    TooManyAttempts,
    Unauthorized,
)
from sync.portal.feeds import DEFAULT_AGENCY, FeedsMixin, dumps
from sync.portal.models import CatalogEntry, PortalBase, Setting
from sync.portal.users import DEMO_USERS, TOKEN_LIFETIME, Throttle, UsersMixin

DEFAULT_DB_URL = "sqlite:///portal.db"
_HashMismatch = HashMismatch  # the name before the split
_dumps = dumps


class PortalStore(UsersMixin, DossiersMixin, AttachmentsMixin, FeedsMixin):
    def __init__(self, url: str = DEFAULT_DB_URL, *, max_attachment_bytes: int = p.DEFAULT_MAX_ATTACHMENT_BYTES,
                 throttle: Throttle | None = None) -> None:
        self.url = url
        self.engine = _make_engine(url)
        PortalBase.metadata.create_all(self.engine)
        upgrade_columns(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.max_attachment_bytes = max_attachment_bytes
        self.throttle = throttle or Throttle()
        # SQLite has one writer: serialise writes here rather than fight over the lock.
        self._write_lock = threading.RLock() if self.engine.dialect.name == "sqlite" else None

    @contextmanager
    def write(self) -> Iterator[Session]:
        if self._write_lock is not None:
            self._write_lock.acquire()
        try:
            with self.sessions() as session, session.begin():
                yield session
        finally:
            if self._write_lock is not None:
                self._write_lock.release()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def seed(self, *, catalog_records: list[dict[str, Any]] | None = None, demo_users: bool = False) -> None:
        """The agency data and the catalog on a new database; the demo accounts only when asked."""
        with self.write() as s:
            if s.get(Setting, "agency") is None:
                s.add(Setting(key="agency", value_json=dumps(DEFAULT_AGENCY)))
            if catalog_records and s.scalar(select(func.count()).select_from(CatalogEntry)) == 0:
                for record in catalog_records:
                    s.add(CatalogEntry(code=str(record.get("MATTHC", "")), record_json=dumps(record)))
        if demo_users:
            self.seed_demo_users(self.agency().agency_code)


def upgrade_columns(engine: Engine) -> None:
    """Add the columns a portal database made before them lacks (plain portable ADD COLUMN)."""
    insp = inspect(engine)
    for table in PortalBase.metadata.sorted_tables:
        if not insp.has_table(table.name):
            continue
        have = {c["name"] for c in insp.get_columns(table.name)}
        for column in table.columns:
            if column.name in have:
                continue
            kind = column.type.compile(engine.dialect)
            with engine.begin() as conn:
                conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind} DEFAULT ''"
                                  if kind.upper().startswith(("VARCHAR", "TEXT"))
                                  else f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}"))


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _configure(dbapi_connection, _record) -> None:  # noqa: ANN001
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn) -> None:  # noqa: ANN001
            conn.exec_driver_sql("BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


def load_demo_catalog() -> list[dict[str, Any]]:
    try:
        from counterapp.paths import resource

        path = resource("catalog", "demo_catalog.json")
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            return data if isinstance(data, list) else [data]
    except Exception:  # noqa: BLE001 - the demo catalog is optional for the portal
        pass
    return [{"MATTHC": "1.001193", "TENTTHC": "Đăng ký khai sinh", "CAPTHUCHIEN": "Cấp xã", "TRANGTHAI": 1,
             "LINHVUCTHUCHIEN": [{"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch"}],
             "CACHTHUCTHUCHIEN": [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 1, "DONVITINH": "Ngày làm việc",
                                                               "PHILEPHI": []}]}]}]


__all__ = ["DEFAULT_AGENCY", "DEMO_USERS", "KNOWN_OPERATIONS", "TOKEN_LIFETIME", "ConflictError", "Forbidden",
           "IntegrityError", "NotFound", "PortalError", "PortalStore", "ReplayMismatch", "Throttle", "TooLarge",
           "TooManyAttempts", "Unauthorized", "body_hash", "load_demo_catalog", "upgrade_columns"]
