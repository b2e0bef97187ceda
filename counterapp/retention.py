"""Keeping citizens' personal data on the counter only as long as needed (NĐ 13/2023).

The portal is where a dossier lives on; the counter needs an applicant's personal data while
the dossier is open and for a while after (a question, a reprint, a complaint). A site sets
how long in `site.toml`:

    [privacy]
    keep_days = 365   # 0 or absent: keep everything (the default; set it with the province)

After that, counted from the dossier's last change, a dossier that is closed at the counter
(refused, withdrawn, or its result returned: a final status) *and* fully synced (nothing of it or of
its files waiting for the portal) keeps its code, procedure, dates, status and fees, and
loses:
- the applicant's name, ID numbers, date of birth, phone, e-mail, street and address, the
  representative, the person the procedure was about (dossiers_0010: name, birth date, ID
  number, note, authorisation), who collected the result, and the status history's free text;
- its digitized documents: the files (unless another dossier still uses the same file) and
  their rows (marked deleted, the ID number cleared, so they are no longer offered for
  reuse).
Intake drafts older than the period are deleted. The dossier row is changed in place, not
through the ORM: no version bump, no outbox row (the portal keeps its copy), and its
`updated_at` stays. `personal_data_removed_at` says when.

The window runs `purge_personal_data` in the background once the data folder is open;
`counterapp privacy purge` runs it by hand (`--dry-run` counts only).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update

from counterapp.config import ConfigError, SiteConfig
from counterapp.db.base import utcnow
from counterapp.dossiers.models import Dossier, IntakeDraft, StatusChange
from counterapp.dossiers.status import DossierStatus
from counterapp.outbox import dossier_sync_states

log = logging.getLogger(__name__)

# Final statuses only: nothing more can happen to these at the counter (ALLOWED_TRANSITIONS in
# counterapp/dossiers/status.py). A stopped dossier (8) may resume, so it keeps its data.
CLOSED_AT_COUNTER = (DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.RETURNED)
_CHUNK = 500


@dataclass
class PurgeReport:
    keep_days: int
    cutoff: datetime
    dossiers: int = 0  # personal data removed (or, with dry_run, that would be)
    waiting_for_sync: int = 0  # old enough and closed, but something still has to reach the portal
    documents: int = 0
    files_removed: int = 0
    bytes_freed: int = 0
    drafts: int = 0
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["cutoff"] = self.cutoff.isoformat()
        return data


def retention_days(config: SiteConfig) -> int:
    """`[privacy] keep_days` (0: keep everything)."""
    value = config.section("privacy").get("keep_days", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"[privacy] keep_days: cần số ngày ≥ 0 / expected a number of days ≥ 0, got {value!r}")
    return value


def purge_personal_data(ctx, keep_days: int, *, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:  # noqa: ANN001
    """Remove the personal data of dossiers closed and synced more than `keep_days` ago."""
    from counterapp.db import session_scope
    from counterapp.digitize.models import Attachment

    if keep_days < 1:
        raise ValueError("keep_days must be at least 1")
    now = now or utcnow()
    report = PurgeReport(keep_days=keep_days, cutoff=now - timedelta(days=keep_days), dry_run=dry_run)
    unused_files: set[str] = set()
    with session_scope(ctx.writer_sessions) as session:
        old = session.execute(
            select(Dossier.id, Dossier.uuid).where(
                Dossier.status.in_([int(s) for s in CLOSED_AT_COUNTER]),
                Dossier.updated_at < report.cutoff,
                Dossier.personal_data_removed_at.is_(None),
            )
        ).all()
        states = dossier_sync_states(session, [uuid for _, uuid in old])
        ids = [dossier_id for dossier_id, uuid in old if states.get(uuid, "synced") == "synced"]
        report.waiting_for_sync = len(old) - len(ids)
        report.dossiers = len(ids)
        drafts = delete(IntakeDraft).where(IntakeDraft.updated_at < report.cutoff)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            documents = session.execute(
                select(Attachment.id, Attachment.file_name, Attachment.size)
                .where(Attachment.dossier_id.in_(chunk), Attachment.deleted.is_(False))
            ).all()
            report.documents += len(documents)
            if dry_run:
                continue
            session.execute(
                update(Dossier).where(Dossier.id.in_(chunk)).values(
                    applicant_name="", applicant_name_folded="", id_number=None, old_id_number=None,
                    date_of_birth=None, phone=None, email=None, street=None, address=None,
                    representative=None, returned_to=None, return_note=None,
                    subject_name=None, subject_date_of_birth=None, subject_id_number=None,  # dossiers_0010
                    subject_note=None, authorisation=None,
                    personal_data_removed_at=now, updated_at=Dossier.updated_at,
                )
            )
            session.execute(update(StatusChange).where(StatusChange.dossier_id.in_(chunk)).values(content=None))
            if documents:
                session.execute(
                    update(Attachment).where(Attachment.id.in_([d.id for d in documents]))
                    .values(deleted=True, id_number=None, updated_at=now)
                )
                unused_files.update(d.file_name for d in documents)
        if dry_run:
            report.drafts = len(session.execute(select(IntakeDraft.id).where(IntakeDraft.updated_at < report.cutoff)).all())
        else:
            report.drafts = session.execute(drafts).rowcount or 0
            if unused_files:
                still_used = set(session.scalars(
                    select(Attachment.file_name).where(Attachment.file_name.in_(unused_files),
                                                       Attachment.deleted.is_(False))
                ))
                unused_files -= still_used
    # After the commit: a file is only removed once no row points at it any more.
    for name in sorted(unused_files):
        path = ctx.files_dir / name
        (ctx.files_dir / (path.stem + ".txt")).unlink(missing_ok=True)  # its text sidecar (digitize/ocr.py)
        try:
            size = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            log.warning("retention: could not remove %s", path, exc_info=True)
            continue
        report.files_removed += 1
        report.bytes_freed += size
    return report
