"""Push: every dossier reaches the portal exactly once, whatever the network does."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counterapp.dossiers.models import Dossier
from counterapp.outbox import OutboxItem, dossier_sync_states
from sync import protocol as p

from .conftest import receive


def portal_codes(portal):
    return sorted(d.code for d in portal.store.dossiers())


def test_pull_then_receive_then_push(engine, sync_ctx, portal):
    # The first pull brought the portal's catalog and a number block for today.
    dossiers = [receive(sync_ctx, f"Người {i}") for i in range(5)]
    with sync_ctx.sessions() as s:
        assert set(dossier_sync_states(s, [d.uuid for d in dossiers]).values()) == {"waiting"}
    seen = []
    engine.batch_size = 2
    engine.add_listener(lambda event: seen.append(event.state.status_text()))
    report = engine.run_until_idle(timeout=20)
    assert report.remaining == 0 and report.applied == 5
    assert "Đang đồng bộ 2/5 / Syncing 2 of 5" in seen and "Đang đồng bộ 4/5 / Syncing 4 of 5" in seen
    held = {d.id: d for d in portal.store.dossiers()}
    assert set(held) == {d.uuid for d in dossiers}
    assert {held[d.uuid].code for d in dossiers} == {d.code for d in dossiers}
    with sync_ctx.sessions() as s:
        assert set(dossier_sync_states(s, [d.uuid for d in dossiers]).values()) == {"synced"}
    assert engine.state().status_text().startswith("Đồng bộ lúc")


@pytest.mark.parametrize("fault", ["error", "rate_limit", "drop", "lost_response"])
def test_exactly_once_under_fault(engine, sync_ctx, portal, admin, fault):
    dossiers = [receive(sync_ctx, f"Người {i}") for i in range(6)]
    # The next two requests fail this way, then a third of all requests at random.
    admin.admin_set_faults(p.Faults(**{f"{fault}_next": 2, f"{fault}_rate": 0.3}, retry_after=0, seed=7,
                                    path_prefix="/operations"))
    engine.batch_size = 2
    report = engine.run_until_idle(timeout=30)
    admin.admin_set_faults(p.Faults())
    assert report.remaining == 0, report.errors
    assert report.retry_later > 0  # the fault did happen
    held = portal.store.dossiers()
    assert sorted(d.id for d in held) == sorted(d.uuid for d in dossiers)  # each exactly once
    if fault in ("drop", "lost_response"):
        assert report.duplicates > 0  # the write had committed; the resend got the first answer


def test_same_operation_id_other_body_is_http_409_and_parked(engine, sync_ctx, portal):
    """ODK Central's rule: an operation id sent again with the same body gets the first answer;
    with another body the whole request is refused with 409 (nothing of it applied). The engine
    parks that item with the portal's message; its batch neighbours go through exactly once."""
    from sync.client import Conflict

    d = receive(sync_ctx)
    engine.run_until_idle(timeout=10)
    with sync_ctx.sessions() as s:
        item = s.scalar(select(OutboxItem).where(OutboxItem.entity_id == d.uuid))
    op = p.Operation(operation_id=item.operation_id, operation=item.operation, entity_id=item.entity_id,
                     payload=item.payload)
    again = engine.client.push([op]).results[0]
    assert again.outcome == "applied" and again.duplicate
    changed = op.model_copy(update={"payload": {**op.payload, "applicant_name": "Người khác"}})
    other = receive(sync_ctx, "Người trong cùng lô")
    with sync_ctx.sessions() as s:
        other_op = s.scalar(select(OutboxItem).where(OutboxItem.entity_id == other.uuid))
    fresh = p.Operation(operation_id=other_op.operation_id, operation=other_op.operation,
                        entity_id=other_op.entity_id, payload=other_op.payload)
    with pytest.raises(Conflict) as refused:
        engine.client.push([fresh, changed])
    assert "khác" in refused.value.message and item.operation_id in refused.value.message
    assert other.uuid not in {x.id for x in portal.store.dossiers()}  # nothing of the refused request applied
    before = portal.store.operation_count()

    # The same clash coming from the counter's own queue (a corrupted row): parked with the message.
    from counterapp.db import session_scope

    with session_scope(sync_ctx.writer_sessions) as s:
        row = s.get(OutboxItem, item.seq)
        assert "Nguyễn Văn An" in row.payload_json
        row.payload_json = row.payload_json.replace("Nguyễn Văn An", "Người khác")
        row.state, row.settled_at = "waiting", None
    report = engine.run_until_idle(timeout=10)
    assert report.remaining == 0
    with sync_ctx.sessions() as s:
        parked = s.get(OutboxItem, item.seq)
        sent = s.get(OutboxItem, other_op.seq)
    assert parked.state == "needs_attention" and "đã dùng cho nội dung khác" in parked.portal_message
    assert sent.state == "synced"
    assert portal.store.operation_count() == before + 1  # the neighbour once, the clash never
    assert sorted(x.id for x in portal.store.dossiers()) == sorted([d.uuid, other.uuid])


