"""A sync process killed with SIGKILL at random points converges: every dossier on the portal
exactly once, every operation applied once, statuses in order."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time

from sqlalchemy import select

from counterapp.app import open_app
from counterapp.dossiers.models import Dossier
from counterapp.outbox import OutboxItem
from sync import protocol as p

from .conftest import COUNTERAPP, REPO, receive, run_cli
from .test_auth_cli import site


def test_sigkill_at_random_points_converges(keyring_bus, portal, admin, tmp_path):
    from counterapp.dossiers.lifecycle import set_status

    data = site(tmp_path / "counter", portal.url)
    env = dict(keyring_bus)
    assert run_cli(["--data-dir", str(data), "login", "--user", "officer", "--password-stdin"], env,
                   input_text="officer-pass\n").returncode == 0
    ctx = open_app(data, seed_demo=False)
    try:
        from sync.client import PortalClient
        from sync.engine import SyncEngine

        SyncEngine(ctx, PortalClient(portal.url, token=admin.token))._pull_catalog()
        dossiers = [receive(ctx, f"Người {i}") for i in range(40)]
        for d in dossiers[:20]:
            set_status(ctx, d.code, 4, "Trần Thị Bình")
        for d in dossiers[:5]:
            set_status(ctx, d.code, 9, "Trần Thị Bình")
    finally:
        ctx.close()
    # Slow, lossy portal so that kills land in the middle of things.
    admin.admin_set_faults(p.Faults(latency_ms=30, lost_response_rate=0.15, error_rate=0.05, retry_after=0,
                                    seed=11, path_prefix="/operations"))
    rng = random.Random(5)
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen(COUNTERAPP + ["--data-dir", str(data), "sync", "--until-idle", "--timeout", "30"],
                                env={**env, "COUNTERAPP_SYNC_BATCH": "7"}, cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.9, 1.8))  # start-up is about a second
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(10)
    assert kills >= 1
    admin.admin_set_faults(p.Faults())
    final = run_cli(["--data-dir", str(data), "sync", "--until-idle", "--timeout", "30", "--json"], env)
    assert final.returncode == 0, final.stderr
    assert json.loads(final.stdout)["remaining"] == 0

    held = portal.store.dossiers()
    ctx = open_app(data, seed_demo=False)
    try:
        with ctx.sessions() as s:
            local = {d.uuid: d for d in s.scalars(select(Dossier))}
            ops = s.scalars(select(OutboxItem)).all()
    finally:
        ctx.close()
    assert sorted(d.id for d in held) == sorted(local)  # none lost, none doubled
    assert len({d.code for d in held}) == len(held)
    assert {d.id: d.status for d in held} == {u: d.status for u, d in local.items()}
    assert all(o.state == "synced" for o in ops)
    assert portal.store.operation_count() == len(ops)  # each operation applied exactly once
