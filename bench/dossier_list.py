"""Benchmark: the dossier list at 1,000,000 rows.

Builds a counter database with N dossiers (default 1,000,000; realistic Vietnamese
names, ID numbers, phones, receipt times spread over ~4 years), then times, through
`counterapp.dossiers.queries.list_dossiers` (the function the GUI and CLI use):
- the first page (100 newest), and a deep keyset page;
- a name filter ("nguyen van an", a common name; "dang thi" ...), words of a name in any
  order ("van an", "an", a rare "tran oanh"), an ID number, a phone;
- status / overdue / due-today lists.
Targets: first page <= 100 ms, name filter <= 200 ms. Prints figures; asserts nothing.

    .venv/bin/python bench/dossier_list.py [--rows 1000000] [--db DIR] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from counterapp.app import open_app  # noqa: E402
from counterapp.catalog.folding import fold  # noqa: E402
from counterapp.db.base import new_uuid  # noqa: E402
from counterapp.dossiers.queries import list_dossiers, next_page_key  # noqa: E402

FAMILY = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 2), ("Phan", 4.5),
    ("Vũ", 3.9), ("Võ", 2), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3),
    ("Dương", 1), ("Lý", 0.5), ("Đinh", 1), ("Trịnh", 1), ("Đào", 1), ("Mai", 0.5), ("Lương", 0.5),
]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Ngọc", "Đình", "Mạnh", "Tuấn"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Phương", "Bích", "Kim", "Diệu"]
GIVEN_M = ["An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hải", "Hiếu", "Hùng", "Huy", "Khánh",
           "Khoa", "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Thắng", "Thành",
           "Trung", "Tuấn", "Tùng", "Việt", "Vinh"]
GIVEN_F = ["An", "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan",
           "Mai", "My", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thu", "Trang", "Vân", "Yến"]
PROCEDURES = [
    ("1.001193", "Đăng ký khai sinh", "HT", "Hộ tịch"),
    ("1.000894", "Đăng ký kết hôn", "HT", "Hộ tịch"),
    ("2.000908", "Chứng thực bản sao từ bản chính", "CT", "Chứng thực"),
    ("1.004227", "Cấp giấy chứng nhận quyền sử dụng đất", "DD", "Đất đai"),
    ("2.001159", "Đăng ký thành lập hộ kinh doanh", "KD", "Thành lập và hoạt động của hộ kinh doanh"),
]
COLUMNS = [
    "uuid", "code", "code_provisional", "agency_code", "counter_id", "procedure_code", "procedure_name",
    "field_code", "field_name", "applicant_kind", "applicant_name", "applicant_name_folded", "id_number",
    "date_of_birth", "sex", "phone", "address", "channel", "summary", "sets_count", "status", "received_at",
    "due_at", "duration_amount", "duration_unit", "officer", "ledger_book", "ledger_line", "created_at",
    "updated_at", "version",
]


def _rows(count: int, seed: int = 7):
    rnd = random.Random(seed)
    families = [f for f, _ in FAMILY]
    cum = []
    total = 0.0
    for _, w in FAMILY:
        total += w
        cum.append(total)
    folded: dict[str, str] = {}
    end = datetime(2026, 11, 27, 10, 0)  # naive UTC, as the UTCDateTime column stores it
    span_minutes = 4 * 365 * 24 * 60
    start = end - timedelta(minutes=span_minutes)
    local_start = start + timedelta(hours=7)
    per_day: dict[int, int] = {}
    day_text: dict[int, str] = {}
    old_cutoff = end - timedelta(days=20)
    # receipt instants ascending so ids follow time, like a real counter
    offsets = sorted(rnd.randrange(span_minutes) for _ in range(count))
    for i, offset in enumerate(offsets):
        female = rnd.random() < 0.5
        name = f"{rnd.choices(families, cum_weights=cum)[0]} {rnd.choice(MIDDLE_F if female else MIDDLE_M)} " + rnd.choice(
            GIVEN_F if female else GIVEN_M
        )
        name_folded = folded.get(name)
        if name_folded is None:
            name_folded = folded[name] = fold(name)
        received = start + timedelta(minutes=offset)
        day_index = (offset + (local_start - start).seconds // 60) // 1440
        local_day = day_text.get(day_index)
        if local_day is None:
            local_day = day_text[day_index] = (local_start + timedelta(days=day_index)).strftime("%y%m%d")
        n = per_day.get(day_index, 0) + 1
        per_day[day_index] = n
        year = rnd.randrange(1950, 2006)
        century_sex = (0 if year < 2000 else 2) + (1 if female else 0)
        id_number = f"0{rnd.randrange(1, 97):02d}{century_sex}{year % 100:02d}{rnd.randrange(10**6):06d}"
        proc = PROCEDURES[rnd.randrange(len(PROCEDURES))]
        due = received + timedelta(days=rnd.choice((1, 3, 5, 15)))
        status = 10 if due < old_cutoff else rnd.choice((2, 4, 4, 5, 9, 10))
        received_text = received.isoformat(" ", "microseconds")  # SQLAlchemy's SQLite format
        yield (
            new_uuid(), f"H49.22-{local_day}-{n:04d}", False, "H49.22", "Q01", proc[0], proc[1], proc[2], proc[3],
            "citizen", name, name_folded, id_number,
            f"{year}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}", "Nữ" if female else "Nam",
            f"09{rnd.randrange(10**8):08d}", "Phường Hạ Long, Quảng Ninh", 1, proc[1], 1, status,
            received_text, due.isoformat(" ", "microseconds"), 3.0, "workday", "Cán bộ A", str(received.year), i + 1,
            received_text, received_text, 1,
        )


def build(data_dir: Path, count: int, batch: int = 50_000) -> float:
    ctx = open_app(data_dir, seed_demo=False)
    started = time.perf_counter()
    raw = ctx.engine.raw_connection()
    try:
        cur = raw.cursor()
        indexes = cur.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='dossiers' AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        cur.execute("PRAGMA synchronous=OFF")
        sql = f"INSERT INTO dossiers ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
        pending = []
        cur.execute("BEGIN")
        for row in _rows(count):
            pending.append(row)
            if len(pending) >= batch:
                cur.executemany(sql, pending)
                pending.clear()
        if pending:
            cur.executemany(sql, pending)
        for _, ddl in indexes:
            cur.execute(ddl)
        cur.execute("COMMIT")
        cur.execute("ANALYZE")
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        raw.close()
        ctx.close()
    return time.perf_counter() - started


def _time(fn, repeat: int) -> tuple[float, float, int]:
    fn()  # warm the page cache once
    laps = []
    rows = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = len(fn())
        laps.append((time.perf_counter() - t0) * 1000)
    return statistics.median(laps), max(laps), rows


def run(data_dir: Path, repeat: int) -> None:
    ctx = open_app(data_dir, seed_demo=False)
    now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    try:
        with ctx.sessions() as s:
            total = s.execute(__import__("sqlalchemy").text("SELECT count(*) FROM dossiers")).scalar()
            some = list_dossiers(s, limit=1, offset=12345)[0]
            first = list_dossiers(s, limit=100)
            deep_key = next_page_key(list_dossiers(s, limit=100, offset=50_000))
            cases = [
                ("first page (100 newest)", 100, lambda: list_dossiers(s, limit=100)),
                ("next page (keyset)", 100, lambda: list_dossiers(s, limit=100, after=next_page_key(first))),
                ("page after 50,000 rows (keyset)", 100, lambda: list_dossiers(s, limit=100, after=deep_key)),
                ("name 'nguyen van an'", 200, lambda: list_dossiers(s, text="nguyen van an", limit=100)),
                ("name 'Đặng Thị Hương'", 200, lambda: list_dossiers(s, text="Đặng Thị Hương", limit=100)),
                ("name 'nguyen' (38% of rows)", 200, lambda: list_dossiers(s, text="nguyen", limit=100)),
                ("name 'ly' (rare family)", 200, lambda: list_dossiers(s, text="ly", limit=100)),
                ("name 'nguy' (typing a common word)", 200, lambda: list_dossiers(s, text="nguy", limit=100)),
                ("name words 'van an'", 200, lambda: list_dossiers(s, text="van an", limit=100)),
                ("name words 'thi huong'", 200, lambda: list_dossiers(s, text="thi huong", limit=100)),
                ("name word 'an' (given name)", 200, lambda: list_dossiers(s, text="an", limit=100)),
                ("name word 'oanh' (rare given)", 200, lambda: list_dossiers(s, text="oanh", limit=100)),
                ("name words 'tran oanh' (rare pair)", 200, lambda: list_dossiers(s, text="tran oanh", limit=100)),
                ("ID number (exact)", 200, lambda: list_dossiers(s, text=some.id_number, limit=100)),
                ("phone prefix 0912", 200, lambda: list_dossiers(s, text="0912", limit=100)),
                ("code (exact)", 200, lambda: list_dossiers(s, text=some.code, limit=100)),
                ("status 4", 200, lambda: list_dossiers(s, status=4, limit=100)),
                ("overdue", 200, lambda: list_dossiers(s, overdue=True, now=now, limit=100)),
                ("due today", 200, lambda: list_dossiers(s, due_today=True, now=now, limit=100)),
                (
                    "received in one month",
                    200,
                    lambda: list_dossiers(
                        s, date_from=datetime(2025, 3, 1).date(), date_to=datetime(2025, 3, 31).date(), limit=100
                    ),
                ),
            ]
            print(f"{total:,} dossiers in {data_dir / 'counter.db'}")
            print(f"{'query':36} {'median ms':>10} {'max ms':>8} {'rows':>5} {'target':>7}")
            for label, target, fn in cases:
                median, worst, rows = _time(fn, repeat)
                flag = "ok" if median <= target else "SLOW"
                print(f"{label:36} {median:10.1f} {worst:8.1f} {rows:5d} {target:5d}ms {flag}")
    finally:
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="data folder to reuse (built if it has no dossiers)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data_dir = args.db or Path(tempfile.mkdtemp(prefix="counter-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    db = data_dir / "counter.db"
    needs_build = True
    if db.exists():
        import sqlite3

        with sqlite3.connect(db) as conn:
            try:
                needs_build = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 0
            except sqlite3.OperationalError:
                needs_build = True
    if needs_build:
        seconds = build(data_dir, args.rows)
        print(f"built {args.rows:,} dossiers in {seconds:.1f} s ({args.rows / seconds:,.0f} rows/s)")
    run(data_dir, args.repeat)


if __name__ == "__main__":
    main()
