"""Sync benchmark: 10,000 dossiers and 1,000 attachments of 200 KB queued offline, then
pushed to the reference portal on loopback.

    .venv/bin/python bench/sync.py [--dossiers 10000] [--attachments 1000] [--size 200000]

Prints dossiers per second, MB/s and the client's peak memory (ru_maxrss of the process
that runs the sync engine; the portal runs in its own process, the queue is filled by
another). Targets: everything in under 60 s, client peak under 300 MB.

The queue is filled the way the app fills it (outbox rows with `dossier_to_dict` payloads
cloned from one dossier received through the intake service, and "attachment.upload" rows
shaped like digitize's), in bulk, because receiving 10,000 dossiers one by one through
the intake service would take minutes and is not what is measured here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def phase_queue(data_dir: Path, dossiers: int, attachments: int, size: int) -> None:
    from counterapp.app import open_app
    from counterapp.catalog.importer import import_catalog_records
    from counterapp.db import new_uuid, session_scope
    from counterapp.dossiers.intake import create_dossier
    from counterapp.outbox import enqueue
    from sync.portal.store import load_demo_catalog

    ctx = open_app(data_dir, seed_demo=False)
    import_catalog_records(ctx.sessions, [r for r in load_demo_catalog() if r["MATTHC"] == "1.001193"])
    first = create_dossier(ctx, {"procedure_code": "1.001193", "officer": "Trần Thị Bình",
                                 "applicant": {"name": "Nguyễn Văn An", "id_number": "001203004567",
                                               "phone": "0912345678", "address": "Tổ 1, phường Hạ Long"}})
    from sqlalchemy import select

    from counterapp.outbox import OutboxItem

    with ctx.sessions() as s:
        template = s.scalar(select(OutboxItem).where(OutboxItem.entity_id == first.uuid)).payload
    uuids = [first.uuid]
    with session_scope(ctx.sessions) as s:
        for i in range(1, dossiers):
            uid = new_uuid()
            day, number = divmod(i, 5000)
            payload = dict(template, uuid=uid, code=f"{template['agency_code']}-2612{day + 1:02d}-{number + 1:04d}",
                           applicant=dict(template["applicant"], name=f"Công dân số {i}"))
            enqueue(s, "dossier.create", uid, payload)
            uuids.append(uid)
    files = ctx.files_dir
    with session_scope(ctx.sessions) as s:
        for i in range(attachments):
            blob = os.urandom(size)
            digest = hashlib.sha256(blob).hexdigest()
            (files / f"{digest}.pdf").write_bytes(blob)
            aid = new_uuid()
            enqueue(s, "attachment.upload", aid, {
                "attachment_id": aid, "dossier_id": uuids[i % len(uuids)], "document_code": "GT01",
                "filename": f"{digest}.pdf", "size": size, "sha256": digest, "page_count": 1, "dpi": 200,
                "officer": "Trần Thị Bình", "ocr_state": "none", "signed": False})
    ctx.close()


def phase_push(data_dir: Path, portal_url: str) -> None:
    from counterapp.app import open_app
    from sync.client import PortalClient
    from sync.engine import SyncEngine

    ctx = open_app(data_dir, seed_demo=False)
    client = PortalClient(portal_url)
    client.token = client.login("officer", "officer-pass", counter_id="Q01", agency_code="H49.22").token
    engine = SyncEngine(ctx, client, pull=False, batch_size=500, backoff_base=0.1, backoff_cap=1.0)
    start = time.perf_counter()
    report = engine.run_until_idle(timeout=600)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "applied": report.applied, "files": report.files,
                      "bytes": report.bytes_sent, "remaining": report.remaining, "peak_mb": peak_mb,
                      "errors": report.errors[:3]}))
    ctx.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--attachments", type=int, default=1_000)
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--phase", choices=["queue", "push"], help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    parser.add_argument("--portal", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "queue":
        phase_queue(Path(args.data_dir), args.dossiers, args.attachments, args.size)
        return 0
    if args.phase == "push":
        phase_push(Path(args.data_dir), args.portal)
        return 0

    from sync.client import Offline, PortalClient, Retryable
    from sync.portal.server import free_port
    from sync.portal.store import PortalStore

    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    data = work / "counter"
    data.mkdir()
    (data / "site.toml").write_text('[site]\nagency_code = "H49.22"\ncounter_id = "Q01"\n', encoding="utf-8")
    port = free_port()
    db_url = f"sqlite:///{work / 'portal.db'}"
    me = [sys.executable, str(Path(__file__).resolve())]
    portal = subprocess.Popen([sys.executable, "-m", "counterapp", "portal", "serve", "--demo", "--port", str(port),
                               "--db", db_url], cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        t0 = time.perf_counter()
        subprocess.run(me + ["--phase", "queue", "--data-dir", str(data), "--dossiers", str(args.dossiers),
                             "--attachments", str(args.attachments), "--size", str(args.size)], check=True)
        queued = time.perf_counter() - t0
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                PortalClient(url).health()
                break
            except (Offline, Retryable):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        out = subprocess.run(me + ["--phase", "push", "--data-dir", str(data), "--portal", url],
                             check=True, capture_output=True, text=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        portal.terminate()
        portal.wait(10)
    store = PortalStore(db_url)
    held = store.dossiers(include_data=False)
    complete = sum(a.complete for d in held for a in d.attachments)
    store.engine.dispose()
    mb = result["bytes"] / 1e6
    print(f"queued offline: {args.dossiers} dossiers, {args.attachments} files of {args.size // 1000} KB "
          f"in {queued:.1f} s")
    print(f"pushed in {result['seconds']:.1f} s: {args.dossiers / result['seconds']:.0f} dossiers/s "
          f"(with files), {mb / result['seconds']:.1f} MB/s, {mb:.0f} MB sent")
    print(f"client peak memory: {result['peak_mb']:.0f} MB")
    print(f"portal holds {len(held)} dossiers, {complete} complete files; left in queue: {result['remaining']}")
    ok = (result["seconds"] < 60 and result["peak_mb"] < 300 and len(held) == args.dossiers
          and complete == args.attachments and result["remaining"] == 0)
    print("targets (< 60 s, < 300 MB, all delivered):", "met" if ok else "NOT met")
    if result["errors"]:
        print("errors:", result["errors"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
