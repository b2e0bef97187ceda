"""The dashboard's figures and queues on a known data set (tests/reports/dashboard_data.py):
every number against the answer worked out by hand, every list behind a number exactly
those dossiers, the queues' settings and actions."""

from __future__ import annotations

from datetime import datetime

import pytest

from counterapp.app import open_app
from counterapp.reports import marks
from counterapp.reports.queues import compute_queues
from counterapp.reports.today import FIGURE_KEYS, UnknownFigure, figure_codes, figure_dossiers, today_figures
from tests.reports import dashboard_data as data


@pytest.fixture
def known(app_ctx):
    data.load(app_ctx)
    return app_ctx


def test_every_figure_of_today_is_the_known_answer_and_says_it_is_this_counters(known):
    with known.sessions() as s:
        today = today_figures(s, known.config, now=data.NOW)
    assert today.day.isoformat() == "2026-03-04"
    assert {f.key: f.count for f in today.figures} == {k: len(v) for k, v in data.ANSWERS.items()}
    assert {f.key: f.count for f in today.figures} == {
        "received": 3, "returned": 1, "due_today": 3, "overdue": 5, "waiting_citizen": 2, "not_synced": 4,
        "provisional": 2}
    assert all(f.scope == "counter" for f in today.figures) and today.scope == "counter"
    assert "Q01" in today.scope_text and "quầy" in today.scope_text
    as_json = today.to_dict()
    assert as_json["figures"]["overdue"]["count"] == 5 and as_json["scope"] == "counter"


@pytest.mark.parametrize("key", FIGURE_KEYS)
def test_the_list_behind_each_figure_is_exactly_its_dossiers(known, key):
    with known.sessions() as s:
        rows = figure_dossiers(s, known.config, key, now=data.NOW)
        codes = figure_codes(s, known.config, key, now=data.NOW)
        count = today_figures(s, known.config, now=data.NOW).count(key)
    assert {r.code for r in rows} == data.ANSWERS[key] == set(codes)
    assert len(rows) == count


def test_today_is_the_sites_day_not_the_utc_day(known):
    # 23:30 UTC on 3 March is 06:30 on 4 March in Hạ Long: today's dossiers are the 4th's.
    from datetime import UTC

    late_utc = datetime(2026, 3, 3, 23, 30, tzinfo=UTC)
    with known.sessions() as s:
        today = today_figures(s, known.config, now=late_utc)
    assert today.day.isoformat() == "2026-03-04"
    with known.sessions() as s:
        codes = set(figure_codes(s, known.config, "returned", now=late_utc))
    assert today.count("received") == 3
    assert codes == data.RETURNED  # the 4th's return, not the one of 3 March (the UTC day)


def test_an_unknown_figure_is_refused_in_both_languages(known):
    with known.sessions() as s, pytest.raises(UnknownFigure) as refused:
        figure_dossiers(s, known.config, "late", now=data.NOW)
    assert "Không có số liệu" in str(refused.value) and "no figure" in str(refused.value)


def test_queues_due_soon_overdue_by_days_late_uncollected_and_follow_up(known):
    with known.sessions() as s:
        q = compute_queues(s, known.config, now=data.NOW)
    assert q.next_working_day.isoformat() == "2026-03-05"
    assert [i.code for i in q.due_soon] == data.DUE_SOON
    assert [i.extra["due_day"] for i in q.due_soon] == ["today", "today", "today", "tomorrow"]
    assert {b.key: [i.code for i in b.items] for b in q.overdue} == data.OVERDUE_BUCKETS
    days = {i.code: i.extra["days_late"] for i in q.overdue_items}
    assert {k: days[k] for k in data.OVERDUE_DAYS} == data.OVERDUE_DAYS
    assert days["H49.22-260105-0001"] >= 8
    assert [i.code for i in q.uncollected] == data.UNCOLLECTED
    assert {i.code: i.extra["days_waiting"] for i in q.uncollected} == data.UNCOLLECTED_DAYS
    called = {i.code: i.extra["last_called"] for i in q.uncollected}
    assert called[data.CALLED] is not None and called[data.CALLED].by == "Nguyễn Văn Kiểm"
    assert called["H49.22-260216-0001"] is None
    assert [i.phone for i in q.uncollected] == ["0912000001", "0912000003"]
    assert [(r.number, r.working_days_open) for r in q.follow_up] == [
        ("YC260226-Q01-0001", 4), ("YC260302-Q01-0001", 2)]
    assert q.counts == {"due_soon": 4, "overdue": 5, "uncollected": 2, "follow_up": 2}
    assert q.to_dict()["overdue"][0]["dossiers"][0]["days_late"] == 0


def test_days_off_do_not_count_towards_waiting(known):
    # Result back Fri 13 Feb; on Tue 24 Feb only Mon 23 and Tue 24 were working days (Tết took
    # 16..20 Feb): 2 working days, not the 11 calendar days. Not yet uncollected at 3 days.
    with known.sessions() as s:
        from sqlalchemy import select

        from counterapp.dossiers.models import Dossier

        d = s.scalar(select(Dossier).where(Dossier.code == "H49.22-260216-0001"))
        d.result_received_at = data.at(2, 13, 10)
        s.commit()
        before = compute_queues(s, known.config, now=data.at(2, 24, 10))
        after = compute_queues(s, known.config, now=data.at(2, 25, 10))
    assert "H49.22-260216-0001" not in [i.code for i in before.uncollected]
    assert [(i.code, i.extra["days_waiting"]) for i in after.uncollected] == [("H49.22-260216-0001", 3)]


