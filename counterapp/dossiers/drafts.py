"""Intake drafts: a half-filled intake kept on disk so a crash or a closed window loses
nothing; offered back to the officer at the next start. Not committed here (the caller's
transaction), any JSON-able payload.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterapp.db.base import new_uuid, utcnow
from counterapp.dossiers.models import (
    IntakeDraft,
)


# --------------------------------------------------------------------------- drafts
def save_draft(
    session: Session, payload: Mapping[str, Any], officer: str | None = None, uuid: str | None = None
) -> IntakeDraft:
    """Create or overwrite a draft (by uuid). Not committed here; any JSON-able payload."""
    text = json.dumps(dict(payload), ensure_ascii=False, default=str)
    draft = session.scalar(select(IntakeDraft).where(IntakeDraft.uuid == uuid)) if uuid else None
    now = utcnow()
    if draft is None:
        draft = IntakeDraft(uuid=uuid or new_uuid(), payload_json=text, officer=officer, created_at=now, updated_at=now)
        session.add(draft)
    else:
        draft.payload_json = text
        draft.officer = officer if officer is not None else draft.officer
        draft.updated_at = now
    session.flush()
    return draft


def load_drafts(session: Session, officer: str | None = None) -> list[IntakeDraft]:
    """Drafts, most recently saved first (only `officer`'s when given)."""
    query = select(IntakeDraft).order_by(IntakeDraft.updated_at.desc(), IntakeDraft.id.desc())
    if officer is not None:
        query = query.where(IntakeDraft.officer == officer)
    return list(session.scalars(query))


def get_draft(session: Session, uuid: str) -> IntakeDraft | None:
    return session.scalar(select(IntakeDraft).where(IntakeDraft.uuid == uuid))


def _delete_draft(session: Session, uuid: str) -> bool:
    draft = get_draft(session, uuid)
    if draft is None:
        return False
    session.delete(draft)
    session.flush()
    return True


def delete_draft(session: Session, uuid: str) -> bool:
    """Remove a draft (not committed here). False if there was none."""
    return _delete_draft(session, uuid)
