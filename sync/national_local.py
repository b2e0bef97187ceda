"""The national DongBoHoSoMC record of a dossier, built from the counter's own database.

The reference portal builds the record from what the counter pushed (sync/portal/store.py);
this builds the same record headless on the counter (the record an integrator checks before
the province sends it), with what only the counter knows exactly: every digitized file of
the dossier, deleted ones included, whether each is the reuse of an earlier dossier's
digitized copy, and every request to complete the dossier (the outbox keeps each one sent).

Reuse is recognised by content: `reuse_attachment` files the very same PDF again (same
SHA-256) for the new dossier, so an attachment is reused when another dossier's attachment
with the same hash was filed before it. The attachments table has no "reused from" link of
its own; if the original was later rewritten (OCR text layer) after being reused, the two
hashes differ and the reuse is no longer seen (sync/README.md, "verify").
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterapp.digitize.models import Attachment
from counterapp.dossiers.models import Dossier
from counterapp.dossiers.queries import dossier_to_dict, get_by_code
from counterapp.outbox import OutboxItem
from sync.national import completion_register, dong_bo_ho_so
from sync.national_codes import NationalCodes, national_codes


class NationalRecordError(LookupError):
    """The dossier asked for is not on this counter (message Vietnamese / English)."""


def dossier_attachments(session: Session, dossier: Dossier) -> list[dict[str, Any]]:
    """The dossier's digitized files as the mapping reads them, `reused` worked out by hash."""
    rows = list(session.scalars(select(Attachment).where(Attachment.dossier_id == dossier.id)
                                .order_by(Attachment.created_at, Attachment.id)))
    hashes = {row.sha256 for row in rows}
    earlier: dict[str, list[Attachment]] = {}
    if hashes:
        for other in session.scalars(select(Attachment).where(
                Attachment.sha256.in_(hashes), Attachment.dossier_id.is_not(None),
                Attachment.dossier_id != dossier.id)):
            earlier.setdefault(other.sha256, []).append(other)
    out = []
    for row in rows:
        reused = any(o.created_at < row.created_at or (o.created_at == row.created_at and o.id < row.id)
                     for o in earlier.get(row.sha256, []))
        out.append({
            "attachment_id": row.uuid, "filename": row.file_name, "title": row.title,
            "document_code": row.document_code, "deleted": bool(row.deleted), "reused": reused,
            "created_at": row.created_at.isoformat() if row.created_at else None, "sha256": row.sha256,
            "kind": row.kind, "result_code": row.result_code,
        })
    return out


def sent_completion_requests(session: Session, dossier: Dossier) -> list[dict[str, Any]]:
    """Every request to complete the dossier the counter made, from its outbox (each status
    change is queued with its request; the dossier row keeps the latest request only)."""
    out = []
    for payload in session.scalars(select(OutboxItem.payload_json).where(
            OutboxItem.entity_id == dossier.uuid, OutboxItem.operation == "dossier.status").order_by(OutboxItem.seq)):
        try:
            request = json.loads(payload).get("completion_request")
        except (ValueError, AttributeError):
            continue
        if isinstance(request, dict):
            out.append(request)
    return out


def national_record(ctx: Any, code: str, *, file_url_base: str = "",
                    codes: NationalCodes | None = None) -> dict[str, Any]:
    """DongBoHoSoMC for the dossier `code` (or its former provisional code), codes from the
    site's `[national]` settings."""
    codes = codes or national_codes(ctx.config)
    with ctx.sessions() as session:
        dossier = get_by_code(session, code)
        if dossier is None:
            raise NationalRecordError(f"Không tìm thấy hồ sơ {code} / dossier {code} not found")
        data = dossier_to_dict(dossier)
        data["completion_request"] = completion_register(data.get("completion_request"),
                                                         sent_completion_requests(session, dossier))
        attachments = dossier_attachments(session, dossier)
    return dong_bo_ho_so(data, attachments, file_url_base=file_url_base, codes=codes)
