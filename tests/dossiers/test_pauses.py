"""Clock pauses, worked by hand: time waiting on the citizen (statuses 5, 6) does not run the
overdue clock; going back to work moves the appointment in force by the *working* time waited.

Default sessions 07:30-11:30 and 13:30-17:30 (480 working minutes a day), Monday to Friday.
March 2026: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9, Tue 10.
"""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlalchemy import select

from counterapp.calendar.pauses import shift_by_working_minutes, working_minutes_between
from counterapp.calendar.working_time import WorkingCalendar
from counterapp.db.engine import session_scope
from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.lifecycle import record_progress, request_completion, set_status
from counterapp.dossiers.queries import get_by_code, list_dossiers
from counterapp.dossiers.ui_support import is_overdue
from counterapp.outbox import OutboxItem
from tests.dossiers.conftest import HCM, request_dict

CAL = WorkingCalendar(zone=HCM, sessions=((time(7, 30), time(11, 30)), (time(13, 30), time(17, 30))))
# 30 April (Thursday) and 1 May (Friday) 2026 are public holidays.
HOLIDAYS = WorkingCalendar(zone=HCM, sessions=CAL.sessions,
                           off_days=frozenset({datetime(2026, 4, 30).date(), datetime(2026, 5, 1).date()}))


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HCM)


def test_a_weekend_wait_is_one_working_day_not_three_calendar_days():
    # Friday 10:00 -> Monday 10:00: Fri 10:00-11:30 (90) + 13:30-17:30 (240) + Mon 07:30-10:00 (150) = 480
    assert working_minutes_between(at(6, 10), at(9, 10), CAL) == 480
    # Thursday 10:00 -> Monday 10:00: Thu 330 + all of Friday 480 + Mon 150 = 960, two working days
    # (not four calendar days, 5,760 minutes)
    assert working_minutes_between(at(5, 10), at(9, 10), CAL) == 960


def test_the_lunch_break_the_night_and_holidays_do_not_count():
    assert working_minutes_between(at(2, 11), at(2, 14), CAL) == 60  # 11:00-11:30 and 13:30-14:00
    assert working_minutes_between(at(2, 17), at(3, 8), CAL) == 60  # 17:00-17:30 and 07:30-08:00
    assert working_minutes_between(at(7, 9), at(8, 16), CAL) == 0  # a weekend
    # Wednesday 29/4 10:00 -> Monday 4/5 10:00 over the 30/4 and 1/5 holidays: 330 + 150
    assert working_minutes_between(at(29, 10, month=4), at(4, 10, month=5), HOLIDAYS) == 480
    assert working_minutes_between(at(3, 10), at(2, 10), CAL) == 0  # end before start


def test_the_appointment_moves_by_working_time():
    assert shift_by_working_minutes(at(5, 9), 480, CAL) == at(6, 9)
    assert shift_by_working_minutes(at(6, 9), 480, CAL) == at(9, 9)  # over the weekend
    assert shift_by_working_minutes(at(2, 17, 30), 60, CAL) == at(3, 8, 30)  # due at the close
    assert shift_by_working_minutes(at(2, 11), 60, CAL) == at(2, 14)  # over lunch
    assert shift_by_working_minutes(at(2, 11), 0, CAL) == at(2, 11)


def _receive(ctx, when: datetime) -> str:
    return create_dossier(ctx, request_dict(received_at=when.isoformat()), "Cán bộ A").code


