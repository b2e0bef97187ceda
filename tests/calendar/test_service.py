"""The stored calendar: defaults, import (good, partly bad, unreadable), overlay, snapshots."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, time

import pytest
from sqlalchemy import func, select

from counterapp.calendar.duedate import DurationUnit, compute_due
from counterapp.calendar.models import CalendarDay
from counterapp.calendar.service import (
    CalendarImportError,
    calendar_entries,
    default_holidays,
    default_work_days,
    import_calendar_file,
    load_calendar,
    upsert_days,
)
from counterapp.calendar.working_time import CalendarSnapshotError, WorkingCalendar
from counterapp.db import session_scope

from .conftest import local, write_days

YEARS = [2026, 2027]


def _rows(ctx) -> list[tuple[str, str, str, str]]:
    with ctx.sessions() as session:
        return [
            (r.day.isoformat(), r.kind, r.name, r.source)
            for r in session.scalars(select(CalendarDay).order_by(CalendarDay.day))
        ]


def test_default_holidays_2026_are_the_official_schedule():
    days = default_holidays(2026)
    for d in range(16, 21):  # Tết 2026: Mon 16 - Fri 20 February
        assert date(2026, 2, d) in days
    assert days[date(2026, 1, 2)].startswith("Nghỉ hoán đổi")  # Vietnamese name first
    assert date(2026, 4, 27) in days  # Hùng Kings' day fell on Sunday 26/4: Monday in lieu
    assert {date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)} <= set(days)
    assert date(2026, 11, 24) not in days  # Vietnam Cultural Day: legal basis unconfirmed
    assert date(2026, 3, 3) not in days
    assert set(default_work_days(2026)) == {date(2026, 1, 10), date(2026, 8, 22)}


def test_import_good_file_then_calendar_uses_it(app_ctx, tmp_path):
    path = write_days(
        tmp_path / "lich.json",
        [
            {"date": "2026-03-07", "kind": "work", "name": "Làm bù"},
            {"date": "2026-03-04", "kind": "off", "name": "Nghỉ đột xuất"},
            {"date": "2026-01-02", "kind": "work", "name": "Đi làm ngày 2/1"},
        ],
    )
    report = import_calendar_file(app_ctx.sessions, path)
    assert (report.added, report.updated, report.refused) == (3, 0, [])
    with app_ctx.sessions() as session:
        cal = load_calendar(session, app_ctx.config, YEARS)
    assert cal.is_working_day(date(2026, 3, 7))  # imported make-up Saturday
    assert not cal.is_working_day(date(2026, 3, 4))  # imported day off on a Wednesday
    assert cal.is_working_day(date(2026, 1, 2))  # imported "work" beats the default day off
    assert not cal.is_working_day(date(2026, 2, 17))  # untouched default stays off
    # Fri 6/3 16:30 + 2 h: 60 min Fri, then the make-up Saturday 07:30 + 60 = Sat 08:30.
    assert compute_due(local(2026, 3, 6, 16, 30), 2, DurationUnit.WORKHOUR, cal) == local(2026, 3, 7, 8, 30)
    # Tue 3/3 17:00 + 1 h: 30 min Tue, Wed 4/3 is off now, Thu 5/3 07:30 + 30 = 08:00.
    assert compute_due(local(2026, 3, 3, 17, 0), 1, DurationUnit.WORKHOUR, cal) == local(2026, 3, 5, 8, 0)

    # The same file again changes nothing; a changed kind counts as updated.
    again = import_calendar_file(app_ctx.sessions, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    write_days(path, [{"date": "2026-03-04", "kind": "work", "name": "Đi làm lại"}])
    changed = import_calendar_file(app_ctx.sessions, path)
    assert (changed.added, changed.updated) == (0, 1)
    assert ("2026-03-04", "work", "Đi làm lại", "import") in _rows(app_ctx)


def test_import_partly_bad_file_keeps_good_entries_and_names_bad_ones(app_ctx, tmp_path):
    path = write_days(
        tmp_path / "lich.json",
        [
            {"date": "2026-03-07", "kind": "work", "name": "Làm bù"},
            {"date": "2026-02-30", "kind": "off", "name": "Ngày không có"},
            {"date": "2026-03-09", "kind": "holiday", "name": "Sai loại"},
            "not an object",
            {"kind": "off"},
            {"date": "2026-03-10", "kind": "OFF", "name": "Nghỉ"},
            {"date": "2026-03-07", "kind": "off", "name": "Trùng"},
        ],
    )
    report = import_calendar_file(app_ctx.sessions, path)
    assert report.added == 2
    assert len(report.refused) == 5
    text = "\n".join(report.refused)
    assert "mục 2 (days[1])" in text and "'date'" in text and "2026-02-30" in text
    assert "mục 3 (days[2])" in text and "'kind'" in text and "holiday" in text
    assert "mục 4 (days[3])" in text
    assert "mục 5 (days[4])" in text
    assert "mục 7 (days[6])" in text and "trùng mục 1" in text
    assert [r[:2] for r in _rows(app_ctx)] == [("2026-03-07", "work"), ("2026-03-10", "off")]


@pytest.mark.parametrize(
    "content",
    ['{"days": [ {"date": "2026-03-07", ', "[1, 2, 3]", '{"ngay": []}', '{"days": {"date": "2026-03-07"}}'],
)
def test_unreadable_file_changes_nothing(app_ctx, tmp_path, content):
    good = write_days(tmp_path / "good.json", [{"date": "2026-03-07", "kind": "work", "name": "Làm bù"}])
    import_calendar_file(app_ctx.sessions, good)
    before = _rows(app_ctx)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(CalendarImportError) as info:
        import_calendar_file(app_ctx.sessions, bad)
    message = str(info.value)
    assert "bad.json" in message and " / " in message  # Vietnamese / English
    assert _rows(app_ctx) == before


def test_missing_file_is_an_import_error(app_ctx, tmp_path):
    with pytest.raises(CalendarImportError, match="Không tìm thấy"):
        import_calendar_file(app_ctx.sessions, tmp_path / "none.json")


def test_upsert_days_for_the_portal(app_ctx):
    with session_scope(app_ctx.sessions) as session:
        report = upsert_days(
            session,
            [{"date": "2026-08-29", "kind": "work", "name": "Làm bù"}, {"date": "bad", "kind": "off"}],
            source="portal",
        )
    assert report.added == 1 and len(report.refused) == 1
    assert _rows(app_ctx) == [("2026-08-29", "work", "Làm bù", "portal")]
    with app_ctx.sessions() as session:
        entries = {e.day: e for e in calendar_entries(session, app_ctx.config, [2026])}
    assert entries[date(2026, 8, 29)].source == "portal"
    assert entries[date(2026, 1, 2)].source == "default"


def test_snapshot_keeps_a_dossiers_appointment(app_ctx, tmp_path):
    # A dossier received Tue 3/3/2026 10:00 with 2 workdays: Tue 90 + 240 = 330, 630 left;
    # Wed 480 -> 150 left; Thu 07:30 + 150 = 10:00 Thu 5/3.
    received = local(2026, 3, 3, 10, 0)
    with app_ctx.sessions() as session:
        cal = load_calendar(session, app_ctx.config, YEARS)
    stored = json.dumps(cal.to_snapshot(received.date()))  # what the dossier keeps
    due_at_receipt = compute_due(received, 2, DurationUnit.WORKDAY, cal)
    assert due_at_receipt == local(2026, 3, 5, 10, 0)

    # Later, IT imports a day off on Wed 4/3: new dossiers move by a day...
    import_calendar_file(app_ctx.sessions, write_days(tmp_path / "x.json", [{"date": "2026-03-04", "kind": "off"}]))
    with app_ctx.sessions() as session:
        now = load_calendar(session, app_ctx.config, YEARS)
    assert compute_due(received, 2, DurationUnit.WORKDAY, now) == local(2026, 3, 6, 10, 0)
    # ...but the dossier's own snapshot still gives Thu 10:00.
    kept = WorkingCalendar.from_snapshot(json.loads(stored))
    assert compute_due(received, 2, DurationUnit.WORKDAY, kept) == due_at_receipt
    assert kept == WorkingCalendar.from_snapshot(cal.to_snapshot())  # same rules, whole or trimmed here


def test_snapshot_is_small_and_validated(app_ctx):
    with app_ctx.sessions() as session:
        loaded = load_calendar(session, app_ctx.config, YEARS)
    cal = dataclasses.replace(loaded, off_days=loaded.off_days | {date(2030, 5, 2), date(2025, 5, 2)})
    snapshot = cal.to_snapshot(date(2026, 3, 3))
    assert "2030-05-02" in cal.to_snapshot()["off_days"]  # the untrimmed snapshot has everything
    assert all(d.startswith(("2026", "2027")) for d in snapshot["off_days"] + snapshot["work_days"])
    assert snapshot["sessions"] == [["07:30", "11:30"], ["13:30", "17:30"]]
    assert snapshot["zone"] == "Asia/Ho_Chi_Minh"
    assert len(json.dumps(snapshot)) < 1500
    with pytest.raises(CalendarSnapshotError):
        WorkingCalendar.from_snapshot({"zone": "Asia/Ho_Chi_Minh", "sessions": [["7h30", "11:30"]]})
    with pytest.raises(CalendarSnapshotError):
        WorkingCalendar.from_snapshot({"sessions": [["07:30", "11:30"]]})


def test_site_sessions_come_from_config(app_ctx):
    from counterapp.config import parse_site_config

    config = parse_site_config(
        {"working_time": {"sessions": [["08:00", "12:00"], ["13:00", "17:00"]], "weekdays": [0, 1, 2, 3, 4, 5]}}
    )
    with app_ctx.sessions() as session:
        cal = load_calendar(session, config, YEARS)
    assert cal.sessions == ((time(8, 0), time(12, 0)), (time(13, 0), time(17, 0)))
    assert cal.is_reception_day(date(2026, 3, 7))  # the counter opens on Saturdays...
    assert not cal.is_working_day(date(2026, 3, 7))  # ...which do not count (counting_weekdays Mon-Fri)
    # Fri 6/3 16:30 + 1 h: 30 min Fri to 17:00, Saturday skipped, Mon 08:00 + 30 = 08:30.
    assert compute_due(local(2026, 3, 6, 16, 30), 1, DurationUnit.WORKHOUR, cal) == local(2026, 3, 9, 8, 30)


def test_table_row_count_after_import(app_ctx, tmp_path):
    path = write_days(tmp_path / "a.json", [{"date": f"2027-01-{d:02d}", "kind": "off"} for d in range(4, 9)])
    import_calendar_file(app_ctx.sessions, path)
    with app_ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(CalendarDay)) == 5
