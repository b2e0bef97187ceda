"""The scanning page shows each filed document's text layer (queued, done, failed) and lets the
officer run a failed recognition again. The failure is real: `[digitize] tesseract` names a path
where Tesseract is not (yet) installed; the retry runs after it is put there."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import Qt

from counterapp.digitize.models import attachment_text, attachments_for_dossier
from tests.digitize.conftest import text_page
from tests.gui.test_scan_page import DOC, _dossier, _open_dossier, _page, _window

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def test_failed_text_recognition_shows_failed_and_retry_adds_the_text(qtbot, data_dir, tmp_path):
    from counterapp.digitize.ocr import tesseract_available

    if not tesseract_available("vie"):
        pytest.skip("tesseract-ocr-vie is not installed")
    exe = tmp_path / "tesseract-here" / "tesseract"
    window = _window(qtbot, data_dir, f'\n[digitize]\nocr = true\ntesseract = "{exe.as_posix()}"\n')
    try:
        ctx = window.ctx
        code = _dossier(ctx, "Lê Thị Hoa")
        page = _page(qtbot, window)
        image = tmp_path / "01.png"
        text_page(size=(1169, 827), lines=0, words=["Giấy khai sinh", "Họ và tên: Lê Thị Hoa"]).save(image, dpi=(200, 200))
        with qtbot.waitSignal(page.feed_finished, timeout=20_000):
            page.add_files([image])
        _open_dossier(qtbot, page, code)
        page.document_combo.setCurrentIndex(page.document_combo.findData(DOC))
        with qtbot.waitSignal(page.filed, timeout=30_000) as blocker:
            qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
        uuid = blocker.args[0][0].attachment_uuid
        retry = page.filing.retry_ocr_button

        qtbot.waitUntil(lambda: page.filing.text_state(uuid) == "failed", timeout=30_000)
        row = page.filing.result_row(uuid)
        assert page.results_table.item(row, 4).text() == "lỗi"
        assert retry.isVisibleTo(page)
        with ctx.sessions() as session:
            assert [a.ocr_state for a in attachments_for_dossier(session, code)] == ["failed"]
        assert attachment_text(ctx, uuid) is None

        exe.parent.mkdir()
        os.symlink(shutil.which("tesseract"), exe)  # Tesseract now where the setting says
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
        assert page.filing.text_state(uuid) == "pending"
        assert page.results_table.item(row, 4).text() == "đang chờ nhận dạng"
        qtbot.waitUntil(lambda: page.filing.text_state(uuid) == "done", timeout=60_000)
        assert page.results_table.item(row, 4).text() == "đã có"
        assert not retry.isVisibleTo(page)
        with ctx.sessions() as session:
            att = attachments_for_dossier(session, code)[0]
            assert att.ocr_state == "done"
        assert "khai sinh" in attachment_text(ctx, uuid)
        assert page.results_table.item(row, 3).text() == att.sha256  # the row shows the version with text
    finally:
        window.close()
        window.ctx.close()
