"""The working-time rules in force: zone, sessions, reception and counting weekdays, days off,
make-up days.

A `WorkingCalendar` is immutable and JSON-able (`to_snapshot` / `from_snapshot`): a
dossier stores the snapshot of the rules in force when it was received, so its
appointment never moves when the calendar is changed later.

Reception days and counting days are kept apart: a counter open on Saturday mornings
receives dossiers then, but a time limit in working days counts only the days the law
counts (Monday-Friday by default), so opening on Saturday never shortens a deadline.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from functools import cached_property
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from counterapp.config import SiteConfig

SNAPSHOT_VERSION = 2
# Version 1 snapshots had no "counting_weekdays": their rules counted every reception weekday.
READABLE_SNAPSHOT_VERSIONS = (1, 2)


class CalendarSnapshotError(ValueError):
    """A stored snapshot cannot be read back; the message says which part is wrong."""


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _parse_hhmm(text: Any, what: str) -> time:
    try:
        hours, minutes = str(text).split(":")
        return time(int(hours), int(minutes))
    except (ValueError, TypeError) as exc:
        raise CalendarSnapshotError(
            f"Ảnh chụp lịch: {what} cần giờ HH:MM / calendar snapshot: {what} needs HH:MM, got {text!r}"
        ) from exc


@dataclass(frozen=True)
class WorkingCalendar:
    """Working-time rules.

    - `sessions`: the daily sessions as (open, close) local times, e.g.
      ((07:30, 11:30), (13:30, 17:30)); sorted, non-overlapping, open < close.
    - `weekdays`: reception weekdays (the counter is open), Monday = 0.
    - `counting_weekdays`: weekdays that count toward time limits (Monday-Friday by
      default), whatever the reception days. None -> the same as `weekdays`.
    - `off_days`: dates that are days off even if their weekday works (holidays).
    - `work_days`: dates that are working days even if their weekday does not work
      (make-up Saturdays, or a default holiday worked after all). A date in both sets
      counts as working: `work_days` wins (loaders keep the sets disjoint anyway).
    """

    zone: ZoneInfo
    sessions: tuple[tuple[time, time], ...]
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    off_days: frozenset[date] = frozenset()
    work_days: frozenset[date] = frozenset()
    counting_weekdays: frozenset[int] | None = None

    def __post_init__(self) -> None:
        sessions = tuple(sorted((tuple(s) for s in self.sessions), key=lambda s: _minutes(s[0])))
        if not sessions:
            raise ValueError("Chưa có buổi làm việc nào / no working session configured")
        previous_close = -1
        for opening, closing in sessions:
            if _minutes(opening) >= _minutes(closing):
                raise ValueError(
                    f"Buổi làm việc {_hhmm(opening)}-{_hhmm(closing)} không hợp lệ (mở phải trước đóng) / "
                    f"session {_hhmm(opening)}-{_hhmm(closing)} must open before it closes"
                )
            if _minutes(opening) < previous_close:
                raise ValueError(
                    "Các buổi làm việc chồng lên nhau / working sessions overlap"
                )
            previous_close = _minutes(closing)
        counting = self.weekdays if self.counting_weekdays is None else self.counting_weekdays
        bad_weekdays = [d for d in (*self.weekdays, *counting) if not 0 <= int(d) <= 6]
        if bad_weekdays:
            raise ValueError(f"Thứ trong tuần phải từ 0 đến 6 / weekdays must be 0..6, got {bad_weekdays}")
        object.__setattr__(self, "sessions", sessions)
        object.__setattr__(self, "weekdays", frozenset(int(d) for d in self.weekdays))
        object.__setattr__(self, "counting_weekdays", frozenset(int(d) for d in counting))
        object.__setattr__(self, "off_days", frozenset(self.off_days))
        object.__setattr__(self, "work_days", frozenset(self.work_days))

    # ----------------------------------------------------------------- questions
    def is_working_day(self, d: date) -> bool:
        """A day that counts toward time limits: a counting weekday not marked off, or any day
        marked as a working day (a make-up Saturday counts)."""
        if d in self.work_days:
            return True
        if d in self.off_days:
            return False
        return d.weekday() in self.counting_weekdays  # type: ignore[operator]

    def is_reception_day(self, d: date) -> bool:
        """A day the counter is open: a reception weekday not marked off, or a make-up day."""
        if d in self.work_days:
            return True
        if d in self.off_days:
            return False
        return d.weekday() in self.weekdays

    @property
    def session_minutes(self) -> tuple[tuple[int, int], ...]:
        """The sessions as (open, close) minutes since local midnight."""
        return tuple((_minutes(o), _minutes(c)) for o, c in self.sessions)

    @property
    def day_minutes(self) -> int:
        """Working minutes in one working day (480 for 07:30-11:30 + 13:30-17:30)."""
        return sum(c - o for o, c in self.session_minutes)

    @property
    def hours_per_day(self) -> float:
        return self.day_minutes / 60

    @property
    def opening(self) -> time:
        """Opening of the first session of a working day."""
        return self.sessions[0][0]

    @property
    def closing(self) -> time:
        """Close of the last session of a working day."""
        return self.sessions[-1][1]

    @cached_property
    def _exceptions(self) -> tuple[date, ...]:
        """Every date that departs from the weekday rule, sorted (used to skip plain weeks)."""
        return tuple(sorted(self.off_days | self.work_days))

    def has_exception_between(self, first: date, last: date) -> bool:
        """True if any day off or make-up day falls in [first, last]."""
        exceptions = self._exceptions
        i = bisect_left(exceptions, first)
        return i < len(exceptions) and exceptions[i] <= last

    @property
    def last_exception(self) -> date | None:
        return self._exceptions[-1] if self._exceptions else None

    # ----------------------------------------------------------------- building
    @classmethod
    def from_config(
        cls,
        config: SiteConfig,
        off_days: Iterable[date] = (),
        work_days: Iterable[date] = (),
    ) -> WorkingCalendar:
        """The site's sessions, reception and counting weekdays and zone with the given exceptions.

        `off_days` / `work_days` may be any iterable of dates (a dict's keys work).
        A date in both counts as working.
        """
        work = frozenset(work_days)
        return cls(
            zone=config.zone,
            sessions=config.working_time.sessions,
            weekdays=config.working_time.weekdays,
            off_days=frozenset(off_days) - work,
            work_days=work,
            counting_weekdays=config.working_time.counting_weekdays,
        )

    def to_snapshot(self, around: date | None = None, *, years: int = 2) -> dict[str, Any]:
        """A small JSON-able dict of these rules.

        With `around` (e.g. the receipt date), only exception days in `years` calendar
        years starting with `around.year` are kept (the receipt year and the next by
        default), which covers any appointment a counter computes. Without it, all days.
        """
        if around is not None:
            first_year, last_year = around.year, around.year + years - 1

            def keep(d: date) -> bool:
                return first_year <= d.year <= last_year

        else:

            def keep(d: date) -> bool:
                return True

        return {
            "version": SNAPSHOT_VERSION,
            "zone": self.zone.key,
            "sessions": [[_hhmm(o), _hhmm(c)] for o, c in self.sessions],
            "weekdays": sorted(self.weekdays),
            "counting_weekdays": sorted(self.counting_weekdays),  # type: ignore[type-var]
            "off_days": sorted(d.isoformat() for d in self.off_days if keep(d)),
            "work_days": sorted(d.isoformat() for d in self.work_days if keep(d)),
        }

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> WorkingCalendar:
        """Rebuild the rules from `to_snapshot()` output; `CalendarSnapshotError` if malformed."""
        if not isinstance(data, Mapping):
            raise CalendarSnapshotError("Ảnh chụp lịch không phải đối tượng / calendar snapshot is not an object")
        version = data.get("version", SNAPSHOT_VERSION)
        if version not in READABLE_SNAPSHOT_VERSIONS:
            raise CalendarSnapshotError(
                f"Ảnh chụp lịch phiên bản {version!r} không đọc được / unsupported calendar snapshot version {version!r}"
            )
        try:
            zone = ZoneInfo(str(data["zone"]))
        except KeyError as exc:
            raise CalendarSnapshotError("Ảnh chụp lịch thiếu múi giờ / calendar snapshot has no zone") from exc
        except Exception as exc:  # ZoneInfoNotFoundError, ValueError
            raise CalendarSnapshotError(
                f"Ảnh chụp lịch: múi giờ không hợp lệ / calendar snapshot: unknown zone {data.get('zone')!r}"
            ) from exc
        try:
            sessions = tuple(
                (_parse_hhmm(s[0], "sessions"), _parse_hhmm(s[1], "sessions")) for s in data["sessions"]
            )
            weekdays = frozenset(int(d) for d in data.get("weekdays", (0, 1, 2, 3, 4)))
            counting_raw = data.get("counting_weekdays")
            counting = None if counting_raw is None else frozenset(int(d) for d in counting_raw)
            off_days = frozenset(date.fromisoformat(str(d)) for d in data.get("off_days", ()))
            work_days = frozenset(date.fromisoformat(str(d)) for d in data.get("work_days", ()))
            return cls(zone=zone, sessions=sessions, weekdays=weekdays, off_days=off_days, work_days=work_days,
                       counting_weekdays=counting)
        except CalendarSnapshotError:
            raise
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise CalendarSnapshotError(
                f"Ảnh chụp lịch sai cấu trúc / calendar snapshot malformed: {exc}"
            ) from exc

