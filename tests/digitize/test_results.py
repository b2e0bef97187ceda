"""Results digitized too (counterapp/digitize/results.py): a dossier's result scanned from
images through the real pipeline into PDF/A, signed with the site's PKCS#12 key when the site
signs, filed as the dossier's result (not a component), its upload and the dossier's result
list queued in the same transaction; a second dossier of the same citizen is offered it."""

from __future__ import annotations

import pikepdf
import pytest
from sqlalchemy import select

from counterapp.digitize.common import DigitizeError
from counterapp.digitize.models import KIND_RESULT, Attachment, attachments_for_dossier, reuse_attachment
from counterapp.digitize.results import (
    attach_result,
    digitize_result,
    offered_results,
    remove_result,
    result_choices,
    result_digitized,
    results_for_dossier,
)
from counterapp.digitize.signing import load_p12_signer, sign_pdf_with, verify_pdf
from counterapp.outbox import OutboxItem
from tests.digitize.conftest import jpeg_bytes, text_page

ID_NUMBER = "001203004567"
OFFICER = "Trần Thị Bình"


def _receive(ctx, name: str = "Nguyễn Văn An") -> str:
    from counterapp.dossiers.intake import create_dossier

    dossier = create_dossier(ctx, {
        "procedure_code": "1.001193", "officer": OFFICER,
        "applicant": {"name": name, "id_number": ID_NUMBER, "phone": "0912345678", "address": "Tổ 1, phường Hạ Long"},
    })
    return dossier.code


@pytest.fixture
def result_scan(tmp_path):
    path = tmp_path / "giay-khai-sinh.jpg"
    page = text_page(lines=12, seed=3, words=["GIẤY KHAI SINH", "Họ và tên: Nguyễn Văn An"])
    path.write_bytes(jpeg_bytes(page, dpi=200))
    return path


def _outbox(ctx) -> list[OutboxItem]:
    with ctx.sessions() as session:
        rows = list(session.scalars(select(OutboxItem).order_by(OutboxItem.seq)))
        for row in rows:
            session.expunge(row)
        return rows


def test_the_catalog_names_the_results(demo_ctx):
    code = _receive(demo_ctx)
    choices = result_choices(demo_ctx, code)
    assert [c.code for c in choices] == ["1.001193.KQ01", "1.001193.KQ02"]
    assert choices[0].name == "Giấy khai sinh (bản chính)"


def test_a_result_is_digitized_signed_flagged_and_queued_with_its_dossier(demo_ctx, result_scan, p12_identity):
    code = _receive(demo_ctx)
    assert result_digitized(demo_ctx, code) is False
    before = len(_outbox(demo_ctx))
    signer = load_p12_signer(p12_identity["p12"], p12_identity["password"])
    att = digitize_result(demo_ctx, code, [result_scan], OFFICER, result_code="1.001193.KQ01",
                          signer=lambda src, dst: sign_pdf_with(signer, src, dst))
    # the catalog's name for the code; a result, not one of the applicant's components
    assert (att.kind, att.result_code, att.title) == (KIND_RESULT, "1.001193.KQ01", "Giấy khai sinh (bản chính)")
    assert att.document_code is None and att.id_number == ID_NUMBER and att.signed
    stored = att.path(demo_ctx.files_dir)
    report = verify_pdf(stored, [p12_identity["cert_pem"]])
    assert report.signed and report.valid
    with pikepdf.open(stored) as pdf:  # PDF/A from the same pipeline as the documents
        assert len(pdf.pages) == 1
        assert "pdfaid" in str(pdf.open_metadata())
    assert result_digitized(demo_ctx, code) is True
    (entry,) = results_for_dossier(demo_ctx, code)
    assert entry["attachment_id"] == att.uuid and entry["digitized"] and entry["signed"]
    # the upload and the dossier's result list, queued in the same transaction as the row
    new = _outbox(demo_ctx)[before:]
    assert [i.operation for i in new] == ["attachment.upload", "dossier.update"]
    assert {i.created_at for i in new} and new[0].payload["kind"] == "result"
    assert new[1].payload["dossier"]["results"][0]["attachment_id"] == att.uuid
    assert new[1].payload["dossier"]["results"][0]["result_code"] == "1.001193.KQ01"


def test_unsigned_when_the_site_does_not_sign_and_free_text_name(app_ctx, tmp_path):
    from counterapp.digitize.pdfbuild import PdfMeta, build_pdf
    from tests.digitize.test_attach import _dossier

    _dossier(app_ctx, "H49.22-261201-0001")  # its procedure is not in this (empty) catalog
    pdf = tmp_path / "kq.pdf"
    build_pdf([(jpeg_bytes(text_page(size=(1654, 500), lines=3)), 200)], pdf, PdfMeta("", "", ""))
    with pytest.raises(DigitizeError, match="Thiếu tên giấy tờ kết quả"):
        attach_result(app_ctx, "H49.22-261201-0001", pdf, OFFICER)
    with app_ctx.sessions() as session:
        assert session.scalars(select(Attachment)).all() == []  # refused: nothing written
    att = attach_result(app_ctx, "H49.22-261201-0001", pdf, OFFICER, result_name="Quyết định cấp phép")
    assert (att.title, att.result_code, att.signed) == ("Quyết định cấp phép", None, False)
    with app_ctx.sessions() as session:
        # the dossier's component list does not change: the result is kept apart by its kind
        assert [a.kind for a in attachments_for_dossier(session, "H49.22-261201-0001")] == ["result"]


