"""An exception nobody caught, in the real window: logged (masked), the intake kept as a draft,
one dialog in Vietnamese with a report to copy."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from counterapp.dossiers.intake import load_drafts
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from tests.gui.test_intake import _pick_procedure
from tests.gui.typing import type_text


def _raise_in_slot(handler) -> None:  # noqa: ANN001
    """What PySide does when a slot raises: hands the exception to sys.excepthook."""
    try:
        {}["officer"]  # a bug somewhere in a slot
    except KeyError:
        sys.excepthook(*sys.exc_info())


def test_uncaught_exception_keeps_the_intake_logs_masked_and_offers_a_report(qtbot, main_window, data_dir):
    handler = main_window.crash_handler
    handler.install()  # pytest-qt put its own hook in place for the test; the window's goes on top
    page = _pick_procedure(qtbot, main_window)
    type_text(page.name_edit, "Lê Thị Hoa")
    type_text(page.id_edit, "001190098765")
    with qtbot.waitSignal(handler.shown, timeout=5000) as shown:
        _raise_in_slot(handler)

    with main_window.ctx.sessions() as s:
        assert [d.payload["request"]["applicant"]["name"] for d in load_drafts(s)] == ["Lê Thị Hoa"]
    box = handler.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Hồ sơ đang nhập đã được lưu thành bản nháp" in box.text()
    copy = next(b for b in box.buttons() if b.text() == "Sao chép báo cáo")
    copy.click()
    report = QApplication.clipboard().text()
    assert report == shown.args[0]
    assert "KeyError: 'officer'" in report and "Counter " in report
    assert box.isVisible()  # copying keeps the dialog open

    # A second exception while the dialog is open: logged, no second dialog.
    _raise_in_slot(handler)
    handler.uninstall()
    assert handler.dialog is box
    box.done(0)

    log_text = (data_dir / "logs" / "counterapp.log").read_text(encoding="utf-8")
    assert log_text.count("uncaught exception") == 2
    assert "KeyError: 'officer'" in log_text


def test_an_exception_with_an_empty_form_says_nothing_about_a_draft(qtbot, main_window):
    handler = main_window.crash_handler
    handler.install()
    with qtbot.waitSignal(handler.shown, timeout=5000):
        _raise_in_slot(handler)
    handler.uninstall()
    assert "bản nháp" not in handler.dialog.text()
    assert "Lỗi đã được ghi vào nhật ký" in handler.dialog.text()
    handler.dialog.done(0)


def test_help_check_this_pc_shows_the_doctor_in_vietnamese(qtbot, main_window):
    """Help → Kiểm tra máy: the doctor's checks, worst first, in the window's language."""
    main_window.doctor_action.trigger()
    dialog = main_window.doctor_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)
    rows = [(dialog.table.item(r, 0).text(), dialog.table.item(r, 0).data(0x0100), dialog.table.item(r, 1).text())
            for r in range(dialog.table.rowCount())]
    ids = [r[1] for r in rows]
    assert {"data_folder", "database", "fonts", "memory"} <= set(ids)
    order = {"Lỗi": 0, "Cảnh báo": 1, "Ổn": 2}
    assert [order[r[0]] for r in rows] == sorted(order[r[0]] for r in rows)  # worst first
    data_row = next(r for r in rows if r[1] == "data_folder")
    assert data_row[2].startswith("Thư mục dữ liệu ghi được") and " / " not in data_row[2]  # Vietnamese half only
    dialog.copy_button.click()
    import json

    copied = json.loads(QApplication.clipboard().text())
    assert copied["schema"] == 1 and len(copied["checks"]) == len(rows)
    dialog.close()
