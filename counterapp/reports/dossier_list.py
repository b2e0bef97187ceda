"""The dossiers behind a period's figures: the list sheet of the XLSX report.

Same rules as the figures (counterapp/reports/period.py): a dossier is listed when it was
received in the period (refused at intake left out) or its result was settled in it. Its
working days are measured one by one with counterapp.calendar.pauses.working_minutes_between
(the reference the summed figures are tested against), minus the time it waited on the citizen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from counterapp.dossiers.models import Dossier, DossierFee
from counterapp.dossiers.status import DossierStatus
from counterapp.reports.period import (
    Period,
    digitized_condition,
    received_condition,
    resolved_condition,
    working_calendar,
)

if TYPE_CHECKING:
    from counterapp.config import SiteConfig


@dataclass
class DossierLine:
    """One dossier received or resolved in the period (the list sheet of the XLSX)."""

    code: str
    procedure_code: str
    procedure_name: str
    field_name: str
    officer: str
    channel: int
    status: int
    received_at: datetime
    due_at: datetime | None
    current_due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    on_time: bool | None
    working_days: float | None
    fees_paid_vnd: int
    digitized: bool

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        for name in ("received_at", "due_at", "current_due_at", "finished_at", "returned_at"):
            data[name] = data[name].isoformat() if data[name] else None
        return data


def period_dossiers(session: Session, config: SiteConfig, period: Period, *, limit: int | None = None) -> list[DossierLine]:
    """The dossiers behind the figures: received or resolved in the period (refused at intake
    left out), oldest receipt first; working days per resolved dossier as in the figures."""
    from counterapp.calendar.pauses import working_minutes_between

    first, after = period.bounds(config.zone)
    paid = (
        select(func.coalesce(func.sum(DossierFee.amount_vnd), 0))
        .where(DossierFee.dossier_id == Dossier.id, DossierFee.paid.is_(True), DossierFee.method != "free")
        .scalar_subquery()
    )
    query = (
        select(Dossier, paid, digitized_condition())
        .where(or_(received_condition(first, after), resolved_condition(first, after)))
        .order_by(Dossier.received_at, Dossier.id)
    )
    if limit is not None:
        query = query.limit(limit)
    rows = session.execute(query).all()
    cal = None
    lines = []
    for dossier, paid_vnd, digitized in rows:
        resolved = dossier.finished_at is not None and dossier.status in (DossierStatus.FINISHED, DossierStatus.RETURNED)
        on_time = working_days = None
        if resolved:
            on_time = dossier.due_at is None or dossier.finished_at <= dossier.due_at
            if cal is None:
                earliest = rows[0][0].received_at.astimezone(config.zone).date()
                cal = working_calendar(session, config, earliest, max(period.end, datetime.now(config.zone).date()))
            minutes = working_minutes_between(dossier.received_at, dossier.finished_at, cal) - int(dossier.paused_minutes or 0)
            working_days = round(minutes / cal.day_minutes, 2)
        lines.append(DossierLine(
            code=dossier.code, procedure_code=dossier.procedure_code, procedure_name=dossier.procedure_name,
            field_name=dossier.field_name or "", officer=dossier.officer or "", channel=int(dossier.channel),
            status=int(dossier.status), received_at=dossier.received_at, due_at=dossier.due_at,
            current_due_at=dossier.current_due_at, finished_at=dossier.finished_at if resolved else None,
            returned_at=dossier.returned_at, on_time=on_time, working_days=working_days,
            fees_paid_vnd=int(paid_vnd or 0), digitized=bool(digitized),
        ))
    return lines


__all__ = ["DossierLine", "period_dossiers"]
