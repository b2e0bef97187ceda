"""The person a procedure is about on the printed forms: a khai sinh receipt names the mother
who hands it in "(quan hệ: mẹ)" and the child "Về việc của: …", on both copies, in both
template sets; a dossier without such a person prints neither line (PDFs read back with
pdftotext)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from counterapp.app import AppContext
from counterapp.catalog.importer import import_catalog_records
from counterapp.config import SiteConfig
from counterapp.dossiers.intake import create_dossier
from counterapp.forms.contexts import dossier_context, load_dossier
from counterapp.forms.render import render_pdf
from counterapp.forms.samples import sample_context, sample_documents
from tests.forms.conftest import pdf_pages, pdf_text

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
BIRTH = {
    "MATTHC": "1.001193",
    "TENTTHC": "Thủ tục đăng ký khai sinh",
    "CAPTHUCHIEN": "Cấp xã",
    "LINHVUCTHUCHIEN": [{"MALINHVUC": "HT", "TENLINHVUC": "Hộ tịch"}],
    "COQUANTHUCHIEN": [{"MADONVI": "H49.22", "TENDONVI": "UBND phường Hạ Long"}],
    "CACHTHUCTHUCHIEN": [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": 1, "DONVITINH": "Ngày làm việc"}]}],
    "THANHPHANHOSO": [{"GIAYTO": [{"MAGIAYTO": "TP1", "TENGIAYTO": "Tờ khai đăng ký khai sinh", "SOBANCHINH": 1}]}],
}
CHILD = {"name": "Trần Minh An", "date_of_birth": "20/11/2025", "sex": "Nam", "relationship": "mẹ"}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _receive(ctx: AppContext, subject: dict | None) -> str:
    import_catalog_records(ctx.sessions, [BIRTH])
    request = {
        "procedure_code": "1.001193",
        "applicant": {"name": "Trần Thị Mai", "phone": "0912345678"},
        "documents": None,
        "received_at": datetime(2026, 3, 2, 9, 0, tzinfo=HCM).isoformat(),
    }
    if subject is not None:
        request["subject"] = subject
    return create_dossier(ctx, request, officer="Trần Văn Bình").code


def _print(ctx: AppContext, code: str, form: str, out: Path, config: SiteConfig | None = None, **options) -> Path:
    config = config or ctx.config
    with ctx.sessions() as session:
        context = dossier_context(form, session, load_dossier(session, code), config, **options)
    return render_pdf(form, context, out, config, ctx.data_dir)


def test_receipt_names_the_child_and_the_mother_on_both_copies(gui, app_ctx: AppContext, tmp_path: Path) -> None:
    code = _receive(app_ctx, CHILD)
    out = _print(app_ctx, code, "receipt", tmp_path / "r.pdf")
    assert len(pdf_pages(out)) == 2  # one page per copy, as before
    for page in (1, 2):
        text = _flat(pdf_text(out, first=page, last=page))
        assert "Trần Thị Mai (quan hệ: mẹ)" in text
        assert "Về việc của: Trần Minh An, sinh ngày 20/11/2025, giới tính Nam" in text


def test_an_authorised_applicant_shows_the_authorisation(gui, app_ctx: AppContext, tmp_path: Path) -> None:
    subject = CHILD | {"relationship": "người được ủy quyền", "authorisation": "Giấy ủy quyền số 12/2026 ngày 01/03/2026"}
    code = _receive(app_ctx, subject)
    text = _flat(pdf_text(_print(app_ctx, code, "receipt", tmp_path / "r.pdf")))
    assert "(quan hệ: người được ủy quyền, theo Giấy ủy quyền số 12/2026 ngày 01/03/2026)" in text


def test_no_subject_no_line(gui, app_ctx: AppContext, tmp_path: Path) -> None:
    code = _receive(app_ctx, None)
    text = _flat(pdf_text(_print(app_ctx, code, "receipt", tmp_path / "r.pdf")))
    assert "Trần Thị Mai" in text
    assert "Về việc của" not in text and "quan hệ" not in text


def test_routing_slip_and_the_2018_set_name_the_child(gui, app_ctx: AppContext, tmp_path: Path) -> None:
    code = _receive(app_ctx, CHILD)
    text = _flat(pdf_text(_print(app_ctx, code, "routing_slip", tmp_path / "slip.pdf")))
    assert "(quan hệ: mẹ)" in text and "Về việc của: Trần Minh An" in text
    config_2018 = dataclasses.replace(app_ctx.config, raw={**app_ctx.config.raw, "forms": {"template_set": "2018"}})
    text = _flat(pdf_text(_print(app_ctx, code, "receipt", tmp_path / "r2018.pdf", config_2018)))
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text  # the 2018 header: the set really changed
    assert "Trần Thị Mai (quan hệ: mẹ)" in text and "Về việc của: Trần Minh An, sinh ngày 20/11/2025" in text


def test_fifteen_rows_and_a_subject_still_fit_one_page_per_copy(gui, tmp_path: Path) -> None:
    context = sample_context("receipt") | {
        "documents": sample_documents(15), "subject_name": "Trần Minh An", "subject_birth_date": "20/11/2025",
        "subject_sex": "Nam", "relationship": "mẹ",
    }
    out = render_pdf("receipt", context, tmp_path / "r.pdf", SiteConfig())
    assert len(pdf_pages(out)) == 2
    assert "Số thứ tự: 7" in pdf_text(out, first=1, last=1)  # the first copy ends on its own page


def test_form_02_from_the_register_names_the_child(gui, app_ctx: AppContext, tmp_path: Path) -> None:
    """An incomplete khai sinh is not received: form 02, printed from the register, still says
    whose birth it is (the register keeps the request as typed)."""
    from counterapp.dossiers.completion import open_completion_request
    from counterapp.forms.completion import register_completion_context

    import_catalog_records(app_ctx.sessions, [BIRTH])
    row = open_completion_request(app_ctx, {
        "procedure_code": "1.001193",
        "applicant": {"name": "Trần Thị Mai", "phone": "0912345678"},
        "subject": CHILD,
        "documents": [{"document_code": "TP1", "originals": 0}],
    }, officer="Trần Văn Bình")
    context = register_completion_context(row, app_ctx.config)
    text = _flat(pdf_text(render_pdf("completion_request", context, tmp_path / "f02.pdf", app_ctx.config,
                                     app_ctx.data_dir)))
    assert "Trần Thị Mai (quan hệ: mẹ)" in text and "Về việc của: Trần Minh An, sinh ngày 20/11/2025" in text


def test_the_ledger_says_whose_birth(gui, app_ctx: AppContext, tmp_path: Path) -> None:
    from datetime import date

    from counterapp.forms.contexts import ledger_context

    _receive(app_ctx, CHILD)
    with app_ctx.sessions() as session:
        context = ledger_context(session, app_ctx.config, date(2026, 3, 2), date(2026, 3, 2))
    text = _flat(pdf_text(render_pdf("ledger", context, tmp_path / "ledger.pdf", app_ctx.config, app_ctx.data_dir)))
    assert "Trần Thị Mai" in text and "(về việc của Trần Minh An)" in text