def test_a_dossier_paused_friday_to_monday_moves_by_one_working_day(proc_ctx):
    # 3 working days from Wednesday 4/3 09:00: due Monday 9/3 09:00.
    code = _receive(proc_ctx, at(4, 9))
    with proc_ctx.sessions() as s:
        assert get_by_code(s, code).due_at == at(9, 9)
    request_completion(proc_ctx, code, ["Giấy chứng sinh"], "Thiếu giấy chứng sinh", "Cán bộ A", at=at(6, 10))
    with proc_ctx.sessions() as s:
        d = get_by_code(s, code)
        assert d.status == 5 and d.paused_since == at(6, 10)
        # Waiting on the citizen: never overdue, whatever the time.
        assert not is_overdue(d, at(20, 10))
        assert list_dossiers(s, overdue=True, now=at(20, 10)) == []
    set_status(proc_ctx, code, 4, "Cán bộ A", "Đã bổ sung", at=at(9, 10))  # back Monday 10:00
    with proc_ctx.sessions() as s:
        d = get_by_code(s, code)
        assert d.due_at == at(9, 9)  # the original: on time is judged against it
        assert d.current_due_at == at(10, 9)  # one working day later, not three calendar days
        assert d.paused_since is None and d.paused_minutes == 480
        assert d.status_changes[-1].note == "Đã bổ sung"  # the officer's words, as written
        assert "8 giờ 00 phút làm việc" in d.status_changes[-1].clock_note
        assert "09:00 09/03/2026 sang 09:00 10/03/2026" in d.status_changes[-1].clock_note
        # Monday 10:00: past the original appointment, not past the one in force.
        assert list_dossiers(s, overdue=True, now=at(9, 10)) == []
        assert [x.code for x in list_dossiers(s, due_today=True, now=at(10, 8), zone=HCM)] == [code]
        assert [x.code for x in list_dossiers(s, overdue=True, now=at(10, 9, 1))] == [code]
        payload = s.scalars(select(OutboxItem).order_by(OutboxItem.seq.desc())).first().payload
        assert payload["dossier"]["current_due_at"].startswith("2026-03-10T02:00")  # 09:00 in Hà Nội, as UTC


def test_documents_then_payment_is_one_pause(proc_ctx):
    code = _receive(proc_ctx, at(2, 9))  # due Thursday 5/3 09:00
    request_completion(proc_ctx, code, ["Giấy chứng sinh"], "Thiếu", "Cán bộ A", at=at(3, 9))
    set_status(proc_ctx, code, 6, "Cán bộ A", "Chờ nộp lệ phí", at=at(4, 9))
    with proc_ctx.sessions() as s:
        assert get_by_code(s, code).paused_since == at(3, 9)  # still the first wait
    set_status(proc_ctx, code, 2, "Cán bộ A", at=at(5, 9))  # two working days later
    with proc_ctx.sessions() as s:
        d = get_by_code(s, code)
        assert d.paused_minutes == 960 and d.current_due_at == at(9, 9) and d.due_at == at(5, 9)


def test_the_portal_s_progress_pauses_the_clock_the_same_way(proc_ctx):
    code = _receive(proc_ctx, at(4, 9))  # due Monday 9/3 09:00
    with session_scope(proc_ctx.writer_sessions) as s:
        d = get_by_code(s, code)
        record_progress(s, d, status=5, at=at(6, 10), department="Phòng Tư pháp", config=proc_ctx.config)
        record_progress(s, d, status=4, at=at(9, 10), department="Phòng Tư pháp", config=proc_ctx.config)
        # A change the table refuses (received -> returned) is kept as progress, not applied.
        record_progress(s, d, status=10, at=at(9, 11), department="Phòng Tư pháp", config=proc_ctx.config)
    with proc_ctx.sessions() as s:
        d = get_by_code(s, code)
        assert d.status == 4 and d.current_due_at == at(10, 9)
        last = d.status_changes[-1]
        assert last.source == "portal" and last.to_status == 4 and "Đã trả kết quả" in last.note


@pytest.mark.parametrize("status", [5, 6])
def test_a_waiting_dossier_is_listed_as_due_today_but_never_overdue(proc_ctx, status):
    code = _receive(proc_ctx, at(2, 9))
    set_status(proc_ctx, code, status, "Cán bộ A", "Chờ công dân", at=at(4, 9))
    with proc_ctx.sessions() as s:
        assert [x.code for x in list_dossiers(s, due_today=True, now=at(5, 8), zone=HCM)] == [code]
        assert list_dossiers(s, overdue=True, now=at(30, 9)) == []
