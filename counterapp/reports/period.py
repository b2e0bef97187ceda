"""A period's figures: what a supervisor is judged on (the province's indicators: on time,
late, refused, digitized, fees), for any dates, from this counter's own database, offline.

Why here and not in the window: the dashboard, `counterapp report` (JSON, XLSX, PDF) and
bench/report.py all call `period_report`, so the window and the printed report can never
disagree. Every figure says where it comes from (`source`: "counter" = this counter's
database; figures pulled from the portal would say "agency").

The period is whole days in the site's zone, both ends included (`Period`; presets with
`period_for("day"|"week"|"month"|"quarter"|"year", day)`). What each figure counts:
- received: dossiers received in the period (`received_at`), not counting those refused at
  intake (status 3 with no ledger line: they were never received);
- resolved: dossiers whose result was settled in the period (`finished_at`, NgayKetThucXuLy)
  and that are processed (9) or returned (10);
- on_time / late: of those, finished no later than the ORIGINAL appointment `due_at`
  (NgayHenTra; a new date given with form 04 and the clock pauses move only
  `current_due_at` / `rescheduled_due_at`, never `due_at`). A dossier with no appointment
  (a procedure without a time limit) counts as on time; on_time_rate = on_time / resolved;
- returned: results handed to the citizen in the period (`returned_at`);
- refused: refusals made in the period, at intake or after receipt (status changes to 3);
- completion_requests: requests to complete (form 02) issued in the period for paper
  dossiers not received (the `completion_requests` register, dossiers_0007);
- documents_requested: received dossiers sent back to the citizen for documents in the
  period (status changes to 5);
- avg_working_days (and _hours, _minutes): mean working time from receipt to result of the
  resolved dossiers, in the site's working calendar (counterapp/calendar: sessions, days
  off, make-up days), minus the time waiting on the citizen (`paused_minutes`, statuses 5/6);
- digitized / digitized_share: received dossiers with at least one digitized document
  (`attachments`, not deleted) / received;
- fees_collected_vnd: fees recorded as paid in the period (`paid_at`), waived ones ("free")
  excluded; VND as int.
Grouped `by` procedure, field (lĩnh vực), officer (who received the dossier) or channel, every
figure is attributed to its dossier's group; form 02 requests to theirs (channel: counter).

Speed (bench/report.py, 1,000,000 dossiers over 4 years; figures in the README): each figure
is one pass over an index range of the reports_0001 covering indexes (counterapp/reports/
period_sql.py). Working time is summed, not measured dossier by dossier: working minutes from r
to f = W(f) - W(r), where W(t) = working minutes of the calendar's days before t's local day (a
TEMP table of days, filled per report from counterapp/calendar) + the minutes of t's day's
sessions already past (SQL arithmetic). It equals calendar.pauses.working_minutes_between
dossier by dossier (tests/reports). The site zone's UTC offset at the period's start is used
for local days (Vietnam has had no daylight saving since 1975; a zone with DST would misplace
instants within an hour of a change).
"""

from __future__ import annotations

import calendar as _stdcal
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, exists, not_, or_
from sqlalchemy.orm import Session

from counterapp.digitize.models import Attachment
from counterapp.dossiers.models import Dossier
from counterapp.dossiers.status import DossierStatus

if TYPE_CHECKING:
    from counterapp.calendar.working_time import WorkingCalendar
    from counterapp.config import SiteConfig

SOURCE_COUNTER = "counter"
"""Figures computed from this counter's database (the portal's would be "agency")."""

BY_CHOICES = ("procedure", "field", "officer", "channel")
PERIOD_KINDS = ("day", "week", "month", "quarter", "year")
CHANNEL_LABELS = {1: ("Trực tiếp", "at the counter"), 2: ("Trực tuyến", "online"), 3: ("Bưu chính", "by post")}
UNKNOWN_LABEL = "(không rõ / unknown)"