def test_rejected_item_is_parked_and_others_go_on(engine, sync_ctx, portal):
    from counterapp.db import session_scope
    from counterapp.outbox import enqueue

    good = receive(sync_ctx, "Người tốt")
    with session_scope(sync_ctx.sessions) as s:
        enqueue(s, "dossier.teleport", good.uuid, {"where": "moon"})  # an operation the portal refuses
    later = receive(sync_ctx, "Người sau")
    report = engine.run_until_idle(timeout=10)
    assert report.parked == 1 and report.remaining == 0
    assert {d.id for d in portal.store.dossiers()} == {good.uuid, later.uuid}
    state = engine.state()
    assert state.needs_attention == 1
    assert "1 cần xử lý / 1 need attention" in state.status_text()
    with sync_ctx.sessions() as s:
        parked = s.scalar(select(OutboxItem).where(OutboxItem.operation == "dossier.teleport"))
        assert parked.state == "needs_attention" and "unsupported operation" in parked.portal_message
        assert dossier_sync_states(s, [good.uuid, later.uuid]) == {good.uuid: "needs_attention", later.uuid: "synced"}
    # Not retried blindly: another run sends nothing.
    assert engine.run_once().sent == 0


def test_offline_then_back(sync_ctx, portal):
    from .conftest import make_engine

    eng = make_engine(sync_ctx, portal)
    eng.run_once()
    d = receive(sync_ctx)
    portal.stop()
    report = eng.run_once()
    assert not report.online and report.remaining == 1
    assert eng.state().status_text() == "Ngoại tuyến / Offline"
    with sync_ctx.sessions() as s:
        assert dossier_sync_states(s, [d.uuid]) == {d.uuid: "waiting"}
    # The portal answers again on the same port; the worker thread resumes on its own.
    from sync.portal.server import PortalThread

    back = PortalThread(portal.store.url, port=portal.port).start()
    try:
        events = []
        eng.add_listener(events.append)
        eng.start()
        import time

        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not (eng.state().online and eng.state().waiting == 0):
            time.sleep(0.05)
        eng.stop()
        assert [x.id for x in back.store.dossiers()] == [d.uuid]
        assert any(e.kind == "items" and d.uuid in e.entity_ids for e in events)
    finally:
        back.stop()


def test_provisional_code_is_confirmed_by_the_portal(sync_ctx, portal):
    from .conftest import make_engine

    eng = make_engine(sync_ctx, portal, pull=False)
    eng._pull_catalog()  # the catalog only: no number block came, so the code is provisional
    d = receive(sync_ctx)
    assert d.code_provisional
    eng.run_until_idle(timeout=10)
    with sync_ctx.sessions() as s:
        fresh = s.scalar(select(Dossier).where(Dossier.uuid == d.uuid))
    assert not fresh.code_provisional and fresh.provisional_code == d.code
    assert fresh.code == portal.store.dossiers()[0].code
