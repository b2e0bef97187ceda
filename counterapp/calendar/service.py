"""The holiday calendar in force: official defaults overlaid by imported/portal days.

Each year's schedule (swapped days, make-up Saturdays) is decided by the government
every year, so it cannot be computed: it ships as data.

- `default_holidays(years)` / `default_work_days(years)`: for a year with a shipped
  official file (resources/calendar/YYYY.json, the calendar exchange format with
  "source" fields naming the documents), exactly that file's days. For other years, the
  `holidays` library (Vietnam: New Year, Lunar New Year incl. lunar dates, Hùng Kings,
  30/4, 1/5, 2/9 and the swapped days it knows) minus the days whose legal basis is not
  confirmed (resources/calendar/unconfirmed.json: 24/11 Vietnam Cultural Day).
- 2026 (resources/calendar/2026.json) follows:
  * Bộ luật Lao động 2019 (45/2019/QH14), art. 112: the statutory days, and the day in
    lieu for Hùng Kings' day on Sunday 26/4 (Monday 27/4);
  * Văn bản 12729/VPCP-KGVX of 25/12/2025 (Phó Thủ tướng Phạm Thị Thanh Trà approving the
    Ministry of Home Affairs' proposal): New Year 1-4/1/2026, Friday 2/1 off, made up on
    Saturday 10/1;
  * the Government Office's letter conveying Prime Minister Phạm Minh Chính's approval
    (reported 13/10/2025; its number is not verified here): Tết 14-22/2/2026 (weekdays
    16-20/2 off); National Day 29/8-2/9/2026 with Monday 31/8 off, made up on Saturday 22/8.
  24/11 is NOT a default day off: the Labour Code amendment making Vietnam Cultural Day
  a paid day off was not confirmed; a site adds it with `counterapp calendar import`.
- `calendar_days` rows (IT's file import, or the portal's push) win for the dates they
  name: "work" makes the date working even on a default holiday; "off" adds a day off.
- `load_calendar(session, config)` builds the `WorkingCalendar` for this year and next.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from counterapp import validation
from counterapp.calendar.models import CalendarDay, DayKind, DaySource
from counterapp.calendar.working_time import WorkingCalendar
from counterapp.config import SiteConfig
from counterapp.db.base import utcnow
from counterapp.db.engine import session_scope
from counterapp.paths import resource

DEFAULT_SOURCE = "default"
MAKE_UP_DAY_NAME = "Ngày làm bù / make-up working day"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CalendarImportError(ValueError):
    """The file cannot be read as a holiday calendar at all; nothing was changed."""


@dataclass
class CalendarImportReport:
    added: int = 0
    updated: int = 0
    refused: list[str] = field(default_factory=list)
    unchanged: int = 0
    """Entries naming a date already stored with the same kind and name."""


@dataclass(frozen=True)
class DayEntry:
    """One validated exchange-format entry."""

    day: date
    kind: DayKind
    name: str = ""


@dataclass(frozen=True)
class CalendarEntry:
    """One exception day in force, for listings (`calendar show`)."""

    day: date
    kind: str  # "off" | "work"
    name: str
    source: str  # "default" | "import" | "portal"


# --------------------------------------------------------------------------- defaults
def _years(years: Iterable[int] | int) -> list[int]:
    return [years] if isinstance(years, int) else sorted({int(y) for y in years})


def default_holidays(years: Iterable[int] | int) -> dict[date, str]:
    """Vietnam's days off in `years` (incl. lunar ones), names "tiếng Việt / English":
    the shipped official file for a year that has one, else the `holidays` library minus
    unconfirmed days."""
    return dict(_default_days(tuple(_years(years)), DayKind.OFF.value))


def default_work_days(years: Iterable[int] | int) -> dict[date, str]:
    """Weekend days worked in exchange for a day off: the shipped official file for a year
    that has one, else the days the `holidays` library knows."""
    return dict(_default_days(tuple(_years(years)), DayKind.WORK.value))


def official_calendar_path(year: int) -> Path:
    return resource("calendar", f"{int(year)}.json")


@lru_cache(maxsize=32)
def official_year(year: int) -> tuple[DayEntry, ...] | None:
    """The shipped official schedule of `year` (resources/calendar/YYYY.json), or None.

    A shipped file that does not read cleanly is a packaging fault: ValueError naming it.
    """
    path = official_calendar_path(year)
    if not path.is_file():
        return None
    try:
        entries = read_calendar_file(path)
    except CalendarImportError as exc:
        raise ValueError(f"Lịch chính thức {path.name} hỏng / shipped calendar {path.name} is broken: {exc}") from exc
    good, refused = validate_days(entries)
    stray = [e.day.isoformat() for e in good if e.day.year != year]
    if refused or stray:
        raise ValueError(
            f"Lịch chính thức {path.name} có mục sai / shipped calendar {path.name} has bad entries: {refused or stray}"
        )
    return tuple(good)


@lru_cache(maxsize=1)
def _unconfirmed() -> tuple[tuple[int, int, int], ...]:
    """(month, day, from_year) of library days left out of the defaults (resources/calendar/unconfirmed.json)."""
    path = resource("calendar", "unconfirmed.json")
    if not path.is_file():
        return ()
    data = json.loads(path.read_text(encoding="utf-8"))
    result = []
    for item in data.get("days", []):
        month, day = (int(part) for part in str(item["month_day"]).split("-"))
        result.append((month, day, int(item.get("from_year", 1))))
    return tuple(result)


def _is_unconfirmed(day: date) -> bool:
    return any(day.month == m and day.day == d and day.year >= y for m, d, y in _unconfirmed())


@lru_cache(maxsize=64)
def _default_days(wanted: tuple[int, ...], kind: str) -> tuple[tuple[date, str], ...]:
    result: list[tuple[date, str]] = []
    library_years = []
    for year in wanted:
        official = official_year(year)
        if official is None:
            library_years.append(year)
        else:
            result.extend((e.day, e.name) for e in official if e.kind.value == kind)
    if library_years:
        if kind == DayKind.OFF.value:
            result.extend((d, n) for d, n in _library_holidays(tuple(library_years)) if not _is_unconfirmed(d))
        else:
            result.extend(_library_work_days(tuple(library_years)))
    return tuple(sorted(result))


@lru_cache(maxsize=32)
def _library_holidays(wanted: tuple[int, ...]) -> tuple[tuple[date, str], ...]:
    # The library takes ~0.1 s per build; the answer for given years never changes.
    if not wanted:
        return ()
    english = holidays.Vietnam(years=list(wanted))
    try:
        vietnamese = holidays.Vietnam(years=list(wanted), language="vi")
    except Exception:  # a library build without translations: English only
        vietnamese = english
    result = []
    for day, name_en in sorted(english.items()):
        name_vi = vietnamese.get(day, name_en)
        result.append((day, name_en if name_vi == name_en else f"{name_vi} / {name_en}"))
    return tuple(result)


@lru_cache(maxsize=32)
def _library_work_days(wanted: tuple[int, ...]) -> tuple[tuple[date, str], ...]:
    if not wanted:
        return ()
    calendar = holidays.Vietnam(years=list(wanted))
    days = getattr(calendar, "weekend_workdays", set()) or set()
    return tuple((d, MAKE_UP_DAY_NAME) for d in sorted(days) if d.year in wanted)


def _local_today(config: SiteConfig) -> date:
    return datetime.now(config.zone).date()


def _default_years(config: SiteConfig) -> list[int]:
    this_year = _local_today(config).year
    return [this_year, this_year + 1]


# --------------------------------------------------------------------------- reading
def calendar_entries(
    session: Session, config: SiteConfig, years: Iterable[int] | None = None
) -> list[CalendarEntry]:
    """Every exception day in force in `years` (default: this year and next), sorted by date.

    Statutory defaults, then the stored rows on top (a stored row replaces the default
    for its date).
    """
    wanted = _years(years) if years is not None else _default_years(config)
    merged: dict[date, CalendarEntry] = {}
    for day, name in default_holidays(wanted).items():
        merged[day] = CalendarEntry(day, DayKind.OFF.value, name, DEFAULT_SOURCE)
    for day, name in default_work_days(wanted).items():
        merged[day] = CalendarEntry(day, DayKind.WORK.value, name, DEFAULT_SOURCE)
    if wanted:
        rows = session.scalars(
            select(CalendarDay).where(
                CalendarDay.day >= date(min(wanted), 1, 1), CalendarDay.day <= date(max(wanted), 12, 31)
            )
        )
        for row in rows:
            if row.day.year in wanted:
                merged[row.day] = CalendarEntry(row.day, row.kind, row.name, row.source)
    return [merged[d] for d in sorted(merged)]


def load_calendar(
    session: Session, config: SiteConfig, years: Iterable[int] | None = None
) -> WorkingCalendar:
    """The working calendar in force: the site's sessions/weekdays/zone, statutory
    defaults for `years` (default: this year and next, in the site zone), overlaid by the
    stored `calendar_days` rows of those years (a stored row wins for its date)."""
    off: set[date] = set()
    work: set[date] = set()
    for entry in calendar_entries(session, config, years):
        (work if entry.kind == DayKind.WORK else off).add(entry.day)
    return WorkingCalendar.from_config(config, off_days=off, work_days=work)


def calendar_for_receipt(session: Session, config: SiteConfig, received_at: datetime) -> WorkingCalendar:
    """The calendar in force for a dossier received at `received_at` (aware): defaults and
    stored days for the receipt year (site zone) and the next. Store
    `calendar.to_snapshot(local receipt date)` with the dossier so its appointment keeps these rules."""
    if received_at.tzinfo is None:
        raise ValueError("Thời điểm tiếp nhận thiếu múi giờ / received_at must be timezone-aware")
    year = received_at.astimezone(config.zone).year
    return load_calendar(session, config, [year, year + 1])


# --------------------------------------------------------------------------- writing
def validate_days(entries: Sequence[Any]) -> tuple[list[DayEntry], list[str]]:
    """Check exchange-format entries. Returns (good entries, messages for refused ones).

    A message names the entry (1-based "mục", and the JSON index) and the field.
    A date named twice is refused the second time.
    """
    good: list[DayEntry] = []
    refused: list[str] = []
    seen: dict[date, int] = {}
    for index, raw in enumerate(entries):
        where = f"mục {index + 1} (days[{index}])"
        where_en = f"entry {index + 1} (days[{index}])"
        if not isinstance(raw, Mapping):
            refused.append(f"{where}: không phải đối tượng / {where_en}: not an object")
            continue
        raw_date = raw.get("date")
        if isinstance(raw_date, date) and not isinstance(raw_date, datetime):
            day: date | None = raw_date
        else:
            day = None
            if isinstance(raw_date, str) and _DATE_RE.match(raw_date.strip()):
                try:
                    day = date.fromisoformat(raw_date.strip())
                except ValueError:
                    day = None
        if day is None:
            refused.append(
                f"{where}: trường 'date' sai, cần YYYY-MM-DD: {raw_date!r} / "
                f"{where_en}: field 'date' must be YYYY-MM-DD, got {raw_date!r}"
            )
            continue
        if out_of_range := validation.date_problem(day):  # 1900..2100
            refused.append(f"{where}: {out_of_range}")
            continue
        raw_kind = raw.get("kind")
        kind_text = raw_kind.strip().lower() if isinstance(raw_kind, str) else None
        if kind_text not in (DayKind.OFF.value, DayKind.WORK.value):
            refused.append(
                f"{where}: trường 'kind' phải là 'off' hoặc 'work': {raw_kind!r} / "
                f"{where_en}: field 'kind' must be 'off' or 'work', got {raw_kind!r}"
            )
            continue
        raw_name = raw.get("name", "")
        if raw_name is None:
            raw_name = ""
        if not isinstance(raw_name, str):
            refused.append(
                f"{where}: trường 'name' phải là chuỗi / {where_en}: field 'name' must be a string"
            )
            continue
        if too_long := validation.text_problem(raw_name, "line"):
            refused.append(f"{where}: 'name': {too_long}")
            continue
        if day in seen:
            refused.append(
                f"{where}: ngày {day.isoformat()} trùng mục {seen[day] + 1} / "
                f"{where_en}: date {day.isoformat()} repeats entry {seen[day] + 1}"
            )
            continue
        seen[day] = index
        good.append(DayEntry(day, DayKind(kind_text), raw_name.strip()[:255]))
    return good, refused


def upsert_days(
    session: Session, days: Iterable[Mapping[str, Any] | DayEntry], source: str = DaySource.PORTAL
) -> CalendarImportReport:
    """Store days by date in the caller's transaction (not committed here).

    `days` are exchange-format mappings ({"date", "kind", "name"}) or `DayEntry`s; bad
    mappings are skipped and listed in `refused`. For the sync engine: the portal's push
    calls this with source="portal"; the file import with source="import".
    """
    source = DaySource(source).value
    items = list(days)
    good = [d for d in items if isinstance(d, DayEntry)]
    mappings = [d for d in items if not isinstance(d, DayEntry)]
    checked, refused = validate_days(mappings)
    good.extend(checked)
    report = CalendarImportReport(refused=refused)
    if not good:
        return report
    by_day = {e.day: e for e in good}
    existing = {
        row.day: row for row in session.scalars(select(CalendarDay).where(CalendarDay.day.in_(list(by_day))))
    }
    now = utcnow()
    for day, entry in by_day.items():
        row = existing.get(day)
        if row is None:
            session.add(CalendarDay(day=day, kind=entry.kind.value, name=entry.name, source=source, updated_at=now))
            report.added += 1
        elif row.kind == entry.kind.value and row.name == entry.name and row.source == source:
            report.unchanged += 1
        else:
            row.kind = entry.kind.value
            row.name = entry.name
            row.source = source
            row.updated_at = now
            report.updated += 1
    session.flush()
    return report


def read_calendar_file(path: str | Path) -> list[Any]:
    """The `days` list of an exchange-format file; `CalendarImportError` if unreadable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CalendarImportError(f"Không tìm thấy tệp {path} / file not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarImportError(f"Không đọc được tệp {path} / cannot read {path}: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CalendarImportError(
            f"Tệp {path.name} không phải JSON (dòng {exc.lineno}) / {path.name} is not JSON (line {exc.lineno}): {exc.msg}"
        ) from exc
    except RecursionError:
        raise CalendarImportError(f"Tệp {path.name} lồng nhau quá sâu / {path.name} is nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("days"), list):
        raise CalendarImportError(
            f'Tệp {path.name} sai định dạng: cần {{"days": [{{"date", "kind", "name"}}, ...]}} / '
            f'{path.name} has the wrong shape: expected {{"days": [{{"date", "kind", "name"}}, ...]}}'
        )
    return data["days"]


def import_calendar_file(sessions: sessionmaker[Session], path: str | Path, *,
                         officer: str | None = None) -> CalendarImportReport:
    """Import an exchange-format file (`{"days": [{"date", "kind", "name"}]}`).

    `officer`: the person importing; once the site has users, an admin's job ("settings",
    PermissionDenied otherwise). None only for the app's own seeding and tests.

    Every entry is checked; bad ones are refused with a message naming the entry and
    field; good ones are upserted by date in ONE transaction (source "import"). A file
    that is not JSON or not that shape raises `CalendarImportError` and changes nothing.
    """
    if officer is not None:
        from counterapp.users.accounts import check_permission

        check_permission(sessions, officer, "settings")
    entries = read_calendar_file(path)
    good, refused = validate_days(entries)
    with session_scope(sessions) as session:
        report = upsert_days(session, good, source=DaySource.IMPORT)
    report.refused = refused
    return report
