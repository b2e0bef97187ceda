"""Ratings reach the real reference portal (uvicorn on 127.0.0.1) exactly once: pushed twice
(a row sent again after its answer was lost, or replayed by hand) the portal holds one rating
and answers the second push as a duplicate. A rating outside the officer's counters is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from counterapp.outbox import OutboxItem, OutboxState
from counterapp.ratings import RATING_OPERATION, record_rating
from sync import protocol as p
from sync.client import PortalClient, Rejected
from tests.sync.conftest import receive


def _rating_row(ctx) -> OutboxItem:
    with ctx.sessions() as s:
        return s.scalar(select(OutboxItem).where(OutboxItem.operation == RATING_OPERATION))


def test_rating_arrives_once_even_when_pushed_twice(engine, sync_ctx, portal) -> None:
    dossier = receive(sync_ctx)
    info = record_rating(sync_ctx, dossier.code, "unsatisfied", reasons=["time"], officer="Trần Thị Bình")
    report = engine.run_until_idle(timeout=20)
    assert report.remaining == 0, report.errors
    assert _rating_row(sync_ctx).state == OutboxState.SYNCED
    held = engine.client.ratings(dossier.uuid)
    assert [(r.uuid, r.score, r.reasons, r.officer_name, r.occasion) for r in held] == [
        (info.uuid, "unsatisfied", ["time"], "Trần Thị Bình", "intake")]
    assert held[0].agency_code == "H49.22" and held[0].rated_at == info.rated_at

    # The same row pushed again (as after an answer lost on the way back): one rating still.
    with sync_ctx.writer_sessions() as s, s.begin():
        s.execute(update(OutboxItem).where(OutboxItem.operation == RATING_OPERATION)
                  .values(state=OutboxState.WAITING, settled_at=None, next_attempt_at=None))
    again = engine.run_until_idle(timeout=20)
    assert again.remaining == 0 and again.duplicates == 1
    assert [r.uuid for r in engine.client.ratings(dossier.uuid)] == [info.uuid]


def test_lost_answer_is_resent_and_counted_once(engine, sync_ctx, portal, admin) -> None:
    dossiers = [receive(sync_ctx, f"Người {i}") for i in range(3)]
    engine.run_until_idle(timeout=20)  # the dossiers first
    for d in dossiers:
        record_rating(sync_ctx, d.code, "satisfied", officer="Trần Thị Bình")
    # The portal commits the next push of ratings, then drops the connection before answering.
    admin.admin_set_faults(p.Faults(lost_response_next=1, path_prefix="/ratings"))
    report = engine.run_until_idle(timeout=30)
    admin.admin_set_faults(p.Faults())
    assert report.remaining == 0, report.errors
    assert report.duplicates == 3  # the resend got "applied, duplicate" for each
    for d in dossiers:
        assert len(engine.client.ratings(d.uuid)) == 1


def test_same_rating_id_with_another_body_is_rejected_and_first_stands(engine, sync_ctx, portal) -> None:
    dossier = receive(sync_ctx)
    engine.run_until_idle(timeout=20)
    rating = p.RatingIn(uuid="r-1", dossier_uuid=dossier.uuid, dossier_code=dossier.code, counter_id="Q01",
                        score="satisfied", occasion="intake", rated_at=datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
    body = p.RatingsRequest(ratings=[rating]).model_dump_json().encode()
    first = engine.client.push_ratings_json(body)
    assert first.results[0].outcome == p.OperationOutcome.APPLIED and not first.results[0].duplicate
    other = p.RatingsRequest(ratings=[rating.model_copy(update={"score": "unsatisfied"})])
    second = engine.client.push_ratings_json(other.model_dump_json().encode())
    assert second.results[0].outcome == p.OperationOutcome.REJECTED
    assert [r.score for r in engine.client.ratings(dossier.uuid)] == ["satisfied"]


def test_rating_outside_the_officers_counters_is_refused(engine, sync_ctx, portal) -> None:
    rating = p.RatingIn(uuid="r-2", dossier_uuid="not-on-portal", counter_id="Q02", score="normal",
                        occasion="intake", rated_at=datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
    with pytest.raises(Rejected) as refused:
        engine.client.push_ratings_json(p.RatingsRequest(ratings=[rating]).model_dump_json().encode())
    assert refused.value.status == 403
    admin = PortalClient(portal.url)
    admin.token = admin.login("admin", "admin-pass").token
    with pytest.raises(Rejected) as by_admin:  # a back office account does not write as a counter
        admin.push_ratings_json(p.RatingsRequest(ratings=[rating.model_copy(update={"counter_id": "Q01"})])
                                .model_dump_json().encode())
    assert by_admin.value.status == 403
    admin.close()
    assert engine.client.ratings("not-on-portal") == []
