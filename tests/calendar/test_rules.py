"""Same-day procedures, reception days apart from counting days, and which rule the officer sees.

Default site rules: sessions 07:30-11:30 and 13:30-17:30, counting Monday-Friday,
Asia/Ho_Chi_Minh, the official 2026 calendar (New Year 1-2/1 off, Saturday 10/1 worked;
Tết 16-20/2; 27/4, 30/4, 1/5; 31/8-2/9 off, Saturday 22/8 worked). March 2026 has no
holiday: Fri 2026-03-06, Sat 03-07, Mon 03-09.
"""

from __future__ import annotations

import json
from datetime import date, time

import pytest

from counterapp.calendar.duedate import DurationUnit, compute_due, counting_start
from counterapp.calendar.rules import DueRule, due_from_stored, read_time_text
from counterapp.calendar.service import load_calendar
from counterapp.calendar.working_time import CalendarSnapshotError, WorkingCalendar
from counterapp.config import ConfigError, parse_site_config

from .conftest import local

WD, WH, DAY = DurationUnit.WORKDAY, DurationUnit.WORKHOUR, DurationUnit.DAY
BIRTH_TEXT = ("Ngay trong ngày tiếp nhận hồ sơ; Trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong "
              "ngày làm việc tiếp theo.")


# ----------------------------------------------------------------------- same-day procedures
@pytest.mark.parametrize(
    ("received", "cutoff", "due", "why"),
    [
        # The brief's case: birth registration received Friday 14:30 -> Friday 17:30 (was Monday 14:30).
        (local(2026, 3, 6, 14, 30), time(15, 0), local(2026, 3, 6, 17, 30), "Friday 14:30, before the cut-off"),
        (local(2026, 3, 6, 14, 59), time(15, 0), local(2026, 3, 6, 17, 30), "14:59 is before 15:00"),
        (local(2026, 3, 6, 15, 0), time(15, 0), local(2026, 3, 9, 17, 30), "at the cut-off: next working day"),
        (local(2026, 3, 6, 16, 45), time(15, 0), local(2026, 3, 9, 17, 30), "Friday after the cut-off: Monday"),
        (local(2026, 3, 6, 16, 45), None, local(2026, 3, 6, 17, 30), "no cut-off: same day until the close"),
        (local(2026, 3, 6, 17, 30), None, local(2026, 3, 9, 17, 30), "at the close: next working day"),
        (local(2026, 3, 6, 7, 0), time(15, 0), local(2026, 3, 6, 17, 30), "before opening: that day"),
        (local(2026, 3, 7, 9, 0), time(15, 0), local(2026, 3, 9, 17, 30), "received on Saturday: Monday"),
        # Thu 31/12/2026 15:10, after the cut-off: Fri 1/1/2027 New Year, weekend -> Mon 4/1/2027.
        (local(2026, 12, 31, 15, 10), time(15, 0), local(2027, 1, 4, 17, 30), "New Year 2027"),
        # Received on New Year's Day 2026: Fri 2/1 bridge day off, weekend -> Mon 5/1.
        (local(2026, 1, 1, 9, 0), time(15, 0), local(2026, 1, 5, 17, 30), "New Year bridge 2026"),
        # Fri 9/1/2026 after the cut-off: Saturday 10/1 is the make-up working day.
        (local(2026, 1, 9, 16, 0), time(15, 0), local(2026, 1, 10, 17, 30), "make-up Saturday 10/1/2026"),
        # Fri 13/2/2026 after the cut-off: Tết 16-20/2, weekends -> Mon 23/2.
        (local(2026, 2, 13, 15, 30), time(15, 0), local(2026, 2, 23, 17, 30), "before Tết"),
        # Fri 28/8/2026 after the cut-off: Sat 29 - Wed 2/9 off (Mon 31/8 swapped) -> Thu 3/9.
        (local(2026, 8, 28, 15, 30), time(15, 0), local(2026, 9, 3, 17, 30), "National Day 2026"),
    ],
)
def test_same_day(cal, received, cutoff, due, why):
    assert compute_due(received, 1, WD, cal, cutoff, same_day=True) == due, why


