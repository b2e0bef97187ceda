"""The access log for a supervisor: who opened or printed which dossier (NĐ 13/2023).

The window's face of `counterapp.dossiers.access_log.access_entries` (the same list as
`counterapp dossier access-log`). It reads in the background; nothing here decides anything.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dates import site_qdate
from ui.messages import for_window
from ui.ops import BackgroundOp

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.dossiers.access_log import AccessEntry

DEFAULT_DAYS = 30
FILTER_DELAY_MS = 300


def _entries(ctx: AppContext, code: str, officer: str, date_from: date, date_to: date) -> list[AccessEntry]:
    from counterapp.dossiers.access_log import access_entries

    with ctx.sessions() as session:
        return access_entries(session, code=code or None, officer=officer or None, date_from=date_from,
                              date_to=date_to, zone=ctx.config.zone, limit=2000)


class AccessLogDialog(QDialog):
    loaded = Signal(int)  # rows shown

    def __init__(self, ctx: AppContext, code: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Nhật ký truy cập hồ sơ"))
        self.resize(900, 520)
        self.code_edit = QLineEdit(code)
        self.code_edit.setPlaceholderText(self.tr("Mã hồ sơ"))
        self.code_edit.setClearButtonEnabled(True)
        self.officer_edit = QLineEdit()
        self.officer_edit.setPlaceholderText(self.tr("Cán bộ"))
        self.officer_edit.setClearButtonEnabled(True)
        today = site_qdate(ctx.config.zone)
        self.from_date = QDateEdit(today.addDays(-DEFAULT_DAYS))
        self.to_date = QDateEdit(today)
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Hồ sơ:"), self.code_edit), (self.tr("Cán bộ:"), self.officer_edit),
                              (self.tr("Từ ngày:"), self.from_date), (self.tr("đến:"), self.to_date)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Thời điểm"), self.tr("Mã hồ sơ"), self.tr("Cán bộ"),
                                              self.tr("Việc"), self.tr("Qua")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count_label = QLabel()
        buttons = QDialogButtonBox()
        # Qt ships no Vietnamese for its standard buttons: the button is named here.
        buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        for edit in (self.code_edit, self.officer_edit):
            edit.textChanged.connect(lambda _text: self._timer.start())
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(lambda _date: self._timer.start())
        self.reload()

    def reload(self) -> None:
        self._timer.stop()
        self.count_label.setText(self.tr("Đang tải…"))
        (BackgroundOp(self, _entries, self.ctx, self.code_edit.text().strip(), self.officer_edit.text().strip(),
                      self.from_date.date().toPython(), self.to_date.date().toPython())
         .success(self._show).failure(lambda exc: self.count_label.setText(for_window(str(exc)))).run())

    def _show(self, entries: list[AccessEntry]) -> None:
        actions = {"view": self.tr("Xem chi tiết"), "print": self.tr("In"), "reprint": self.tr("In lại")}
        channels = {"window": self.tr("Cửa sổ"), "cli": self.tr("Dòng lệnh"), "pdf": self.tr("Tệp PDF"),
                    "printer": self.tr("Máy in"), "preview": self.tr("Xem trước")}
        forms = {"receipt": self.tr("giấy tiếp nhận"), "completion_request": self.tr("phiếu yêu cầu bổ sung"),
                 "refusal": self.tr("phiếu từ chối"), "routing_slip": self.tr("phiếu kiểm soát"),
                 "fee_receipt": self.tr("biên lai"), "apology": self.tr("văn bản xin lỗi, gia hạn"),
                 "stop_notice": self.tr("thông báo dừng"), "ledger": self.tr("sổ theo dõi")}
        zone = self.ctx.config.zone
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            form = forms.get(entry.form, entry.form)
            what = actions.get(entry.action, entry.action) + (f" ({form})" if form else "")
            cells = (entry.at.astimezone(zone).strftime("%H:%M:%S %d/%m/%Y"), entry.dossier_code, entry.officer,
                     what, channels.get(entry.channel, entry.channel))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
        self.count_label.setText(self.tr("{n} lượt").replace("{n}", str(len(entries))))
        self.loaded.emit(len(entries))
