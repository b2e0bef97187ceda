"""Portal load benchmark: a province's counters at once against `portal serve --workers 4` on
PostgreSQL.

    scripts/with-postgres.sh .venv/bin/python bench/portal_load.py [--counters 200] [--dossiers 50]
        [--attachments 5] [--size 200000] [--batch 10] [--workers 4] [--client-procs 2]
    .venv/bin/python bench/portal_load.py --db postgresql+psycopg://... [--url http://host:port]

Quảng Ninh handles ~600,000 dossiers a year across hundreds of counters: about 2,400 a working
day, most in the morning. Each simulated counter (a thread; the threads are spread over a few
client processes) signs in as its own officer (bound to its counter, `portal add-user
--counter`), reserves a number block for today, then pushes its dossiers in batches of
`--batch`, pulls its progress feed after each push, uploads its attachments (each a distinct
file, whole), and finally sends its last batch again, as an engine does when an answer is
lost (it must come back as duplicates). Counters are spread over agencies of 10 counters each
(a commune's one-stop office), since one agency numbers at most 9,999 dossiers a day.

The portal is started by the script (`counterapp portal serve --workers N --db URL --files
TMP` on a free port) unless `--url` names a running one; the users are added straight into
the database named by `--db` (default: $COUNTERAPP_TEST_PORTAL_DB, which
scripts/with-postgres.sh sets). The database is emptied first unless `--keep`.

Prints requests per second, p50/p95 latency per kind of request, errors (a request that
failed even after 3 tries), and a final check read from the database: every dossier exactly
once, every attachment complete with its SHA-256, every resend answered as a duplicate.
Client and server share the machine: on a small one the figures are the client's too.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SITE_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
PASSWORD = "bench-password-1"
COUNTERS_PER_AGENCY = 10
TRIES = 3


def counter_ids(n: int) -> list[tuple[str, str]]:
    """(agency, counter) for each simulated counter."""
    return [(f"H49.B{i // COUNTERS_PER_AGENCY + 1:02d}", f"B{i + 1:03d}") for i in range(n)]


def username(counter: str) -> str:
    return f"bench-{counter.lower()}"


def prepare(db: str, files: str, counters: int, keep: bool) -> None:
    from sync.portal.models import PortalBase
    from sync.portal.store import PortalStore, _make_engine, load_demo_catalog

    if not keep:
        engine = _make_engine(db)
        PortalBase.metadata.drop_all(engine)
        engine.dispose()
    store = PortalStore(db, files_dir=files)
    store.seed(catalog_records=[r for r in load_demo_catalog() if r.get("MATTHC") == "1.001193"])
    started = time.perf_counter()
    for agency, counter in counter_ids(counters):
        store.add_user(username(counter), "officer", PASSWORD, agency_code=agency, counters=[counter])
    print(f"{counters} officers added in {time.perf_counter() - started:.1f} s", flush=True)
    store.engine.dispose()


def start_portal(db: str, files: str, workers: int) -> tuple[subprocess.Popen, str]:
    from sync.client import Offline, PortalClient
    from sync.portal.server import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "counterapp", "portal", "serve", "--workers", str(workers),
                             "--port", str(port), "--db", db, "--files", files], cwd=ROOT,
                            stdout=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    probe = PortalClient(url)
    deadline = time.monotonic() + 60
    while True:
        try:
            probe.health()
            return proc, url
        except Offline:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the portal did not start") from None
            time.sleep(0.2)


# --- one client process -------------------------------------------------------------------
def _timed(stats: dict, kind: str, call, *args):  # noqa: ANN001, ANN202
    """call(*args), timed; retried (a Retryable or Offline) up to TRIES times."""
    from sync.client import Offline, Retryable

    for attempt in range(TRIES):
        started = time.perf_counter()
        try:
            result = call(*args)
            stats["latency"].setdefault(kind, []).append(time.perf_counter() - started)
            return result
        except (Retryable, Offline) as exc:
            stats["retries"].append(f"{kind}: {type(exc).__name__}: {exc}")
            if attempt == TRIES - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def dossier_payload(agency: str, counter: str, code: str, dossier_id: str, n: int) -> dict:
    return {"uuid": dossier_id, "code": code, "code_provisional": False, "procedure_code": "1.001193",
            "agency_code": agency, "counter_id": counter, "status": 2,
            "received_at": datetime.now(SITE_ZONE).isoformat(),
            "applicant": {"name": f"Nguyễn Văn {counter} {n}", "id_number": f"0012030{n:05d}",
                          "phone": "0912345678", "address": "Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh"},
            "documents": [{"code": f"GT{k:02d}", "name": "Tờ khai đăng ký khai sinh", "copies": 1} for k in range(4)],
            "fee": 0, "officer": "Trần Thị Bình", "note": "hồ sơ thử tải / load test dossier"}


def run_counter(url: str, agency: str, counter: str, args: dict) -> dict:
    from sync import protocol as p
    from sync.client import PortalClient

    stats: dict = {"latency": {}, "retries": [], "errors": [], "sent": [], "files": [], "duplicates": 0,
                   "resent": 0}
    client = PortalClient(url)
    try:
        client.token = _timed(stats, "login", lambda: client.login(username(counter), PASSWORD, counter_id=counter,
                                                                    agency_code=agency)).token
        today = datetime.now(SITE_ZONE).date()
        blocks = _timed(stats, "reserve", client.reserve_blocks, agency, counter, [today], args["dossiers"])
        block = blocks.blocks[0]
        numbers = iter(range(block.first, block.last + 1))
        since, last_batch = 0, []
        for start in range(0, args["dossiers"], args["batch"]):
            batch = []
            for n in range(start, min(start + args["batch"], args["dossiers"])):
                dossier_id = str(uuid.uuid4())
                code = f"{agency}-{today:%y%m%d}-{next(numbers):04d}"
                batch.append(p.Operation(operation_id=str(uuid.uuid4()), operation="dossier.create",
                                         entity_id=dossier_id,
                                         payload={"dossier": dossier_payload(agency, counter, code, dossier_id, n)}))
            answer = _timed(stats, "push", client.push, batch)
            for op, result in zip(batch, answer.results, strict=True):
                if result.outcome != p.OperationOutcome.APPLIED:
                    stats["errors"].append(f"push {op.entity_id}: {result.outcome} {result.message}")
            stats["sent"].extend(op.entity_id for op in batch)
            last_batch = batch
            events = _timed(stats, "progress", client.progress, counter, since)
            since = events.cursor
        for k in range(args["attachments"]):
            data = (f"%PDF-1.4 {counter} {k} ".encode() + os.urandom(64))
            data = data + bytes(args["size"] - len(data))
            digest = hashlib.sha256(data).hexdigest()
            att = str(uuid.uuid4())
            init = p.AttachmentInit(dossier_id=stats["sent"][k % len(stats["sent"])], filename=f"scan-{k}.pdf",
                                    size=len(data), sha256=digest, document_code="GT01")
            _timed(stats, "attachment", client.attachment_put, att, init, data)
            stats["files"].append((att, digest))
        if last_batch:  # an answer lost on the way back: the engine sends the batch again
            answer = _timed(stats, "push", client.push, last_batch)
            stats["resent"] += len(last_batch)
            stats["duplicates"] += sum(1 for r in answer.results if r.duplicate)
    except Exception as exc:  # noqa: BLE001 - a benchmark counts failures, it does not stop at one
        stats["errors"].append(f"{counter}: {type(exc).__name__}: {exc}")
    finally:
        client.close()
    return stats


def run_process(url: str, counters: list[tuple[str, str]], args: dict) -> dict:
    with ThreadPoolExecutor(max_workers=len(counters)) as pool:
        results = list(pool.map(lambda c: run_counter(url, c[0], c[1], args), counters))
    merged: dict = {"latency": {}, "retries": [], "errors": [], "sent": [], "files": [], "duplicates": 0, "resent": 0}
    for r in results:
        for kind, values in r["latency"].items():
            merged["latency"].setdefault(kind, []).extend(values)
        for key in ("retries", "errors", "sent", "files"):
            merged[key].extend(r[key])
        merged["duplicates"] += r["duplicates"]
        merged["resent"] += r["resent"]
    return merged


# --- the check -----------------------------------------------------------------------------
def check(db: str, files: str, sent: list[str], uploaded: list[tuple[str, str]]) -> list[str]:
    from sqlalchemy import func, select

    from sync.portal.models import Attachment, PortalDossierRow
    from sync.portal.store import PortalStore

    store = PortalStore(db, files_dir=files)
    problems = []
    with store.read() as s:
        held = s.execute(select(PortalDossierRow.id, func.count()).where(PortalDossierRow.id.in_(sent))
                         .group_by(PortalDossierRow.id)).all()
        codes = s.scalar(select(func.count(func.distinct(PortalDossierRow.code))).where(PortalDossierRow.id.in_(sent)))
        atts = {a.id: a for a in s.scalars(select(Attachment).where(Attachment.id.in_([a for a, _ in uploaded])))}
    counts = dict(held)
    if len(set(sent)) != len(sent):
        problems.append("the bench sent a dossier id twice")
    missing = [d for d in sent if d not in counts]
    doubled = [d for d, n in counts.items() if n != 1]
    if missing:
        problems.append(f"{len(missing)} dossiers missing")
    if doubled:
        problems.append(f"{len(doubled)} dossiers held more than once")
    if codes != len(counts):
        problems.append(f"{len(counts) - codes} codes given twice")
    for att, digest in uploaded:
        a = atts.get(att)
        if a is None or not a.complete or a.sha256 != digest:
            problems.append(f"attachment {att} incomplete or wrong")
        elif hashlib.sha256(store.files.read(digest)).hexdigest() != digest:
            problems.append(f"attachment {att}: the file on disk does not match its SHA-256")
    store.engine.dispose()
    return problems


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counters", type=int, default=200)
    parser.add_argument("--dossiers", type=int, default=50, help="per counter")
    parser.add_argument("--attachments", type=int, default=5, help="per counter")
    parser.add_argument("--size", type=int, default=200_000, help="bytes per attachment (a scanned page or two)")
    parser.add_argument("--batch", type=int, default=10, help="dossiers per push")
    parser.add_argument("--workers", type=int, default=4, help="portal worker processes")
    parser.add_argument("--client-procs", type=int, default=2, help="processes the counters' threads run in")
    parser.add_argument("--db", default=os.environ.get("COUNTERAPP_TEST_PORTAL_DB"))
    parser.add_argument("--url", help="a running portal on --db (else one is started)")
    parser.add_argument("--files", help="the portal's attachments folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="do not empty the database first")
    args = parser.parse_args()
    if not args.db:
        parser.error("--db postgresql+psycopg://... (or run under scripts/with-postgres.sh)")
    files = args.files or tempfile.mkdtemp(prefix="portal-load-files-")
    prepare(args.db, files, args.counters, args.keep)
    proc, url = (None, args.url) if args.url else start_portal(args.db, files, args.workers)
    try:
        counters = counter_ids(args.counters)
        procs = max(1, min(args.client_procs, len(counters)))
        parts = [counters[i::procs] for i in range(procs)]
        options = {"dossiers": args.dossiers, "attachments": args.attachments, "size": args.size,
                   "batch": args.batch}
        print(f"{args.counters} counters × {args.dossiers} dossiers + {args.attachments} attachments of "
              f"{args.size // 1000} KB, batches of {args.batch}, portal {url} ({args.workers} workers), "
              f"{procs} client processes", flush=True)
        started = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool(procs) as pool:
            results = pool.starmap(run_process, [(url, part, options) for part in parts])
        elapsed = time.perf_counter() - started
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(30)
    latency: dict[str, list[float]] = {}
    sent, uploaded, errors, retries, duplicates, resent = [], [], [], [], 0, 0
    for r in results:
        for kind, values in r["latency"].items():
            latency.setdefault(kind, []).extend(values)
        sent += r["sent"]
        uploaded += r["files"]
        errors += r["errors"]
        retries += r["retries"]
        duplicates += r["duplicates"]
        resent += r["resent"]
    requests = sum(len(v) for v in latency.values())
    print(f"{requests} requests in {elapsed:.1f} s: {requests / elapsed:.0f} requests/s, "
          f"{len(sent) / elapsed:.0f} dossiers/s, {len(uploaded) * args.size / elapsed / 1e6:.1f} MB/s of attachments")
    print(f"{'request':<12}{'count':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    everything = [v for values in latency.values() for v in values]
    for kind, values in sorted(latency.items()) + [("all", everything)]:
        print(f"{kind:<12}{len(values):>8}{percentile(values, 50) * 1000:>10.0f}{percentile(values, 95) * 1000:>10.0f}"
              f"{max(values, default=0) * 1000:>10.0f}")
    print(f"errors: {len(errors)} (requests retried: {len(retries)})")
    for line in errors[:10]:
        print(f"  {line}")
    problems = check(args.db, files, sent, uploaded)
    if duplicates != resent:
        problems.append(f"{resent - duplicates} of {resent} resent operations not answered as duplicates")
    expected = args.counters * args.dossiers
    print(f"check: {len(sent)} of {expected} dossiers sent, {len(uploaded)} attachments; "
          + ("every dossier exactly once, every attachment complete with its SHA-256, "
             f"{duplicates} resends answered as duplicates" if not problems else "; ".join(problems[:10])))
    print(json.dumps({"requests_per_s": round(requests / elapsed, 1), "elapsed_s": round(elapsed, 1),
                      "p50_ms": round(percentile(everything, 50) * 1000, 1),
                      "p95_ms": round(percentile(everything, 95) * 1000, 1), "errors": len(errors),
                      "ok": not problems and not errors and len(sent) == expected}))
    return 0 if not problems and not errors and len(sent) == expected else 1


if __name__ == "__main__":
    sys.exit(main())