FIGURE_LABELS: dict[str, tuple[str, str]] = {
    "received": ("Tiếp nhận", "Received"),
    "resolved": ("Đã giải quyết", "Resolved"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Trễ hạn", "Late"),
    "on_time_rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "returned": ("Đã trả kết quả", "Returned"),
    "refused": ("Từ chối", "Refused"),
    "completion_requests": ("Yêu cầu bổ sung (mẫu 02)", "Requests to complete (form 02)"),
    "documents_requested": ("Yêu cầu bổ sung khi xử lý", "Documents requested while processing"),
    "avg_working_days": ("Thời gian giải quyết TB (ngày làm việc)", "Average time to result (working days)"),
    "digitized": ("Đã số hoá", "Digitized"),
    "digitized_share": ("Tỷ lệ số hoá", "Share digitized"),
    "fees_collected_vnd": ("Phí, lệ phí đã thu (VND)", "Fees collected (VND)"),
}
"""Every figure's name for officers (Vietnamese, English), in the order reports show them."""


class ReportError(ValueError):
    """Bad report input (dates, grouping); the message is Vietnamese / English."""


# --------------------------------------------------------------------------- the period
@dataclass(frozen=True)
class Period:
    """Whole days in the site's zone, `start` to `end` both included."""

    start: date
    end: date
    kind: str = "custom"  # "day" | "week" | "month" | "quarter" | "year" | "custom"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ReportError(
                f"Ngày kết thúc {self.end:%d/%m/%Y} trước ngày bắt đầu {self.start:%d/%m/%Y} / "
                f"the end date {self.end.isoformat()} is before the start date {self.start.isoformat()}"
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self, zone: Any) -> tuple[datetime, datetime]:
        """[first instant, first instant after) in UTC."""
        first = datetime.combine(self.start, time(0), tzinfo=zone).astimezone(UTC)
        after = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
        return first, after

    @property
    def label(self) -> str:
        """"01/03/2026 - 31/03/2026" (one date for a single day)."""
        if self.start == self.end:
            return f"{self.start:%d/%m/%Y}"
        return f"{self.start:%d/%m/%Y} - {self.end:%d/%m/%Y}"

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "kind": self.kind, "days": self.days}


def period_for(kind: str, day: date) -> Period:
    """The day, week (Monday-Sunday), month, quarter or year that holds `day`."""
    if kind == "day":
        return Period(day, day, kind)
    if kind == "week":
        monday = day - timedelta(days=day.weekday())
        return Period(monday, monday + timedelta(days=6), kind)
    if kind == "month":
        return Period(day.replace(day=1), day.replace(day=_stdcal.monthrange(day.year, day.month)[1]), kind)
    if kind == "quarter":
        first_month = 3 * ((day.month - 1) // 3) + 1
        last_month = first_month + 2
        return Period(date(day.year, first_month, 1),
                      date(day.year, last_month, _stdcal.monthrange(day.year, last_month)[1]), kind)
    if kind == "year":
        return Period(date(day.year, 1, 1), date(day.year, 12, 31), kind)
    raise ReportError(f"Kỳ không hợp lệ: {kind!r} ({', '.join(PERIOD_KINDS)}) / unknown period {kind!r}")


# --------------------------------------------------------------------------- the figures
@dataclass
class Figures:
    """One set of figures: the totals (`key` None) or one group's."""

    key: str | None = None
    label: str = ""
    received: int = 0
    resolved: int = 0
    on_time: int = 0
    late: int = 0
    returned: int = 0
    refused: int = 0
    completion_requests: int = 0
    documents_requested: int = 0
    digitized: int = 0
    working_minutes: int = 0
    """Sum over the resolved dossiers (the average's numerator)."""
    fees_collected_vnd: int = 0
    day_minutes: int = field(default=480, repr=False)
    """Working minutes in one working day of the site's calendar (480 = 8 h)."""
    source: str = SOURCE_COUNTER

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.resolved if self.resolved else None

    @property
    def digitized_share(self) -> float | None:
        return self.digitized / self.received if self.received else None

    @property
    def avg_working_minutes(self) -> float | None:
        return self.working_minutes / self.resolved if self.resolved else None

    @property
    def avg_working_hours(self) -> float | None:
        avg = self.avg_working_minutes
        return avg / 60 if avg is not None else None

    @property
    def avg_working_days(self) -> float | None:
        avg = self.avg_working_minutes
        return avg / self.day_minutes if avg is not None and self.day_minutes else None

    def add(self, other: Figures) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, Any]:
        def rounded(value: float | None, digits: int) -> float | None:
            return round(value, digits) if value is not None else None

        data: dict[str, Any] = {"key": self.key, "label": self.label, "source": self.source}
        data.update({name: getattr(self, name) for name in _COUNTS})
        data.update({
            "on_time_rate": rounded(self.on_time_rate, 4),
            "digitized_share": rounded(self.digitized_share, 4),
            "avg_working_minutes": rounded(self.avg_working_minutes, 1),
            "avg_working_hours": rounded(self.avg_working_hours, 2),
            "avg_working_days": rounded(self.avg_working_days, 2),
        })
        return data


