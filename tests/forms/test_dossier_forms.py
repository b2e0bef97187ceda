"""Forms printed from real dossiers (intake core, SQLite file) and the `print` CLI."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from counterapp.app import AppContext, open_app
from counterapp.catalog.importer import import_catalog_records
from counterapp.cli import _accept_data_dir_everywhere
from counterapp.cli import printing as printing_cli
from counterapp.dossiers.intake import create_dossier, refuse_intake
from counterapp.dossiers.lifecycle import request_completion
from counterapp.dossiers.models import PrintRecord
from counterapp.forms.contexts import (
    apology_context,
    dossier_context,
    ledger_context,
    load_dossier,
    outcome,
)
from counterapp.forms.render import FormError, render_pdf
from tests.forms.conftest import decode_qr, pdf_pages, pdf_text

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NAME = "Nguyễn Thị Hồng Đào"
PROCEDURE = {
    "MATTHC": "1.001193",
    "TENTTHC": "Đăng ký khai sinh",
    "CAPTHUCHIEN": "Cấp xã",
    "LINHVUCTHUCHIEN": [{"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch"}],
    "COQUANTHUCHIEN": [{"MADONVI": "H49.22", "TENDONVI": "UBND phường Hạ Long"}],
    "CACHTHUCTHUCHIEN": [
        {
            "KENH": 1,
            "THOIGIAN": [
                {
                    "THOIGIANGIAIQUYET": 3,
                    "DONVITINH": "Ngày làm việc",
                    "PHILEPHI": [{"MAPHILEPHI": "LP01", "SOTIEN": 135000, "MOTA": "Lệ phí đăng ký khai sinh"}],
                }
            ],
        }
    ],
    "THANHPHANHOSO": [
        {
            "GIAYTO": [
                {"MAGIAYTO": "TP1", "TENGIAYTO": "Tờ khai đăng ký khai sinh", "SOBANCHINH": 1, "SOBANSAO": 0},
                {"MAGIAYTO": "TP2", "TENGIAYTO": "Giấy chứng sinh", "SOBANCHINH": 1, "SOBANSAO": 0},
            ]
        }
    ],
}


def _flat(text: str) -> str:
    return " ".join(text.split())


def intake(**overrides) -> dict:
    data = {
        "procedure_code": "1.001193",
        "applicant": {
            "name": NAME,
            "phone": "0912345678",
            "email": "hongdao@example.vn",
            "province_code": "22",
            "commune_code": "06688",
            "street": "Số 5 đường Trần Hưng Đạo",
        },
        # Monday 2 March 2026, 09:00 in Hạ Long; 3 working days -> Thursday 5 March 09:00
        "received_at": datetime(2026, 3, 2, 9, 0, tzinfo=HCM).isoformat(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    report = import_catalog_records(app_ctx.sessions, [PROCEDURE])
    assert report.added == 1
    return app_ctx


@pytest.fixture
def code(ctx: AppContext) -> str:
    return create_dossier(ctx, intake(), officer="Trần Văn Bình").code


def _context(ctx: AppContext, form: str, code: str, **options) -> dict:
    with ctx.sessions() as session:
        return dossier_context(form, session, load_dossier(session, code), ctx.config, **options)


def test_receipt_from_a_saved_dossier(gui, ctx: AppContext, code: str, tmp_path: Path) -> None:
    context = _context(ctx, "receipt", code)
    out = render_pdf("receipt", context, tmp_path / "receipt.pdf", ctx.config, ctx.data_dir)
    assert len(pdf_pages(out)) == 2
    for number in (1, 2):
        text = _flat(pdf_text(out, first=number, last=number))
        assert code in text and NAME in text
        assert "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 3 năm 2026" in text
        assert "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 05 tháng 3 năm 2026" in text
        assert "3 ngày làm việc" in text
        assert "Tờ khai đăng ký khai sinh" in text and "Giấy chứng sinh" in text
        assert "Lệ phí đăng ký khai sinh: 135.000 đồng" in text
        assert "Trần Văn Bình" in text
        assert "Hạ Long, ngày 02 tháng 3 năm 2026" in text
        assert "MÃ TẠM" not in text
    assert decode_qr(out, tmp_path) == [code]


def test_provisional_code_marked_on_receipt(gui, data_dir: Path, tmp_path: Path) -> None:
    (data_dir / "site.toml").write_text("[numbering]\nblocks = []\n", encoding="utf-8")
    app = open_app(data_dir, seed_demo=False)
    try:
        import_catalog_records(app.sessions, [PROCEDURE])
        dossier = create_dossier(app, intake(), officer="Trần Văn Bình")
        assert dossier.code_provisional
        context = _context(app, "receipt", dossier.code)
        text = _flat(pdf_text(render_pdf("receipt", context, tmp_path / "r.pdf", app.config)))
        assert dossier.code in text
        assert "MÃ TẠM / provisional" in text
        with app.sessions() as session:
            ledger = ledger_context(session, app.config, date(2026, 3, 2), date(2026, 3, 2))
        assert ledger["rows"][0]["provisional"] is True
    finally:
        app.close()


def test_refusal_prints_the_recorded_reason(gui, ctx: AppContext, tmp_path: Path) -> None:
    dossier = refuse_intake(ctx, intake(), "Hồ sơ không thuộc thẩm quyền của phường", officer="Trần Văn Bình")
    context = _context(ctx, "refusal", dossier.code)
    text = _flat(pdf_text(render_pdf("refusal", context, tmp_path / "refusal.pdf", ctx.config)))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Hồ sơ không thuộc thẩm quyền của phường" in text
    assert NAME in text and dossier.code in text


def test_refusal_without_reason_is_refused(ctx: AppContext, code: str) -> None:
    with pytest.raises(FormError, match="no refusal reason"):
        _context(ctx, "refusal", code)


def test_completion_request_lists_what_is_missing(gui, ctx: AppContext, code: str, tmp_path: Path) -> None:
    request_completion(
        ctx, code, [{"name": "Giấy chứng sinh", "originals": 1}], "Giấy chứng sinh bị tẩy xóa", "Trần Văn Bình"
    )
    context = _context(ctx, "completion_request", code)
    text = _flat(pdf_text(render_pdf("completion_request", context, tmp_path / "c.pdf", ctx.config)))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Giấy chứng sinh" in text and "1 bản chính" in text
    assert "Lý do: Giấy chứng sinh bị tẩy xóa" in text
    assert NAME in text


def test_fee_receipt_only_for_paid_fees_at_the_time_of_payment(gui, ctx: AppContext, code: str, tmp_path: Path) -> None:
    from counterapp.dossiers.fees import record_payment

    with pytest.raises(FormError, match="chưa ghi nhận thu") as refused:
        _context(ctx, "fee_receipt", code)
    assert f"counterapp dossier pay {code}" in str(refused.value) and "record the payment first" in str(refused.value)
    paid_at = datetime(2026, 3, 2, 9, 20, tzinfo=HCM)  # paid at the counter, printed much later
    record_payment(ctx, code, "Trần Văn Bình", method="transfer", at=paid_at)
    context = _context(ctx, "fee_receipt", code)
    text = _flat(pdf_text(render_pdf("fee_receipt", context, tmp_path / "fee.pdf", ctx.config), first=1, last=1))
    assert "GIẤY BIÊN NHẬN ĐÃ THU PHÍ, LỆ PHÍ" in text
    assert "không thay hóa đơn, biên lai điện tử" in text
    assert "135.000 đồng" in text
    assert "Một trăm ba mươi lăm nghìn đồng" in text
    assert "Chuyển khoản" in text
    assert "Thời điểm thu tiền: 09:20 02/03/2026" in text


def test_apology_needs_a_later_date_and_a_reason(gui, ctx: AppContext, code: str, tmp_path: Path) -> None:
    with ctx.sessions() as session:
        dossier = load_dossier(session, code)
        with pytest.raises(FormError, match="after the original"):
            apology_context(session, dossier, ctx.config, new_due_at=datetime(2026, 3, 4, 9, 0, tzinfo=HCM), reason="x")
        with pytest.raises(FormError, match="reason"):
            apology_context(session, dossier, ctx.config, new_due_at=datetime(2026, 3, 9, 9, 0, tzinfo=HCM), reason=" ")
        context = apology_context(
            session, dossier, ctx.config, new_due_at=datetime(2026, 3, 9, 14, 0, tzinfo=HCM), reason="Chờ xác minh"
        )
    text = _flat(pdf_text(render_pdf("apology", context, tmp_path / "a.pdf", ctx.config)))
    assert "Kính gửi: " + NAME in text
    assert "09 giờ 00 phút, ngày 05 tháng 3 năm 2026" in text  # the original appointment
    assert "14 giờ 00 phút, ngày 09 tháng 3 năm 2026" in text  # the new one
    assert "Lý do: Chờ xác minh" in text


def test_routing_slip_has_handover_rows(gui, ctx: AppContext, code: str, tmp_path: Path) -> None:
    context = _context(ctx, "routing_slip", code, blank_rows=4)
    assert len(context["handovers"]) == 4
    assert context["handovers"][0]["from_org"] == "Trung tâm Phục vụ hành chính công phường Hạ Long"
    text = _flat(pdf_text(render_pdf("routing_slip", context, tmp_path / "rs.pdf", ctx.config)))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Trước hạn / Đúng hạn / Quá hạn" in text
    assert "09 giờ 00 phút, ngày 02 tháng 3 năm 2026" in text and "09 giờ 00 phút, ngày 05 tháng 3 năm 2026" in text


def test_outcome_early_on_time_late(ctx: AppContext) -> None:
    due = datetime(2026, 3, 5, 9, 0, tzinfo=HCM)
    assert outcome(datetime(2026, 3, 4, 16, 0, tzinfo=HCM), due, ctx.config) == "Trước hạn"
    assert outcome(datetime(2026, 3, 5, 8, 0, tzinfo=HCM), due, ctx.config) == "Đúng hạn"
    assert outcome(datetime(2026, 3, 5, 9, 30, tzinfo=HCM), due, ctx.config) == "Quá hạn"
    assert outcome(None, due, ctx.config) == ""


def test_ledger_covers_the_date_range_in_site_time(gui, ctx: AppContext, tmp_path: Path) -> None:
    inside = [
        create_dossier(ctx, intake(received_at=datetime(2026, 3, d, 8, 0, tzinfo=HCM).isoformat()), officer="B").code
        for d in (2, 3)
    ]
    # 00:30 on 4 March in Hạ Long is still 3 March in UTC: it belongs to the 4th.
    late = create_dossier(ctx, intake(received_at=datetime(2026, 3, 4, 0, 30, tzinfo=HCM).isoformat()), officer="B")
    with ctx.sessions() as session:
        context = ledger_context(session, ctx.config, date(2026, 3, 2), date(2026, 3, 3))
    assert [r["code"] for r in context["rows"]] == inside
    text = pdf_text(render_pdf("ledger", context, tmp_path / "ledger.pdf", ctx.config))
    for c in inside:
        assert c in text
    assert late.code not in text
    assert "Từ ngày 02/03/2026 đến ngày 03/03/2026" in _flat(text)
    with ctx.sessions() as session, pytest.raises(FormError):
        ledger_context(session, ctx.config, date(2026, 3, 3), date(2026, 3, 2))


# -- the CLI -------------------------------------------------------------------------


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `counterapp print ...` through a parser holding only this module's commands."""
    parser = argparse.ArgumentParser(prog="counterapp")
    parser.add_argument("--data-dir")
    sub = parser.add_subparsers(dest="command")
    printing_cli.register(sub)
    _accept_data_dir_everywhere(sub)
    try:
        args = parser.parse_args(argv)
        status = int(args.handler(args) or 0)
    except SystemExit as exc:
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_prints_receipt_and_logs_reprint(gui, ctx: AppContext, code: str, tmp_path: Path, capsys) -> None:
    first = tmp_path / "out" / "receipt.pdf"
    status, out, _ = run_cli(["print", "receipt", code, "--pdf", str(first), "--officer", "Lê Thu"], capsys)
    assert status == 0
    assert json.loads(out)["reprint"] is False
    assert code in pdf_text(first) and len(pdf_pages(first)) == 2
    status, out, _ = run_cli(["print", "receipt", code, "--pdf", str(tmp_path / "again.pdf")], capsys)
    assert status == 0 and json.loads(out)["reprint"] is True
    with ctx.sessions() as session:
        records = session.scalars(select(PrintRecord).order_by(PrintRecord.id)).all()
        assert [(r.form, r.reprint, r.copies, r.target) for r in records] == [
            ("receipt", False, 2, "pdf"),
            ("receipt", True, 2, "pdf"),
        ]
        assert records[0].printed_by == "Lê Thu"


