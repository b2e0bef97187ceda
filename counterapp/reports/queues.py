"""The supervisor's queues: what to act on today, each row with the one thing to do about it.

- due_soon: open dossiers (2, 4, 5, 6) whose appointment in force falls today or on the next
  working day (the site's working calendar: on a Friday "tomorrow" is Monday, after a holiday
  the day after it). Action: form 04 (apology and new date) before it is late.
- overdue: dossiers with the administration (2, 4) past their appointment in force, grouped
  by working days late (`OVERDUE_BUCKETS`). Days late = working days after the day the
  appointment fell on, up to and including today; 0 = it passed earlier today. Action: form 04.
- uncollected: the result is back at the counter (status 9, "đã xử lý xong") and the citizen
  has not collected it `[dashboard] uncollected_after_days` working days after it came back
  (`result_received_at`, else `finished_at`). Action: call (the phone is shown; the call is
  marked with who and when, counterapp/reports/marks.py).
- follow_up: requests to complete (form 02 register, dossiers_0007) still open
  `[dashboard] follow_up_after_days` working days after they were issued and never followed
  up. Action: mark followed up (the request leaves this queue; it stays open in the register).

Working days, not calendar days, because the citizen cannot come (nor the counter call) on a
day off: three days after a Friday result is Wednesday, not Monday.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, literal, literal_column, select
from sqlalchemy.orm import Session

from counterapp.calendar.service import load_calendar
from counterapp.calendar.working_time import WorkingCalendar
from counterapp.config import SiteConfig
from counterapp.db.base import UTCDateTime
from counterapp.dossiers.models import CompletionRequest, Dossier
from counterapp.dossiers.status import OPEN_STATUSES, RUNNING_STATUSES, DossierStatus
from counterapp.reports.marks import MARK_CALLED, MARK_FOLLOWED_UP, MarkInfo, QueueMark, last_marks
from counterapp.reports.today import SCOPE_COUNTER, DossierItem, _now, day_bounds, item_of, item_options

DEFAULT_UNCOLLECTED_AFTER_DAYS = 3
DEFAULT_FOLLOW_UP_AFTER_DAYS = 2

OVERDUE_BUCKETS: tuple[tuple[str, int, int | None, str, str], ...] = (
    ("today", 0, 0, "Quá hạn trong ngày", "Late since earlier today"),
    ("1", 1, 1, "Trễ 1 ngày", "1 day late"),
    ("2-3", 2, 3, "Trễ 2–3 ngày", "2–3 days late"),
    ("4-7", 4, 7, "Trễ 4–7 ngày", "4–7 days late"),
    ("8+", 8, None, "Trễ trên 7 ngày", "More than 7 days late"),
)
"""(key, least working days late, most (None: no bound), Vietnamese, English)."""

QUEUE_KEYS = ("due_soon", "overdue", "uncollected", "follow_up")


def _setting(config: SiteConfig, key: str, default: int) -> int:
    section = config.section("dashboard")
    value = section.get(key, default)
    return int(value) if value is not None else default


def uncollected_after_days(config: SiteConfig) -> int:
    return _setting(config, "uncollected_after_days", DEFAULT_UNCOLLECTED_AFTER_DAYS)


def follow_up_after_days(config: SiteConfig) -> int:
    return _setting(config, "follow_up_after_days", DEFAULT_FOLLOW_UP_AFTER_DAYS)


# --------------------------------------------------------------------------- working days
class WorkingDays:
    """Working days between two dates, counted once from a sorted list (fast for many rows)."""

    def __init__(self, calendar: WorkingCalendar, first: date, last: date) -> None:
        self.calendar = calendar
        self.first, self.last = first, last
        days, day = [], first
        while day <= last:
            if calendar.is_working_day(day):
                days.append(day)
            day += timedelta(days=1)
        self.days = days

    def after_until(self, start: date, end: date) -> int:
        """Working days d with start < d <= end (0 when end <= start)."""
        if end <= start:
            return 0
        return bisect_right(self.days, end) - bisect_right(self.days, start)

    def next_after(self, day: date) -> date:
        i = bisect_right(self.days, day)
        if i < len(self.days):
            return self.days[i]
        probe = day + timedelta(days=1)
        for _ in range(400):
            if self.calendar.is_working_day(probe):
                return probe
            probe += timedelta(days=1)
        raise ValueError("Lịch không có ngày làm việc nào / the calendar has no working day")

    def cutoff(self, today: date, n: int) -> date:
        """The last day whose later working days up to `today` number at least `n`: a result
        back on or before it has waited `n` working days or more (`today` itself for n = 0)."""
        if n <= 0:
            return today
        i = bisect_right(self.days, today)
        if i - n < 0:
            raise ValueError("working-day range too short / khoảng ngày làm việc quá ngắn")
        return self.days[i - n] - timedelta(days=1)

    def contains(self, day: date) -> bool:
        i = bisect_left(self.days, day)
        return i < len(self.days) and self.days[i] == day


def working_days(session: Session, config: SiteConfig, first: date, last: date) -> WorkingDays:
    last = max(last, first)
    calendar = load_calendar(session, config, range(first.year, last.year + 2))
    return WorkingDays(calendar, first, last + timedelta(days=31))


# --------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class RequestItem:
    """A request to complete (form 02 register) in the follow-up queue."""

    number: str
    applicant_name: str
    phone: str | None
    procedure_code: str
    procedure_name: str
    created_at: datetime
    working_days_open: int
    missing: tuple[str, ...]
    officer: str

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "applicant_name": self.applicant_name, "phone": self.phone,
                "procedure_code": self.procedure_code, "procedure_name": self.procedure_name,
                "created_at": self.created_at.isoformat(), "working_days_open": self.working_days_open,
                "missing": list(self.missing), "officer": self.officer}


@dataclass(frozen=True)
class OverdueBucket:
    key: str
    label_vi: str
    label_en: str
    items: tuple[DossierItem, ...]


@dataclass(frozen=True)
class Queues:
    day: date
    at: datetime
    next_working_day: date
    uncollected_after_days: int
    follow_up_after_days: int
    due_soon: tuple[DossierItem, ...]  # extra: due_day "today" | "tomorrow"
    overdue: tuple[OverdueBucket, ...]  # extra: days_late
    uncollected: tuple[DossierItem, ...]  # extra: days_waiting, last_called (MarkInfo | None)
    follow_up: tuple[RequestItem, ...]
    scope: str = SCOPE_COUNTER
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def overdue_items(self) -> list[DossierItem]:
        return [item for bucket in self.overdue for item in bucket.items]

    def to_dict(self) -> dict[str, Any]:
        def mark(value: Any) -> Any:
            if isinstance(value, MarkInfo):
                return {"at": value.at.isoformat(), "by": value.by, "note": value.note}
            return value

        def dossier(item: DossierItem) -> dict[str, Any]:
            data = item.to_dict()
            return {k: mark(v) for k, v in data.items()}

        return {
            "day": self.day.isoformat(), "at": self.at.isoformat(), "scope": self.scope,
            "next_working_day": self.next_working_day.isoformat(),
            "uncollected_after_days": self.uncollected_after_days,
            "follow_up_after_days": self.follow_up_after_days,
            "due_soon": [dossier(i) for i in self.due_soon],
            "overdue": [{"bucket": b.key, "label_vi": b.label_vi, "label_en": b.label_en,
                         "dossiers": [dossier(i) for i in b.items]} for b in self.overdue],
            "uncollected": [dossier(i) for i in self.uncollected],
            "follow_up": [r.to_dict() for r in self.follow_up],
        }


def _bucket_of(days_late: int) -> str:
    for key, least, most, _vi, _en in OVERDUE_BUCKETS:
        if days_late >= least and (most is None or days_late <= most):
            return key
    return OVERDUE_BUCKETS[-1][0]


def _codes(statuses: frozenset[DossierStatus]) -> list[int]:
    return sorted(int(s) for s in statuses)


def compute_queues(session: Session, config: SiteConfig, *, now: datetime | None = None,
                   limit: int = 100) -> Queues:
    """Every queue at instant `now` (default: the site's now). Each queue lists at most
    `limit` rows (the oldest, most urgent first); `counts` has every queue's full size.
    Each queue is one indexed query cut at its threshold instant and its limit, so a counter
    with tens of thousands of uncollected results still answers at once (bench/dashboard.py: the
    four queues in 43 ms at 1,000,000 dossiers, 93,316 of them uncollected)."""
    at = _now(config, now)
    zone = config.zone
    today = at.date()
    uncollected_days = uncollected_after_days(config)
    follow_days = follow_up_after_days(config)
    days = working_days(session, config, today - timedelta(days=2 * max(uncollected_days, follow_days) + 40), today)
    tomorrow = days.next_after(today)

    # Due today and on the next working day.
    start, _ = day_bounds(today, config)
    _, end = day_bounds(tomorrow, config)
    due_condition = (Dossier.status.in_(_codes(OPEN_STATUSES)) & (Dossier.current_due_at >= start)
                     & (Dossier.current_due_at < end))
    due_rows = session.scalars(select(Dossier).options(item_options()).where(due_condition)
                               .order_by(Dossier.current_due_at.asc(), Dossier.id.asc()).limit(limit))
    due_total = _count(session, select(Dossier.id).where(due_condition))
    due_soon = tuple(
        item_of(d, due_day="today" if d.current_due_at.astimezone(zone).date() == today else "tomorrow")
        for d in due_rows)

    # Overdue by working days late.
    late_condition = Dossier.status.in_(_codes(RUNNING_STATUSES)) & (Dossier.current_due_at < at)
    overdue_rows = list(session.scalars(
        select(Dossier).options(item_options()).where(late_condition).order_by(Dossier.current_due_at.asc(), Dossier.id.asc()).limit(limit)))
    overdue_total = _count(session, select(Dossier.id).where(late_condition))
    # Results back, not collected: back on or before the day `uncollected_days` working days ago.
    # Spelled as ix_dossiers_result_back_waiting (marks.py): the literal 9, the same coalesce.
    back = func.coalesce(Dossier.result_received_at, Dossier.finished_at)
    _, back_end = day_bounds(days.cutoff(today, uncollected_days), config)
    waiting_condition = (Dossier.status == literal_column(str(int(DossierStatus.FINISHED)))) & (
        back < literal(back_end, UTCDateTime()))
    finished = list(session.scalars(select(Dossier).options(item_options()).where(waiting_condition)
                                    .order_by(back.asc(), Dossier.id.asc()).limit(limit)))
    waiting_total = _count(session, select(Dossier.id).where(waiting_condition))
    # Requests to complete still open `follow_days` working days on, never followed up.
    _, issued_end = day_bounds(days.cutoff(today, follow_days), config)
    followed = select(QueueMark.id).where(QueueMark.kind == MARK_FOLLOWED_UP,
                                          QueueMark.completion_request_id == CompletionRequest.id)
    request_condition = ((CompletionRequest.status == "open") & (CompletionRequest.created_at < issued_end)
                         & ~followed.exists())
    requests = list(session.scalars(select(CompletionRequest).where(request_condition)
                                    .order_by(CompletionRequest.created_at.asc(), CompletionRequest.id.asc())
                                    .limit(limit)))
    requests_total = _count(session, select(CompletionRequest.id).where(request_condition))

    # Working days back to the oldest row listed.
    earliest = [today]
    earliest += [overdue_rows[0].current_due_at.astimezone(zone).date()] if overdue_rows else []
    earliest += [(finished[0].result_received_at or finished[0].finished_at).astimezone(zone).date()] if finished else []
    earliest += [requests[0].created_at.astimezone(zone).date()] if requests else []
    if min(earliest) < days.first:
        days = working_days(session, config, min(earliest), today)

    grouped: dict[str, list[DossierItem]] = {b[0]: [] for b in OVERDUE_BUCKETS}
    for d in overdue_rows:
        late = days.after_until(d.current_due_at.astimezone(zone).date(), today)
        grouped[_bucket_of(late)].append(item_of(d, days_late=late))
    overdue = tuple(OverdueBucket(key, vi, en, tuple(grouped[key])) for key, _a, _b, vi, en in OVERDUE_BUCKETS)

    called = last_marks(session, MARK_CALLED, dossier_ids=[d.id for d in finished])
    uncollected = tuple(
        item_of(d, days_waiting=days.after_until((d.result_received_at or d.finished_at).astimezone(zone).date(),
                                                 today),
                result_back_at=d.result_received_at or d.finished_at, last_called=called.get(d.id))
        for d in finished)

    follow_up = tuple(
        RequestItem(r.number, r.applicant_name, r.applicant_phone, r.procedure_code, r.procedure_name, r.created_at,
                    days.after_until(r.created_at.astimezone(zone).date(), today),
                    tuple(str(m.get("name") or "") for m in r.missing), r.officer)
        for r in requests)

    queues = Queues(day=today, at=at, next_working_day=tomorrow, uncollected_after_days=uncollected_days,
                    follow_up_after_days=follow_days, due_soon=due_soon, overdue=overdue,
                    uncollected=uncollected, follow_up=follow_up)
    queues.counts.update(due_soon=due_total, overdue=overdue_total, uncollected=waiting_total,
                         follow_up=requests_total)
    return queues


def _count(session: Session, ids: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(ids.subquery())) or 0)


__all__ = [
    "DEFAULT_FOLLOW_UP_AFTER_DAYS", "DEFAULT_UNCOLLECTED_AFTER_DAYS", "OVERDUE_BUCKETS", "QUEUE_KEYS",
    "OverdueBucket", "Queues", "RequestItem", "WorkingDays", "compute_queues", "follow_up_after_days",
    "uncollected_after_days", "working_days",
]
