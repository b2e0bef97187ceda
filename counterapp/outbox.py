"""The durable queue that carries local changes to the portal.

A change and the outbox row that carries it commit in one transaction: call
`enqueue(session, ...)` inside the same session that makes the change. The sync
engine (sync/engine.py) reads, sends and settles these rows; nothing here talks
to the network.
"""

from __future__ import annotations

import enum
import json
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterapp.db.base import Base, UTCDateTime, new_uuid, utcnow


class OutboxState(enum.StrEnum):
    WAITING = "waiting"
    SENDING = "sending"
    SYNCED = "synced"
    NEEDS_ATTENTION = "needs_attention"
    CONFLICT = "conflict"


class OutboxItem(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_seq", "state", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    operation_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    operation: Mapped[str] = mapped_column(String(64))  # e.g. "dossier.create", "dossier.status"
    entity_id: Mapped[str] = mapped_column(String(36), index=True)  # the dossier's client uuid
    payload_json: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default=OutboxState.WAITING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.payload_json)


def enqueue(session: Session, operation: str, entity_id: str, payload: dict[str, Any]) -> OutboxItem:
    """Add an operation to the queue in the caller's transaction (not committed here)."""
    item = OutboxItem(
        operation_id=new_uuid(),
        operation=operation,
        entity_id=entity_id,
        payload_json=json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str),
        state=OutboxState.WAITING,
        attempts=0,
        created_at=utcnow(),
    )
    session.add(item)
    return item
