"""Benchmark: the dashboard's figures and queues at 1,000,000 dossiers, through the app's own
query layer (`today_figures`, `compute_queues`: what the window's "Tổng quan" tab and
`counterapp dashboard` call). Target: the dashboard under 200 ms (issue 11).

The database is bench/report.py's (N dossiers over ~4 years, their history, fees, scans and
requests to complete; about 9 % of them end as "result back, not collected", far more than a
real counter, which makes the uncollected queue's count the heavy part), plus the outbox rows
a busy day leaves (a few hundred waiting). "Now" is the data set's last day. Prints figures;
asserts nothing.

    .venv/bin/python bench/dashboard.py [--dossiers 1000000] [--db DIR] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.report import END, build  # noqa: E402
from counterapp.app import open_app  # noqa: E402
from counterapp.reports.queues import compute_queues  # noqa: E402
from counterapp.reports.today import figure_dossiers, today_figures  # noqa: E402


def _outbox(folder: Path) -> None:
    """A few hundred operations still waiting (the day's work before a sync)."""
    import sqlite3

    db = sqlite3.connect(folder / "counter.db")
    if db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0:
        uuids = [r[0] for r in db.execute("SELECT uuid FROM dossiers ORDER BY id DESC LIMIT 300")]
        db.executemany(
            "INSERT INTO outbox (operation_id, operation, entity_id, payload_json, state, attempts, created_at) "
            "VALUES (?, 'dossier.create', ?, '{}', 'waiting', 0, ?)",
            [(f"op-{u}", u, END.isoformat(" ")) for u in uuids])
        db.commit()
    db.close()


def _time(fn, repeat: int) -> tuple[float, float]:  # noqa: ANN001
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--db", type=Path, help="keep (and reuse) the database in this folder")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        folder = args.db or Path(tmp) / "data"
        if not (folder / "counter.db").exists():
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "site.toml").write_text('[officer]\nfull_name = "Nguyễn Văn Kiểm"\n', encoding="utf-8")
            built = build(folder, args.dossiers, args.years)
            print(f"built {args.dossiers:,} dossiers over {args.years} years in {built:.0f} s")
        _outbox(folder)
        ctx = open_app(folder, seed_demo=False)
        now = END.replace(tzinfo=UTC)
        try:
            with ctx.sessions() as s:
                total = s.execute(__import__("sqlalchemy").text("SELECT count(*) FROM dossiers")).scalar()
                today = today_figures(s, ctx.config, now=now)
                queues = compute_queues(s, ctx.config, now=now)
                print(f"{total:,} dossiers; today {today.day}: "
                      + ", ".join(f"{f.key} {f.count:,}" for f in today.figures))
                print("queues: " + ", ".join(f"{k} {v:,}" for k, v in queues.counts.items()))
                for label, fn in (
                    ("today's seven figures", lambda: today_figures(s, ctx.config, now=now)),
                    ("the four queues", lambda: compute_queues(s, ctx.config, now=now)),
                    ("the whole dashboard (both)", lambda: (today_figures(s, ctx.config, now=now),
                                                            compute_queues(s, ctx.config, now=now))),
                    ("the list behind 'overdue'", lambda: figure_dossiers(s, ctx.config, "overdue", now=now)),
                    ("the list behind 'not synced'", lambda: figure_dossiers(s, ctx.config, "not_synced", now=now)),
                ):
                    median, worst = _time(fn, args.repeat)
                    print(f"{label:32s} median {median:7.1f} ms   worst {worst:7.1f} ms")
        finally:
            ctx.close()


if __name__ == "__main__":
    main()
