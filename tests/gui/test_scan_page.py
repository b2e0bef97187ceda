"""The scanning page ("Số hóa", Ctrl+D) in the real window: SANE test backend (own
SANE_CONFIG_DIR, see tests/digitize/conftest.py), real SQLite, real PDFs read back with
pikepdf, Qt offscreen. Nothing is mocked."""

from __future__ import annotations

import json
import warnings

import pikepdf
import pytest
from PySide6.QtCore import Qt

from counterapp.digitize.common import sha256_file
from counterapp.digitize.models import attachments_for_dossier
from counterapp.dossiers.intake import create_dossier
from tests.digitize.conftest import jpeg_bytes, p12_identity, sane_config_dir, text_page  # noqa: F401  (fixtures)
from tests.gui.typing import press, type_text

PROCEDURE = "1.001193"
ID_NUMBER = "001203004567"
DOC = "1.001193.TP01"


def _dossier(ctx, name: str = "Nguyễn Văn An") -> str:
    request = {"procedure_code": PROCEDURE,
               "applicant": {"name": name, "id_number": ID_NUMBER, "phone": "0912345678"}}
    return create_dossier(ctx, request, "Trần Thị Bình").code


SITE = """
[catalog]
seed_demo = false
"""


def _small_catalog() -> list[dict]:
    """The demo catalog's birth registration only (the full catalog takes seconds to load)."""
    from sync.portal.store import load_demo_catalog

    return [r for r in load_demo_catalog() if r.get("MATTHC") == PROCEDURE]


def _window(qtbot, data_dir, extra_site: str = ""):
    """The real main window on a data folder holding procedure 1.001193 only."""
    from counterapp.app import open_app
    from counterapp.catalog.importer import import_catalog_records
    from ui.main_window import open_window

    site = data_dir / "site.toml"
    if not (data_dir / "counter.db").exists():  # first window on this folder (site.toml names the officer)
        existing = site.read_text(encoding="utf-8") if site.exists() else ""
        site.write_text(existing + SITE + extra_site, encoding="utf-8")
        ctx = open_app(data_dir, seed_demo=False)
        import_catalog_records(ctx.sessions, _small_catalog())
        ctx.close()
    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    return window


@pytest.fixture
def scan_window(qtbot, data_dir):
    window = _window(qtbot, data_dir)
    yield window
    window.close()
    window.ctx.close()


