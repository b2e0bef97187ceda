"""Attaching a finished PDF to its dossier (file by content hash, upload queued in the same
transaction), reuse for an applicant's ID number, and the background OCR (run once, on one
small page) that adds searchable Vietnamese text and then signs."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from counterapp.db import session_scope
from counterapp.digitize.common import DigitizeError, sha256_file
from counterapp.digitize.models import (
    OCR_DONE,
    OCR_PENDING,
    Attachment,
    attach_pdf,
    documents_for_applicant,
    pending_ocr,
    reuse_attachment,
    run_attachment_ocr,
)
from counterapp.digitize.ocr import OcrRunner
from counterapp.digitize.pdfbuild import PdfMeta, build_pdf
from counterapp.digitize.signing import load_p12_signer, verify_pdf
from counterapp.outbox import OutboxItem
from tests.digitize.conftest import jpeg_bytes, text_page

ID_NUMBER = "022099001234"


def _dossier(ctx, code: str, id_number: str = ID_NUMBER) -> str:
    from counterapp.dossiers.models import Dossier

    with session_scope(ctx.sessions) as session:
        dossier = Dossier(
            code=code, agency_code="H49.22", procedure_code="1.001193", procedure_name="Đăng ký khai sinh",
            applicant_name="Nguyễn Văn Đông", id_number=id_number, received_at=datetime.now(UTC),
        )
        session.add(dossier)
        session.flush()
        return dossier.uuid


@pytest.fixture
def pdf_file(tmp_path):
    out = tmp_path / "gt01.pdf"
    page = text_page(size=(1654, 400), lines=0, words=["Giấy khai sinh", "Họ và tên: Nguyễn Văn Đông"])
    build_pdf([(jpeg_bytes(page), 200)], out, PdfMeta("H49.22-261128-0005", "GT01", "Phạm Thị F"))
    return out


def test_attach_files_by_hash_and_queues_upload(app_ctx, pdf_file):
    dossier_uuid = _dossier(app_ctx, "H49.22-261128-0005")
    att = attach_pdf(app_ctx, "H49.22-261128-0005", "GT01", pdf_file, "Phạm Thị F", ocr=False)
    digest = sha256_file(pdf_file)
    assert att.sha256 == digest and att.file_name == f"{digest}.pdf"
    assert (app_ctx.files_dir / att.file_name).read_bytes() == pdf_file.read_bytes()
    assert att.page_count == 1 and att.dpi == 200 and att.id_number == ID_NUMBER
    with app_ctx.sessions() as session:
        (item,) = session.scalars(select(OutboxItem)).all()
        assert item.operation == "attachment.upload" and item.entity_id == att.uuid
        assert item.payload["dossier_id"] == dossier_uuid and item.payload["sha256"] == digest
        assert item.payload["document_code"] == "GT01"


def test_unknown_dossier_is_refused_and_nothing_is_stored(app_ctx, pdf_file):
    with pytest.raises(DigitizeError, match="Không tìm thấy hồ sơ"):
        attach_pdf(app_ctx, "H49.22-000000-9999", "GT01", pdf_file, "F")
    assert list(app_ctx.files_dir.glob("*.pdf")) == []
    with app_ctx.sessions() as session:
        assert session.scalars(select(Attachment)).all() == []


def test_documents_for_applicant_are_offered_for_reuse(app_ctx, pdf_file):
    _dossier(app_ctx, "H49.22-261128-0005")
    second_uuid = _dossier(app_ctx, "H49.22-261128-0006")
    _dossier(app_ctx, "H49.22-261128-0010", id_number="001188000111")
    first = attach_pdf(app_ctx, "H49.22-261128-0005", "GT01", pdf_file, "F", ocr=False)
    with app_ctx.sessions() as session:
        offered = documents_for_applicant(session, ID_NUMBER)
        assert [a.uuid for a in offered] == [first.uuid]
        assert documents_for_applicant(session, "001188000111") == []
    reused = reuse_attachment(app_ctx, first.uuid, "H49.22-261128-0006", None, "G")
    assert reused.sha256 == first.sha256 and reused.dossier_code == "H49.22-261128-0006"
    with app_ctx.sessions() as session:
        ops = session.scalars(select(OutboxItem).order_by(OutboxItem.seq)).all()
        assert [o.payload["dossier_id"] for o in ops][-1] == second_uuid
        assert len(documents_for_applicant(session, ID_NUMBER)) == 1  # same paper offered once


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_background_ocr_adds_vietnamese_text_then_signs(app_ctx, pdf_file, p12_identity):
    _dossier(app_ctx, "H49.22-261128-0005")
    att = attach_pdf(app_ctx, "H49.22-261128-0005", "GT01", pdf_file, "F", ocr=True, sign_later=True)
    assert att.ocr_state == OCR_PENDING  # attach returned at once; OCR comes later
    with app_ctx.sessions() as session:
        assert pending_ocr(session) == [att.uuid]
    signer_key = load_p12_signer(p12_identity["p12"], p12_identity["password"])

    def sign(src, dst):
        from counterapp.digitize.signing import sign_pdf_with

        sign_pdf_with(signer_key, src, dst)

    errors = []
    runner = OcrRunner(on_error=errors.append)
    runner.submit(lambda: run_attachment_ocr(app_ctx, att.uuid, lang="vie", signer=sign))
    runner.join()
    runner.stop()
    assert errors == []
    with app_ctx.sessions() as session:
        row = session.scalar(select(Attachment).where(Attachment.uuid == att.uuid))
        assert row.ocr_state == OCR_DONE and row.signed and not row.sign_pending
        assert row.sha256 != att.sha256
        path = row.path(app_ctx.files_dir)
        uploads = session.scalars(select(OutboxItem).where(OutboxItem.entity_id == att.uuid)).all()
        assert [json.loads(u.payload_json)["sha256"] for u in uploads][-1] == row.sha256
    assert not (app_ctx.files_dir / att.file_name).exists()  # the version without text is gone
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "khai sinh" in text and "Nguyễn Văn Đông" in text
    assert verify_pdf(path).valid  # signed after the text layer was added
    from counterapp.digitize.pdfbuild import pdfa_problems

    assert pdfa_problems(path) == []  # text layer font embedded, metadata consistent


def test_feeder_batch_with_separators_is_split_and_filed(app_ctx):
    from PIL import Image

    from counterapp.digitize.batch import ScanBatch, recover_batches
    from counterapp.digitize.common import Page
    from counterapp.digitize.models import file_batch
    from counterapp.digitize.separators import render_separator_image

    _dossier(app_ctx, "H49.22-261128-0011")
    batch = ScanBatch.create(app_ctx.data_dir, officer="H")
    small = (827, 1169)
    for img in [
        text_page(size=small, seed=1),  # before any separator: no target yet
        render_separator_image("H49.22-261128-0011", "GT01", dpi=100), text_page(size=small, seed=2),
        render_separator_image("H49.22-261128-0011", "GT02", dpi=100), text_page(size=small, seed=3),
        Image.new("RGB", small, "white"), text_page(size=small, seed=4),
    ]:
        batch.add_page(Page(img, dpi=200))
    with pytest.raises(DigitizeError, match="tờ phân cách"):
        file_batch(app_ctx, batch, "H")
    assert recover_batches(app_ctx.data_dir)  # nothing filed, still offered back
    batch.set_target("H49.22-261128-0011", "GT00")
    filed = file_batch(app_ctx, batch, "H", ocr=False)
    assert [(a.document_code, a.page_count) for a in filed] == [("GT00", 1), ("GT01", 1), ("GT02", 2)]
    with app_ctx.sessions() as session:
        assert len(session.scalars(select(OutboxItem)).all()) == 3
    assert recover_batches(app_ctx.data_dir) == []


def test_filing_again_after_a_failure_does_not_attach_a_document_twice(app_ctx):
    """Group 2's separator names a dossier this counter has not received yet: filing stops
    there with group 1 attached. Once the dossier is there, filing the batch again attaches
    group 2 only."""
    from counterapp.digitize.batch import ScanBatch, recover_batches
    from counterapp.digitize.common import Page
    from counterapp.digitize.models import attachments_for_dossier, file_batch
    from counterapp.digitize.separators import render_separator_image

    _dossier(app_ctx, "H49.22-261128-0021")
    batch = ScanBatch.create(app_ctx.data_dir, officer="H")
    small = (827, 1169)
    batch.set_target("H49.22-261128-0021", "GT01")
    for img in [
        text_page(size=small, seed=1),
        render_separator_image("H49.22-261128-0022", "GT01", dpi=100), text_page(size=small, seed=2),
    ]:
        batch.add_page(Page(img, dpi=200))
    with pytest.raises(DigitizeError, match="H49.22-261128-0022"):
        file_batch(app_ctx, batch, "H", ocr=False)
    with app_ctx.sessions() as session:
        first = attachments_for_dossier(session, "H49.22-261128-0021")
        assert len(first) == 1
    (offered,) = recover_batches(app_ctx.data_dir)  # still offered back, with what was filed
    _dossier(app_ctx, "H49.22-261128-0022")
    filed = file_batch(app_ctx, offered, "H", ocr=False)
    assert [a.dossier_code for a in filed] == ["H49.22-261128-0021", "H49.22-261128-0022"]
    assert filed[0].uuid == first[0].uuid
    with app_ctx.sessions() as session:
        assert len(attachments_for_dossier(session, "H49.22-261128-0021")) == 1  # not twice
        assert len(attachments_for_dossier(session, "H49.22-261128-0022")) == 1
        assert len(session.scalars(select(OutboxItem)).all()) == 2  # one upload each
    assert recover_batches(app_ctx.data_dir) == []


def test_signed_pdf_is_recorded_as_signed_and_never_rewritten(app_ctx, pdf_file, p12_identity, tmp_path):
    from counterapp.digitize.signing import sign_pdf_p12

    _dossier(app_ctx, "H49.22-261128-0005")
    signed = tmp_path / "signed.pdf"
    sign_pdf_p12(pdf_file, signed, p12_identity["p12"], p12_identity["password"])
    att = attach_pdf(app_ctx, "H49.22-261128-0005", "GT01", signed, "F", ocr=True)
    assert att.signed and att.ocr_state == "none"
    assert (app_ctx.files_dir / att.file_name).read_bytes() == signed.read_bytes()


def test_cli_digitize_attach_files_the_pdf_with_the_dossier(app_ctx, tmp_path, capsys):
    from counterapp.cli import main

    _dossier(app_ctx, "H49.22-261128-0013")
    page = tmp_path / "page.jpg"
    page.write_bytes(jpeg_bytes(text_page(size=(827, 1169), seed=3)))
    status = main(["digitize", str(page), "--out", str(tmp_path / "o.pdf"), "--dossier", "H49.22-261128-0013",
                   "--document", "GT01", "--officer", "Vũ L", "--attach", "--data-dir", str(app_ctx.data_dir)])
    assert status == 0, capsys.readouterr().err
    with app_ctx.sessions() as session:
        (att,) = session.scalars(select(Attachment)).all()
        assert (att.dossier_code, att.document_code, att.officer) == ("H49.22-261128-0013", "GT01", "Vũ L")
        assert session.scalars(select(OutboxItem)).one().entity_id == att.uuid