_COUNTS = ("received", "resolved", "on_time", "late", "returned", "refused", "completion_requests",
           "documents_requested", "digitized", "working_minutes", "fees_collected_vnd")


@dataclass
class WeekFigures:
    """One week (Monday `start`) of the chart: received, and resolved on time / late."""

    start: date
    received: int = 0
    on_time: int = 0
    late: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"week": self.start.isoformat(), "received": self.received, "on_time": self.on_time, "late": self.late}


@dataclass
class PeriodReport:
    """A period's figures: totals, groups (when `by`), weeks; JSON with `as_dict()`."""

    period: Period
    by: str | None
    totals: Figures
    groups: list[Figures]
    weeks: list[WeekFigures]
    agency_code: str = ""
    agency_name: str = ""
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    day_minutes: int = 480
    source: str = SOURCE_COUNTER

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.as_dict(),
            "by": self.by,
            "source": self.source,
            "agency_code": self.agency_code,
            "agency_name": self.agency_name,
            "generated_at": self.generated_at.isoformat(),
            "working_day_minutes": self.day_minutes,
            "totals": self.totals.as_dict(),
            "groups": [g.as_dict() for g in self.groups],
            "weeks": [w.as_dict() for w in self.weeks],
        }


# --------------------------------------------------------------------------- SQL pieces
def _offset_minutes(zone: Any, day: date) -> int:
    offset = datetime.combine(day, time(12), tzinfo=zone).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def received_condition(first: datetime, after: datetime) -> Any:
    """Received in [first, after): refused at intake (status 3, no ledger line) never was."""
    return and_(
        Dossier.received_at >= first, Dossier.received_at < after,
        not_(and_(Dossier.status == int(DossierStatus.REFUSED), Dossier.ledger_line.is_(None))),
    )


def resolved_condition(first: datetime, after: datetime) -> Any:
    """Result settled in [first, after), processed or returned."""
    return and_(
        Dossier.finished_at >= first, Dossier.finished_at < after,
        Dossier.status.in_((int(DossierStatus.FINISHED), int(DossierStatus.RETURNED))),
    )


def on_time_condition() -> Any:
    """Finished no later than the original appointment (or no appointment at all)."""
    return or_(Dossier.due_at.is_(None), Dossier.finished_at <= Dossier.due_at)


def digitized_condition() -> Any:
    return exists().where(Attachment.dossier_id == Dossier.id, Attachment.deleted.is_(False))


# --------------------------------------------------------------------------- the report
def working_calendar(session: Session, config: SiteConfig, first: date, last: date) -> WorkingCalendar:
    """The site's working calendar in force for the years `first` to `last` (counterapp/calendar)."""
    from counterapp.calendar.service import load_calendar

    return load_calendar(session, config, years=list(range(first.year, last.year + 1)))


