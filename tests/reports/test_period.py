"""A period's figures on a known month: every figure equals the known answer and a plain SQL
count on the same database file, in total and per procedure, field, officer and channel."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import select

from counterapp.calendar.pauses import working_minutes_between
from counterapp.calendar.service import load_calendar
from counterapp.dossiers.models import Dossier
from counterapp.reports.dossier_list import period_dossiers
from counterapp.reports.period import BY_CHOICES, FIGURE_LABELS, Period, ReportError, period_for, period_report
from tests.reports.conftest import FIGURES, expected, expected_weeks

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
# March 2026 in Hạ Long (UTC+7), as the naive UTC text the database stores
FIRST, AFTER = "2026-02-28 17:00:00", "2026-03-31 17:00:00"

SQL = {
    "received": "SELECT {key}, count(*) FROM dossiers d WHERE received_at >= :a AND received_at < :b "
                "AND NOT (status = 3 AND ledger_line IS NULL) GROUP BY 1",
    "resolved": "SELECT {key}, count(*) FROM dossiers d WHERE finished_at >= :a AND finished_at < :b "
                "AND status IN (9, 10) GROUP BY 1",
    "on_time": "SELECT {key}, count(*) FROM dossiers d WHERE finished_at >= :a AND finished_at < :b "
               "AND status IN (9, 10) AND (due_at IS NULL OR finished_at <= due_at) GROUP BY 1",
    "late": "SELECT {key}, count(*) FROM dossiers d WHERE finished_at >= :a AND finished_at < :b "
            "AND status IN (9, 10) AND finished_at > due_at GROUP BY 1",
    "returned": "SELECT {key}, count(*) FROM dossiers d WHERE returned_at >= :a AND returned_at < :b GROUP BY 1",
    "refused": "SELECT {key}, count(*) FROM dossier_status_changes c JOIN dossiers d ON d.id = c.dossier_id "
               "WHERE c.to_status = 3 AND c.at >= :a AND c.at < :b GROUP BY 1",
    "documents_requested": "SELECT {key}, count(*) FROM dossier_status_changes c JOIN dossiers d "
                           "ON d.id = c.dossier_id WHERE c.to_status = 5 AND c.at >= :a AND c.at < :b GROUP BY 1",
    "digitized": "SELECT {key}, count(*) FROM dossiers d WHERE received_at >= :a AND received_at < :b "
                 "AND NOT (status = 3 AND ledger_line IS NULL) AND d.id IN "
                 "(SELECT dossier_id FROM attachments WHERE deleted = 0) GROUP BY 1",
    "fees_collected_vnd": "SELECT {key}, sum(f.amount_vnd) FROM dossier_fees f JOIN dossiers d ON d.id = f.dossier_id "
                          "WHERE f.paid = 1 AND f.method <> 'free' AND f.paid_at >= :a AND f.paid_at < :b GROUP BY 1",
    "completion_requests": "SELECT {crkey}, count(*) FROM completion_requests r WHERE created_at >= :a "
                           "AND created_at < :b GROUP BY 1",
}
KEYS = {None: ("''", "''"), "procedure": ("d.procedure_code", "r.procedure_code"),
        "field": ("d.field_code", "(SELECT f.code FROM procedure_fields f JOIN procedures p ON p.id = f.procedure_id "
                                  "WHERE p.code = r.procedure_code)"),
        "officer": ("d.officer", "r.officer"), "channel": ("d.channel", "1")}


def _sql_counts(path, by) -> dict[str, dict[str, int]]:
    """The figures by plain SQL (sqlite3, no app code), per group key."""
    key, crkey = KEYS[by]
    out: dict[str, dict[str, int]] = {}
    with sqlite3.connect(path) as db:
        for name, sql in SQL.items():
            for group, value in db.execute(sql.format(key=key, crkey=crkey), {"a": FIRST, "b": AFTER}):
                out.setdefault(str(group), dict.fromkeys(FIGURES, 0))[name] = value
    return out


def _report_counts(report) -> dict[str, dict[str, int]]:
    rows = report.groups if report.by else [report.totals]
    return {("" if r.key is None else r.key): {n: getattr(r, n) for n in FIGURES} for r in rows}


@pytest.mark.parametrize("by", [None, *BY_CHOICES])
def test_every_figure_equals_the_known_answer_and_a_direct_sql_count(month, by):
    ctx, items = month
    with ctx.sessions() as s:
        report = period_report(s, ctx.config, MARCH, by)
    got = _report_counts(report)
    want = expected(items, by)
    assert got == want
    sql = _sql_counts(ctx.database_path, by)
    for key, figures in got.items():
        for name in FIGURES:
            if name != "working_minutes":  # not a count: checked against the calendar below
                assert figures[name] == sql.get(key, {}).get(name, 0), (key, name)
    if by:  # the groups add up to the totals
        totals = {n: sum(g[n] for g in got.values()) for n in FIGURES}
        assert totals == {n: getattr(report.totals, n) for n in FIGURES}


def test_the_totals_a_supervisor_reads(month):
    ctx, _ = month
    with ctx.sessions() as s:
        data = period_report(s, ctx.config, MARCH).as_dict()
    totals = data["totals"]
    assert data["source"] == totals["source"] == "counter"
    assert data["period"] == {"from": "2026-03-01", "to": "2026-03-31", "kind": "custom", "days": 31}
    assert (totals["received"], totals["resolved"], totals["on_time"], totals["late"]) == (10, 7, 4, 3)
    assert totals["on_time_rate"] == round(4 / 7, 4)
    assert (totals["refused"], totals["completion_requests"], totals["documents_requested"]) == (2, 2, 2)
    assert totals["digitized"] == 2 and totals["digitized_share"] == 0.2
    assert totals["fees_collected_vnd"] == 120000 and isinstance(totals["fees_collected_vnd"], int)
    # 480 + 4200 + 1920 + 30 + 1140 + 20 + 480 working minutes over 7 resolved dossiers
    assert totals["working_minutes"] == 8270
    assert totals["avg_working_days"] == round(8270 / 7 / 480, 2) == 2.46
    assert totals["avg_working_hours"] == round(8270 / 7 / 60, 2)
    assert set(FIGURE_LABELS) <= set(totals)


def test_on_time_is_judged_on_the_original_appointment(month):
    ctx, items = month
    with ctx.sessions() as s:
        moved = [s.scalar(select(Dossier).where(Dossier.code == i.code)) for i in items if i.late]
    # Two of the three late dossiers were finished before the appointment in force (moved by a
    # wait on the citizen, or a new date given with form 04): late all the same.
    assert sum(d.finished_at <= d.current_due_at for d in moved) == 2
    assert all(d.finished_at > d.due_at for d in moved)


def test_working_time_equals_the_calendar_dossier_by_dossier(month):
    ctx, items = month
    with ctx.sessions() as s:
        cal = load_calendar(s, ctx.config, [2026])
        for item in items:
            if not item.resolved:
                continue
            d = s.scalar(select(Dossier).where(Dossier.code == item.code))
            minutes = working_minutes_between(d.received_at, d.finished_at, cal) - d.paused_minutes
            assert minutes == item.working_minutes, d.code


def test_weeks_of_the_chart(month):
    ctx, items = month
    with ctx.sessions() as s:
        weeks = period_report(s, ctx.config, MARCH).weeks
    got = {w.start.isoformat(): {"received": w.received, "on_time": w.on_time, "late": w.late} for w in weeks}
    want = expected_weeks(items)
    assert {k: v for k, v in got.items() if any(v.values())} == want
    assert [w.start.weekday() for w in weeks] == [0] * 6 and weeks[0].start == date(2026, 2, 23)
    assert got["2026-03-23"] == {"received": 0, "on_time": 0, "late": 0}  # an empty week is still shown


def test_groups_are_labelled_and_sorted(month):
    ctx, _ = month
    with ctx.sessions() as s:
        by_proc = period_report(s, ctx.config, MARCH, "procedure").groups
        by_channel = period_report(s, ctx.config, MARCH, "channel").groups
        by_field = period_report(s, ctx.config, MARCH, "field").groups
    assert [g.label for g in by_proc] == ["1.001193 Đăng ký khai sinh", "2.000908 Chứng thực bản sao từ bản chính"]
    assert {g.label for g in by_channel} == {"Trực tiếp / at the counter", "Bưu chính / by post"}
    assert {g.label for g in by_field} == {"Hộ tịch", "Chứng thực"}


def test_presets_and_bad_input():
    assert period_for("day", date(2026, 3, 4)) == Period(date(2026, 3, 4), date(2026, 3, 4), "day")
    assert period_for("week", date(2026, 3, 4)) == Period(date(2026, 3, 2), date(2026, 3, 8), "week")
    assert period_for("month", date(2024, 2, 10)) == Period(date(2024, 2, 1), date(2024, 2, 29), "month")
    assert period_for("quarter", date(2026, 11, 5)) == Period(date(2026, 10, 1), date(2026, 12, 31), "quarter")
    assert period_for("year", date(2026, 3, 4)) == Period(date(2026, 1, 1), date(2026, 12, 31), "year")
    with pytest.raises(ReportError, match="trước ngày bắt đầu .* before the start date"):
        Period(date(2026, 3, 2), date(2026, 3, 1))
    with pytest.raises(ReportError, match="Kỳ không hợp lệ"):
        period_for("decade", date(2026, 3, 4))


def test_an_unknown_grouping_is_refused(month):
    ctx, _ = month
    with ctx.sessions() as s, pytest.raises(ReportError, match="Nhóm theo không hợp lệ.*unknown grouping"):
        period_report(s, ctx.config, MARCH, "colour")


def test_a_day_and_an_empty_period(month):
    ctx, _ = month
    with ctx.sessions() as s:
        day = period_report(s, ctx.config, period_for("day", date(2026, 3, 4))).totals
        empty = period_report(s, ctx.config, Period(date(2025, 1, 1), date(2025, 1, 31))).totals
    assert (day.received, day.resolved, day.returned, day.fees_collected_vnd) == (1, 1, 2, 20000)
    assert empty.received == empty.resolved == 0
    assert empty.on_time_rate is None and empty.avg_working_days is None and empty.digitized_share is None


def test_the_dossiers_behind_the_figures(month):
    ctx, items = month
    with ctx.sessions() as s:
        lines = period_dossiers(s, ctx.config, MARCH)
    by_code = {line.code: line for line in lines}
    counted = {i.code for i in items if i.code and (i.received or i.resolved)}
    assert set(by_code) == counted
    for item in items:
        if item.resolved:
            line = by_code[item.code]
            assert line.on_time == bool(item.on_time)
            assert line.working_days == round(item.working_minutes / 480, 2)
    assert [line.received_at for line in lines] == sorted(line.received_at for line in lines)


def test_figures_follow_any_change_to_a_dossier(tmp_path):
    """No summary to keep in step: a change made a moment ago is in the next report."""
    from counterapp.app import open_app
    from counterapp.db.engine import session_scope
    from counterapp.digitize.models import Attachment
    from counterapp.dossiers.lifecycle import mark_returned, set_status
    from tests.reports.conftest import BINH, _site, build_month, t

    folder = tmp_path / "data"
    _site(folder)
    ctx = open_app(folder, seed_demo=False)
    try:
        items = build_month(ctx)
        with ctx.sessions() as s:
            before = period_report(s, ctx.config, MARCH).totals
        waiting = next(i for i in items if i.documents_requested and not i.resolved).code  # status 5 since 17/3
        set_status(ctx, waiting, 4, BINH, at=t(18, 9))
        set_status(ctx, waiting, 9, BINH, at=t(19, 9))
        mark_returned(ctx, waiting, applicant=True, officer=BINH, at=t(19, 10))
        with session_scope(ctx.sessions) as s:
            for row in s.scalars(select(Attachment)):
                row.deleted = True  # the scans were deleted
        with ctx.sessions() as s:
            after = period_report(s, ctx.config, MARCH).totals
    finally:
        ctx.close()
    assert (after.resolved, after.on_time, after.returned) == (before.resolved + 1, before.on_time + 1,
                                                               before.returned + 1)
    assert before.digitized == 2 and after.digitized == 0
