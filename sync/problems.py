"""Parked items for the window's views and the CLI: what needs attention, conflicts with
both versions, a retry, and a supervisor's decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from counterapp.db import session_scope, utcnow
from counterapp.outbox import OutboxItem, OutboxState, enqueue


@dataclass(frozen=True)
class ProblemItem:
    seq: int
    operation: str
    entity_id: str
    state: str
    message: str
    mine: dict[str, Any]
    theirs: dict[str, Any] | None
    attempts: int
    created_at: datetime


def problems(ctx) -> list[ProblemItem]:  # noqa: ANN001
    """Operations parked as needs_attention or conflict, oldest first (both versions for conflicts)."""
    with ctx.sessions() as s:
        rows = s.scalars(select(OutboxItem).where(OutboxItem.state.in_([OutboxState.NEEDS_ATTENTION,
                                                                         OutboxState.CONFLICT]))
                         .order_by(OutboxItem.seq)).all()
        return [ProblemItem(r.seq, r.operation, r.entity_id, r.state, r.portal_message or r.last_error or "",
                            r.payload, r.conflict, r.attempts, r.created_at) for r in rows]


def retry_item(ctx, seq: int) -> None:  # noqa: ANN001
    """Send a needs-attention item again (after the cause was fixed), same operation id."""
    with session_scope(ctx.writer_sessions) as s:
        item = s.get(OutboxItem, seq)
        if item is None or item.state != OutboxState.NEEDS_ATTENTION:
            raise ValueError("Không có mục cần xử lý này / no such needs-attention item")
        item.state, item.next_attempt_at, item.attempts = OutboxState.WAITING, None, 0


def resolve_conflict(ctx, seq: int, choice: str, *, supervisor: str, role: str) -> OutboxItem | None:  # noqa: ANN001
    """A supervisor decides a conflict. "mine": the counter's version goes again as a new
    operation (forced, e.g. `from_status` dropped; a create becomes an update); "theirs": the
    portal's version is kept and applied locally. Returns the new outbox item for "mine"."""
    from counterapp.users.roles import PermissionDenied, can

    if not can(str(role), "override"):  # the core's role table; the refusal says who may
        raise PermissionDenied("override", supervisor, str(role))
    if choice not in ("mine", "theirs"):
        raise ValueError("choice: mine | theirs")
    with session_scope(ctx.writer_sessions) as s:
        item = s.get(OutboxItem, seq)
        if item is None or item.state != OutboxState.CONFLICT:
            raise ValueError("Không có xung đột này / no such conflict")
        new = None
        theirs = item.conflict or {}
        if choice == "mine":
            payload = dict(item.payload)
            payload.pop("from_status", None)
            payload["resolves"] = item.operation_id
            operation = "dossier.update" if item.operation == "dossier.create" else item.operation
            new = enqueue(s, operation, item.entity_id, payload)
        elif theirs.get("status") is not None:
            from counterapp.dossiers.lifecycle import adopt_portal_status
            from counterapp.dossiers.models import Dossier

            dossier = s.scalar(select(Dossier).where(Dossier.uuid == item.entity_id))
            if dossier is not None and dossier.status != int(theirs["status"]):
                adopt_portal_status(s, dossier, int(theirs["status"]), by=supervisor, at=utcnow(),
                                    note="Giữ bản của cổng / kept the portal's version", config=ctx.config)
        item.state = OutboxState.SYNCED
        item.settled_at = utcnow()
        item.resolution = choice
        item.resolved_by = supervisor
        return new