def period_report(session: Session, config: SiteConfig, period: Period, by: str | None = None) -> PeriodReport:
    """The period's figures in total and, with `by`, per procedure | field | officer | channel
    (groups sorted by received, then resolved, descending), and the weekly series."""
    from counterapp.reports import period_sql as q

    if by not in q.KEY_SQL:
        raise ReportError(f"Nhóm theo không hợp lệ: {by!r} ({', '.join(BY_CHOICES)}) / unknown grouping {by!r}")
    zone = config.zone
    first, after = period.bounds(zone)
    off = _offset_minutes(zone, period.start)
    first_monday = period.start - timedelta(days=period.start.weekday())
    monday = q.day_number(first_monday)
    groups: dict[str, Figures] = {}
    weeks = {first_monday + timedelta(days=7 * i): WeekFigures(first_monday + timedelta(days=7 * i))
             for i in range((period.end - first_monday).days // 7 + 1)}  # every week, empty ones too

    def group(key: Any) -> Figures:
        name = "" if key is None else str(key)
        figures = groups.get(name)
        if figures is None:
            figures = groups[name] = Figures(key=name)
        return figures

    def week(index: int) -> WeekFigures:
        return weeks[first_monday + timedelta(days=7 * int(index))]

    for key, wk, count, digitized in q.received_rows(session, by, first, after, off, monday):
        g = group(key)
        g.received += count
        g.digitized += int(digitized or 0)
        week(wk).received += count

    sessions = tuple((o.hour * 60 + o.minute, c.hour * 60 + c.minute) for o, c in config.working_time.sessions)
    day_minutes = sum(c - o for o, c in sessions)
    span = q.resolved_days(session, first, after, off)
    if span is not None:
        low, high = span
        calendar = working_calendar(session, config, q.day_of(low), q.day_of(high))
        day_minutes = q.load_days(session, calendar, low, high)
        for key, wk, count, on_time, minutes in q.resolved_rows(session, by, first, after, off, monday, sessions):
            g = group(key)
            g.resolved += count
            g.on_time += int(on_time or 0)
            g.late += count - int(on_time or 0)
            g.working_minutes += int(minutes or 0)
            w = week(wk)
            w.on_time += int(on_time or 0)
            w.late += count - int(on_time or 0)

    for key, count in q.returned_rows(session, by, first, after):
        group(key).returned += count
    for key, to_status, count in q.status_rows(session, by, first, after):
        if to_status == DossierStatus.REFUSED:
            group(key).refused += count
        else:
            group(key).documents_requested += count
    for key, amount in q.fee_rows(session, by, first, after):
        group(key).fees_collected_vnd += int(amount or 0)
    for key, count in q.completion_rows(session, by, first, after):
        group(key).completion_requests += count

    names = q.labels(session, by, list(groups), first, after)
    totals = Figures(key=None, label="Tổng cộng / total", day_minutes=day_minutes)
    for figures in groups.values():
        figures.day_minutes = day_minutes
        figures.label = _group_label(by, figures.key or "", names.get(figures.key or ""))
        totals.add(figures)
    ordered = sorted(groups.values(), key=lambda g: (-g.received, -g.resolved, g.label)) if by else []
    return PeriodReport(
        period=period, by=by, totals=totals, groups=ordered, weeks=[weeks[k] for k in sorted(weeks)],
        agency_code=config.agency_code, agency_name=config.agency_name, day_minutes=day_minutes,
    )


def _group_label(by: str | None, key: str, label: str | None) -> str:
    if by == "channel":
        try:
            vi, en = CHANNEL_LABELS[int(key)]
            return f"{vi} / {en}"
        except (KeyError, ValueError):
            return f"Kênh {key} / channel {key}"
    if by == "procedure":
        return f"{key} {label}".strip() if label else key or UNKNOWN_LABEL
    return (label or key or "").strip() or UNKNOWN_LABEL


__all__ = [
    "BY_CHOICES", "CHANNEL_LABELS", "FIGURE_LABELS", "Figures", "PERIOD_KINDS", "Period",
    "PeriodReport", "ReportError", "SOURCE_COUNTER", "WeekFigures", "digitized_condition", "on_time_condition",
    "period_for", "period_report", "received_condition", "resolved_condition", "working_calendar",
]
