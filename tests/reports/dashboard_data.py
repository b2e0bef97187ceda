"""A known data set for the dashboard's figures and queues, with every answer worked out by
hand (the comments say why each dossier counts where it does).

"Now" is Wednesday 4 March 2026, 10:00 in Hạ Long. Working days around it (the shipped 2026
calendar): Mon 23 .. Fri 27 Feb, Mon 2 .. Fri 6 Mar; Tết took Mon 16 .. Fri 20 Feb off.
The next working day after today is Thursday 5 March.

Rows go straight into the real SQLite file through the ORM (the figures read the columns the
core's lifecycle writes; how those are written is tested in tests/dossiers).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from counterapp.db.base import new_uuid
from counterapp.db.engine import session_scope
from counterapp.dossiers.models import CompletionRequest, Dossier
from counterapp.outbox import OutboxItem
from counterapp.reports.marks import MARK_CALLED, MARK_FOLLOWED_UP, QueueMark

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=HCM)


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HCM)


# code: (status, received, appointment in force, extra columns)
DOSSIERS: dict[str, tuple[int, datetime, datetime | None, dict]] = {
    # received today (not the refusal)
    "H49.22-260304-0001": (2, at(3, 4, 8, 30), at(3, 6, 16), {"phone": "0911000001"}),
    "H49.22-260304-0002": (4, at(3, 4, 9), at(3, 5, 16), {"phone": "0911000002"}),  # due tomorrow
    "H49.22-260304-0003": (3, at(3, 4, 9, 10), None, {}),  # refused: not "received"
    "H49.22-260304-TAM-0001": (2, at(3, 4, 8, 45), at(3, 9, 16), {"code_provisional": True}),
    # due today
    "H49.22-260302-0001": (2, at(3, 2), at(3, 4, 16), {"applicant_name": "Trần Văn Bình"}),
    "H49.22-260302-0002": (5, at(3, 2), at(3, 4, 15), {}),  # waiting on the citizen: not overdue
    "H49.22-260227-0001": (4, at(2, 27), at(3, 4, 8), {}),  # due 08:00 today: also overdue, 0 days late
    # overdue
    "H49.22-260225-0001": (2, at(2, 25), at(3, 3, 16), {}),  # 1 working day late (Wed 4)
    "H49.22-260220-0001": (4, at(2, 12), at(2, 27, 17), {}),  # Mon 2, Tue 3, Wed 4: 3 days
    "H49.22-260213-0001": (4, at(2, 10), at(2, 23, 17), {}),  # 24..27 Feb, 2..4 Mar: 7 days
    "H49.22-260105-0001": (2, at(1, 5), at(1, 9, 17), {}),  # weeks: 8+
    # waiting on the citizen (6: payment), appointment passed but the clock is paused
    "H49.22-260226-0001": (6, at(2, 26), at(3, 3, 16), {}),
    # results back at the counter (status 9)
    "H49.22-260216-0001": (9, at(2, 11), at(2, 27), {"result_received_at": at(2, 26, 10), "phone": "0912000001"}),
    "H49.22-260216-0002": (9, at(2, 11), at(3, 3), {"result_received_at": at(3, 2, 10), "phone": "0912000002"}),
    "H49.22-260216-0003": (9, at(2, 11), at(3, 2), {"result_received_at": at(2, 27, 16), "phone": "0912000003"}),
    # returned (status 10)
    "H49.22-260210-0001": (10, at(2, 10), at(3, 4), {"returned_at": at(3, 4, 9, 30)}),  # today
    "H49.22-260210-0002": (10, at(2, 10), at(3, 3), {"returned_at": at(3, 3, 9, 30)}),  # yesterday
    "H49.22-260302-TAM-0002": (2, at(3, 2, 14), at(3, 9, 16), {"code_provisional": True}),
}

# The answers.
RECEIVED = {"H49.22-260304-0001", "H49.22-260304-0002", "H49.22-260304-TAM-0001"}
RETURNED = {"H49.22-260210-0001"}
DUE_TODAY = {"H49.22-260302-0001", "H49.22-260302-0002", "H49.22-260227-0001"}
OVERDUE = {"H49.22-260227-0001", "H49.22-260225-0001", "H49.22-260220-0001", "H49.22-260213-0001",
           "H49.22-260105-0001"}
WAITING = {"H49.22-260302-0002", "H49.22-260226-0001"}
NOT_SYNCED = {"H49.22-260304-0001", "H49.22-260304-TAM-0001", "H49.22-260216-0001", "H49.22-260302-0001"}
PROVISIONAL = {"H49.22-260304-TAM-0001", "H49.22-260302-TAM-0002"}
ANSWERS = {"received": RECEIVED, "returned": RETURNED, "due_today": DUE_TODAY, "overdue": OVERDUE,
           "waiting_citizen": WAITING, "not_synced": NOT_SYNCED, "provisional": PROVISIONAL}

DUE_SOON = ["H49.22-260227-0001", "H49.22-260302-0002", "H49.22-260302-0001", "H49.22-260304-0002"]  # by time
OVERDUE_BUCKETS = {"today": ["H49.22-260227-0001"], "1": ["H49.22-260225-0001"], "2-3": ["H49.22-260220-0001"],
                   "4-7": ["H49.22-260213-0001"], "8+": ["H49.22-260105-0001"]}
OVERDUE_DAYS = {"H49.22-260227-0001": 0, "H49.22-260225-0001": 1, "H49.22-260220-0001": 3,
                "H49.22-260213-0001": 7}
UNCOLLECTED = ["H49.22-260216-0001", "H49.22-260216-0003"]  # 4 and 3 working days; -0002 only 2
UNCOLLECTED_DAYS = {"H49.22-260216-0001": 4, "H49.22-260216-0003": 3}
CALLED = "H49.22-260216-0003"  # called on Tue 3 March
FOLLOW_UP = ["YC260226-Q01-0001", "YC260302-Q01-0001"]  # 4 and 2 working days open


NAMES = ("Nguyễn Thị Hồng Đào", "Lê Minh Tuấn", "Phạm Thu Hà", "Hoàng Văn Nam", "Vũ Thị Lan", "Đặng Quốc Huy",
         "Bùi Thị Thanh", "Đỗ Văn Long", "Ngô Thị Mai", "Dương Văn Sơn")
PROCEDURES = (("1.001193", "Đăng ký khai sinh", "Hộ tịch"),
              ("2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực"),
              ("1.000894", "Đăng ký kết hôn", "Hộ tịch"),
              ("3.000347", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng"))


def requests() -> list[dict]:
    return [
        {"number": "YC260226-Q01-0001", "created_at": at(2, 26, 14), "status": "open", "phone": "0913000001"},
        {"number": "YC260303-Q01-0001", "created_at": at(3, 3, 9), "status": "open"},  # 1 day: too early
        {"number": "YC260225-Q01-0001", "created_at": at(2, 25, 9), "status": "open", "followed": True},
        {"number": "YC260220-Q01-0001", "created_at": at(2, 23, 9), "status": "received"},
        {"number": "YC260302-Q01-0001", "created_at": at(3, 2, 16), "status": "open", "phone": "0913000005"},
    ]


def _outbox(session, entity_id: str, state: str, operation: str = "dossier.create", payload: dict | None = None):
    session.add(OutboxItem(operation_id=new_uuid(), operation=operation, entity_id=entity_id,
                           payload_json=json.dumps(payload or {}), state=state, attempts=0, created_at=NOW))


def load(ctx, shift: timedelta = timedelta(0)) -> dict[str, str]:  # noqa: ANN001
    """Insert the data set; returns code -> uuid. `shift` moves every instant (a demo around
    the real today, e.g. for the README's screenshot; the answers above hold only unshifted)."""
    uuids: dict[str, str] = {}

    def at_(value):  # noqa: ANN001, ANN202
        return value + shift if value is not None else None

    renamed: dict[str, str] = {}
    with session_scope(ctx.sessions) as s:
        from sqlalchemy import select

        from counterapp.catalog.models import Procedure

        catalog = {p.code: p.name for p in s.scalars(select(Procedure))}  # the demo catalog, when loaded
        ids = {}
        for n, (code, (status, received, due, extra)) in enumerate(DOSSIERS.items()):
            columns = {"applicant_name": NAMES[n % len(NAMES)], "phone": None, **extra}
            procedure_code, procedure_name, field_name = PROCEDURES[n % len(PROCEDURES)]
            procedure_name = catalog.get(procedure_code, procedure_name)
            if shift:  # a demo: the code carries its (moved) day of receipt, as the counter's would
                day = at_(received).astimezone(HCM).strftime("%y%m%d")
                prefix = f"H49.22-{day}-" + ("TAM-" if "TAM" in code else "")
                number = 1
                while prefix + f"{number:04d}" in renamed.values():
                    number += 1
                renamed[code] = prefix + f"{number:04d}"
            d = Dossier(code=renamed.get(code, code), agency_code="H49.22", counter_id="Q01",
                        procedure_code=procedure_code, procedure_name=procedure_name, field_name=field_name,
                        status=status,
                        received_at=at_(received), due_at=at_(due), current_due_at=at_(due),
                        officer="Nguyễn Văn Kiểm", **columns)
            for name in ("result_received_at", "returned_at"):
                if name in extra:
                    setattr(d, name, at_(extra[name]))
            if status in (9, 10):
                d.finished_at = at_(extra.get("result_received_at") or received)
            s.add(d)
            s.flush()
            uuids[code], ids[code] = d.uuid, d.id
            if shift:
                d.field_code = field_name[:2].upper()
        # The outbox: waiting, sending, a file needing attention, a conflict; a synced one is not counted.
        _outbox(s, uuids["H49.22-260304-0001"], "waiting")
        _outbox(s, uuids["H49.22-260304-TAM-0001"], "sending")
        _outbox(s, new_uuid(), "needs_attention", "attachment.upload", {"dossier_id": uuids["H49.22-260216-0001"]})
        _outbox(s, uuids["H49.22-260302-0001"], "conflict", "dossier.update")
        _outbox(s, uuids["H49.22-260225-0001"], "synced")
        _outbox(s, uuids["H49.22-260304-0002"], "synced")
        s.add(QueueMark(kind=MARK_CALLED, dossier_id=ids[CALLED], reference=renamed.get(CALLED, CALLED),
                        at=at_(at(3, 3, 14)), by="Nguyễn Văn Kiểm"))
        for r in requests():
            row = CompletionRequest(
                uuid=new_uuid(), number=r["number"], created_at=at_(r["created_at"]), applicant_name="Lê Thị Mai",
                applicant_phone=r.get("phone"), procedure_code="1.001193",
                procedure_name=catalog.get("1.001193", "Đăng ký khai sinh"),
                request_json="{}", missing_json=json.dumps([{"name": "Giấy chứng sinh", "originals": 1}]),
                reason="Thiếu giấy tờ", officer="Nguyễn Văn Kiểm", status=r["status"])
            s.add(row)
            s.flush()
            if r.get("followed"):
                s.add(QueueMark(kind=MARK_FOLLOWED_UP, completion_request_id=row.id, reference=row.number,
                                at=at_(at(2, 27, 9)), by="Nguyễn Văn Kiểm"))
    return uuids
