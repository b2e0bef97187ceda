"""A month of dossiers with known answers (March 2026, Hạ Long), made through the core's own
intake and lifecycle functions with back-dated times (`received_at`, `at=`), so every row is
what the counter would have written. Only the digitized attachments are inserted straight
into `attachments` (attach_pdf files a real PDF and queues an upload; only the row counts here).

Every scenario says what it should add to each figure; tests sum those per group and compare
with the report, and with plain SQL on the same file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from counterapp.app import AppContext, open_app
from counterapp.catalog.models import (
    Channel,
    ExecutingAgency,
    Fee,
    Procedure,
    ProcedureField,
    RequiredDocument,
    TimeLimit,
)
from counterapp.db.engine import session_scope
from counterapp.digitize.models import Attachment
from counterapp.dossiers.completion import open_completion_request
from counterapp.dossiers.fees import record_payment
from counterapp.dossiers.intake import create_dossier, refuse_intake
from counterapp.dossiers.lifecycle import mark_returned, refuse_dossier, request_completion, resolve_now, set_status
from counterapp.dossiers.models import Dossier
from counterapp.dossiers.new_date import reschedule_dossier

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
BINH = "Trần Thị Bình"
CUONG = "Lê Văn Cường"
BIRTH = ("1.001193", "Đăng ký khai sinh", "HT", "Hộ tịch", 3, 50000)
COPY = ("2.000908", "Chứng thực bản sao từ bản chính", "CT", "Chứng thực", 1, 20000)
DOCS = [
    ("TP1", "Tờ khai", 1, 0),
    ("TP2", "Giấy chứng sinh", 1, 0),
    ("TP3", "Bản sao giấy tờ tùy thân", 0, 1),
]


def t(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HCM)


def add_procedures(ctx: AppContext) -> None:
    with session_scope(ctx.sessions) as s:
        for code, name, field_code, field_name, days, fee in (BIRTH, COPY):
            channels = [Channel(kind=1, position=1, time_limits=[TimeLimit(
                amount=days, unit="Ngày làm việc", position=1,
                fees=[Fee(code="LP01", amount_vnd=fee, description="Lệ phí", position=1)])])]
            if code == BIRTH[0]:
                channels.append(Channel(kind=3, position=2, time_limits=[TimeLimit(amount=5, unit="Ngày làm việc",
                                                                                   position=1)]))
            s.add(Procedure(
                code=code, name=name, level="Cấp xã",
                fields=[ProcedureField(code=field_code, name=field_name, position=1)],
                agencies=[ExecutingAgency(code="H49.22", name="UBND phường Hạ Long", position=1)],
                channels=channels,
                documents=[RequiredDocument(code=c, name=n, originals=o, copies=k, position=i + 1)
                           for i, (c, n, o, k) in enumerate(DOCS)],
            ))


def request(procedure: tuple, received_at: datetime, *, channel: int = 1, complete: bool = True,
            name: str = "Nguyễn Văn An") -> dict:
    docs = [{"document_code": c, "name": n, "form": "original" if o else "photocopy",
             "originals": o, "copies": k} for c, n, o, k in DOCS]
    if not complete:
        docs[1] = {"document_code": "TP2", "name": "Giấy chứng sinh"}  # not handed in
    return {
        "procedure_code": procedure[0],
        "applicant": {"kind": "citizen", "name": name, "id_number": "001090012345", "date_of_birth": "15/03/1990",
                      "sex": "Nam", "phone": "0912345678", "province_code": "22", "commune_code": "06688",
                      "street": "Số 5 đường Trần Hưng Đạo"},
        "channel": channel,
        "documents": docs,
        "summary": procedure[1],
        "sets_count": 1,
        "received_at": received_at.isoformat(),
    }


@dataclass
class Expect:
    """What one scenario adds to March 2026's figures, and its group."""

    procedure: str
    field: str
    officer: str
    channel: int
    received: int = 0
    resolved: int = 0
    on_time: int = 0
    late: int = 0
    returned: int = 0
    refused: int = 0
    completion_requests: int = 0
    documents_requested: int = 0
    digitized: int = 0
    working_minutes: int = 0
    fees_collected_vnd: int = 0
    code: str = ""
    weeks: dict = field(default_factory=dict)  # Monday iso -> {"received": n, "on_time": n, "late": n}


FIGURES = ("received", "resolved", "on_time", "late", "returned", "refused", "completion_requests",
           "documents_requested", "digitized", "working_minutes", "fees_collected_vnd")


def _attach(ctx: AppContext, code: str, *, deleted: bool = False) -> None:
    from sqlalchemy import select

    with session_scope(ctx.sessions) as s:
        dossier = s.scalar(select(Dossier).where(Dossier.code == code))
        s.add(Attachment(dossier_id=dossier.id, dossier_code=code, document_code="TP1", title="Tờ khai",
                         file_name=f"{code}.pdf", sha256="0" * 64, size=1000, page_count=1, dpi=200,
                         officer=BINH, deleted=deleted))


