"""Who saw a dossier's personal data (NĐ 13/2023/NĐ-CP: log who saw and changed what).

- A view is recorded when an officer opens a dossier's details: the details pane in the
  window, `counterapp dossier show` on the command line. Moving through the list with the
  arrow keys shows many dossiers in a row; a view of the same dossier by the same officer
  through the same channel within `COALESCE` is recorded once.
- Prints and reprints are already in the print log (`print_records`); `access_entries`
  reads both, newest first, for the supervisor (`counterapp dossier access-log`).
- Changes are in each dossier's status history (who, when, what).
The log stays on the counter; it is not sent to the portal.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterapp.db.base import utcnow
from counterapp.dossiers.models import AccessRecord, Dossier, PrintRecord

COALESCE = timedelta(minutes=15)
CHANNELS = ("window", "cli")


@dataclass(frozen=True)
class AccessEntry:
    at: datetime
    dossier_code: str
    officer: str
    action: str  # "view", "print", "reprint"
    channel: str  # "window", "cli" for views; the print target ("pdf", "printer", "preview") for prints
    form: str = ""  # for prints: "receipt", "ledger", ...

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        return data


def record_view(session: Session, dossier: Dossier, officer: str, channel: str, *,
                now: datetime | None = None) -> bool:
    """Log that `officer` saw `dossier`'s details (not committed here). False when the same
    view was logged less than COALESCE ago."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    now = now or utcnow()
    recent = session.scalar(
        select(AccessRecord.id).where(
            AccessRecord.dossier_id == dossier.id, AccessRecord.officer == officer,
            AccessRecord.action == "view", AccessRecord.channel == channel, AccessRecord.at > now - COALESCE,
        ).limit(1)
    )
    if recent is not None:
        return False
    session.add(AccessRecord(dossier_id=dossier.id, dossier_code=dossier.code, officer=officer,
                             action="view", channel=channel, at=now))
    return True


def access_entries(
    session: Session,
    *,
    code: str | None = None,
    officer: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    zone: ZoneInfo | None = None,
    limit: int = 500,
) -> list[AccessEntry]:
    """Views and prints, newest first; dates are inclusive days in `zone`."""
    zone = zone or ZoneInfo("Asia/Ho_Chi_Minh")
    start = datetime.combine(date_from, time(0), tzinfo=zone) if date_from else None
    end = datetime.combine(date_to + timedelta(days=1), time(0), tzinfo=zone) if date_to else None
    limit = max(1, int(limit))

    views = select(AccessRecord).order_by(AccessRecord.at.desc()).limit(limit)
    prints = (
        select(PrintRecord, Dossier.code).join(Dossier, Dossier.id == PrintRecord.dossier_id)
        .order_by(PrintRecord.printed_at.desc()).limit(limit)
    )
    if code:
        views = views.where(AccessRecord.dossier_code == code)
        prints = prints.where(Dossier.code == code)
    if officer:
        views = views.where(AccessRecord.officer == officer)
        prints = prints.where(PrintRecord.printed_by == officer)
    if start is not None:
        views = views.where(AccessRecord.at >= start)
        prints = prints.where(PrintRecord.printed_at >= start)
    if end is not None:
        views = views.where(AccessRecord.at < end)
        prints = prints.where(PrintRecord.printed_at < end)

    entries = [AccessEntry(r.at, r.dossier_code, r.officer, r.action, r.channel) for r in session.scalars(views)]
    entries += [
        AccessEntry(p.printed_at, dossier_code, p.printed_by, "reprint" if p.reprint else "print", p.target, p.form)
        for p, dossier_code in session.execute(prints)
    ]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]


def record_view_by_code(ctx, code: str, officer: str, channel: str = "window") -> bool:  # noqa: ANN001
    """`record_view` in its own transaction (BEGIN IMMEDIATE: two views at once are
    coalesced, not both written). False when the dossier is not there or it was coalesced."""
    from counterapp.db import session_scope

    with session_scope(ctx.writer_sessions) as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        if dossier is None:
            return False
        return record_view(session, dossier, officer, channel)
