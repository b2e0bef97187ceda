"""Benchmark: a period's figures at 1,000,000 dossiers, through the app's own query layer.

Builds a counter database (executemany into a temporary data folder migrated as the app does)
with N dossiers (default 1,000,000) received over ~4 years (like bench/dossier_list.py: about
250,000 a year, more than the busiest one-stop centre), each with its status history, fees,
scans and, now and then, a request to complete; then times `period_report` (the function the
window, the CLI and the exports call) for a year by procedure (target under 1 s), a year in
total, by officer, and a month; and, when the build has them, the dashboard's today figures and
queues (target under 200 ms). Prints figures; asserts nothing.

    .venv/bin/python bench/report.py [--dossiers 1000000] [--years 4] [--db DIR] [--repeat 3]

`--db DIR` keeps the database there and reuses it on the next run (no rebuild). The machine
has 2 shared cores: run the full size sparingly; `--dossiers 100000` for a quick look.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counterapp.app import open_app  # noqa: E402
from counterapp.db.base import new_uuid  # noqa: E402
from counterapp.reports.period import Period, period_for, period_report  # noqa: E402

END = datetime(2026, 11, 27, 10, 0)  # naive UTC, as stored
FIELDS = [("HT", "Hộ tịch"), ("CT", "Chứng thực"), ("DD", "Đất đai"), ("KD", "Hộ kinh doanh"),
          ("XD", "Xây dựng"), ("LD", "Lao động - Thương binh và Xã hội"), ("GD", "Giáo dục"), ("TP", "Tư pháp")]
PROCEDURES = [(f"1.{1000 + i:06d}", f"Thủ tục hành chính số {i + 1}", *FIELDS[i % len(FIELDS)]) for i in range(60)]
OFFICERS = ["Trần Thị Bình", "Lê Văn Cường", "Nguyễn Thị Dung", "Phạm Văn Em", "Hoàng Thị Giang", "Vũ Văn Hải"]
DOSSIER_COLUMNS = [
    "id", "uuid", "code", "code_provisional", "agency_code", "counter_id", "procedure_code", "procedure_name",
    "field_code", "field_name", "applicant_kind", "applicant_name", "applicant_name_folded", "channel", "sets_count",
    "status", "received_at", "due_at", "current_due_at", "finished_at", "returned_at", "paused_minutes", "officer",
    "ledger_book", "ledger_line", "created_at", "updated_at", "version", "returned_to_applicant", "reschedule_count",
]
CHANGE_COLUMNS = ["uuid", "dossier_id", "from_status", "to_status", "at", "by", "source"]
FEE_COLUMNS = ["dossier_id", "position", "code", "name", "amount_vnd", "quantity", "method", "paid", "paid_at"]
ATTACHMENT_COLUMNS = ["uuid", "dossier_id", "dossier_code", "file_name", "sha256", "size", "page_count", "dpi",
                      "officer", "ocr_state", "signed", "sign_pending", "deleted", "created_at", "updated_at"]
REQUEST_COLUMNS = ["uuid", "number", "created_at", "applicant_name", "procedure_code", "procedure_name",
                   "request_json", "missing_json", "officer", "status"]


def _text(value: datetime | None) -> str | None:
    return value.isoformat(" ", "microseconds") if value is not None else None


def _working_instant(rnd: random.Random, start: datetime, span_days: int) -> datetime:
    """A UTC instant inside a weekday session (07:30-11:30, 13:30-17:30 in UTC+7)."""
    while True:
        day = start + timedelta(days=rnd.randrange(span_days))
        local = day + timedelta(hours=7)
        if local.weekday() < 5:
            break
    minute = rnd.randrange(480)
    local_minute = 450 + minute if minute < 240 else 810 + (minute - 240)
    midnight_local = datetime(local.year, local.month, local.day)
    return midnight_local + timedelta(minutes=local_minute) - timedelta(hours=7)


def _rows(count: int, years: int, seed: int = 11):
    rnd = random.Random(seed)
    span = years * 365
    start = END - timedelta(days=span)
    instants = sorted(_working_instant(rnd, start, span) for _ in range(count))
    cutoff = END - timedelta(days=30)
    per_day: dict[str, int] = {}
    change_n = 0
    for i, received in enumerate(instants, start=1):
        proc = PROCEDURES[min(int(rnd.expovariate(1 / 12)), len(PROCEDURES) - 1)]  # a few procedures dominate
        officer = OFFICERS[rnd.randrange(len(OFFICERS))]
        channel = 3 if rnd.random() < 0.15 else 1
        day = (received + timedelta(hours=7)).strftime("%y%m%d")
        n = per_day[day] = per_day.get(day, 0) + 1
        due = received + timedelta(days=rnd.choice((1, 3, 5, 7, 10, 15)))
        status, finished, returned, paused, ledger = 2, None, None, 0, i
        changes = [(None, 2, received)]
        roll = rnd.random()
        if roll < 0.02:  # refused at intake: never received
            status, ledger, due, changes = 3, None, None, [(None, 3, received)]
        elif roll < 0.05:  # refused after receipt
            status = 3
            changes.append((2, 3, received + timedelta(hours=20)))
        elif due < cutoff or rnd.random() < 0.5:
            if rnd.random() < 0.1:  # waited on the citizen
                paused = rnd.choice((480, 960, 2400))
                changes.append((2, 5, received + timedelta(days=1)))
                changes.append((5, 4, received + timedelta(days=2)))
            late = rnd.random() < 0.12
            finished = due + timedelta(hours=rnd.randrange(2, 200)) if late else \
                received + (due - received) * rnd.random()
            finished = min(finished, END)
            changes.append((4, 9, finished))
            status = 9
            if rnd.random() < 0.9:
                returned = min(finished + timedelta(hours=rnd.randrange(1, 120)), END)
                changes.append((9, 10, returned))
                status = 10
        dossier = (
            i, new_uuid(), f"H49.22-{day}-{n:04d}", False, "H49.22", "Q01", proc[0], proc[1], proc[2], proc[3],
            "citizen", "Nguyễn Văn An", "nguyen van an", channel, 1, status, _text(received), _text(due), _text(due),
            _text(finished), _text(returned), paused, officer, str(received.year), ledger, _text(received),
            _text(received), 1, False, 0,
        )
        rows_changes = []
        for frm, to, at in changes:
            change_n += 1
            rows_changes.append((f"c{change_n}", i, frm, to, _text(at), officer, "counter"))
        fees = []
        if ledger is not None and rnd.random() < 0.7:
            free = rnd.random() < 0.02
            fees.append((i, 1, "LP01", "Lệ phí", rnd.choice((20000, 50000, 100000)), 1, "free" if free else "cash",
                         True, _text(received + timedelta(minutes=5))))
        scans = []
        if ledger is not None and rnd.random() < 0.6:
            scans.append((new_uuid(), i, dossier[2], f"{i}.pdf", "0" * 64, 100000, 2, 200, officer, "done",
                          False, False, False, _text(received), _text(received)))
        requests = []
        if rnd.random() < 0.03:
            requests.append((new_uuid(), f"YC{day}-Q01-{i:07d}", _text(received), "Nguyễn Văn An", proc[0], proc[1],
                             "{}", "[]", officer, "open"))
        yield dossier, rows_changes, fees, scans, requests


def _insert(cur, table: str, columns: list[str], rows: list[tuple]) -> None:
    if rows:
        cur.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
        rows.clear()


def build(data_dir: Path, count: int, years: int, batch: int = 20_000) -> float:
    ctx = open_app(data_dir, seed_demo=False)
    started = time.perf_counter()
    tables = ("dossiers", "dossier_status_changes", "dossier_fees", "attachments", "completion_requests")
    raw = ctx.engine.raw_connection()
    try:
        cur = raw.cursor()
        marks = ",".join("?" * len(tables))
        indexes = cur.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name IN ({marks}) AND sql IS NOT NULL",
            tables,
        ).fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        cur.execute("PRAGMA synchronous=OFF")
        cur.execute("BEGIN")
        pending: dict[str, list[tuple]] = {t: [] for t in tables}
        columns = dict(zip(tables, (DOSSIER_COLUMNS, CHANGE_COLUMNS, FEE_COLUMNS, ATTACHMENT_COLUMNS,
                                    REQUEST_COLUMNS), strict=True))
        for dossier, changes, fees, scans, requests in _rows(count, years):
            pending["dossiers"].append(dossier)
            pending["dossier_status_changes"].extend(changes)
            pending["dossier_fees"].extend(fees)
            pending["attachments"].extend(scans)
            pending["completion_requests"].extend(requests)
            if len(pending["dossiers"]) >= batch:
                for table in tables:
                    _insert(cur, table, columns[table], pending[table])
        for table in tables:
            _insert(cur, table, columns[table], pending[table])
        for _, ddl in indexes:
            cur.execute(ddl)
        cur.execute("COMMIT")
        cur.execute("ANALYZE")
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        raw.close()
        ctx.close()
    return time.perf_counter() - started


def _time(fn, repeat: int) -> tuple[float, float, float, float]:
    """(cold wall ms, median wall ms, max wall ms, median CPU ms). The CPU time is this process's
    own (SQLite runs in it): on a shared machine it shows the work when the wall clock shows the
    queue for a core (the load average is printed with the figures)."""
    t0 = time.perf_counter()
    fn()
    cold = (time.perf_counter() - t0) * 1000
    laps, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        laps.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return cold, statistics.median(laps), max(laps), statistics.median(cpu)


def _dashboard_cases(session, config) -> list:  # noqa: ANN001
    """The dashboard's today figures and queues (counterapp/reports/today.py, queues.py: the
    dashboard's own modules), when this build has them."""
    try:
        from counterapp.reports.queues import compute_queues
        from counterapp.reports.today import today_figures
    except ImportError:
        print("(dashboard figures: counterapp.reports.today is not in this build)")
        return []
    from datetime import UTC

    now = END.replace(tzinfo=UTC)
    return [("dashboard: today's figures", 200, lambda: today_figures(session, config, now=now)),
            ("dashboard: queues", 200, lambda: compute_queues(session, config, now=now))]