def _page(qtbot, window):
    page = window.scan_pages.page
    press(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is page
    return page


def _manifest(page) -> dict:
    return json.loads((page.batch.folder / "manifest.json").read_text(encoding="utf-8"))


def _scan_feeder(qtbot, page, source: str = "adf", pages: int = 10) -> None:
    page.device_combo.setEditText("test:0")
    page.source_combo.setCurrentIndex(page.source_combo.findData(source))
    with qtbot.waitSignal(page.feed_finished, timeout=20_000) as blocker:
        qtbot.mouseClick(page.scan_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [pages], page.message_label.text()


def _open_dossier(qtbot, page, code: str) -> None:
    page.dossier_edit.clear()
    page.dossier_edit.setFocus()
    qtbot.wait(120)  # a pause, as between a person's keys and a scanner's burst (the burst is the code only)
    type_text(page.dossier_edit, code)
    with qtbot.waitSignal(page.target_loaded, timeout=10_000):
        press(page.dossier_edit, Qt.Key.Key_Return)


def test_feeder_scan_edit_with_keys_build_and_attach(qtbot, scan_window, sane_config_dir):
    main_window = scan_window
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
    assert main_window.tabs.currentWidget() is page  # Ctrl+L on the thumbnails rotates, not the dossier list
    # the larger preview shows the selected page turned a quarter (portrait sheet, now landscape)
    qtbot.waitUntil(lambda: page.preview.pixmap().width() > page.preview.pixmap().height() > 0, timeout=10_000)

    view.setCurrentIndex(page.model.index(1))
    second = page.current_page().id
    press(view, Qt.Key.Key_Delete)
    entries = {e["id"]: e for e in _manifest(page)["pages"]}
    assert entries[second]["deleted"] is True
    assert page.model.rowCount() == 9
    press(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo brings it back
    assert {e["id"]: e for e in _manifest(page)["pages"]}[second]["deleted"] is False
    assert page.model.rowCount() == 10
    press(view, Qt.Key.Key_Delete)
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
    assert page.results_table.item(0, 3).text() == att.sha256 and att.sha256 in page.message_label.text()
    assert page.results_table.item(0, 1).text() == "9"
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 9
        # the page rotated a quarter turn is now landscape, the others portrait
        boxes = [(float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages]
    assert boxes[1][0] > boxes[1][1] and boxes[0][0] < boxes[0][1]
    # the batch folder is gone once filed: nothing offered back
    assert not any(p.is_dir() for p in (ctx.data_dir / "scan-batches").iterdir())


def test_unfinished_batch_is_offered_back_after_closing(qtbot, data_dir, sane_config_dir):
    window = _window(qtbot, data_dir)
    page = _page(qtbot, window)
    _scan_feeder(qtbot, page, "flatbed", 1)
    # then the feeder: the window is closed while its pages are still arriving
    page.source_combo.setCurrentIndex(page.source_combo.findData("adf"))
    arrived = []
    qtbot.mouseClick(page.scan_button, Qt.MouseButton.LeftButton)
    page.feed.reported.connect(arrived.append)
    qtbot.waitUntil(lambda: len(arrived) >= 1, timeout=10_000)
    uuid = page.batch.uuid
    window.close()  # stops after the page in hand; nothing filed
    assert page.feed is None or page.feed.wait(0)  # the feed's thread has stopped
    on_disk = [e for e in _manifest(page)["pages"]]
    assert 2 <= len(on_disk) <= 11
    window.ctx.close()

    again = _window(qtbot, data_dir)
    page2 = again.scan_pages.page
    qtbot.waitUntil(lambda: bool(page2.offered), timeout=10_000)
    assert "1" in again.tabs.tabText(again.tabs.indexOf(page2))  # seen from any page: "1 lô quét dở"
    assert _page(qtbot, again) is page2 and page2.offer_frame.isVisible()
    assert f"{len(on_disk)} trang" in page2.offer_label.text()
    qtbot.mouseClick(page2.resume_button, Qt.MouseButton.LeftButton)
    assert page2.batch.uuid == uuid and page2.model.rowCount() == len(on_disk)
    assert not page2.offer_frame.isVisible()
    again.ctx.close()


def _drop(widget, paths) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = widget.rect().center()
    with warnings.catch_warnings():  # PySide6 marks this only constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)


def test_escl_scan_and_scanner_errors(qtbot, scan_window, sane_config_dir):
    from tests.digitize.test_sources import EsclServer

    page = _page(qtbot, scan_window)
    # the SANE test device has no duplex feeder: said plainly, nothing added
    page.device_combo.setEditText("test:0")
    page.source_combo.setCurrentIndex(page.source_combo.findData("duplex"))
    with qtbot.waitSignal(page.feed_finished, timeout=20_000) as blocker:
        qtbot.mouseClick(page.scan_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [-1] and "nguồn 'duplex'" in page.message_label.text()
    assert page.model.rowCount() == 0 and page.scan_button.isEnabled()

    pages = [jpeg_bytes(text_page(size=(827, 1169), seed=i), dpi=None) for i in range(3)]
    with EsclServer(pages) as server:
        page.backend_combo.setCurrentIndex(page.backend_combo.findData("escl"))
        page.escl_edit.setText(server.url)
        page.source_combo.setCurrentIndex(page.source_combo.findData("adf"))
        page.dpi_combo.setCurrentIndex(page.dpi_combo.findData(300))
        with qtbot.waitSignal(page.feed_finished, timeout=20_000) as blocker:
            qtbot.mouseClick(page.scan_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [3] and page.model.rowCount() == 3
    assert [p.dpi for p in page.batch.kept_pages()] == [300, 300, 300]
    remembered = json.loads((scan_window.ctx.data_dir / "scanner.json").read_text())
    assert (remembered["backend"], remembered["escl_url"], remembered["dpi"]) == ("escl", server.url, 300)

    # a dossier just saved on the intake page becomes the one to file into
    code = _dossier(scan_window.ctx, "Đỗ Thị Em")
    with qtbot.waitSignal(page.target_loaded, timeout=10_000):
        scan_window.dossier_pages.intake.saved.emit(code)
    assert page.dossier_edit.text() == code and page.document_combo.findData(DOC) >= 0
    assert page.groups_table.item(0, 0).text() == code


def test_added_image_files_and_blank_pages(qtbot, scan_window, tmp_path):
    main_window = scan_window
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
        assert page.add_files([a, blank])
    assert blocker.args == [2]
    with qtbot.waitSignal(page.feed_finished, timeout=20_000) as blocker:
        _drop(page, [b])  # dragged from the file manager onto the page
    assert blocker.args == [1]
    assert page.model.rowCount() == 3  # the blank page is shown (dimmed) but dropped
    blank_row = page.model.page_at(1)
    assert blank_row.blank and blank_row.deleted
    assert len(page.batch.kept_pages()) == 2

    page.keep_blank_check.setChecked(True)  # keep it after all
    assert len(page.batch.kept_pages()) == 3
    page.keep_blank_check.setChecked(False)
    assert len(page.batch.kept_pages()) == 2
    # one key brings back a page clean-up left out, and leaves it out again
    page.view.setCurrentIndex(page.model.index(1))
    press(page.view, Qt.Key.Key_Delete)
    assert len(page.batch.kept_pages()) == 3 and not page.model.page_at(1).deleted
    assert "trắng — giữ" in page.model.data(page.model.index(1), Qt.ItemDataRole.DisplayRole)
    press(page.view, Qt.Key.Key_Delete)
    assert len(page.batch.kept_pages()) == 2 and page.model.page_at(1).deleted

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
        (att,) = attachments_for_dossier(session, code)  # as it is now: OCR may have added its text layer
    assert att2.sha256 == att.sha256 and att2.page_count == 2


def _answer_password(qtbot, password: str) -> None:
    """Type the signing password into the modal prompt once it shows."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.setTextValue(password)
        dialog.accept()

    QTimer.singleShot(0, answer)


@pytest.fixture
def signing_window(qtbot, data_dir, p12_identity):
    from counterapp.digitize.ocr import tesseract_available

    ocr = tesseract_available("vie")
    site = f"""
[digitize]
ocr = {"true" if ocr else "false"}

[signing]
method = "p12"
p12 = "{p12_identity["p12"]}"
trust_roots = ["{p12_identity["cert_pem"]}"]
"""
    window = _window(qtbot, data_dir, site)
    yield window, ocr
    window.close()
    window.ctx.close()


def test_separator_sheets_file_each_group_signed_after_ocr_and_verified(qtbot, signing_window, tmp_path, p12_identity):
    from counterapp.digitize.pdfbuild import PdfMeta, build_pdf
    from counterapp.digitize.separators import render_separator_image

    window, ocr = signing_window
    ctx = window.ctx
    code = _dossier(ctx, "Phạm Văn Dũng")
    page = _page(qtbot, window)
    other = "1.001193.TP06"
    files = []
    for name, image in (
        ("01.png", text_page(size=(1169, 827), lines=6, seed=3)),
        ("02.png", render_separator_image(code, other)),
        ("03.png", text_page(size=(1169, 827), lines=5, seed=4)),
        ("04.png", text_page(size=(1169, 827), lines=4, seed=5)),
    ):
        image.save(tmp_path / name, dpi=(200, 200))
        files.append(tmp_path / name)
    with qtbot.waitSignal(page.feed_finished, timeout=20_000):
        page.add_files(files)
    _open_dossier(qtbot, page, code)
    page.document_combo.setCurrentIndex(page.document_combo.findData(DOC))
    rows = [[page.groups_table.item(r, c).text() for c in range(3)] for r in range(page.groups_table.rowCount())]
    assert rows == [[code, DOC, "1"], [code, other, "2"]]

    _answer_password(qtbot, p12_identity["password"])
    with qtbot.waitSignal(page.filed, timeout=30_000) as blocker:
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert [(d.document_code, d.page_count) for d in blocker.args[0]] == [(DOC, 1), (other, 2)]

    def all_signed() -> bool:
        with ctx.sessions() as session:
            atts = attachments_for_dossier(session, code)
            return len(atts) == 2 and all(a.signed and a.ocr_state != "pending" for a in atts)

    qtbot.waitUntil(all_signed, timeout=30_000)  # OCR (when installed) then the signature, in the background
    qtbot.waitUntil(lambda: page.results_table.item(1, 2).text().startswith("hợp lệ"), timeout=10_000)
    with ctx.sessions() as session:
        atts = attachments_for_dossier(session, code)
        signed_path = atts[0].path(ctx.files_dir)
        assert sha256_file(signed_path) == atts[0].sha256
        assert {page.results_table.item(r, 3).text() for r in range(2)} == {a.sha256 for a in atts}

    with qtbot.waitSignal(page.verified, timeout=20_000) as blocker:
        page.verify_file(signed_path)
    report = blocker.args[0]
    assert report.signed and report.valid and report.trusted
    assert "HỢP LỆ" in page.verify_label.text() and "UBND phường Hạ Long" in page.verify_label.text()
    assert "PAdES B-B, không có dấu thời gian" in page.verify_label.text()  # no TSA configured here

    tampered = tmp_path / "tampered.pdf"
    data = bytearray(signed_path.read_bytes())
    data += b"\n% appended after signing\n"
    tampered.write_bytes(bytes(data))
    with qtbot.waitSignal(page.verified, timeout=20_000) as blocker:
        page.verify_file(tampered)
    assert blocker.args[0].signed and not blocker.args[0].valid
    assert "KHÔNG HỢP LỆ" in page.verify_label.text()

    plain = tmp_path / "plain.pdf"
    build_pdf([(jpeg_bytes(text_page(size=(800, 600), lines=3)), 200)], plain, PdfMeta("X", "Y", "Z"))
    with qtbot.waitSignal(page.verified, timeout=20_000) as blocker:
        page.verify_file(plain)
    assert not blocker.args[0].signed and "CHƯA KÝ" in page.verify_label.text()

    if not ocr:
        return
    # left waiting for OCR + signature when the window closed: offered at start, signed with the password
    from counterapp.digitize.models import attach_pdf, get_attachment

    left = attach_pdf(ctx, code, "1.001193.TP06", plain, "Trần Thị Bình", ocr=True, sign_later=True)
    page.resume_text_jobs()  # what the page does when the context is ready
    qtbot.waitUntil(lambda: page.sign_frame.isVisible(), timeout=10_000)
    assert page.sign_label.text().startswith("1 ")
    _answer_password(qtbot, p12_identity["password"])
    qtbot.mouseClick(page.sign_now_button, Qt.MouseButton.LeftButton)

    def left_signed() -> bool:
        with ctx.sessions() as session:
            row = get_attachment(session, left.uuid)
            return row.signed and row.ocr_state == "done"

    qtbot.waitUntil(left_signed, timeout=30_000)
    assert not page.sign_frame.isVisible()


def test_watched_folder_files_join_the_batch_once(qtbot, data_dir, tmp_path):
    """A network scanner saving to a share: a file is taken once complete, and the same
    content saved twice becomes one page set."""
    share = tmp_path / "share"
    share.mkdir()
    window = _window(qtbot, data_dir, f'\n[scanner]\nwatched_folder = "{share.as_posix()}"\nwatched_stable_polls = 1\n')
    try:
        page = _page(qtbot, window)
        content = jpeg_bytes(text_page(size=(1654, 1169), lines=12, seed=3))
        (share / "scan-0001.jpg").write_bytes(content)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
        (share / "scan-0002.jpg").write_bytes(content)  # the scanner sent the same sheet again
        other = share / "scan-0003.jpg"
        other.write_bytes(jpeg_bytes(text_page(size=(1654, 1169), lines=8, seed=4)))
        qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=20_000)
        qtbot.wait(5000)  # a few more looks at the share add nothing
        assert page.model.rowCount() == 2
    finally:
        window.close()
        window.ctx.close()
