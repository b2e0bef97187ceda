"""The reference portal's own tables (its own Base; created with create_all, and columns added
since the first release are added in place by `store.upgrade_columns`)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class PortalBase(DeclarativeBase):
    pass


class UTC_(TypeDecorator[datetime]):
    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):  # noqa: ANN001
        return None if value is None else value.replace(tzinfo=UTC)


def now() -> datetime:
    return datetime.now(UTC)


class User(PortalBase):
    __tablename__ = "portal_users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    display_name: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text)  # "scrypt$n$r$p$salt_hex$hash_hex"
    # What the server assigns (never what a login request claims): the user's agency and, for
    # officers, the counters they work at (comma-separated ids; supervisors and admins see
    # every counter of their agency).
    agency_code: Mapped[str] = mapped_column(String(64), default="")
    counters: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTC_, default=now)

    @property
    def counter_list(self) -> list[str]:
        return [c for c in self.counters.split(",") if c]


class Token(PortalBase):
    __tablename__ = "portal_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the token
    user_id: Mapped[int] = mapped_column(ForeignKey("portal_users.id", ondelete="CASCADE"))
    counter_id: Mapped[str] = mapped_column(String(32), default="")
    agency_code: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTC_, default=now)
    expires_at: Mapped[datetime] = mapped_column(UTC_)


class LoginFailure(PortalBase):
    """Failed sign-ins per user name and per client address, for the throttle."""

    __tablename__ = "portal_login_failures"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)  # "user:<name>" | "ip:<address>"
    failures: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(UTC_)
    last_at: Mapped[datetime] = mapped_column(UTC_, default=now)


class StoredOperation(PortalBase):
    """Idempotency: the first answer to each operation id, with a hash of its body."""

    __tablename__ = "portal_operations"
    operation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    body_hash: Mapped[str] = mapped_column(String(64))
    operation: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    result_json: Mapped[str] = mapped_column(Text)
    counter_id: Mapped[str] = mapped_column(String(32), default="")
    received_at: Mapped[datetime] = mapped_column(UTC_, default=now)


class PortalDossierRow(PortalBase):
    __tablename__ = "portal_dossiers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the counter's uuid
    code: Mapped[str] = mapped_column(String(64), unique=True)
    agency_code: Mapped[str] = mapped_column(String(64), default="")
    counter_id: Mapped[str] = mapped_column(String(32), default="", index=True)
    status: Mapped[int] = mapped_column(Integer, default=2)
    data_json: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    last_change_by: Mapped[str] = mapped_column(String(16), default="counter")  # counter|back_office
    created_at: Mapped[datetime] = mapped_column(UTC_, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTC_, default=now)


class DossierLog(PortalBase):
    """Every later change the counter sent (status, return, print log, ...)."""

    __tablename__ = "portal_dossier_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("portal_dossiers.id", ondelete="CASCADE"), index=True)
    operation_id: Mapped[str] = mapped_column(String(36))
    operation: Mapped[str] = mapped_column(String(64))
    payload_json: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTC_, default=now)


class Attachment(PortalBase):
    __tablename__ = "portal_attachments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(String(36), index=True)
    # Who declared it (the dossier may not be on the portal yet): checked on every later write.
    agency_code: Mapped[str] = mapped_column(String(64), default="")
    counter_id: Mapped[str] = mapped_column(String(32), default="")
    filename: Mapped[str] = mapped_column(Text, default="")
    document_code: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    received: Mapped[int] = mapped_column(Integer, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTC_, default=now)


class AttachmentChunk(PortalBase):
    __tablename__ = "portal_attachment_chunks"
    __table_args__ = (UniqueConstraint("attachment_id", "offset"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    attachment_id: Mapped[str] = mapped_column(ForeignKey("portal_attachments.id", ondelete="CASCADE"), index=True)
    offset: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class CatalogEntry(PortalBase):
    """Catalog changes; `cursor` grows with every publish; the latest row per code wins."""

    __tablename__ = "portal_catalog"
    cursor: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    record_json: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTC_, default=now)


class CalendarEntry(PortalBase):
    __tablename__ = "portal_calendar"
    cursor: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(Text, default="")


class NumberCounter(PortalBase):
    """Next free running number per agency per day (shared by blocks and confirmations)."""

    __tablename__ = "portal_number_counters"
    __table_args__ = (UniqueConstraint("agency_code", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    next_number: Mapped[int] = mapped_column(Integer, default=1)


class PortalNumberBlock(PortalBase):
    __tablename__ = "portal_number_blocks"
    __table_args__ = (Index("ix_portal_blocks_counter", "agency_code", "counter_id", "valid_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(64))
    counter_id: Mapped[str] = mapped_column(String(32))
    valid_on: Mapped[date] = mapped_column(Date)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTC_, default=now)


class Progress(PortalBase):
    __tablename__ = "portal_progress"
    cursor: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("portal_dossiers.id", ondelete="CASCADE"), index=True)
    counter_id: Mapped[str] = mapped_column(String(32), index=True)
    code: Mapped[str] = mapped_column(String(64))
    handler: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    department: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTC_, default=now)
    step_started_at: Mapped[datetime | None] = mapped_column(UTC_)
    step_due_at: Mapped[datetime | None] = mapped_column(UTC_)
    agency_code: Mapped[str] = mapped_column(String(64), default="", index=True)


class Setting(PortalBase):
    __tablename__ = "portal_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