def run(data_dir: Path, repeat: int) -> None:
    ctx = open_app(data_dir, seed_demo=False)
    config = ctx.config
    last_year = period_for("year", date(END.year - 1, 6, 1))
    try:
        with ctx.sessions() as s:
            from sqlalchemy import text

            total = s.execute(text("SELECT count(*) FROM dossiers")).scalar()
            cases = [
                ("a year by procedure", 1000, lambda: period_report(s, config, last_year, "procedure")),
                ("a year, totals", 1000, lambda: period_report(s, config, last_year)),
                ("a year by officer", 1000, lambda: period_report(s, config, last_year, "officer")),
                ("a year by field", 1000, lambda: period_report(s, config, last_year, "field")),
                ("a month by procedure", 200,
                 lambda: period_report(s, config, period_for("month", date(END.year, 10, 1)), "procedure")),
                ("four years by procedure", None,
                 lambda: period_report(s, config, Period(date(END.year - 4, 1, 1), END.date()), "procedure")),
            ]
            cases += _dashboard_cases(s, config)
            print(f"{total:,} dossiers in {data_dir / 'counter.db'}")
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            print(f"{'report':28} {'cold ms':>8} {'median ms':>10} {'max ms':>8} {'cpu ms':>7} {'target':>8}")
            for label, target, fn in cases:
                cold, median, worst, cpu = _time(fn, repeat)
                flag = "" if target is None else ("ok" if median <= target else "SLOW")
                target_text = f"{target}ms" if target else "-"
                print(f"{label:28} {cold:8.0f} {median:10.0f} {worst:8.0f} {cpu:7.0f} {target_text:>8} {flag}")
            year = period_report(s, config, last_year, "procedure")
            t = year.totals
            print(f"\n{last_year.label}: received {t.received:,}, resolved {t.resolved:,} "
                  f"(on time {t.on_time:,}, late {t.late:,}, rate {t.on_time_rate:.1%}), returned {t.returned:,}, "
                  f"refused {t.refused:,}, form 02 {t.completion_requests:,}, documents requested "
                  f"{t.documents_requested:,}, digitized {t.digitized_share:.1%}, avg {t.avg_working_days:.2f} "
                  f"working days, fees {t.fees_collected_vnd:,} VND; {len(year.groups)} procedures")
    finally:
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=4, help="receipts spread over this many years (default 4)")
    parser.add_argument("--db", type=Path, help="keep (and reuse) the database in this folder")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        folder = args.db or Path(tmp) / "data"
        if not (folder / "counter.db").exists():
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "site.toml").write_text('[officer]\nfull_name = "Nguyễn Văn Kiểm"\n', encoding="utf-8")
            built = build(folder, args.dossiers, args.years)
            print(f"built {args.dossiers:,} dossiers over {args.years} years in {built:.0f} s")
        run(folder, args.repeat)


if __name__ == "__main__":
    main()
