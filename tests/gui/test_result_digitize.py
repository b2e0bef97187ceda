"""The dossier list's "Số hóa kết quả…" (ui/dossiers/result_actions.py): a processed dossier's
result picked as an image file, digitized, attached as the dossier's result, and shown in the
details with its digitized flag (real SQLite, real pipeline, Qt offscreen). The file picker is
the one Qt widget not driven here: the dialog is given the file as the picker would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from counterapp.digitize.models import Attachment
from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.lifecycle import resolve_now
from tests.digitize.conftest import jpeg_bytes, text_page
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)


def test_a_returned_result_is_digitized_from_the_dossier_list(qtbot, main_window, tmp_path):
    ctx = main_window.ctx
    code = create_dossier(ctx, {"procedure_code": "1.001193",
                                "applicant": {"name": "Đỗ Văn Khoa", "phone": "0912000111"}}, "Cán bộ A").code
    scan = tmp_path / "ket-qua.jpg"
    scan.write_bytes(jpeg_bytes(text_page(lines=8, seed=5), dpi=200))
    page = main_window.dossier_pages.dossiers
    page.open_code(code)
    qtbot.waitUntil(lambda: page.current_code() == code, timeout=10_000)
    assert not page.result_button.isEnabled()  # received, no result yet

    resolve_now(ctx, code, "Cán bộ A")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    qtbot.waitUntil(page.result_button.isEnabled, timeout=5000)
    qtbot.mouseClick(page.result_button, Qt.MouseButton.LeftButton)
    dialog = page.result_dialog
    assert dialog.isVisible()
    assert [dialog.result_combo.itemData(i) for i in range(dialog.result_combo.count())] == [
        "1.001193.KQ01", "1.001193.KQ02"]
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # no file yet
    dialog.set_files([str(scan)])
    assert ok.isEnabled() and "ket-qua.jpg" in dialog.files_label.text()
    with qtbot.waitSignal(page.loaded, timeout=60_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    with ctx.sessions() as s:
        (att,) = s.scalars(select(Attachment).where(Attachment.dossier_code == code)).all()
        assert (att.kind, att.result_code, att.title) == ("result", "1.001193.KQ01", "Giấy khai sinh (bản chính)")
    qtbot.waitUntil(lambda: "Giấy khai sinh (bản chính) (1.001193.KQ01) — đã số hóa" in page.details.toPlainText(),
                    timeout=5000)
    assert code in page.message_label.text()


def test_the_scan_page_offers_the_citizens_earlier_result_by_name(qtbot, data_dir, tmp_path):
    """A second dossier of the same citizen: the scan page's reuse list shows the earlier result."""
    from counterapp.digitize.results import digitize_result
    from tests.gui.test_scan_page import ID_NUMBER, _open_dossier, _page, _window

    window = _window(qtbot, data_dir)
    try:
        ctx = window.ctx

        def receive() -> str:
            return create_dossier(ctx, {"procedure_code": "1.001193", "applicant": {
                "name": "Nguyễn Văn An", "id_number": ID_NUMBER, "phone": "0912345678"}}, "Trần Thị Bình").code

        first = receive()
        scan = tmp_path / "kq.jpg"
        scan.write_bytes(jpeg_bytes(text_page(lines=6, seed=9), dpi=200))
        digitize_result(ctx, first, [scan], "Trần Thị Bình", result_code="1.001193.KQ01")
        second = receive()
        page = _page(qtbot, window)
        _open_dossier(qtbot, page, second)
        qtbot.waitUntil(lambda: page.reuse_list.count() == 1, timeout=10_000)
        assert page.reuse_list.item(0).text() == f"Kết quả: Giấy khai sinh (bản chính) · 1 trang · hồ sơ {first}"
    finally:
        window.close()
        window.ctx.close()