@pytest.mark.parametrize("unit", [WD, WH, DAY])
def test_zero_time_limit_is_same_day(cal, unit):
    assert compute_due(local(2026, 3, 3, 9, 0), 0, unit, cal) == local(2026, 3, 3, 17, 30)
    assert compute_due(local(2026, 3, 3, 18, 0), 0, unit, cal) == local(2026, 3, 4, 17, 30)


@pytest.mark.parametrize(
    ("text", "same_day", "cutoff"),
    [
        (BIRTH_TEXT, True, time(15, 0)),
        ("Trong ngày tiếp nhận yêu cầu; Trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc "
         "tiếp theo.", True, time(15, 0)),
        ("Ngay trong ngày tiếp nhận; trường hợp cần xác minh thì không quá 03 ngày làm việc.", True, None),
        ("Trả ngay sau khi nhận đủ hồ sơ", True, None),
        ("TRẢ NGAY", True, None),
        ("Trường hợp tiếp nhận sau 16 giờ 30 thì trả trong ngày làm việc tiếp theo", False, time(16, 30)),
        ("nhận hồ sơ sau 15h00", False, time(15, 0)),
        # A later clause about a side case is not the procedure's rule.
        ("Trường hợp cần xác minh thì kéo dài không quá 03 ngày làm việc; bổ sung thông tin hộ tịch được "
         "giải quyết ngay trong ngày.", False, None),
        ("Trong 03 ngày làm việc", False, None),
        ("30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.", False, None),
        ("Thời hạn 24 giờ sau khi nhận đủ hồ sơ", False, None),
        ("", False, None),
        (None, False, None),
    ],
)
def test_read_time_text(text, same_day, cutoff):
    said = read_time_text(text)
    assert (said.same_day, said.cutoff) == (same_day, cutoff)


# ----------------------------------------------------------------------- reception vs counting days
def _saturday_site(app_ctx, **working):
    config = parse_site_config({"working_time": {"weekdays": [0, 1, 2, 3, 4, 5], **working}})
    with app_ctx.sessions() as session:
        return load_calendar(session, config, [2026, 2027])


def test_saturday_reception_does_not_shorten_deadlines(app_ctx, cal):
    saturday = _saturday_site(app_ctx)
    assert saturday.weekdays == frozenset(range(6)) and saturday.counting_weekdays == frozenset(range(5))
    # 5 workdays from Mon 2/3 07:30 end Fri 6/3 17:30, with or without Saturday reception.
    assert compute_due(local(2026, 3, 2, 7, 30), 5, WD, saturday) == local(2026, 3, 6, 17, 30)
    assert compute_due(local(2026, 3, 2, 7, 30), 5, WD, cal) == local(2026, 3, 6, 17, 30)
    # Thu 5/3 14:00 + 3 workdays: Thu 210, Fri 480, Sat not counted, Mon 480 -> 270 left;
    # Tue 240 -> 30 left -> Tue 10/3 14:00.
    assert compute_due(local(2026, 3, 5, 14, 0), 3, WD, saturday) == local(2026, 3, 10, 14, 0)
    # 40 workdays (8 whole weeks) from Mon 2/3: Fri 24/4, whatever the reception days.
    assert compute_due(local(2026, 3, 2, 7, 30), 40, WD, saturday) == compute_due(
        local(2026, 3, 2, 7, 30), 40, WD, cal) == local(2026, 4, 24, 17, 30)


def test_received_on_a_reception_only_saturday_counts_from_monday(app_ctx):
    saturday = _saturday_site(app_ctx)
    received = local(2026, 3, 7, 9, 0)
    assert saturday.is_reception_day(received.date()) and not saturday.is_working_day(received.date())
    assert counting_start(received, saturday) == local(2026, 3, 9, 7, 30)
    assert compute_due(received, 1, WD, saturday) == local(2026, 3, 9, 17, 30)
    assert compute_due(received, 2, WH, saturday) == local(2026, 3, 9, 9, 30)
    assert compute_due(received, 1, WD, saturday, same_day=True) == local(2026, 3, 9, 17, 30)
    # Calendar days count from Monday 9/3: + 1 = Tue 10/3 17:30.
    assert compute_due(received, 1, DAY, saturday) == local(2026, 3, 10, 17, 30)


