"""Qt's own file dialog reads Vietnamese in the Vietnamese window (Qt ships no qtbase_vi)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel, QToolButton, QTreeView

from ui.file_dialogs import build_open_dialog, use_qt_dialog
from ui.i18n import install_language, remove_translations


@pytest.fixture
def language(qapp):
    """Switch the language for one test, then put the application back as it was."""
    locale = QLocale()
    yield lambda code: install_language(QApplication.instance(), code)
    remove_translations(QApplication.instance())
    QLocale.setDefault(locale)


def shown_texts(qtbot, dialog: QFileDialog) -> dict[str, str]:
    qtbot.addWidget(dialog)
    dialog.show()  # non-modal: exec() would block the test
    qtbot.waitExposed(dialog)
    box = dialog.findChild(QDialogButtonBox, "buttonBox")
    header = dialog.findChild(QTreeView, "treeView").model()
    return {
        "look_in": dialog.findChild(QLabel, "lookInLabel").text(),
        "file_name": dialog.findChild(QLabel, "fileNameLabel").text(),
        "file_type": dialog.findChild(QLabel, "fileTypeLabel").text(),
        "accept": box.button(QDialogButtonBox.StandardButton.Open).text()
        if box.button(QDialogButtonBox.StandardButton.Open) else box.buttons()[0].text(),
        "cancel": box.button(QDialogButtonBox.StandardButton.Cancel).text(),
        "back": dialog.findChild(QToolButton, "backButton").toolTip(),
        "new_folder": dialog.findChild(QToolButton, "newFolderButton").toolTip(),
        "detail_view": dialog.findChild(QToolButton, "detailModeButton").toolTip(),
        "columns": [header.headerData(i, Qt.Orientation.Horizontal) for i in range(4)],
        "menu": [dialog.findChild(QAction, f"qt_{name}_action").text()
                 for name in ("new_folder", "rename", "delete", "show_hidden")],
    }


def test_the_file_dialog_speaks_vietnamese(qtbot, language, tmp_path):
    language("vi")
    dialog = build_open_dialog(None, "Thêm tệp vào lô", "Tệp PDF (*.pdf)", tmp_path, many=True)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # Linux: Qt's own dialog
    texts = shown_texts(qtbot, dialog)
    assert texts == {
        "look_in": "Tìm tr&ong:",
        "file_name": "Tên &tệp:",
        "file_type": "&Loại tệp:",
        "accept": "&Mở",
        "cancel": "Hủy",
        "back": "Quay lại",
        "new_folder": "Tạo thư mục mới",
        "detail_view": "Xem chi tiết",
        "columns": ["Tên", "Kích thước", "Loại", "Ngày sửa"],
        "menu": ["Thư mục &mới", "Đổi &tên", "&Xóa", "&Hiện tệp ẩn"],
    }
    assert dialog.windowTitle() == "Thêm tệp vào lô"


def test_the_file_dialog_follows_a_switch_to_english(qtbot, language, tmp_path):
    language("en")
    texts = shown_texts(qtbot, build_open_dialog(None, "Add files", "PDF (*.pdf)", tmp_path))
    assert texts["file_name"] == "File &name:"
    assert texts["accept"] == "&Open"
    assert texts["columns"][0] == "Name"


def test_native_dialog_kept_where_the_os_speaks_the_officers_language():
    assert use_qt_dialog("linux")
    assert not use_qt_dialog("win32")
    assert not use_qt_dialog("darwin")