def build_month(ctx: AppContext) -> list[Expect]:
    """Sixteen things a counter did around March 2026; returns what each should count for March."""
    add_procedures(ctx)
    out: list[Expect] = []

    def e(proc: tuple, officer: str, channel: int = 1, **figures) -> Expect:
        item = Expect(procedure=proc[0], field=proc[2], officer=officer, channel=channel, **figures)
        out.append(item)
        return item

    # 1. received Mon 2/3 09:00, paid, digitized, settled at the counter next day (480 working min), returned
    c = create_dossier(ctx, request(BIRTH, t(2, 9)), BINH).code
    record_payment(ctx, c, BINH, at=t(2, 9, 5))
    _attach(ctx, c)
    resolve_now(ctx, c, BINH, at=t(3, 9))
    mark_returned(ctx, c, applicant=True, officer=BINH, at=t(4, 10))
    e(BIRTH, BINH, received=1, resolved=1, on_time=1, returned=1, digitized=1, working_minutes=480,
      fees_collected_vnd=50000, code=c, weeks={"2026-03-02": {"received": 1, "on_time": 1}})
    # 2. received Mon 2/3 14:00, finished Fri 13/3 10:00: late (due Thu 5/3 14:00); 210+3*480+480+4*480+150
    c = create_dossier(ctx, request(BIRTH, t(2, 14)), BINH).code
    set_status(ctx, c, 4, BINH, at=t(2, 15))
    set_status(ctx, c, 9, BINH, at=t(13, 10))
    e(BIRTH, BINH, received=1, resolved=1, late=1, working_minutes=4200, code=c,
      weeks={"2026-03-02": {"received": 1}, "2026-03-09": {"late": 1}})
    # 3. by post (5 working days: due Tue 10/3 08:00), waits on the citizen Wed 4/3 08:00 - Fri 6/3 08:00
    # (960 working min: the appointment in force moves to Thu 12/3 08:00), finished Wed 11/3 08:00:
    # LATE on the original appointment though on time on the moved one. 6*480 - 960 working minutes.
    c = create_dossier(ctx, request(BIRTH, t(3, 8), channel=3), CUONG).code
    _attach(ctx, c)
    request_completion(ctx, c, ["Giấy chứng sinh"], "Thiếu giấy chứng sinh", CUONG, at=t(4, 8))
    set_status(ctx, c, 4, CUONG, at=t(6, 8))
    set_status(ctx, c, 9, CUONG, at=t(11, 8))
    mark_returned(ctx, c, "Trần Văn Đức", officer=CUONG, at=t(12, 9), id_number="022190000111")
    e(BIRTH, CUONG, 3, received=1, resolved=1, late=1, returned=1, documents_requested=1, digitized=1,
      working_minutes=1920, code=c, weeks={"2026-03-02": {"received": 1}, "2026-03-09": {"late": 1}})
    # 4. copy certified Wed 4/3 10:00, paid, settled in 30 min, returned; a deleted scan does not count
    c = create_dossier(ctx, request(COPY, t(4, 10)), CUONG).code
    record_payment(ctx, c, CUONG, at=t(4, 10))
    _attach(ctx, c, deleted=True)
    resolve_now(ctx, c, CUONG, at=t(4, 10, 30))
    mark_returned(ctx, c, applicant=True, officer=CUONG, at=t(4, 10, 35))
    e(COPY, CUONG, received=1, resolved=1, on_time=1, returned=1, working_minutes=30, fees_collected_vnd=20000,
      code=c, weeks={"2026-03-02": {"received": 1, "on_time": 1}})
    # 5. Thu 5/3 16:00 (due Fri 6/3 16:00); new date with form 04 (Wed 11/3), finished Tue 10/3 09:00:
    # late on the original appointment. 90 + 480 + 480 + 90 working minutes.
    c = create_dossier(ctx, request(COPY, t(5, 16)), BINH).code
    reschedule_dossier(ctx, c, t(11, 16), "Chờ xác minh", BINH, at=t(6, 9))
    set_status(ctx, c, 9, BINH, at=t(10, 9))
    e(COPY, BINH, received=1, resolved=1, late=1, working_minutes=1140, code=c,
      weeks={"2026-03-02": {"received": 1}, "2026-03-09": {"late": 1}})
    # 6. received Mon 9/3, refused after receipt Tue 10/3: received and refused
    c = create_dossier(ctx, request(BIRTH, t(9, 9)), BINH).code
    refuse_dossier(ctx, c, "Giấy tờ giả mạo", BINH, at=t(10, 9))
    e(BIRTH, BINH, received=1, refused=1, code=c, weeks={"2026-03-09": {"received": 1}})
    # 7. refused at intake Wed 11/3: refused, never received
    c = refuse_intake(ctx, request(BIRTH, t(11, 9)), "Không thuộc thẩm quyền", CUONG).code
    e(BIRTH, CUONG, refused=1, code=c)
    # 8, 9. requests to complete (form 02) for paper dossiers not received
    open_completion_request(ctx, request(BIRTH, t(12, 9), complete=False), BINH)
    e(BIRTH, BINH, completion_requests=1)
    open_completion_request(ctx, request(COPY, t(13, 10), complete=False), CUONG)
    e(COPY, CUONG, completion_requests=1)
    # 10. Mon 16/3, paid, documents requested Tue 17/3 (still waiting)
    c = create_dossier(ctx, request(BIRTH, t(16, 9)), BINH).code
    record_payment(ctx, c, BINH, at=t(16, 9, 10))
    request_completion(ctx, c, ["Giấy chứng sinh"], "Thiếu giấy chứng sinh", BINH, at=t(17, 9))
    e(BIRTH, BINH, received=1, documents_requested=1, fees_collected_vnd=50000, code=c,
      weeks={"2026-03-16": {"received": 1}})
    # 11. Fri 20/3 11:00, fee waived ("free": not collected), settled in 20 min
    c = create_dossier(ctx, request(COPY, t(20, 11)), CUONG).code
    record_payment(ctx, c, CUONG, method="free", at=t(20, 11, 5))
    resolve_now(ctx, c, CUONG, at=t(20, 11, 20))
    e(COPY, CUONG, received=1, resolved=1, on_time=1, working_minutes=20, code=c,
      weeks={"2026-03-16": {"received": 1, "on_time": 1}})
    # 12. received Tue 31/3 17:00, settled in April: received only
    c = create_dossier(ctx, request(BIRTH, t(31, 17)), BINH).code
    resolve_now(ctx, c, BINH, at=t(1, 10, month=4))
    e(BIRTH, BINH, received=1, code=c, weeks={"2026-03-30": {"received": 1}})
    # 13. received Fri 27/2, paid then; settled Mon 2/3 09:00 (480 min), returned 2/3: resolved and returned
    c = create_dossier(ctx, request(BIRTH, t(27, 9, month=2)), CUONG).code
    record_payment(ctx, c, CUONG, at=t(27, 9, 10, month=2))
    resolve_now(ctx, c, CUONG, at=t(2, 9))
    mark_returned(ctx, c, applicant=True, officer=CUONG, at=t(2, 9, 10))
    e(BIRTH, CUONG, resolved=1, on_time=1, returned=1, working_minutes=480, code=c,
      weeks={"2026-03-02": {"on_time": 1}})
    # 14. Wed 1/4 06:30 local is still 31/3 in UTC: not March's
    c = create_dossier(ctx, request(BIRTH, t(1, 6, 30, month=4)), BINH).code
    e(BIRTH, BINH, code=c)
    # 15. Sun 1/3 06:45 local is still 28/2 in UTC: March's (its week starts Mon 23/2)
    c = create_dossier(ctx, request(COPY, t(1, 6, 45)), BINH).code
    e(COPY, BINH, received=1, code=c, weeks={"2026-02-23": {"received": 1}})
    # 16. Sat 28/2 23:00 local: February's
    c = create_dossier(ctx, request(COPY, t(28, 23, month=2)), CUONG).code
    e(COPY, CUONG, code=c)
    return out