def test_a_site_may_count_saturdays_explicitly(app_ctx):
    counting = _saturday_site(app_ctx, counting_weekdays=[0, 1, 2, 3, 4, 5])
    # Fri 6/3 16:30 + 2 h: 60 min Fri, Sat 07:30 + 60 = 08:30.
    assert compute_due(local(2026, 3, 6, 16, 30), 2, WH, counting) == local(2026, 3, 7, 8, 30)


@pytest.mark.parametrize(
    ("working", "fragment"),
    [
        ({"counting_weekdays": [0, 7]}, "working_time.counting_weekdays"),
        ({"counting_weekdays": "mon-fri"}, "working_time.counting_weekdays"),
        ({"weekdays": ["thu hai"]}, "working_time.weekdays"),
    ],
)
def test_bad_weekdays_in_site_file_name_the_key(working, fragment):
    with pytest.raises(ConfigError) as info:
        parse_site_config({"working_time": working})
    assert fragment in str(info.value) and " / " in str(info.value)


def test_snapshot_keeps_counting_days_and_reads_old_snapshots(app_ctx):
    saturday = _saturday_site(app_ctx)
    snapshot = json.loads(json.dumps(saturday.to_snapshot(date(2026, 3, 2))))
    assert snapshot["counting_weekdays"] == [0, 1, 2, 3, 4] and snapshot["weekdays"] == [0, 1, 2, 3, 4, 5]
    assert WorkingCalendar.from_snapshot(snapshot).counting_weekdays == frozenset(range(5))
    # A version-1 snapshot (before counting days existed) counted its reception days: it still does.
    old = {k: v for k, v in snapshot.items() if k != "counting_weekdays"} | {"version": 1}
    kept = WorkingCalendar.from_snapshot(old)
    assert kept.counting_weekdays == frozenset(range(6))
    assert compute_due(local(2026, 3, 6, 16, 30), 2, WH, kept) == local(2026, 3, 7, 8, 30)
    with pytest.raises(CalendarSnapshotError):
        WorkingCalendar.from_snapshot(snapshot | {"version": 9})


# ----------------------------------------------------------------------- the rule and its words
def test_rule_text_says_which_rule(cal):
    same = DueRule(1, WD, "Ngày làm việc", same_day=True, cutoff=time(15, 0), same_day_from="catalog_text",
                   cutoff_from="catalog")
    text = same.rule_text(cal)
    assert text.startswith("Trả trong ngày") and "15:00" in text and " / Same day" in text
    assert "mô tả thời hạn" in text
    days = DueRule(10, DAY, "Ngày").rule_text(cal)
    assert "10 ngày theo lịch" in days and "Điều 148" in days and "art. 148" in days
    work = DueRule(3, WD, "Ngày làm việc").rule_text(cal)
    assert "3 ngày làm việc" in work and "Thứ Hai–Thứ Sáu" in work and "3 working days" in work


def test_stored_rule_gives_the_same_date_later(cal):
    rule = DueRule(1, WD, "Ngày làm việc", same_day=True, cutoff=time(15, 0), same_day_from="catalog_text")
    received = local(2026, 3, 6, 14, 30)
    stored = json.loads(json.dumps(rule.to_json(cal) | {"calendar": cal.to_snapshot(received.date())}))
    assert stored["rule"] == "same_day" and stored["cutoff"] == "15:00" and stored["rule_text"]
    assert DueRule.from_json(stored) == rule
    assert due_from_stored(stored, received) == local(2026, 3, 6, 17, 30)
    # An older dossier's rule (no same_day key) keeps working-time arithmetic.
    old = {"amount": 1.0, "unit": "workday", "cutoff": "15:00", "calendar": stored["calendar"]}
    assert due_from_stored(old, received) == local(2026, 3, 9, 14, 30)
