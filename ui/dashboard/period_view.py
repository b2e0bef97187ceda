"""A period's figures on the dashboard: pick day / week / month / quarter / year around a date
and a grouping (procedure, field, officer, channel); the table shows the totals first, then
one row per group. The figures are the report core's (`counterapp.reports.period`: the same
numbers `counterapp report` prints and exports), read off the GUI thread.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counterapp.reports.period import FIGURE_LABELS, PeriodReport, period_for, period_report
from ui.dashboard.common import core_label
from ui.ops import BackgroundOp

KINDS = ("day", "week", "month", "quarter", "year")
GROUPINGS = (None, "procedure", "field", "officer", "channel")
COLUMNS = ("received", "resolved", "on_time", "late", "on_time_rate", "returned", "refused", "completion_requests",
           "avg_working_days", "digitized_share", "satisfaction_rate", "fees_collected_vnd")


def load_period(ctx, kind: str, day: date, by: str | None) -> PeriodReport:  # noqa: ANN001
    with ctx.sessions() as session:
        return period_report(session, ctx.config, period_for(kind, day), by)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _cell(figures: Any, key: str) -> str:
    value = getattr(figures, key)
    if value is None:
        return "–"
    if key in ("on_time_rate", "digitized_share", "satisfaction_rate"):
        return f"{value * 100:.1f} %".replace(".", ",")
    if key == "avg_working_days":
        return f"{value:.1f}".replace(".", ",")
    return _number(int(value))


class PeriodPanel(QGroupBox):
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodPanel")
        self.ctx: Any = None
        self.report: PeriodReport | None = None
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        controls = QHBoxLayout()
        self.kind_label, self.day_label, self.by_label = QLabel(), QLabel(), QLabel()
        self.kind_combo = QComboBox(objectName="periodKind")
        self.day_edit = QDateEdit(objectName="periodDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("dd/MM/yyyy")
        self.by_combo = QComboBox(objectName="periodBy")
        self.source_label = QLabel(objectName="periodSource")
        self.source_label.setStyleSheet("color: #444746;")
        for label, widget in ((self.kind_label, self.kind_combo), (self.day_label, self.day_edit),
                              (self.by_label, self.by_combo)):
            label.setBuddy(widget)
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.source_label)
        self.controls = controls  # the export buttons go at its end (page.py)
        layout.addLayout(controls)
        self.table = QTableWidget(0, len(COLUMNS) + 1, objectName="periodTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self.kind_combo.setCurrentIndex(KINDS.index("month"))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.by_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.day_edit.dateChanged.connect(lambda _d: self.reload())

    def retranslate(self) -> None:
        self.kind_label.setText(self.tr("&Kỳ:"))
        self.day_label.setText(self.tr("chứa ngà&y:"))
        self.by_label.setText(self.tr("&Theo:"))
        kinds = {"day": self.tr("Ngày"), "week": self.tr("Tuần"), "month": self.tr("Tháng"),
                 "quarter": self.tr("Quý"), "year": self.tr("Năm")}
        groups = {None: self.tr("Tổng hợp"), "procedure": self.tr("Thủ tục"), "field": self.tr("Lĩnh vực"),
                  "officer": self.tr("Cán bộ"), "channel": self.tr("Kênh tiếp nhận")}
        for combo, values, names in ((self.kind_combo, KINDS, kinds), (self.by_combo, GROUPINGS, groups)):
            current = combo.currentIndex()
            combo.blockSignals(True)
            combo.clear()
            for value in values:
                combo.addItem(names[value], value)
            combo.setCurrentIndex(max(current, 0))
            combo.blockSignals(False)
        short = {"received": self.tr("Tiếp nhận"), "resolved": self.tr("Đã giải quyết"),
                 "on_time": self.tr("Đúng hạn"), "late": self.tr("Trễ hạn"), "on_time_rate": self.tr("Tỷ lệ đúng hạn"),
                 "returned": self.tr("Đã trả"), "refused": self.tr("Từ chối"),
                 "completion_requests": self.tr("YC bổ sung (02)"), "avg_working_days": self.tr("TG TB (ngày LV)"),
                 "digitized_share": self.tr("Tỷ lệ số hoá"), "satisfaction_rate": self.tr("Hài lòng"),
                 "fees_collected_vnd": self.tr("Phí đã thu (đ)")}
        self.table.setHorizontalHeaderItem(0, QTableWidgetItem(self.tr("Nhóm")))
        for col, key in enumerate(COLUMNS, start=1):
            item = QTableWidgetItem(short[key])
            item.setToolTip(core_label(*FIGURE_LABELS[key]))
            self.table.setHorizontalHeaderItem(col, item)
        self._show_title()
        if self.report is not None:
            self._fill(self.report)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_context(self, ctx: Any, today: date) -> None:
        self.ctx = ctx
        self.day_edit.blockSignals(True)
        self.day_edit.setDate(QDate(today.year, today.month, today.day))
        self.day_edit.blockSignals(False)
        self.reload()

    def choice(self) -> tuple[str, date, str | None]:
        d = self.day_edit.date()
        return self.kind_combo.currentData(), date(d.year(), d.month(), d.day()), self.by_combo.currentData()

    def reload(self) -> None:
        if self.ctx is None:
            return
        self._generation += 1
        generation = self._generation
        kind, day, by = self.choice()
        (BackgroundOp(self, load_period, self.ctx, kind, day, by)
         .success(lambda report: self._loaded(generation, report)).run())

    def _loaded(self, generation: int, report: PeriodReport) -> None:
        if generation != self._generation:
            return
        self.report = report
        self._fill(report)
        self._show_title()
        self.loaded.emit()

    def _show_title(self) -> None:
        label = self.report.period.label if self.report is not None else ""
        self.setTitle(self.tr("Số liệu theo kỳ: {period}").replace("{period}", label))
        self.source_label.setText(self.tr("Nguồn: cơ sở dữ liệu của quầy này"))

    def _fill(self, report: PeriodReport) -> None:
        rows = [report.totals, *report.groups]
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, figures in enumerate(rows):
            name = self.tr("Tổng cộng") if r == 0 else (figures.label or figures.key or "")
            values = [name] + [_cell(figures, key) for key in COLUMNS]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r == 0:
                    item.setFont(bold)
                self.table.setItem(r, c, item)


__all__ = ["COLUMNS", "PeriodPanel", "load_period"]
