"""Help → Kiểm tra máy: `counterapp doctor` in the window, for the officer on the phone with IT.

The checks run off the GUI thread (the SANE device scan and the portal call take seconds on
a busy network) through ui/ops.py; the result is a table of check, status and what to do,
worst first, and "Sao chép" copies the same JSON `doctor --json` prints, for IT's ticket.
The check texts come from the core in "vi / en"; the window shows the half in its language.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
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

from ui.messages import for_window
from ui.ops import BackgroundOp

_ORDER = {"error": 0, "warning": 1, "ok": 2}
_COLOURS = {"error": "#b3261e", "warning": "#8a5a00", "ok": "#1b7f3b"}


def _run(data_dir: Path) -> Any:
    from sync.health import run_doctor

    return run_doctor(data_dir)


class DoctorDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.report: Any = None
        self.setWindowTitle(self.tr("Kiểm tra máy"))
        self.resize(820, 460)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("Đang kiểm tra…"))
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Trạng thái"), self.tr("Kết quả"), self.tr("Cần làm")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.again_button = QPushButton(self.tr("Kiểm tra &lại"))
        self.copy_button = QPushButton(self.tr("&Sao chép kết quả"))
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.again_button.clicked.connect(self.run_checks)
        self.copy_button.clicked.connect(self.copy_report)
        layout.addWidget(buttons)

    def status_text(self, status: str) -> str:
        return {"ok": self.tr("Ổn"), "warning": self.tr("Cảnh báo"), "error": self.tr("Lỗi")}[status]

    def run_checks(self) -> None:
        self.summary.setText(self.tr("Đang kiểm tra…"))
        self.copy_button.setEnabled(False)
        (BackgroundOp(self, _run, self.data_dir).describe(self.tr("Kiểm tra máy"))
         .with_busy(self.again_button).success(self.show_report).run())

    def show_report(self, report: Any) -> None:
        self.report = report
        checks = sorted(report.checks, key=lambda c: _ORDER[c.status])
        self.table.setRowCount(len(checks))
        for row, check in enumerate(checks):
            status = QTableWidgetItem(self.status_text(check.status))
            status.setForeground(QBrush(QColor(_COLOURS[check.status])))
            status.setData(Qt.ItemDataRole.UserRole, check.id)
            self.table.setItem(row, 0, status)
            self.table.setItem(row, 1, QTableWidgetItem(for_window(check.message)))
            self.table.setItem(row, 2, QTableWidgetItem(for_window(check.action) if check.status != "ok" else ""))
        self.table.resizeRowsToContents()
        counts = {s: sum(1 for c in checks if c.status == s) for s in _ORDER}
        self.summary.setText(
            self.tr("{errors} lỗi, {warnings} cảnh báo, {ok} ổn.")
            .replace("{errors}", str(counts["error"])).replace("{warnings}", str(counts["warning"]))
            .replace("{ok}", str(counts["ok"]))
        )
        self.copy_button.setEnabled(True)

    def copy_report(self) -> None:
        if self.report is not None:
            QApplication.clipboard().setText(json.dumps(self.report.to_json(), ensure_ascii=False, indent=2, default=str))


def show_doctor(data_dir: Path, parent: QWidget | None) -> DoctorDialog:
    dialog = DoctorDialog(data_dir, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.run_checks()
    return dialog
