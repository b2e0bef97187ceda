"""Appointment-date (ngày hẹn trả) arithmetic.

Rules:
1. A dossier received inside a session starts counting at that instant; received
   outside one, at the opening of the next session on a counting day. Sessions are
   half-open: received exactly at a session's close (11:30) is outside it. With a
   cut-off (a procedure's "GIOTIEPNHANTOIDA", or "sau 15 giờ" in its time text), a
   dossier received at or after the cut-off (local time) counts from the opening of
   the next working day. Only counting days (`WorkingCalendar.counting_weekdays`, plus
   make-up days) count: a dossier received on a reception-only Saturday counts from
   the next counting day.
2. Durations: "workday" N = N x (working minutes per day, 480 for the default
   sessions); "workhour" N = N x 60 working minutes; "day" N: see `compute_due`.
3. The appointment is the instant when that much working time has passed, counted
   only inside sessions on working days; a duration ending exactly at a session's
   close ends there (11:30, not 13:30).
4. Same-day procedures ("ngay trong ngày", "trả ngay", or a time limit of 0): the
   close of the day the dossier counts from (the receiving working day, or the next
   one when received after the close, on a day off, or at/after the cut-off).
5. Calendar days ("Ngày", Bộ luật Dân sự 2015 art. 147-148): the close of the working
   day on or after (the day the dossier counts from + N); a last day on a weekend or
   holiday moves to the next working day. A fraction of a day counts as a whole day.

Everything is computed in local wall-clock minutes of `calendar.zone` with integer
arithmetic; instants are truncated to the minute (received at 14:59:59 counts as 14:59).
Which rule produced a date, in words, is `counterapp.calendar.rules`' business.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from counterapp.calendar.working_time import WorkingCalendar

MINUTES_PER_DAY = 24 * 60
# Searching for a working day gives up after this many calendar days (a calendar with
# no working day at all would otherwise loop for ever).
MAX_SEARCH_DAYS = 366 * 20


class DurationUnit(StrEnum):
    WORKDAY = "workday"
    WORKHOUR = "workhour"
    DAY = "day"


def _fold(text: str) -> str:
    """Lower case, no diacritics (đ -> d), single spaces, no trailing punctuation."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\s_\-]+", " ", text.casefold()).strip(" .;,:")
    return text


_UNIT_NAMES = {
    "ngay lam viec": DurationUnit.WORKDAY,
    "gio lam viec": DurationUnit.WORKHOUR,
    "ngay": DurationUnit.DAY,
    # the enum values themselves (and the CLI's spelling)
    "workday": DurationUnit.WORKDAY,
    "workhour": DurationUnit.WORKHOUR,
    "day": DurationUnit.DAY,
}


def unit_from_catalog(text: str) -> DurationUnit:
    """The unit named by the catalog's DONVITINH ("Ngày làm việc", "Giờ làm việc", "Ngày").

    Tolerant of case, diacritics and surrounding spaces ("ngay lam viec", "NGÀY LÀM VIỆC");
    also accepts the enum values ("workday", ...). Anything else -> ValueError.
    """
    unit = _UNIT_NAMES.get(_fold(str(text)))
    if unit is None:
        raise ValueError(
            f"Đơn vị thời gian không rõ: {text!r} (cần 'Ngày làm việc', 'Giờ làm việc' hoặc 'Ngày') / "
            f"unknown time unit {text!r} (expected 'Ngày làm việc', 'Giờ làm việc' or 'Ngày')"
        )
    return unit


def parse_cutoff(text: str | None) -> time | None:
    """A cut-off "HH:MM" (the catalog's GIOTIEPNHANTOIDA / Procedure.cutoff_time) as a time.

    None or "" -> None (no cut-off). Anything else not HH:MM -> ValueError (vi / en).
    """
    if text is None or not str(text).strip():
        return None
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", str(text).strip())
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"Giờ tiếp nhận tối đa cần dạng HH:MM, nhận {text!r} / cut-off must be HH:MM, got {text!r}")
    return time(int(match.group(1)), int(match.group(2)))


# --------------------------------------------------------------------------- helpers
def _local_minute(received_at: datetime, calendar: WorkingCalendar) -> tuple[date, int]:
    if received_at.tzinfo is None or received_at.utcoffset() is None:
        raise ValueError(
            "Thời điểm tiếp nhận thiếu múi giờ / received_at must be timezone-aware"
        )
    local = received_at.astimezone(calendar.zone)
    return local.date(), local.hour * 60 + local.minute


