"""The print log: every form printed, saved as PDF or previewed for a dossier (or for no
dossier, such as the ledger), so a reprint is marked as one (NĐ 13/2023: who printed whose data)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from counterapp.db.base import utcnow
from counterapp.dossiers.models import PRINT_TARGETS, Dossier, PrintRecord


def record_print(
    session: Session,
    dossier: Dossier | None,
    form: str,
    officer: str,
    target: str = "pdf",
    copies: int = 1,
    *,
    details: Mapping[str, Any] | None = None,
) -> PrintRecord:
    """Log a print (not committed here). `reprint` is True when that form was printed
    before for this dossier (for dossier-less forms such as the ledger: with the same
    `details`, e.g. the same date range)."""
    if target not in PRINT_TARGETS:
        raise ValueError(f"Đích in không rõ: {target!r} / unknown print target {target!r} (pdf, printer, preview)")
    if copies < 1:
        raise ValueError("Số bản in phải từ 1 / copies must be at least 1")
    details_json = json.dumps(dict(details), ensure_ascii=False, sort_keys=True, default=str) if details else None
    if dossier is not None:
        query = select(exists().where(PrintRecord.form == form, PrintRecord.dossier_id == dossier.id))
    else:
        query = select(
            exists().where(
                PrintRecord.form == form,
                PrintRecord.dossier_id.is_(None),
                PrintRecord.details_json.is_(None) if details_json is None else PrintRecord.details_json == details_json,
            )
        )
    reprint = bool(session.scalar(query))
    record = PrintRecord(
        dossier_id=dossier.id if dossier is not None else None,
        form=form,
        printed_at=utcnow(),
        printed_by=officer or "",
        copies=int(copies),
        reprint=reprint,
        target=target,
        details_json=details_json,
    )
    session.add(record)
    session.flush()
    return record


def print_history(session: Session, dossier: Dossier) -> list[PrintRecord]:
    return list(
        session.scalars(select(PrintRecord).where(PrintRecord.dossier_id == dossier.id).order_by(PrintRecord.id))
    )


__all__ = ["print_history", "record_print"]