def test_the_thresholds_are_site_settings(data_dir):
    with open(data_dir / "site.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[dashboard]\nuncollected_after_days = 2\nfollow_up_after_days = 1\n")
    ctx = open_app(data_dir, seed_demo=False)
    try:
        data.load(ctx)
        with ctx.sessions() as s:
            q = compute_queues(s, ctx.config, now=data.NOW)
    finally:
        ctx.close()
    assert (q.uncollected_after_days, q.follow_up_after_days) == (2, 1)
    assert [i.code for i in q.uncollected] == ["H49.22-260216-0001", "H49.22-260216-0003", "H49.22-260216-0002"]
    assert [r.number for r in q.follow_up] == ["YC260226-Q01-0001", "YC260302-Q01-0001", "YC260303-Q01-0001"]


def test_a_wrong_threshold_is_refused_with_the_key_named(data_dir):
    from counterapp.config import ConfigError

    with open(data_dir / "site.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[dashboard]\nuncollected_after_days = -1\n")
    with pytest.raises(ConfigError) as refused:
        open_app(data_dir, seed_demo=False)
    assert "uncollected_after_days" in str(refused.value)


def test_marking_a_call_and_a_follow_up(known):
    called = marks.mark_called(known, "H49.22-260216-0001", "Nguyễn Văn Kiểm", "hẹn chiều mai đến nhận",
                               at=data.at(3, 4, 9, 45))
    assert (called.reference, called.by) == ("H49.22-260216-0001", "Nguyễn Văn Kiểm")
    followed = marks.mark_followed_up(known, "YC260226-Q01-0001", "Nguyễn Văn Kiểm", at=data.at(3, 4, 9, 50))
    assert followed.reference == "YC260226-Q01-0001"
    with known.sessions() as s:
        q = compute_queues(s, known.config, now=data.NOW)
    last = {i.code: i.extra["last_called"] for i in q.uncollected}["H49.22-260216-0001"]
    assert (last.by, last.note) == ("Nguyễn Văn Kiểm", "hẹn chiều mai đến nhận")
    assert "H49.22-260216-0001" in [i.code for i in q.uncollected]  # still waiting to collect
    assert [r.number for r in q.follow_up] == ["YC260302-Q01-0001"]  # followed up: out of the queue
    with known.sessions() as s:
        from counterapp.dossiers.completion import get_completion_request

        assert get_completion_request(s, "YC260226-Q01-0001").status == "open"  # the request stays open


def test_marks_refuse_unknown_references_and_a_missing_officer(known):
    from counterapp.dossiers.completion import CompletionRequestNotFound
    from counterapp.dossiers.intake import DossierNotFound, IntakeError

    with pytest.raises(DossierNotFound):
        marks.mark_called(known, "H49.22-000000-9999", "Nguyễn Văn Kiểm")
    with pytest.raises(CompletionRequestNotFound):
        marks.mark_followed_up(known, "YC000000-Q01-0001", "Nguyễn Văn Kiểm")
    with pytest.raises(IntakeError) as refused:
        marks.mark_called(known, "H49.22-260216-0001", "  ")
    assert "Thiếu tên cán bộ" in str(refused.value)


def test_a_queue_lists_its_oldest_rows_and_counts_them_all(known):
    with known.sessions() as s:
        q = compute_queues(s, known.config, now=data.NOW, limit=1)
    assert [i.code for i in q.due_soon] == data.DUE_SOON[:1]
    assert [i.code for i in q.overdue_items] == ["H49.22-260105-0001"]  # the most late first
    assert [i.code for i in q.uncollected] == data.UNCOLLECTED[:1]
    assert [r.number for r in q.follow_up] == data.FOLLOW_UP[:1]
    assert q.counts == {"due_soon": 4, "overdue": 5, "uncollected": 2, "follow_up": 2}


def test_the_provisional_count_reads_its_partial_index(known):
    # Spelled differently (`IS 1`, a bound 1), SQLite would read every dossier row instead: at
    # 200,000 dossiers the count took 105 ms, at a million half a second (bench/dashboard.py).
    # (Which index the uncollected queue takes depends on the table's size: the bench shows it.)
    from sqlalchemy import func, select

    from counterapp.dossiers.models import Dossier
    from counterapp.reports.today import figure_condition

    def plan(query) -> str:  # noqa: ANN001
        compiled = query.compile(known.engine)
        params = tuple(compiled.construct_params()[k] for k in compiled.positiontup)
        params = tuple(p.astimezone(UTC).replace(tzinfo=None).isoformat(" ") if isinstance(p, datetime) else p
                       for p in params)
        with known.engine.connect() as conn:
            return " ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params))

    from datetime import UTC

    provisional = select(func.count()).select_from(Dossier).where(figure_condition("provisional", known.config, data.NOW))
    assert "ix_dossiers_code_provisional_true" in plan(provisional)
