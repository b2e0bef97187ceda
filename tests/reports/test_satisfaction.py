"""Citizens' ratings in a period's figures: how many rated and the satisfaction rate, in total,
per procedure and per officer (the officer who served, who may not be the one who took the
dossier in), equal to what was recorded and to a plain SQL count; ratings outside the period's
days in the site's zone are not counted."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

from sqlalchemy import select

from counterapp.dossiers.models import Dossier
from counterapp.ratings import record_rating
from counterapp.reports.period import Period, period_report

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def test_ratings_counted_in_total_by_procedure_and_by_the_officer_who_served(month, tmp_path):
    ctx, _items = month
    with ctx.sessions() as s:
        dossiers = s.scalars(select(Dossier).order_by(Dossier.id)).all()
        codes = [(d.code, d.procedure_code, d.returned_at is not None) for d in dossiers]
    first, second, third, fourth = codes[0], codes[1], codes[2], codes[3]
    # 10:00 on 10/3 local; 31/3 23:30 local is 16:30 UTC, still March; 1/4 00:30 local is not
    record_rating(ctx, first[0], "satisfied", officer="Lê Thu Hà", at=datetime(2026, 3, 10, 3, tzinfo=UTC))
    record_rating(ctx, second[0], "unsatisfied", reasons=["time"], officer="Lê Thu Hà",
                  at=datetime(2026, 3, 31, 16, 30, tzinfo=UTC))
    record_rating(ctx, third[0], "normal", officer="Phạm Minh", at=datetime(2026, 3, 12, 2, tzinfo=UTC))
    record_rating(ctx, fourth[0], "satisfied", officer="Phạm Minh", at=datetime(2026, 3, 31, 17, 30, tzinfo=UTC))

    with ctx.sessions() as s:
        total = period_report(s, ctx.config, MARCH).totals
        by_officer = {g.key: g for g in period_report(s, ctx.config, MARCH, "officer").groups}
        by_procedure = {g.key: g for g in period_report(s, ctx.config, MARCH, "procedure").groups}
    assert (total.rated, total.satisfied, total.normal, total.unsatisfied) == (3, 1, 1, 1)
    assert total.satisfaction_rate == 1 / 3
    assert (by_officer["Lê Thu Hà"].rated, by_officer["Lê Thu Hà"].satisfied) == (2, 1)
    assert by_officer["Lê Thu Hà"].satisfaction_rate == 0.5
    assert (by_officer["Phạm Minh"].rated, by_officer["Phạm Minh"].normal) == (1, 1)

    db = sqlite3.connect(ctx.data_dir / "counter.db")
    sql = ("SELECT d.procedure_code, count(*), sum(r.score = 'satisfied') FROM ratings r JOIN dossiers d "
           "ON d.id = r.dossier_id WHERE r.rated_at >= '2026-02-28 17:00:00' AND r.rated_at < '2026-03-31 17:00:00' "
           "GROUP BY 1")
    for procedure, rated, satisfied in db.execute(sql):
        assert (by_procedure[procedure].rated, by_procedure[procedure].satisfied) == (rated, satisfied)
    db.close()
    assert sum(g.rated for g in by_procedure.values()) == 3
