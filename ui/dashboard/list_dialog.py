"""The dossiers behind a number: a table of exactly the dossiers the tile counted, and a way
to open one in the dossier list (double-click, Enter, or the button)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counterapp.reports.today import DossierItem
from ui.dashboard.common import status_text, when


class FigureListDialog(QDialog):
    """Opened with `open()`; `open_code(code)` asks the window to show that dossier."""

    open_code = Signal(str)

    def __init__(self, parent: QWidget, title: str, scope_text: str, items: list[DossierItem], zone: Any) -> None:
        super().__init__(parent)
        self.setObjectName("figureListDialog")
        self.setWindowTitle(title)
        self.resize(1100, 560)
        self.items = list(items)
        layout = QVBoxLayout(self)
        self.summary = QLabel(objectName="figureListSummary")
        self.summary.setWordWrap(True)
        self.summary.setText(self.tr("{n} hồ sơ — {scope}").replace("{n}", str(len(self.items)))
                             .replace("{scope}", scope_text))
        layout.addWidget(self.summary)
        self.table = QTableWidget(len(self.items), 7, objectName="figureListTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Mã hồ sơ"), self.tr("Người nộp"), self.tr("Điện thoại"), self.tr("Thủ tục"),
            self.tr("Tiếp nhận"), self.tr("Hẹn trả"), self.tr("Trạng thái")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        for row, item in enumerate(self.items):
            code = item.code + (" (" + self.tr("mã tạm") + ")" if item.provisional else "")
            values = (code, item.applicant_name, item.phone or "", f"{item.procedure_code} — {item.procedure_name}",
                      when(item.received_at, zone), when(item.due_in_force, zone), status_text(item.status))
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, item.code)
                self.table.setItem(row, col, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(self.tr("&Mở trong danh sách hồ sơ"), objectName="openInList")
        self.open_button.clicked.connect(lambda: self._open(self.table.currentRow()))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.items:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(self.items))
        self.table.setFocus()

    def codes(self) -> list[str]:
        return [item.code for item in self.items]

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.open_code.emit(self.items[row].code)
            self.accept()


__all__ = ["FigureListDialog"]
