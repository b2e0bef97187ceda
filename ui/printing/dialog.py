"""One print dialog for every form the list prints for many dossiers or for dates: the dates
when the form needs them (the ledger: from and to, both today in the site's zone by default),
a preview of every page, the printer (the one chosen last time for this form, or IT's), then
print or save a PDF.

Why a dialog of our own rather than QPrintPreviewDialog: the ledger button used to print the
dossier list's date filter straight to a PDF, with no question and no preview, and a range that
was meant to end today silently ended yesterday. The dates are asked here, next to the preview
that shows what they select, and the printer is remembered per form (counterapp/forms/printers.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dates import site_qdate
from ui.messages import for_window

if TYPE_CHECKING:
    from counterapp.app import AppContext


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class PrintDialog(QDialog):
    """Dates (when the job has them), preview, printer, print / save PDF."""

    completed = Signal(str)  # a print or a save finished: the message shown

    def __init__(self, parent: QWidget | None, ctx: AppContext, job: Any) -> None:
        super().__init__(parent)
        self.setObjectName("printDialog")
        self.ctx = ctx
        self.job = job
        job.setParent(self)
        self.busy = False
        self.saved_path: Path | None = None
        self.last_error: str | None = None
        self.resize(980, 820)
        outer = QVBoxLayout(self)

        self.from_date = self.to_date = None
        if job.needs_dates:
            today = site_qdate(ctx.config.zone)  # the site's day, never the PC's (counterapp/clock.py)
            row = QHBoxLayout()
            self.from_label, self.to_label = QLabel(), QLabel()
            self.from_date = QDateEdit(today, objectName="printFrom")
            self.to_date = QDateEdit(today, objectName="printTo")
            for edit, label in ((self.from_date, self.from_label), (self.to_date, self.to_label)):
                edit.setCalendarPopup(True)
                edit.setDisplayFormat("dd/MM/yyyy")
                label.setBuddy(edit)
                row.addWidget(label)
                row.addWidget(edit)
                edit.dateChanged.connect(lambda _d: self._dates_changed())
            self.preview_button = QPushButton(objectName="printPreviewButton", clicked=self.refresh)
            row.addWidget(self.preview_button)
            row.addStretch(1)
            outer.addLayout(row)
            self._apply_dates()
        self.summary = QLabel(objectName="printSummary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)

        from counterapp.forms.render import configure_printer

        self.preview_printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(job.form, self.preview_printer, ctx.data_dir, ctx.config)
        self.preview = QPrintPreviewWidget(self.preview_printer, self, objectName="printPreview")
        self.preview.paintRequested.connect(self._paint)
        outer.addWidget(self.preview, 1)

        bottom = QHBoxLayout()
        self.printer_label = QLabel()
        self.printer_combo = QComboBox(objectName="printerCombo")
        self.printer_combo.setMinimumWidth(240)
        self.printer_label.setBuddy(self.printer_combo)
        self.print_button = QPushButton(objectName="printButton", clicked=self.print_now)
        self.save_button = QPushButton(objectName="savePdfButton", clicked=lambda: self.save_pdf())
        self.close_button = QPushButton(clicked=self.reject)
        self.message = QLabel(objectName="printMessage")
        self.message.setWordWrap(True)
        for w in (self.printer_label, self.printer_combo, self.print_button, self.save_button):
            bottom.addWidget(w)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.close_button)
        outer.addLayout(bottom)
        self.retranslate()
        self._fill_printers()

    # ------------------------------------------------------------------ text
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("In: {what}").replace("{what}", self.job.title()))
        if self.from_date is not None:
            self.from_label.setText(self.tr("&Từ ngày:"))
            self.to_label.setText(self.tr("đế&n ngày:"))
            self.preview_button.setText(self.tr("&Xem trước"))
        self.printer_label.setText(self.tr("&Máy in:"))
        self.print_button.setText(self.tr("&In"))
        self.save_button.setText(self.tr("&Lưu PDF…"))
        self.close_button.setText(self.tr("Đóng"))
        self._update_summary()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_summary(self) -> None:
        batch = getattr(self.job, "batch", None)
        if batch is None:
            return
        text = self.tr("{n} hồ sơ sẽ được in.").replace("{n}", str(len(batch.entries)))
        if batch.skipped:
            text += " " + self.tr("Không in {n} hồ sơ:").replace("{n}", str(len(batch.skipped))) + " " + "; ".join(
                for_window(s.reason) for s in batch.skipped)
        self.summary.setText(text)

    # ------------------------------------------------------------------ printers
    def _fill_printers(self) -> None:
        from counterapp.forms.printers import default_printer_name, is_locked, printer_for, printer_names

        names = printer_names()
        wanted = printer_for(self.ctx.config, self.ctx.data_dir, self.job.form) or default_printer_name()
        self.printer_combo.clear()
        for name in names:
            self.printer_combo.addItem(name, name)
        if wanted and wanted not in names:
            self.printer_combo.addItem(self.tr("{name} (không thấy trên máy này)").replace("{name}", wanted), wanted)
        if self.printer_combo.count() == 0:
            self.printer_combo.addItem(self.tr("(máy này chưa có máy in)"), None)
        index = self.printer_combo.findData(wanted) if wanted else 0
        self.printer_combo.setCurrentIndex(max(0, index))
        self.locked = is_locked(self.ctx.config)
        self.printer_combo.setEnabled(not self.locked and bool(names))
        if self.locked:
            self.printer_combo.setToolTip(self.tr("Máy in của mẫu này do bộ phận CNTT chọn"))
        self.print_button.setEnabled(self.printer_combo.currentData() is not None)

    def printer_name(self) -> str | None:
        return self.printer_combo.currentData()

    # ------------------------------------------------------------------ dates, preview
    def _apply_dates(self) -> bool:
        if self.from_date is None:
            return True
        first, last = _day(self.from_date), _day(self.to_date)
        if last < first:
            self._say(self.tr("Ngày kết thúc trước ngày bắt đầu."), error=True)
            return False
        self.job.set_dates(first, last)
        return True

    def _dates_changed(self) -> None:
        if self._apply_dates():
            self._say(self.tr("Bấm \"Xem trước\" để xem các trang của ngày đã chọn."))

    def refresh(self) -> None:
        if self._apply_dates():
            self.setWindowTitle(self.tr("In: {what}").replace("{what}", self.job.title()))
            self.preview.updatePreview()

    def _paint(self, printer: QPrinter) -> None:
        try:
            self.job.paint(printer)
        except Exception as exc:  # noqa: BLE001 - a form's problem is the officer's to read, not a crash
            self._say(for_window(str(exc)), error=True)
            return
        count = getattr(self.job, "count", None)
        if count is not None and self.from_date is not None:
            self._say(self.tr("{n} hồ sơ tiếp nhận trong các ngày đã chọn.").replace("{n}", str(count)))

    def page_count(self) -> int:
        return self.preview.pageCount()

    # ------------------------------------------------------------------ print, save
    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020" if error else "")
        if error:
            self.last_error = text

    def _start(self) -> bool:
        if self.busy or not self._apply_dates():
            return False
        self.busy = True
        self.last_error = None
        for b in (self.print_button, self.save_button):
            b.setEnabled(False)
        return True

    def _finished(self, error: str | None, success: str) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(self.printer_combo.currentData() is not None)
        if error:
            self._say(for_window(error), error=True)
        else:
            self._say(success)
            self.completed.emit(success)

    def print_now(self) -> None:
        name = self.printer_name()
        if name is None or not self._start():
            return
        if not self.locked:
            from counterapp.forms.printers import remember_printer

            remember_printer(self.ctx.data_dir, self.ctx.config, self.job.form, name)
        self._say(self.tr("Đang in…"))
        self.job.print_to(name, lambda error: self._finished(
            error, self.tr("Đã gửi tới máy in {name}.").replace("{name}", name)))

    def default_pdf_path(self) -> Path:
        from counterapp.crypto import output_folder  # private, outside the data folder, when encrypted

        return output_folder(self.ctx.files_dir, "forms") / self.job.default_pdf_name()

    def save_pdf(self, path: Path | str | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu PDF"), str(self.default_pdf_path()),
                                                    self.tr("Tệp PDF (*.pdf)"))
            if not chosen:
                return
            path = chosen
        target = Path(path)
        if not self._start():
            return
        self._say(self.tr("Đang lưu PDF…"))

        def saved(error: str | None) -> None:
            if error is None:
                self.saved_path = target
            self._finished(error, self.tr("Đã lưu {path}").replace("{path}", str(target)))

        self.job.save_pdf(target, saved)


def open_print_dialog(parent: QWidget, ctx: AppContext, job: Any) -> PrintDialog:
    """Open (not exec: the window's event loop keeps running) the print dialog for a job."""
    dialog = PrintDialog(parent, ctx, job)
    dialog.open()
    return dialog


__all__ = ["PrintDialog", "open_print_dialog"]
