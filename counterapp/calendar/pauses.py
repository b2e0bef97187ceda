"""Clock pauses: how much working time passed while a dossier waited on the citizen, and
where its appointment moves when the wait ends.

Time spent waiting for missing documents (status 5) or for a payment (status 6) does not
count against the administration. When the dossier goes back to work, its appointment
moves later by the *working* time of the wait, measured with the same rules the
appointment was computed with (the dossier's calendar snapshot): a wait from Friday 10:00
to Monday 10:00 is one working day (480 minutes with the default sessions), not three
calendar days. The arithmetic of adding working time is duedate.py's
(`counting_start`, `add_working_minutes`); this module only measures and delegates.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from counterapp.calendar.duedate import add_working_minutes, counting_start
from counterapp.calendar.working_time import CalendarSnapshotError, WorkingCalendar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from counterapp.config import SiteConfig


def _local(instant: datetime, calendar: WorkingCalendar) -> tuple[date, int]:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("Thời điểm thiếu múi giờ / the instant must be timezone-aware")
    local = instant.astimezone(calendar.zone)
    return local.date(), local.hour * 60 + local.minute


def working_minutes_between(start: datetime, end: datetime, calendar: WorkingCalendar) -> int:
    """Working minutes in [start, end): inside the sessions of working days only, both
    instants truncated to the minute in `calendar.zone`. 0 when `end` is not after `start`."""
    if end <= start:
        return 0
    first_day, first_minute = _local(start, calendar)
    last_day, last_minute = _local(end, calendar)
    sessions = calendar.session_minutes
    total = 0
    day = first_day
    while day <= last_day:
        if calendar.is_working_day(day):
            low = first_minute if day == first_day else 0
            high = last_minute if day == last_day else 24 * 60
            for opening, closing in sessions:
                total += max(0, min(closing, high) - max(opening, low))
        day += timedelta(days=1)
    return total


def shift_by_working_minutes(when: datetime, minutes: int, calendar: WorkingCalendar) -> datetime:
    """`when` moved later by `minutes` of working time (aware, in `calendar.zone`).

    An appointment at a session's close (17:30) or on a day off (a "calendar days"
    appointment on a Sunday) counts on from the next opening of a working day.
    0 or fewer minutes: `when` unchanged."""
    if minutes <= 0:
        return when
    start = counting_start(when, calendar)
    return add_working_minutes(start.date(), start.hour * 60 + start.minute, int(minutes), calendar)


def dossier_calendar(session: Session, config: SiteConfig, due_rule: dict[str, Any] | None,
                     received_at: datetime) -> WorkingCalendar:
    """The working rules a dossier's appointment was computed with: the snapshot kept in its
    due rule, or (older dossiers without one) the calendar in force for its receipt."""
    snapshot = (due_rule or {}).get("calendar")
    if snapshot:
        try:
            return WorkingCalendar.from_snapshot(snapshot)
        except CalendarSnapshotError:
            pass
    from counterapp.calendar.service import calendar_for_receipt

    return calendar_for_receipt(session, config, received_at)


__all__ = ["dossier_calendar", "shift_by_working_minutes", "working_minutes_between"]
