"""What the counter did about a queue row: a citizen called to collect a result, a request
to complete (form 02) followed up. The dashboard's queues (queues.py) read these marks so a
supervisor sees who was already called, and a followed-up request leaves its queue.

Why a table of its own (`queue_marks`, migration branch "dashboard"): a call is the counter's
own work note, not a change of the dossier. Writing it into the dossier's history would send it
to the national system as progress (CapNhatTienDoHoSoMC), and the completion register has only
"open / received / abandoned", none of which a phone call is. Marks stay on this counter
(no outbox row): the portal has no field for them. A mark keeps no copy of the citizen's phone
number (the dossier has it): `[privacy] keep_days` removes personal data from the dossier row,
and a copy here would outlive it (NĐ 13/2023).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, func, literal_column, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from counterapp.db.base import Base, UTCDateTime, utcnow
from counterapp.db.engine import session_scope

if TYPE_CHECKING:  # the model is imported with every other (db/all_models.py): keep this module light
    from counterapp.app import AppContext

MARK_CALLED = "called"
MARK_FOLLOWED_UP = "followed_up"
MARK_KINDS = (MARK_CALLED, MARK_FOLLOWED_UP)


class QueueMark(Base):
    """One mark: a dossier's applicant called, or a request to complete followed up."""

    __tablename__ = "queue_marks"
    __table_args__ = (
        Index("ix_queue_marks_dossier_id_at", "dossier_id", "at"),
        Index("ix_queue_marks_request_id_at", "completion_request_id", "at"),
        CheckConstraint("kind IN ('called', 'followed_up')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    completion_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("completion_requests.id", ondelete="CASCADE"))
    reference: Mapped[str] = mapped_column(String(64))  # the dossier code or the request number, as marked
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str | None] = mapped_column(Text)


# The dashboard's two indexes on `dossiers` (migration dashboard_0001), declared here with the
# dashboard rather than in dossiers/models.py so the models and the migrations agree (alembic
# check) without touching the dossiers area. Both are partial: they hold only the few rows a
# figure or queue asks for. At 200,000 dossiers (bench/dashboard.py) the provisional count went
# from a 105 ms table scan to an index lookup, and the uncollected queue no longer reads every
# processed dossier; at 1,000,000 the whole dashboard takes 49 ms (median). Queries must spell the index's terms exactly (literal 9 and 1: SQLite uses
# a partial index only when the query's WHERE visibly implies the index's).
def _dossier_indexes() -> None:
    from counterapp.dossiers.models import Dossier

    table = Dossier.__table__
    if "ix_dossiers_result_back_waiting" in {ix.name for ix in table.indexes}:
        return
    Index("ix_dossiers_result_back_waiting", func.coalesce(table.c.result_received_at, table.c.finished_at),
          sqlite_where=table.c.status == literal_column("9"))
    Index("ix_dossiers_code_provisional_true", table.c.code_provisional,
          sqlite_where=table.c.code_provisional == literal_column("1"))


_dossier_indexes()


@dataclass(frozen=True)
class MarkInfo:
    kind: str
    reference: str
    at: datetime
    by: str
    note: str | None


def _info(row: QueueMark) -> MarkInfo:
    return MarkInfo(row.kind, row.reference, row.at, row.by, row.note)


def _officer_name(officer: str | None) -> str:
    from counterapp.dossiers.intake import FieldError, IntakeError

    name = (officer or "").strip()
    if not name:
        raise IntakeError([FieldError("officer", "Thiếu tên cán bộ / officer name missing")])
    return name


def mark_called(ctx: AppContext, code: str, officer: str | None, note: str | None = None,
                *, at: datetime | None = None) -> MarkInfo:
    """The applicant of dossier `code` was called (to collect the result). DossierNotFound
    for an unknown code."""
    from counterapp.dossiers.intake import DossierNotFound
    from counterapp.dossiers.queries import get_by_code

    name = _officer_name(officer)
    with session_scope(ctx.writer_sessions) as session:
        dossier = get_by_code(session, code)
        if dossier is None:
            raise DossierNotFound(code)
        row = QueueMark(kind=MARK_CALLED, dossier_id=dossier.id, reference=dossier.code,
                        at=at or utcnow(), by=name, note=(note or "").strip() or None)
        session.add(row)
        session.flush()
        return _info(row)


def mark_followed_up(ctx: AppContext, number: str, officer: str | None, note: str | None = None,
                     *, at: datetime | None = None) -> MarkInfo:
    """Request to complete `number` (form 02 register) was followed up: the applicant was
    reminded. It leaves the "never followed up" queue; the request itself stays open."""
    from counterapp.dossiers.completion import CompletionRequestNotFound, get_completion_request

    name = _officer_name(officer)
    with session_scope(ctx.writer_sessions) as session:
        request = get_completion_request(session, number)
        if request is None:
            raise CompletionRequestNotFound(number)
        row = QueueMark(kind=MARK_FOLLOWED_UP, completion_request_id=request.id, reference=request.number,
                        at=at or utcnow(), by=name, note=(note or "").strip() or None)
        session.add(row)
        session.flush()
        return _info(row)


def last_marks(session: Session, kind: str, *, dossier_ids: list[int] | None = None,
               request_ids: list[int] | None = None) -> dict[int, MarkInfo]:
    """The latest mark of `kind` per dossier id (or per request id)."""
    column = QueueMark.dossier_id if dossier_ids is not None else QueueMark.completion_request_id
    ids = dossier_ids if dossier_ids is not None else (request_ids or [])
    result: dict[int, MarkInfo] = {}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        rows = session.scalars(select(QueueMark).where(QueueMark.kind == kind, column.in_(part))
                               .order_by(QueueMark.at, QueueMark.id))
        for row in rows:
            key = row.dossier_id if dossier_ids is not None else row.completion_request_id
            if key is not None:
                result[key] = _info(row)  # ordered: the last one wins
    return result


__all__ = ["MARK_CALLED", "MARK_FOLLOWED_UP", "MARK_KINDS", "MarkInfo", "QueueMark", "last_marks", "mark_called",
           "mark_followed_up"]
