"""Catalog search speed on a synthetic catalog of 100,000 procedures.

Runs 200 varied queries through the app's own search function and, for the same
queries, a bare FTS5 MATCH (ranked, limited) on the same database; prints p50/p95 and
the ratio. Targets (issue #2): p95 under 10 ms, ratio under 2.

    .venv/bin/python bench/catalog_search.py [--procedures 100000] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from counterapp.catalog.folding import tokens
from counterapp.catalog.importer import import_catalog_records
from counterapp.catalog.search import _match_expression, search_procedures
from counterapp.db import make_engine, make_session_factory, upgrade_to_head

ACTIONS = ["Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Thu hồi", "Xác nhận", "Chứng thực",
           "Thẩm định", "Phê duyệt", "Thay đổi", "Chấm dứt", "Tạm ngừng", "Công nhận", "Hỗ trợ", "Giải quyết"]
OBJECTS = ["khai sinh", "khai tử", "kết hôn", "giấy phép xây dựng", "giấy chứng nhận quyền sử dụng đất",
           "hộ kinh doanh", "bản sao từ bản chính", "chữ ký", "hợp đồng giao dịch", "trợ cấp xã hội hàng tháng",
           "giấy phép lái xe", "phiếu lý lịch tư pháp", "thường trú", "tạm trú", "nuôi con nuôi", "giám hộ",
           "biến động đất đai", "tách thửa", "chuyển mục đích sử dụng đất", "mai táng phí", "người có công",
           "giấy phép kinh doanh rượu", "an toàn thực phẩm", "di tích lịch sử", "thi đua khen thưởng",
           "tín ngưỡng tôn giáo", "hội đặc thù", "quỹ xã hội", "đê điều", "thủy lợi", "giấy phép khai thác",
           "trường mầm non", "cơ sở giáo dục", "hành nghề y", "đăng kiểm phương tiện", "bến thủy nội địa"]
QUALIFIERS = ["", "", "", " cho người nước ngoài", " có yếu tố nước ngoài", " lưu động", " trên địa bàn tỉnh",
              " tại Ủy ban nhân dân cấp xã", " lần đầu", " do bị mất, hỏng", " đối với tổ chức", " theo yêu cầu"]
FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Kinh tế hợp tác", "Bảo trợ xã hội", "Người có công",
          "Lý lịch tư pháp", "Đường bộ", "Giáo dục", "Y tế", "Văn hóa", "Tôn giáo", "Thi đua khen thưởng",
          "Thủy lợi", "Tài nguyên nước", "Môi trường", "Công thương", "An toàn thực phẩm", "Đường thủy nội địa"]
AGENCIES = ["UBND xã", "UBND phường", "Sở Tư pháp", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Y tế",
            "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "Sở Nội vụ"]


def synthetic_records(count: int, rng: random.Random):
    for i in range(count):
        name = f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)}{rng.choice(QUALIFIERS)}"
        yield {
            "MATTHC": f"{rng.choice('12')}.{i:06d}",
            "TENTTHC": name,
            "CAPTHUCHIEN": rng.choice(["Cấp tỉnh", "Cấp xã"]),
            "LINHVUCTHUCHIEN": [{"TENLINHVUC": rng.choice(FIELDS)}],
            "COQUANTHUCHIEN": [{"TENDONVI": rng.choice(AGENCIES)}],
        }


def queries(rng: random.Random, count: int) -> list[str]:
    pool = []
    for _ in range(count):
        kind = rng.random()
        obj = rng.choice(OBJECTS)
        words = obj.split()
        if kind < 0.25:  # the first letters of a name, as typed
            pool.append(obj[: rng.randint(3, len(obj))])
        elif kind < 0.45:  # without diacritics
            pool.append(" ".join(tokens(f"{rng.choice(ACTIONS)} {obj}")[:3]))
        elif kind < 0.6:  # a field
            pool.append(rng.choice(FIELDS).lower())
        elif kind < 0.7:  # a code
            pool.append(f"1.{rng.randint(0, 99999):06d}")
        elif kind < 0.85:  # words out of order, prefixes
            rng.shuffle(words)
            pool.append(" ".join(w[: max(2, len(w) - 1)] for w in words[:2]))
        else:  # upper case with diacritics
            pool.append(obj.upper())
    return pool


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    rng = random.Random(20261128)
    db = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    engine = make_engine(db)
    upgrade_to_head(engine)
    sessions = make_session_factory(engine)
    with sessions() as s:
        existing = s.execute(text("SELECT count(*) FROM procedures")).scalar()
    if existing < args.procedures:
        started = time.perf_counter()
        import_catalog_records(sessions, synthetic_records(args.procedures, rng))
        print(f"built {args.procedures} procedures in {time.perf_counter() - started:.1f} s ({db})")
    qs = queries(rng, args.queries)
    app_times, bare_times = [], []
    with sessions() as session:
        for q in qs[:20]:  # warm the page cache
            search_procedures(session, q, limit=args.limit)
        conn = session.connection()
        for q in qs:
            t0 = time.perf_counter()
            search_procedures(session, q, limit=args.limit)
            app_times.append((time.perf_counter() - t0) * 1000)
            words = tokens(q)
            t0 = time.perf_counter()
            if words:
                conn.execute(
                    text("SELECT rowid FROM procedure_search WHERE procedure_search MATCH :m LIMIT :n"),
                    {"m": _match_expression(words), "n": args.limit},
                ).all()
            bare_times.append((time.perf_counter() - t0) * 1000)
    app50, app95 = statistics.median(app_times), percentile(app_times, 95)
    bare50, bare95 = statistics.median(bare_times), percentile(bare_times, 95)
    print(f"queries: {len(qs)}, limit {args.limit}, catalog {args.procedures}")
    print(f"app search   p50 {app50:7.2f} ms   p95 {app95:7.2f} ms   (target p95 < 10 ms)")
    print(f"bare MATCH   p50 {bare50:7.2f} ms   p95 {bare95:7.2f} ms")
    print(f"ratio app/bare   p50 {app50 / bare50:5.2f}   p95 {app95 / bare95:5.2f}   (target < 2)")


if __name__ == "__main__":
    main()