def expected(items: list[Expect], by: str | None = None) -> dict[str, dict[str, int]]:
    """Known answers summed per group key ("" for the totals)."""
    sums: dict[str, dict[str, int]] = {}
    for item in items:
        key = "" if by is None else str(getattr(item, by))
        row = sums.setdefault(key, dict.fromkeys(FIGURES, 0))
        for name in FIGURES:
            row[name] += getattr(item, name)
    return {k: v for k, v in sums.items() if any(v.values())}


def expected_weeks(items: list[Expect]) -> dict[str, dict[str, int]]:
    weeks: dict[str, dict[str, int]] = {}
    for item in items:
        for monday, counts in item.weeks.items():
            row = weeks.setdefault(monday, {"received": 0, "on_time": 0, "late": 0})
            for name, n in counts.items():
                row[name] += n
    return weeks


def _site(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.toml").write_text('[officer]\nfull_name = "Nguyễn Văn Kiểm"\n', encoding="utf-8")


@pytest.fixture(scope="module")
def month(tmp_path_factory) -> tuple[AppContext, list[Expect]]:
    """The March 2026 counter (module-wide: built once, read by every test of a module)."""
    folder = tmp_path_factory.mktemp("report") / "data"
    _site(folder)
    ctx = open_app(folder, seed_demo=False)
    items = build_month(ctx)
    yield ctx, items
    ctx.close()
