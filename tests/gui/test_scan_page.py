"""The scanning page ("Số hóa", Ctrl+D) in the real window: SANE test backend (own
SANE_CONFIG_DIR, see tests/digitize/conftest.py), real SQLite, real PDFs read back with
pikepdf, Qt offscreen. Nothing is mocked."""

from __future__ import annotations

import json

import pikepdf
import pytest
from PySide6.QtCore import Qt

from counterapp.digitize.common import sha256_file
from counterapp.digitize.models import Attachment, attachments_for_dossier
from counterapp.dossiers.intake import create_dossier
from tests.digitize.conftest import jpeg_bytes, sane_config_dir, text_page  # noqa: F401  (fixture)
from tests.gui.typing import press, type_text

PROCEDURE = "1.001193"
ID_NUMBER = "001203004567"
DOC = "1.001193.TP01"


def _dossier(ctx, name: str = "Nguyễn Văn An") -> str:
    request = {"procedure_code": PROCEDURE,
               "applicant": {"name": name, "id_number": ID_NUMBER, "phone": "0912345678"}}
    return create_dossier(ctx, request, "Trần Thị Bình").code


def _page(qtbot, window):
    page = window.scan_pages.page
    press(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is page
    return page


def _manifest(page) -> dict:
    return json.loads((page.batch.folder / "manifest.json").read_text(encoding="utf-8"))


def _scan_feeder(qtbot, page) -> None:
    page.device_combo.setEditText("test:0")
    page.source_combo.setCurrentIndex(page.source_combo.findData("adf"))
    with qtbot.waitSignal(page.feed_finished, timeout=20_000) as blocker:
        qtbot.mouseClick(page.scan_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [10], page.message_label.text()


def _open_dossier(qtbot, page, code: str) -> None:
    page.dossier_edit.clear()
    page.dossier_edit.setFocus()
    type_text(page.dossier_edit, code)
    with qtbot.waitSignal(page.target_loaded, timeout=10_000):
        press(page.dossier_edit, Qt.Key.Key_Return)


def test_feeder_scan_edit_with_keys_build_and_attach(qtbot, main_window, sane_config_dir):
    ctx = main_window.ctx
    code = _dossier(ctx)
    page = _page(qtbot, main_window)
    # defaults meet the rules: colour, at least 200 dpi
    assert page.mode_combo.currentData() == "color" and page.dpi_combo.currentData() >= 200

    _scan_feeder(qtbot, page)
    assert page.model.rowCount() == 10
    qtbot.waitUntil(lambda: all(page.model.thumbnail_ready(p.id, 0) for p in page.model.pages()), timeout=10_000)
    # the choice is remembered for next time on this PC
    remembered = json.loads((ctx.data_dir / "scanner.json").read_text())
    assert (remembered["device"], remembered["source"], remembered["mode"]) == ("test:0", "adf", "color")

    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(0))
    first = page.current_page().id
    press(view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # rotate right
    press(view, Qt.Key.Key_BracketRight)  # and again: upside down
    entries = {e["id"]: e for e in _manifest(page)["pages"]}
    assert entries[first]["rotation"] == 2
    press(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # back one quarter
    assert {e["id"]: e for e in _manifest(page)["pages"]}[first]["rotation"] == 1

    view.setCurrentIndex(page.model.index(1))
    second = page.current_page().id
    press(view, Qt.Key.Key_Delete)
    entries = {e["id"]: e for e in _manifest(page)["pages"]}
    assert entries[second]["deleted"] is True
    assert page.model.rowCount() == 9

    view.setCurrentIndex(page.model.index(0))
    press(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # first page becomes second
    order = [e["id"] for e in _manifest(page)["pages"] if not e["deleted"]]
    assert order[1] == first and page.current_page().id == first

    _open_dossier(qtbot, page, code)
    assert page.document_combo.findData(DOC) >= 0
    page.document_combo.setCurrentIndex(page.document_combo.findData(DOC))
    assert page.groups_table.rowCount() == 1 and page.groups_table.item(0, 2).text() == "9"

    with qtbot.waitSignal(page.filed, timeout=30_000) as blocker:
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    (doc,) = blocker.args[0]
    assert page.batch is None and page.model.rowCount() == 0

    with ctx.sessions() as session:
        (att,) = attachments_for_dossier(session, code)
        assert (att.document_code, att.page_count, att.id_number) == (DOC, 9, ID_NUMBER)
        path = att.path(ctx.files_dir)
    assert sha256_file(path) == att.sha256 == doc.sha256
    assert page.results_table.item(0, 2).text() == att.sha256
    assert page.results_table.item(0, 1).text() == "9"
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 9
        # the page rotated a quarter turn is now landscape, the others portrait
        boxes = [(float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages]
    assert boxes[1][0] > boxes[1][1] and boxes[0][0] < boxes[0][1]
    # the batch folder is gone once filed: nothing offered back
    assert not any(p.is_dir() for p in (ctx.data_dir / "scan-batches").iterdir())


def test_unfinished_batch_is_offered_back_after_closing(qtbot, data_dir, sane_config_dir):
    from ui.main_window import open_window

    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    page = _page(qtbot, window)
    _scan_feeder(qtbot, page)
    uuid = page.batch.uuid
    window.close()  # mid-batch: nothing filed
    window.ctx.close()

    again = open_window(data_dir)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.context_ready, timeout=30_000):
        again.show()
    page2 = again.scan_pages.page
    qtbot.waitUntil(lambda: bool(page2.offered), timeout=10_000)
    assert "1" in again.tabs.tabText(again.tabs.indexOf(page2))  # seen from any page: "1 lô quét dở"
    assert _page(qtbot, again) is page2 and page2.offer_frame.isVisible()
    assert "10" in page2.offer_label.text()
    qtbot.mouseClick(page2.resume_button, Qt.MouseButton.LeftButton)
    assert page2.batch.uuid == uuid and page2.model.rowCount() == 10
    assert not page2.offer_frame.isVisible()
    again.ctx.close()


def test_added_image_files_and_blank_pages(qtbot, main_window, tmp_path):
    ctx = main_window.ctx
    code = _dossier(ctx, "Lê Thị Cúc")
    page = _page(qtbot, main_window)
    a = tmp_path / "to-khai.jpg"
    a.write_bytes(jpeg_bytes(text_page(size=(1654, 1169), lines=12, seed=1)))
    blank = tmp_path / "trang-trang.png"
    text_page(size=(1654, 1169), lines=0).save(blank, dpi=(200, 200))
    b = tmp_path / "giay-chung-sinh.png"
    text_page(size=(1654, 1169), lines=10, seed=2).save(b, dpi=(200, 200))

    assert not page.add_files([tmp_path / "notes.docx"])  # refused with a clear message
    assert "PDF, JPEG, PNG, TIFF" in page.message_label.text()
    with qtbot.waitSignal(page.feed_finished, timeout=20_000) as blocker:
        assert page.add_files([a, blank, b])
    assert blocker.args == [3]
    assert page.model.rowCount() == 3  # the blank page is shown (dimmed) but dropped
    blank_row = page.model.page_at(1)
    assert blank_row.blank and blank_row.deleted
    assert len(page.batch.kept_pages()) == 2

    page.keep_blank_check.setChecked(True)  # keep it after all
    assert len(page.batch.kept_pages()) == 3
    page.keep_blank_check.setChecked(False)
    assert len(page.batch.kept_pages()) == 2

    _open_dossier(qtbot, page, code)
    page.document_combo.setCurrentIndex(page.document_combo.findData(DOC))
    with qtbot.waitSignal(page.filed, timeout=30_000):
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    with ctx.sessions() as session:
        (att,) = attachments_for_dossier(session, code)
        assert att.page_count == 2
    with pikepdf.open(att.path(ctx.files_dir)) as pdf:
        assert len(pdf.pages) == 2

    # a second dossier of the same applicant: the document is offered for reuse, not rescanned
    code2 = _dossier(ctx, "Lê Thị Cúc")
    _open_dossier(qtbot, page, code2)
    qtbot.waitUntil(lambda: page.reuse_list.count() == 1, timeout=10_000)
    assert page.reuse_button.isEnabled()
    with qtbot.waitSignal(page.filed, timeout=10_000):
        qtbot.mouseClick(page.reuse_button, Qt.MouseButton.LeftButton)
    with ctx.sessions() as session:
        (att2,) = attachments_for_dossier(session, code2)
    assert att2.sha256 == att.sha256 and att2.page_count == 2


def test_verify_signature_of_a_signed_and_an_unsigned_pdf(qtbot, main_window, tmp_path):
    pytest.importorskip("pyhanko")
    from counterapp.digitize.pdfbuild import PdfMeta, build_pdf
    from counterapp.digitize.signing import sign_pdf_p12
    from tests.digitize.conftest import p12_identity  # noqa: F401

    page = _page(qtbot, main_window)
    plain = tmp_path / "plain.pdf"
    build_pdf([(jpeg_bytes(text_page(size=(800, 600), lines=3)), 200)], plain, PdfMeta("X", "Y", "Z"))
    with qtbot.waitSignal(page.verified, timeout=20_000) as blocker:
        page.verify_file(plain)
    assert not blocker.args[0].signed
    assert "CHƯA KÝ" in page.verify_label.text()
