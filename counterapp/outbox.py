"""The durable queue that carries local changes to the portal, and the sync bookkeeping.

A change and the outbox row that carries it commit in one transaction: call
`enqueue(session, ...)` inside the same session that makes the change. A file that must
reach the portal with a dossier is an "attachment.upload" operation (entity_id = the
attachment's uuid; payload: attachment_id, dossier_id = the dossier's uuid, filename
relative to the files folder, size, sha256, document_code); the engine sends its bytes in
resumable chunks, checked by SHA-256, before settling it. The sync engine (sync/engine.py) reads, sends and settles these rows;
nothing here talks to the network.

Sync state of a dossier (what the dossier list shows), from its rows here:
conflict > needs_attention > sending > waiting > synced (`dossier_sync_states`). A dossier
counts as synced only when its operations *and* its files are acknowledged by the portal.

Also here (tables of the `outbox` Alembic branch): `SyncState` (cursors, last sync time,
agency data pulled from the portal, who is signed in: never a token or a password) and
`OfflineVerifier` (a salted scrypt verifier for offline sign-in, never the password).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text, func, literal_column, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterapp.db.base import Base, UTCDateTime, new_uuid, utcnow


class OutboxState(enum.StrEnum):
    WAITING = "waiting"
    SENDING = "sending"
    SYNCED = "synced"
    NEEDS_ATTENTION = "needs_attention"
    CONFLICT = "conflict"


# Worst first: a dossier shows the worst state of its rows.
_STATE_RANK = {
    OutboxState.CONFLICT: 0,
    OutboxState.NEEDS_ATTENTION: 1,
    OutboxState.SENDING: 2,
    OutboxState.WAITING: 3,
    OutboxState.SYNCED: 4,
}


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
    # outbox_0002
    portal_message: Mapped[str | None] = mapped_column(Text)
    """The portal's own words when it refused the operation or found a conflict."""
    conflict_json: Mapped[str | None] = mapped_column(Text)
    """The portal's version of the entity when the operation is in conflict."""
    result_json: Mapped[str | None] = mapped_column(Text)
    """What the portal answered when it applied the operation (e.g. the confirmed code)."""
    resolved_by: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(String(16))  # "mine" | "theirs" (conflicts)

    @property
    def payload(self) -> dict[str, Any]:
        return json.loads(self.payload_json)

    @property
    def conflict(self) -> dict[str, Any] | None:
        return json.loads(self.conflict_json) if self.conflict_json else None


class SyncState(Base):
    """Small key/value bookkeeping of the sync engine (JSON values). No secrets."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class OfflineVerifier(Base):
    """Lets an officer who signed in online once sign in offline on this PC."""

    __tablename__ = "sync_offline_verifiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portal_url: Mapped[str] = mapped_column(Text)
    username: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    display_name: Mapped[str] = mapped_column(Text, default="")
    verifier: Mapped[str] = mapped_column(Text)  # "scrypt$n$r$p$salt$hash"
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


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


UPLOAD_OPERATION = "attachment.upload"


def dossier_sync_states(session: Session, entity_ids: Iterable[str]) -> dict[str, str]:
    """Sync state per dossier uuid: "conflict", "needs_attention", "sending", "waiting" or
    "synced", counting the dossier's own operations and its files' uploads. A uuid with
    nothing queued is absent from the answer."""
    ids = list(entity_ids)
    result: dict[str, str] = {}
    # Spelled exactly as the partial index ix_outbox_upload_owner (outbox_0003) so SQLite uses it.
    owner = func.json_extract(OutboxItem.payload_json, literal_column("'$.dossier_id'"))
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        queries = (
            select(OutboxItem.entity_id, OutboxItem.state).where(OutboxItem.entity_id.in_(part))
            .group_by(OutboxItem.entity_id, OutboxItem.state),
            select(owner, OutboxItem.state).where(OutboxItem.operation == UPLOAD_OPERATION, owner.in_(part))
            .group_by(owner, OutboxItem.state),
        )
        for query in queries:
            for entity_id, state in session.execute(query):
                current = result.get(entity_id)
                if current is None or _STATE_RANK[OutboxState(state)] < _STATE_RANK[OutboxState(current)]:
                    result[entity_id] = OutboxState(state).value
    return result


def dossier_sync_state(session: Session, entity_id: str) -> str | None:
    return dossier_sync_states(session, [entity_id]).get(entity_id)


def outbox_counts(session: Session) -> dict[str, int]:
    """Outbox rows per state."""
    counts = {st.value: 0 for st in OutboxState}
    for state, n in session.execute(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)):
        counts[state] = counts.get(state, 0) + n
    return counts


def get_state(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(SyncState, key)
    return json.loads(row.value_json) if row is not None else default


def set_state(session: Session, key: str, value: Any) -> None:
    """Not committed here."""
    row = session.get(SyncState, key)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if row is None:
        session.add(SyncState(key=key, value_json=text, updated_at=utcnow()))
    else:
        row.value_json = text
        row.updated_at = utcnow()
