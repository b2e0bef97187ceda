"""`counterapp portal serve --workers N`: several processes on one socket and one database.

Two counters (or one counter's engine and its retry after a lost answer) may send the same
new operation id at the same moment. Before, the second insert of the operation id or of
the dossier broke a unique constraint and the portal answered 500; now the loser's
transaction is replayed, reads the winner's answer and gets it as a duplicate. Run on
SQLite always and on PostgreSQL when COUNTERAPP_TEST_PORTAL_DB names a server
(scripts/with-postgres.sh).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

from sync import protocol as p
from sync.client import Offline, PortalClient
from sync.portal.server import free_port

from .conftest import COUNTERAPP, PORTAL_DB_ENV, REPO

ROUNDS = 25


def _empty_postgres(url: str) -> None:
    from sync.portal.models import PortalBase
    from sync.portal.store import _make_engine

    engine = _make_engine(url)
    PortalBase.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def workers_portal(request, tmp_path: Path):
    """`portal serve --workers 2 --demo` in its own process group; yields its URL."""
    if request.param == "postgresql":
        db = os.environ.get(PORTAL_DB_ENV)
        if not db:
            pytest.skip(f"{PORTAL_DB_ENV} not set (scripts/with-postgres.sh sets it)")
        _empty_postgres(db)
    else:
        db = f"sqlite:///{tmp_path / 'portal.db'}"
    port = free_port()
    env = {**os.environ, "COUNTERAPP_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.Popen(COUNTERAPP + ["portal", "serve", "--demo", "--workers", "2", "--port", str(port),
                                          "--db", db, "--files", str(tmp_path / "files")],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    probe = PortalClient(url)
    deadline = time.monotonic() + 60
    while True:
        try:
            probe.health()
            break
        except Offline:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"portal serve --workers did not start: {proc.stderr.read()}")
            time.sleep(0.2)
    probe.close()
    yield url
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


def _create(op_id: str, dossier_id: str, n: int) -> p.Operation:
    dossier = {"uuid": dossier_id, "code": f"TMP-{n}", "code_provisional": True, "procedure_code": "1.001193",
               "applicant": {"name": f"Người {n}"}, "received_at": "2026-11-30T09:00:00+07:00", "status": 2}
    return p.Operation(operation_id=op_id, operation="dossier.create", entity_id=dossier_id,
                       payload={"dossier": dossier})


def test_racing_same_operation_id_gets_one_applied_and_one_duplicate(workers_portal):
    clients = []
    for _ in range(2):
        client = PortalClient(workers_portal)
        client.token = client.login("officer", "officer-pass", counter_id="Q01").token
        clients.append(client)
    answers: dict[int, list] = {}
    failures: list[str] = []

    def send(client: PortalClient, op: p.Operation, barrier: threading.Barrier, n: int) -> None:
        barrier.wait()
        try:
            answers.setdefault(n, []).append(client.push([op]).results[0])
        except Exception as exc:  # noqa: BLE001 - a 5xx is what this test is about: keep it as a failure
            failures.append(f"{type(exc).__name__}: {exc}")

    dossier_ids = []
    for n in range(ROUNDS):
        op = _create(str(uuid.uuid4()), str(uuid.uuid4()), n)
        dossier_ids.append(op.entity_id)
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=send, args=(c, op, barrier, n)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    assert failures == []
    for n in range(ROUNDS):
        pair = answers[n]
        assert [r.outcome for r in pair] == [p.OperationOutcome.APPLIED] * 2
        assert sorted(r.duplicate for r in pair) == [False, True]  # one applied, the other told it was
        assert pair[0].data["code"] == pair[1].data["code"]
    admin = PortalClient(workers_portal)
    admin.token = admin.login("admin", "admin-pass").token
    held = admin.admin_dossiers()
    assert sorted(d.id for d in held) == sorted(dossier_ids)  # every dossier exactly once
    assert len({d.code for d in held}) == ROUNDS  # and no code given twice
    for client in [*clients, admin]:
        client.close()


def test_workers_out_of_range_is_a_message(tmp_path):
    from counterapp.cli.common import EXIT_FAILED

    out = subprocess.run(COUNTERAPP + ["portal", "serve", "--workers", "0", "--db", f"sqlite:///{tmp_path / 'p.db'}"],
                         cwd=REPO, capture_output=True, text=True, timeout=60,
                         env={**os.environ, "COUNTERAPP_DATA_DIR": str(tmp_path / "data")})
    assert out.returncode == EXIT_FAILED
    assert "--workers" in out.stderr and "Traceback" not in out.stderr