def test_cli_unknown_code_fails_clearly(gui, ctx: AppContext, tmp_path: Path, capsys) -> None:
    target = tmp_path / "none.pdf"
    status, _, err = run_cli(["print", "receipt", "H49.22-260302-9999", "--pdf", str(target)], capsys)
    assert status == 1
    assert "Không tìm thấy hồ sơ" in err and "no dossier with this code" in err
    assert not target.exists()


def test_cli_apology_and_ledger(gui, ctx: AppContext, code: str, tmp_path: Path, capsys) -> None:
    apology = ["print", "apology", code, "--new-date", "2026-03-10T15:30", "--reason", "Chờ kết quả xác minh",
               "--pdf", str(tmp_path / "apology.pdf")]
    # The appointment (05/03/2026) has long passed: a supervisor must approve the new date.
    status, out, err = run_cli(apology, capsys)
    assert status == 1 and "lãnh đạo" in err and not (tmp_path / "apology.pdf").exists()
    status, out, err = run_cli([*apology, "--supervisor", "Phạm Văn Tổ"], capsys)
    assert status == 0, err
    assert "15 giờ 30 phút, ngày 10 tháng 3 năm 2026" in _flat(pdf_text(tmp_path / "apology.pdf"))
    from counterapp.dossiers.queries import dossier_to_dict, get_by_code

    with ctx.sessions() as session:  # the new date is recorded on the dossier, not only printed
        shown = dossier_to_dict(get_by_code(session, code))
    assert shown["rescheduled_due_at"].startswith("2026-03-10T08:30")  # 15:30 in Hà Nội, as UTC
    assert shown["reschedule_reason"] == "Chờ kết quả xác minh"
    assert shown["reschedule_supervisor"] == "Phạm Văn Tổ"
    status, _, err = run_cli(
        ["print", "apology", code, "--new-date", "mai", "--reason", "x", "--pdf", str(tmp_path / "bad.pdf")], capsys
    )
    assert status == 2 and "--new-date" in err
    status, out, _ = run_cli(
        ["print", "ledger", "--from", "2026-03-01", "--to", "2026-03-31", "--pdf", str(tmp_path / "ledger.pdf")], capsys
    )
    assert status == 0 and json.loads(out)["dossiers"] == 1
    assert code in pdf_text(tmp_path / "ledger.pdf")
    status, out, _ = run_cli(
        ["print", "ledger", "--from", "2026-03-01", "--to", "2026-03-31", "--pdf", str(tmp_path / "ledger2.pdf")], capsys
    )
    assert json.loads(out)["reprint"] is True


