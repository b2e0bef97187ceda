"""Retry rules: backoff with jitter and Retry-After, a stuck item isolated, a changed file
caught, and the portal's own commands."""

from __future__ import annotations

import json
import random

from sqlalchemy import select

from counterapp.db import utcnow
from counterapp.outbox import OutboxItem, dossier_sync_states
from sync import protocol as p

from .conftest import receive, run_cli


def test_retry_after_is_honoured_and_backoff_is_capped_with_jitter(engine, sync_ctx, admin):
    d = receive(sync_ctx)
    admin.admin_set_faults(p.Faults(rate_limit_next=1, retry_after=120, path_prefix="/operations"))
    report = engine.run_once()
    assert report.retry_later == 1 and report.online
    with sync_ctx.sessions() as s:
        item = s.scalar(select(OutboxItem).where(OutboxItem.entity_id == d.uuid))
    assert item.state == "waiting" and "too many requests" in item.last_error
    wait = (item.next_attempt_at - utcnow()).total_seconds()
    assert 100 < wait <= 120  # the portal asked for two minutes: not sooner
    assert engine.run_once().sent == 0  # and nothing is resent before then
    engine.rng = random.Random(1)
    engine.backoff_base, engine.backoff_cap = 2.0, 60.0
    delays = [engine._backoff(n) for n in range(1, 12)]
    assert all(0.5 * min(60.0, 2.0 * 2 ** (n - 1)) <= x <= min(60.0, 2.0 * 2 ** (n - 1))
               for n, x in zip(range(1, 12), delays, strict=True))
    assert max(delays) <= 60.0 and len(set(delays)) == len(delays)  # capped, and jittered


def test_one_stuck_item_does_not_hold_back_the_others(engine, sync_ctx, portal, admin):
    stuck = receive(sync_ctx, "Hồ sơ lỗi")
    others = [receive(sync_ctx, f"Người {i}") for i in range(5)]
    admin.admin_set_faults(p.Faults(poison_entities=[stuck.uuid]))
    report = engine.run_until_idle(timeout=1.5)
    held = {d.id for d in portal.store.dossiers()}
    assert held == {d.uuid for d in others}  # everyone else went through
    assert report.remaining == 1
    with sync_ctx.sessions() as s:
        item = s.scalar(select(OutboxItem).where(OutboxItem.entity_id == stuck.uuid))
        assert item.state == "waiting" and item.attempts >= 3  # still retried (a 5xx), alone, later
        assert dossier_sync_states(s, [stuck.uuid]) == {stuck.uuid: "waiting"}
    # Once it is sent alone, it no longer stops a pass: what is queued after it still goes at once.
    later = receive(sync_ctx, "Người đến sau")
    with sync_ctx.sessions() as s:
        s.execute(OutboxItem.__table__.update().values(next_attempt_at=None))
        s.commit()
    assert engine.run_once().applied == 1
    assert later.uuid in {d.id for d in portal.store.dossiers()}
    admin.admin_set_faults(p.Faults())
    item_due = engine.run_until_idle(timeout=10)
    assert item_due.remaining == 0 and stuck.uuid in {d.id for d in portal.store.dossiers()}


def test_a_file_changed_after_it_was_queued_needs_attention(engine, sync_ctx, portal, tmp_path):
    from .test_attachments_and_pull import attach

    d = receive(sync_ctx)
    att = attach(sync_ctx, d, tmp_path, 3)
    path = sync_ctx.files_dir / att.file_name
    raw = bytearray(path.read_bytes())
    raw[-10] ^= 0xFF
    path.write_bytes(bytes(raw))
    report = engine.run_until_idle(timeout=10)
    assert report.parked == 1
    with sync_ctx.sessions() as s:
        item = s.scalar(select(OutboxItem).where(OutboxItem.operation == "attachment.upload"))
        assert item.state == "needs_attention" and "SHA-256" in item.last_error
    assert portal.store.dossiers()[0].attachments == []  # nothing half-written on the portal


def test_portal_commands(tmp_path, portal, engine, sync_ctx):
    import os

    env = dict(os.environ)
    db = portal.store.url
    d = receive(sync_ctx)
    engine.run_until_idle(timeout=10)
    added = run_cli(["portal", "add-user", "--db", db, "ha.nguyen", "--role", "supervisor", "--password-stdin"],
                    env, input_text="mat-khau-moi\n")
    assert added.returncode == 0, added.stderr
    from sync.client import PortalClient

    assert PortalClient(portal.url).login("ha.nguyen", "mat-khau-moi").role == "supervisor"
    listed = run_cli(["portal", "dossiers", "--db", db, "--json"], env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["client_id"], r["code"], r["status"]) for r in rows] == [(d.uuid, d.code, 2)]
    assert rows[0]["attachments"] == []


def test_expired_sign_in_keeps_the_queue_and_asks_to_sign_in(engine, sync_ctx, portal):
    d = receive(sync_ctx)
    engine.client.token = "token-the-portal-no-longer-knows"
    report = engine.run_until_idle(timeout=30)  # returns at once: retrying cannot help
    assert report.applied == 0 and report.parked == 0 and report.sent == 1
    assert engine.state().status_text() == "Cần đăng nhập cổng / sign in to the portal"
    with sync_ctx.sessions() as s:
        assert dossier_sync_states(s, [d.uuid]) == {d.uuid: "waiting"}  # kept, not parked
    from sync.client import PortalClient

    engine.set_token(PortalClient(portal.url).login("officer", "officer-pass", counter_id="Q01").token)
    assert engine.run_until_idle(timeout=10).remaining == 0
    assert [x.id for x in portal.store.dossiers()] == [d.uuid]
