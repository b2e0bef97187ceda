"""A per-copy fee printed from a real dossier: the receipt and the fee receipt read
"8.000 đồng/bản × 2 = 16.000 đồng" and the total follows (PDF read back with pdftotext)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from counterapp.app import AppContext
from counterapp.catalog.importer import import_catalog_records
from counterapp.dossiers.fees import record_payment
from counterapp.dossiers.intake import create_dossier
from counterapp.forms.contexts import dossier_context, load_dossier
from counterapp.forms.render import render_pdf
from tests.forms.conftest import pdf_text

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
COPY_FEE = "Phí cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh (Thông tư số 281/2016/TT-BTC)"
PROCEDURE = {  # the demo catalog's 2.000635, its fee as the catalog words it
    "MATTHC": "2.000635",
    "TENTTHC": "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
    "CAPTHUCHIEN": "Cấp xã",
    "LINHVUCTHUCHIEN": [{"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch"}],
    "COQUANTHUCHIEN": [{"MADONVI": "H49.22", "TENDONVI": "UBND phường Hạ Long"}],
    "CACHTHUCTHUCHIEN": [{"KENH": 1, "THOIGIAN": [{
        "THOIGIANGIAIQUYET": 1, "DONVITINH": "Ngày làm việc",
        "PHILEPHI": [{"MAPHILEPHI": "PHIBS", "SOTIEN": 8000, "DONVI": "Đồng/bản", "MOTA": COPY_FEE}],
    }]}],
    "THANHPHANHOSO": [{"GIAYTO": [{"MAGIAYTO": "TP1", "TENGIAYTO": "Tờ khai", "SOBANCHINH": 1, "SOBANSAO": 0}]}],
}


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_counted_fee_on_receipt_and_fee_receipt(gui, app_ctx: AppContext, tmp_path: Path) -> None:
    assert import_catalog_records(app_ctx.sessions, [PROCEDURE]).added == 1
    received = datetime(2026, 3, 2, 9, 0, tzinfo=HCM)
    fee = {"code": "PHIBS", "name": COPY_FEE, "amount_vnd": 8000, "unit": "Đồng/bản", "quantity": 2}
    code = create_dossier(app_ctx, {
        "procedure_code": "2.000635",
        "applicant": {"name": "Nguyễn Thị Hồng Đào", "phone": "0912345678"},
        "documents": None,
        "fees": [fee],
        "received_at": received.isoformat(),
    }, officer="Trần Văn Bình").code
    record_payment(app_ctx, code, "Trần Văn Bình", at=datetime(2026, 3, 2, 9, 5, tzinfo=HCM))
    for form in ("receipt", "fee_receipt"):
        with app_ctx.sessions() as session:
            context = dossier_context(form, session, load_dossier(session, code), app_ctx.config)
        text = _flat(pdf_text(render_pdf(form, context, tmp_path / f"{form}.pdf", app_ctx.config, app_ctx.data_dir)))
        assert "8.000 đồng/bản × 2 = 16.000 đồng" in text, form
        total = "Tổng cộng: 16.000 đồng" if form == "receipt" else "Tổng cộng 16.000 đồng"
        assert total in text, form
    assert "Mười sáu nghìn đồng" in text  # the fee receipt's total in words