def test_cli_sample_previews_a_template_without_a_dossier(gui, app_ctx: AppContext, tmp_path: Path, capsys) -> None:
    status, out, _ = run_cli(["print", "fee_receipt", "--sample", "--pdf", str(tmp_path / "s.pdf")], capsys)
    assert status == 0 and json.loads(out)["sample"] is True
    assert "Một trăm ba mươi lăm nghìn đồng" in _flat(pdf_text(tmp_path / "s.pdf"))
    with app_ctx.sessions() as session:
        assert session.scalars(select(PrintRecord)).all() == []


def test_routing_slip_shows_back_office_progress_and_outcome(gui, ctx: AppContext, code: str, tmp_path: Path) -> None:
    from counterapp.db.engine import session_scope
    from counterapp.dossiers.lifecycle import record_progress

    with session_scope(ctx.sessions) as session:
        dossier = load_dossier(session, code)
        record_progress(
            session, dossier, status=4, at=datetime(2026, 3, 3, 10, 0, tzinfo=HCM), handler="Phạm Thị Lan",
            department="Công chức Tư pháp - Hộ tịch", content="Thẩm định hồ sơ",
            step_due_at=datetime(2026, 3, 4, 17, 0, tzinfo=HCM),
        )
        record_progress(session, dossier, status=9, at=datetime(2026, 3, 4, 15, 0, tzinfo=HCM), handler="Phạm Thị Lan")
    context = _context(ctx, "routing_slip", code)
    rows = context["handovers"]
    assert rows[1]["to_org"] == "Công chức Tư pháp - Hộ tịch" and rows[1]["result"] == "Trước hạn"
    assert context["outcome"] == "Trước hạn"  # finished 4 March, appointment 5 March
    text = _flat(pdf_text(render_pdf("routing_slip", context, tmp_path / "rs.pdf", ctx.config)))
    assert "Phạm Thị Lan" in text and "Thẩm định hồ sơ" in text and "10:00 03/03/2026" in text
    assert "Kết quả giải quyết: Trước hạn" in text
