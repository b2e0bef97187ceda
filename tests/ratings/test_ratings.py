"""The citizen's rating in the core: stored with the dossier, the officer and the moment,
queued for the portal in the same transaction, counted per officer and procedure over a
period of site-zone days."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from counterapp.dossiers.intake_request import DossierNotFound
from counterapp.officer import Officer
from counterapp.outbox import OutboxItem
from counterapp.ratings import RATING_OPERATION, RatingError, ratings_of, reason_counts, record_rating, satisfaction
from counterapp.ratings.models import Rating
from tests.ratings.conftest import HCM, receive


def test_rating_is_stored_with_dossier_officer_and_moment(proc_ctx) -> None:
    dossier = receive(proc_ctx)
    officer = Officer(username="binhtv", full_name="Trần Thị Bình")
    at = datetime(2026, 3, 2, 9, 30, tzinfo=HCM)
    info = record_rating(proc_ctx, dossier.code, "unsatisfied", reasons=["time", "guidance"], officer=officer, at=at)
    with proc_ctx.sessions() as s:
        [row] = s.scalars(select(Rating)).all()
        assert (row.dossier_id, row.dossier_code, row.dossier_uuid) == (dossier.id, dossier.code, dossier.uuid)
        assert (row.officer_name, row.officer_username) == ("Trần Thị Bình", "binhtv")
        assert row.score == "unsatisfied" and row.reasons == ["time", "guidance"] and row.occasion == "intake"
        assert row.rated_at == at and row.rated_at.tzinfo is not None  # UTC-aware back out
        assert row.procedure_code == "1.001193"
        assert [r.uuid for r in ratings_of(s, dossier.code)] == [info.uuid]


def test_without_an_officer_the_sites_configured_officer_served(proc_ctx) -> None:
    dossier = receive(proc_ctx)
    info = record_rating(proc_ctx, dossier.code, "satisfied")
    assert info.officer_name == "Nguyễn Văn Kiểm"  # site.toml [officer] of the data_dir fixture


def test_outbox_row_is_written_with_the_rating(proc_ctx) -> None:
    dossier = receive(proc_ctx)
    info = record_rating(proc_ctx, dossier.code, "normal", reasons=["attitude"])
    with proc_ctx.sessions() as s:
        [item] = s.scalars(select(OutboxItem).where(OutboxItem.operation == RATING_OPERATION)).all()
    assert item.entity_id == info.uuid  # its own chain: never holds back the dossier's operations
    payload = item.payload
    assert payload["dossier_uuid"] == dossier.uuid and payload["score"] == "normal"
    assert payload["reasons"] == ["attitude"] and payload["agency_code"] == dossier.agency_code


def test_rating_and_outbox_row_commit_together_or_not_at_all(proc_ctx) -> None:
    dossier = receive(proc_ctx)
    # The outbox insert fails (a real SQLite trigger): the rating must not be left behind unsynced.
    with proc_ctx.engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER no_ratings BEFORE INSERT ON outbox WHEN NEW.operation = 'rating.create' "
                          "BEGIN SELECT RAISE(ABORT, 'outbox refused'); END"))
    with pytest.raises(Exception, match="outbox refused"):
        record_rating(proc_ctx, dossier.code, "satisfied")
    with proc_ctx.sessions() as s:
        assert s.scalars(select(Rating)).all() == []
    with proc_ctx.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER no_ratings"))
    record_rating(proc_ctx, dossier.code, "satisfied")
    with proc_ctx.sessions() as s:
        assert len(s.scalars(select(Rating)).all()) == 1


def test_bad_input_is_refused_and_writes_nothing(proc_ctx) -> None:
    dossier = receive(proc_ctx)
    with pytest.raises(RatingError, match="score"):
        record_rating(proc_ctx, dossier.code, "great")
    with pytest.raises(RatingError, match="unknown reason"):
        record_rating(proc_ctx, dossier.code, "satisfied", reasons=["weather"])
    with pytest.raises(RatingError, match="not been returned"):
        record_rating(proc_ctx, dossier.code, "satisfied", occasion="return")
    with pytest.raises(DossierNotFound):
        record_rating(proc_ctx, "H49.22-000000-9999", "satisfied")
    record_rating(proc_ctx, dossier.code, "satisfied")
    with pytest.raises(RatingError, match="already rated"):
        record_rating(proc_ctx, dossier.code, "normal")
    with proc_ctx.sessions() as s:
        assert [r.score for r in s.scalars(select(Rating))] == ["satisfied"]
        assert len(s.scalars(select(OutboxItem).where(OutboxItem.operation == RATING_OPERATION)).all()) == 1


def test_return_visit_is_rated_apart_from_the_intake(proc_ctx) -> None:
    from counterapp.dossiers.lifecycle import mark_returned, resolve_now

    dossier = receive(proc_ctx)
    record_rating(proc_ctx, dossier.code, "normal")
    resolve_now(proc_ctx, dossier.code, "Nguyễn Văn Kiểm")
    mark_returned(proc_ctx, dossier.code, "Nguyễn Văn An", officer="Lê Văn Trả")
    info = record_rating(proc_ctx, dossier.code, "satisfied", occasion="return", officer="Lê Văn Trả")
    assert info.occasion == "return" and info.officer_name == "Lê Văn Trả"


def test_site_may_list_its_own_reasons(data_dir, proc_ctx) -> None:
    from counterapp.app import open_app
    from counterapp.ratings.reasons import load_reasons

    with (data_dir / "site.toml").open("a", encoding="utf-8") as f:
        f.write('\n[rating]\nreasons = ["Thái độ", "Thời gian"]\n')
    ctx = open_app(data_dir, seed_demo=False)
    try:
        assert [(r.code, r.label) for r in load_reasons(ctx.config)] == [("thai-do", "Thái độ"),
                                                                         ("thoi-gian", "Thời gian")]
        dossier = receive(ctx)
        assert record_rating(ctx, dossier.code, "unsatisfied", reasons=["thai-do"]).reasons == ("thai-do",)
    finally:
        ctx.close()


def test_counts_by_officer_and_procedure_over_a_period_of_site_days(proc_ctx) -> None:
    def rate(officer: str, procedure: str, score: str, at: datetime, reasons=()) -> None:
        d = receive(proc_ctx, procedure=procedure, at=at)
        record_rating(proc_ctx, d.code, score, officer=officer, at=at, reasons=reasons)

    # 1 March 23:30 in Hạ Long is 16:30 UTC on 1 March; 2 March 00:30 there is 17:30 UTC on 1 March.
    rate("An", "1.001193", "satisfied", datetime(2026, 3, 2, 0, 30, tzinfo=HCM), ["attitude"])
    rate("An", "1.001193", "unsatisfied", datetime(2026, 3, 3, 10, 0, tzinfo=HCM), ["time", "attitude"])
    rate("Bình", "2.000001", "satisfied", datetime(2026, 3, 3, 11, 0, tzinfo=HCM))
    rate("Bình", "1.001193", "normal", datetime(2026, 3, 4, 23, 59, tzinfo=HCM))
    rate("Bình", "1.001193", "satisfied", datetime(2026, 3, 1, 23, 30, tzinfo=HCM))  # the day before
    rate("An", "2.000001", "satisfied", datetime(2026, 3, 5, 0, 0, tzinfo=HCM))  # the day after
    with proc_ctx.sessions() as s:
        by_officer = {r.key: r for r in satisfaction(s, date(2026, 3, 2), date(2026, 3, 4), HCM, by="officer")}
        by_procedure = {r.key: r for r in satisfaction(s, date(2026, 3, 2), date(2026, 3, 4), HCM, by="procedure")}
        [total] = satisfaction(s, date(2026, 3, 2), date(2026, 3, 4), HCM, by="total")
        reasons = reason_counts(s, date(2026, 3, 2), date(2026, 3, 4), HCM)
        nothing = satisfaction(s, date(2027, 1, 1), date(2027, 1, 31), HCM, by="total")
    assert (by_officer["An"].satisfied, by_officer["An"].unsatisfied, by_officer["An"].total) == (1, 1, 2)
    assert by_officer["An"].rate == 0.5
    assert (by_officer["Bình"].satisfied, by_officer["Bình"].normal, by_officer["Bình"].total) == (1, 1, 2)
    assert by_procedure["1.001193"].total == 3 and by_procedure["1.001193"].satisfied == 1
    assert by_procedure["1.001193"].label == "Đăng ký khai sinh"
    assert by_procedure["2.000001"].total == 1 and by_procedure["2.000001"].rate == 1.0
    assert (total.satisfied, total.normal, total.unsatisfied, total.total) == (2, 1, 1, 4)
    assert reasons == {"attitude": 2, "time": 1}
    assert nothing[0].total == 0 and nothing[0].rate is None


def test_rated_at_is_stored_in_utc(proc_ctx) -> None:
    dossier = receive(proc_ctx)
    record_rating(proc_ctx, dossier.code, "satisfied", at=datetime(2026, 3, 2, 9, 0, tzinfo=HCM))
    with proc_ctx.engine.connect() as conn:
        raw = conn.execute(text("SELECT rated_at FROM ratings")).scalar()
    assert str(raw).startswith("2026-03-02 02:00:00")
    with proc_ctx.sessions() as s:
        assert s.scalar(select(Rating.rated_at)) == datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