def test_a_result_already_signed_is_attached_as_it_is(demo_ctx, tmp_path, p12_identity):
    from counterapp.digitize.pdfbuild import PdfMeta, build_pdf
    from counterapp.digitize.signing import sign_pdf_p12

    code = _receive(demo_ctx)
    plain, signed = tmp_path / "kq.pdf", tmp_path / "kq-signed.pdf"
    build_pdf([(jpeg_bytes(text_page(size=(1654, 500), lines=3)), 200)], plain, PdfMeta("", "", ""))
    sign_pdf_p12(plain, signed, p12_identity["p12"], p12_identity["password"])
    att = digitize_result(demo_ctx, code, [signed], OFFICER, result_code="1.001193.KQ02")
    assert att.signed and att.path(demo_ctx.files_dir).read_bytes() == signed.read_bytes()


def test_a_second_dossier_of_the_same_citizen_is_offered_the_earlier_result(demo_ctx, result_scan):
    first = _receive(demo_ctx)
    with pytest.raises(DigitizeError, match="1.001193.KQ01 Giấy khai sinh"):  # two listed, none chosen
        digitize_result(demo_ctx, first, [result_scan], OFFICER)
    earlier = digitize_result(demo_ctx, first, [result_scan], OFFICER, result_name="giấy khai sinh (bản chính)")
    assert (earlier.result_code, earlier.title) == ("1.001193.KQ01", "Giấy khai sinh (bản chính)")
    second = _receive(demo_ctx)
    (offer,) = offered_results(demo_ctx, second)
    assert (offer["attachment_id"], offer["dossier_code"]) == (earlier.uuid, first)
    assert offer["name"] == earlier.title
    # reused as a component of the new dossier: the same file, not offered again
    reused = reuse_attachment(demo_ctx, earlier.uuid, second, "GT01", OFFICER)
    assert reused.sha256 == earlier.sha256 and reused.kind == "document"
    assert offered_results(demo_ctx, second) == []
    assert offered_results(demo_ctx, first) == []  # its own result is not offered to itself


def test_cli_attaches_a_result_signed_when_the_site_signs(data_dir, result_scan, p12_identity, monkeypatch, capsys):
    """`counterapp result attach` honours `[signing]` in site.toml; `dossier show` lists the result."""
    import json

    from counterapp.app import open_app
    from counterapp.cli import main

    ctx = open_app(data_dir, seed_demo=True)
    try:
        code = _receive(ctx)
    finally:
        ctx.close()
    with (data_dir / "site.toml").open("a", encoding="utf-8") as fh:  # append: the fixture wrote [officer]
        fh.write(f'\n[signing]\nmethod = "p12"\np12 = "{p12_identity["p12"]}"\n'
                 f'trust_roots = ["{p12_identity["cert_pem"]}"]\n')
    monkeypatch.setenv("COUNTERAPP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("COUNTERAPP_P12_PASSWORD", p12_identity["password"])
    capsys.readouterr()
    assert main(["result", "attach", code, str(result_scan), "--code", "1.001193.KQ02", "--no-ocr", "--json"]) == 0
    attached = json.loads(capsys.readouterr().out)
    assert attached["signed"] and attached["result_code"] == "1.001193.KQ02" and attached["dossier_code"] == code
    assert main(["dossier", "show", code]) == 0
    assert "Kết quả đã số hóa / digitized result: Bản sao Giấy khai sinh (nếu có yêu cầu) (1.001193.KQ02, đã ký / signed)" \
        in capsys.readouterr().out
    assert main(["result", "attach", "KHONG-CO", str(result_scan), "--name", "x", "--no-sign"]) == 1
    assert "Không tìm thấy hồ sơ KHONG-CO" in capsys.readouterr().err
    monkeypatch.delenv("COUNTERAPP_P12_PASSWORD")
    assert main(["result", "attach", code, str(result_scan), "--code", "1.001193.KQ01", "--no-ocr"]) == 1
    assert "COUNTERAPP_P12_PASSWORD" in capsys.readouterr().err  # no secret: refused, nothing filed
    assert main(["result", "list", code, "--json"]) == 0
    assert [r["result_code"] for r in json.loads(capsys.readouterr().out)] == ["1.001193.KQ02"]


def test_the_scan_page_offers_an_earlier_result_as_a_reusable_paper(demo_ctx, result_scan):
    """The scan page's reuse list (ui_support.reused_documents, by ID number) shows the result by name."""
    from counterapp.digitize.ui_support import reused_documents

    first = _receive(demo_ctx)
    earlier = digitize_result(demo_ctx, first, [result_scan], OFFICER, result_code="1.001193.KQ01")
    offered = [d for d in reused_documents(demo_ctx, ID_NUMBER) if d.attachment_uuid == earlier.uuid]
    assert [(d.kind, d.title, d.dossier_code) for d in offered] == [("result", "Giấy khai sinh (bản chính)", first)]


def test_a_result_attached_by_mistake_is_taken_back(demo_ctx, result_scan):
    code = _receive(demo_ctx)
    wrong = digitize_result(demo_ctx, code, [result_scan], OFFICER, result_code="1.001193.KQ02")
    before = len(_outbox(demo_ctx))
    removed = remove_result(demo_ctx, wrong.uuid, OFFICER)
    assert removed.deleted and result_digitized(demo_ctx, code) is False
    (item,) = _outbox(demo_ctx)[before:]  # the list queued again, in the same transaction
    assert item.operation == "dossier.update"
    assert [(r["attachment_id"], r["deleted"]) for r in item.payload["dossier"]["results"]] == [(wrong.uuid, True)]
    with pytest.raises(DigitizeError, match="Không có kết quả số hóa"):
        remove_result(demo_ctx, wrong.uuid, OFFICER)  # twice: refused, nothing more queued
    assert len(_outbox(demo_ctx)) == before + 1
