"""Sample contexts for every form: what each template may use, with made-up values.

IT staff preview an edited template with `counterapp print FORM --sample --pdf out.pdf`;
tests render every form from these. The keys here are the contract between the
context builders (contexts.py) and the templates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from counterapp.forms.formatting import amount_in_words, format_vnd, long_datetime
from counterapp.forms.units import default_unit_name

SAMPLE_CODE = "H49.22-261128-0007"
SAMPLE_APPLICANT = "Nguyễn Thị Hồng Đào"
SAMPLE_OFFICER = "Trần Văn Bình"
SAMPLE_UNIT = default_unit_name("UBND phường Hạ Long")  # the demo site's unit (NĐ 118/2025 naming)
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def sample_documents(count: int) -> list[dict[str, Any]]:
    """`count` checklist lines for a receipt (the first three are the usual ones)."""
    usual = [
        {"name": "Tờ khai đề nghị cấp bản sao trích lục hộ tịch", "form": "Bản chính", "count": 1, "note": ""},
        {"name": "Thẻ căn cước của người yêu cầu", "form": "Bản chụp", "count": 1, "note": "Đã đối chiếu"},
        {"name": "Giấy ủy quyền", "form": "Bản sao chứng thực", "count": 1, "note": ""},
    ]
    extra = [
        {"name": f"Giấy tờ chứng minh số {i} kèm theo hồ sơ", "form": "Bản sao chứng thực", "count": 1, "note": ""}
        for i in range(4, count + 1)
    ]
    return (usual + extra)[:count]


def _applicant() -> dict[str, Any]:
    return {
        "code": SAMPLE_CODE,
        "code_provisional": False,
        "applicant_name": SAMPLE_APPLICANT,
        "applicant_address": "Số 5, tổ 3, khu 2, phường Hạ Long, tỉnh Quảng Ninh",
        "applicant_phone": "0912 345 678",
        "applicant_email": "hongdao@example.vn",
        "request": "Cấp bản sao trích lục hộ tịch",
        "procedure_code": "1.004884",
        "officer_name": SAMPLE_OFFICER,
        "officer_title": "",
        # the person the procedure is about, when not the applicant (none here: her own extract)
        "subject_name": "",
        "subject_birth_date": "",
        "subject_sex": "",
        "subject_id_number": "",
        "subject_note": "",
        "relationship": "",
        "authorisation": "",
    }


def sample_context(form: str) -> dict[str, Any]:
    received = datetime(2026, 11, 28, 2, 15, tzinfo=UTC)  # 09:15 in Hạ Long
    due = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # 16:00
    base = _applicant()
    if form == "receipt":
        fees = [{"name": "Lệ phí cấp bản sao", "amount": format_vnd(8000)}]
        return base | {
            "doc_date": received,
            "documents": sample_documents(3),
            "sets": 1,
            "processing_time": "3 ngày làm việc",
            "received_at": long_datetime(received, ZONE),
            "due_at": long_datetime(due, ZONE),
            "collect_at": SAMPLE_UNIT,
            "fees": fees,
            "fee_total": format_vnd(8000),
            "ledger_book": "01/2026",
            "ledger_line": 7,
        }
    if form == "completion_request":
        return base | {
            "missing_documents": [
                {"name": "Giấy ủy quyền có chứng thực", "count": 1, "note": "Bản chính"},
                {"name": "Tờ khai (bổ sung chữ ký)", "count": 1, "note": ""},
            ],
            "reason": "Người nộp không phải người yêu cầu; thiếu giấy ủy quyền.",
            "officer_phone": "0203 3 812 345",
        }
    if form == "refusal":
        return base | {
            "received_at": long_datetime(received, ZONE),
            "reason": "Thủ tục không thuộc thẩm quyền giải quyết của UBND phường.",
        }
    if form == "routing_slip":
        return base | {
            "doc_date": received,
            "received_at": long_datetime(received, ZONE),
            "due_at": long_datetime(due, ZONE),
            "lead_agency": "Công chức Tư pháp - Hộ tịch",
            "coordinating_agencies": "",
            "handovers": [
                {
                    "from_org": SAMPLE_UNIT,
                    "to_org": "Công chức Tư pháp - Hộ tịch",
                    "at": received,
                    "from_person": "Trần Văn Bình",
                    "to_person": "",
                    "result": "",
                    "note": "",
                },
                *(
                    {"from_org": "", "to_org": "", "at": "", "from_person": "", "to_person": "", "result": "", "note": ""}
                    for _ in range(3)
                ),
            ],
            "outcome": "",
        }
    if form == "apology":
        return base | {
            "received_date": "28/11/2026",
            "due_at": long_datetime(due, ZONE),
            "new_due_at": long_datetime(datetime(2026, 12, 8, 9, 0, tzinfo=UTC), ZONE),
            "reason": "Cần xác minh thêm thông tin tại cơ quan lưu trữ.",
            "signer_title": "",
            "signer_name": "Phạm Minh Tuấn",
        }
    if form == "stop_notice":
        return base | {
            "received_date": "28/11/2026",
            "due_at": long_datetime(due, ZONE),
            "stopped_at": long_datetime(datetime(2026, 12, 1, 3, 30, tzinfo=UTC), ZONE),
            "reason": "Người yêu cầu đề nghị dừng giải quyết để bổ sung giấy tờ khác.",
            "officer_phone": "0203 3 812 345",
            "signer_title": "",
            "signer_name": "Phạm Minh Tuấn",
        }
    if form == "fee_receipt":
        amounts = [("Lệ phí cấp bản sao trích lục", 8000), ("Phí thẩm định", 127000)]
        total = sum(a for _, a in amounts)
        return base | {
            "fees": [{"name": n, "amount": format_vnd(a)} for n, a in amounts],
            "total": format_vnd(total),
            "total_words": amount_in_words(total),
            "payment_method": "Tiền mặt",
            "collected_at": received,
        }
    if form == "ledger":
        rows = []
        for i in range(1, 61):
            rows.append(
                {
                    "code": f"H49.22-2611{(i % 28) + 1:02d}-{i:04d}",
                    "provisional": i == 3,
                    "procedure": "Cấp bản sao trích lục hộ tịch" if i % 2 else "Đăng ký khai sinh",
                    "sets": 1,
                    "applicant": f"Nguyễn Văn Số {i}",
                    "subject": "",  # the person the procedure is about, when not the applicant
                    "address_phone": f"Tổ {i}, khu 2, phường Hạ Long; 0912 000 {i:03d}",
                    "lead_agency": "Tư pháp - Hộ tịch",
                    "received_at": received,
                    "due_at": due,
                    "sent_at": "",
                    "result_back_at": "",
                    "returned_at": "",
                    "note": "",
                }
            )
        return {
            "date_from": date(2026, 11, 1),
            "date_to": date(2026, 11, 28),
            "rows": rows,
            "count": len(rows),
        }
    raise KeyError(form)