def _at(d: date, minute: int, calendar: WorkingCalendar) -> datetime:
    """Aware datetime for local date `d` at `minute` past midnight (minute may be 1440)."""
    extra_days, minute = divmod(minute, MINUTES_PER_DAY)
    return datetime.combine(d + timedelta(days=extra_days), time(minute // 60, minute % 60), tzinfo=calendar.zone)


def _next_working_day(d: date, calendar: WorkingCalendar, *, include: bool) -> date:
    """The first working day after `d` (or on it, with include=True)."""
    day = d if include else d + timedelta(days=1)
    for _ in range(MAX_SEARCH_DAYS):
        if calendar.is_working_day(day):
            return day
        day += timedelta(days=1)
    raise ValueError(
        "Lịch không có ngày làm việc nào / the calendar has no working day"
    )


def _advance_working_days(d: date, count: int, calendar: WorkingCalendar) -> date:
    """The `count`-th working day after working day `d` (count >= 0).

    Whole weeks with no exception day are skipped in one step, so long durations stay fast.
    """
    per_week = len(calendar.counting_weekdays)  # type: ignore[arg-type]
    last_exception = calendar.last_exception
    day = d
    while count > 0:
        if (
            per_week
            and count > per_week
            and not calendar.has_exception_between(day + timedelta(days=1), day + timedelta(days=7))
        ):
            day += timedelta(days=7)
            count -= per_week
            continue
        if not per_week and (last_exception is None or day >= last_exception):
            raise ValueError("Lịch không có ngày làm việc nào / the calendar has no working day")
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            count -= 1
    return day


def _duration_minutes(amount: float, minutes_per_unit: int) -> int:
    return int(round(amount * minutes_per_unit))


def _check_amount(amount: float) -> float:
    try:
        value = float(amount)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"Thời hạn không phải số / duration is not a number: {amount!r}") from exc
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"Thời hạn không hợp lệ / duration is not finite: {amount!r}")
    if value < 0:
        raise ValueError(f"Thời hạn không được âm / duration must not be negative: {amount!r}")
    return value


# --------------------------------------------------------------------------- public
def _start_minute(received_at: datetime, calendar: WorkingCalendar, cutoff: time | None) -> tuple[date, int]:
    d, m = _local_minute(received_at, calendar)
    sessions = calendar.session_minutes
    first_open = sessions[0][0]
    if cutoff is not None and m >= cutoff.hour * 60 + cutoff.minute:
        return _next_working_day(d, calendar, include=False), first_open
    if calendar.is_working_day(d):
        for opening, closing in sessions:
            if m < opening:
                return d, opening
            if m < closing:  # half-open: at the close the session is over
                return d, m
    return _next_working_day(d, calendar, include=False), first_open


def counting_start(received_at: datetime, calendar: WorkingCalendar, cutoff: time | None = None) -> datetime:
    """The instant from which working time counts (rule 1), aware, in `calendar.zone`.

    `received_at` must be timezone-aware (ValueError otherwise); it is truncated to the minute.
    """
    d, m = _start_minute(received_at, calendar, cutoff)
    return _at(d, m, calendar)


def add_working_minutes(start_day: date, start_minute: int, minutes: int, calendar: WorkingCalendar) -> datetime:
    """The instant `minutes` working minutes after (start_day, start_minute).

    The start must be a counting start (a working day, inside a session or at an
    opening). A duration that ends exactly at a session's close ends there.
    """
    if minutes <= 0:
        return _at(start_day, start_minute, calendar)
    sessions = calendar.session_minutes
    day_minutes = calendar.day_minutes
    remaining = minutes
    # What is left of the start day.
    for opening, closing in sessions:
        if closing <= start_minute:
            continue
        begin = max(opening, start_minute)
        available = closing - begin
        if remaining <= available:
            return _at(start_day, begin + remaining, calendar)
        remaining -= available
    # Whole working days in one step, leaving 0 < remaining <= day_minutes for the last day.
    whole_days = (remaining - 1) // day_minutes
    remaining -= whole_days * day_minutes
    day = _advance_working_days(start_day, whole_days + 1, calendar)
    for opening, closing in sessions:
        available = closing - opening
        if remaining <= available:
            return _at(day, opening + remaining, calendar)
        remaining -= available
    raise AssertionError("unreachable: remaining exceeded one working day")  # pragma: no cover


def compute_due(
    received_at: datetime,
    amount: float,
    unit: DurationUnit,
    calendar: WorkingCalendar,
    cutoff: time | None = None,
    *,
    same_day: bool = False,
) -> datetime:
    """The appointment (hẹn trả) for a dossier received at `received_at`.

    Returns an aware datetime in `calendar.zone`, whole minutes. `received_at` must be
    aware. `amount` must be finite and >= 0 (ValueError otherwise).

    - `same_day=True`, or amount 0 whatever the unit: the close of the last session of
      the day the dossier counts from (the receiving working day; the next working day
      when received at/after the cut-off, after the close, or on a day that does not count).
    - WORKDAY: amount x the working minutes of one day (sum of the sessions; 8 h by default),
      counted inside sessions on counting days from the counting start.
    - WORKHOUR: amount x 60 working minutes, counted the same way.
    - DAY (calendar days): the day the dossier counts from + amount days (a fraction
      rounds up to a whole day); if that day is a weekend or holiday, the next working
      day; due at the close of that day's last session. Days off in between count.
    """
    value = _check_amount(amount)
    unit = DurationUnit(unit)
    from counterapp.validation import time_limit_problem  # ten years at most (a typo stored as 1e300)

    too_long = time_limit_problem(value, "workhour" if unit is DurationUnit.WORKHOUR else "day")
    if too_long:
        raise ValueError(too_long)
    start_day, start_minute = _start_minute(received_at, calendar, cutoff)
    close = calendar.session_minutes[-1][1]
    if same_day or value == 0:
        return _at(start_day, close, calendar)
    if unit is DurationUnit.DAY:
        last_day = start_day + timedelta(days=math.ceil(value))
        return _at(_next_working_day(last_day, calendar, include=True), close, calendar)
    per_unit = calendar.day_minutes if unit is DurationUnit.WORKDAY else 60
    return add_working_minutes(start_day, start_minute, _duration_minutes(value, per_unit), calendar)
