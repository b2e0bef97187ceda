from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt

from tests.gui.typing import press, type_text
from ui.main_window import open_window


def result_codes(window) -> list[str]:
    model = window.catalog_view.model
    return [model.hit(i).code for i in range(model.rowCount())]


def test_typing_a_vietnamese_query_updates_results_and_detail(qtbot, main_window):
    view = main_window.catalog_view
    assert view.model.rowCount() >= 60  # the demo catalog, listed before anything is typed
    view.focus_search()
    type_text(view.search_edit, "đất đai")
    qtbot.waitUntil(lambda: view.model.rowCount() and "Đất đai" in view.model.hit(0).field, timeout=3000)
    assert all(h.tier <= 3 for h in (view.model.hit(i) for i in range(view.model.rowCount())))
    # the first result is shown in full beside the list
    record = view.current_record()
    assert record is not None and record["code"] == view.model.hit(0).code
    assert record["name"] in view.detail.toPlainText()
    assert "Thành phần hồ sơ" in view.detail.toPlainText()


def test_unaccented_prefix_query_finds_the_accented_name(qtbot, main_window):
    view = main_window.catalog_view
    view.focus_search()
    type_text(view.search_edit, "khai si")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and "khai sinh" in view.model.hit(0).name.lower(), timeout=3000)


def test_keyboard_only_ctrl_f_arrows_and_enter(qtbot, main_window):
    view = main_window.catalog_view
    main_window.tabs.setFocus()
    press(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.search_edit.hasFocus(), timeout=2000)
    type_text(view.search_edit, "chung thuc")
    qtbot.waitUntil(lambda: view.model.rowCount() >= 2, timeout=3000)
    press(view.search_edit, Qt.Key.Key_Down)
    assert view.results.currentIndex().row() == 1
    assert view.search_edit.hasFocus()  # typing can go on
    second = view.model.hit(1)
    assert view.current_record()["code"] == second.code
    with qtbot.waitSignal(view.procedure_chosen, timeout=2000) as chosen:
        press(view.search_edit, Qt.Key.Key_Return)
    assert chosen.args == [second.code]


def test_nothing_found_says_so(qtbot, main_window):
    view = main_window.catalog_view
    type_text(view.search_edit, "zzzzqqq")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=3000)
    assert "Không tìm thấy" in view.detail.toPlainText()
    assert view.count_label.text() == "0 thủ tục"


def test_english_is_selectable_and_remembered(qtbot, main_window, data_dir):
    assert main_window.tabs.tabText(0) == "Danh mục &thủ tục"
    main_window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: main_window.tabs.tabText(0) == "&Procedure catalog", timeout=2000)
    assert main_window.catalog_view.search_edit.placeholderText().startswith("Search by code")
    detail = main_window.catalog_view.detail.toPlainText()  # the record beside the list, in English too
    assert "Required documents" in detail and "Originals" in detail and "Legal basis" in detail
    assert "Thành phần hồ sơ" not in detail
    main_window.close()
    reopened = open_window(data_dir)
    qtbot.addWidget(reopened)
    with qtbot.waitSignal(reopened.context_ready, timeout=30_000):
        reopened.show()
    assert reopened.tabs.tabText(0) == "&Procedure catalog"
    reopened.language_actions["vi"].trigger()
    qtbot.waitUntil(lambda: reopened.tabs.tabText(0) == "Danh mục &thủ tục", timeout=2000)
    reopened.ctx.close()


def test_smoke_flag_opens_the_window_and_exits_zero(data_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "counterapp", "--smoke", "--data-dir", str(data_dir)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "smoke ok" in out.stdout and "procedures shown" in out.stdout


def test_smoke_fails_when_a_library_behind_a_page_is_broken(data_dir, tmp_path):
    """What a damaged install or a bad frozen bundle looks like: numpy (behind the scanning
    page's clean-up) cannot load, as when a stripped OpenBLAS broke it. The window still
    opens, but --smoke says so and exits non-zero."""
    fake = tmp_path / "broken"
    fake.mkdir()
    (fake / "numpy.py").write_text('raise ImportError("libopenblas: not page-aligned")\n', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(fake))
    out = subprocess.run([sys.executable, "-m", "counterapp", "--smoke", "--data-dir", str(data_dir)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 1
    assert "smoke: ImportError: libopenblas: not page-aligned" in out.stderr


def test_qt_standard_buttons_follow_the_language(qtbot, main_window):
    """Qt ships no Vietnamese for its own buttons; a Vietnamese officer still reads Đồng ý / Hủy."""
    from PySide6.QtWidgets import QMessageBox

    def texts() -> list[str]:
        box = QMessageBox(QMessageBox.Icon.Question, "Counter", "?",
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, main_window)
        try:
            return sorted(b.text().replace("&", "") for b in box.buttons())
        finally:
            box.deleteLater()

    assert texts() == ["Hủy", "Đồng ý"]
    main_window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: main_window.tabs.tabText(0) == "&Procedure catalog", timeout=2000)
    assert texts() == ["Cancel", "OK"]
    main_window.language_actions["vi"].trigger()
    qtbot.waitUntil(lambda: texts() == ["Hủy", "Đồng ý"], timeout=2000)
