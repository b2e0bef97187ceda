"""Export the period shown on the dashboard, with the report core's own exporters: XLSX
(counterapp/reports/export_xlsx.write_xlsx, with the list of dossiers) and the A4 PDF with the
agency header and charts (export_pdf.render_report_pdf_bytes). The figures are read off the
GUI thread; the PDF is painted on the GUI thread (Qt documents are never built in a worker in
this app: see ui/intake/jobs.write_form_pdf) and the XLSX is written in the worker (openpyxl, no Qt).

The file is chosen in a save dialog opened with `open()` (Qt's own, translated, on Linux: see
ui/file_dialogs.py); its folder starts at the data folder's `files/reports`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QPushButton

from ui.file_dialogs import use_qt_dialog
from ui.messages import for_window
from ui.ops import BackgroundOp


@dataclass
class ExportData:
    report: Any
    dossiers: list[Any] | None = None
    top: list[tuple[str, int]] | None = None


def export_xlsx(ctx, kind: str, day: date, by: str | None, path: str) -> Path:  # noqa: ANN001
    from counterapp.reports.dossier_list import period_dossiers
    from counterapp.reports.export_xlsx import write_xlsx
    from counterapp.reports.period import period_for, period_report

    with ctx.sessions() as session:
        period = period_for(kind, day)
        report = period_report(session, ctx.config, period, by)
        dossiers = period_dossiers(session, ctx.config, period)
    return write_xlsx(report, path, zone=ctx.config.zone, dossiers=dossiers)


def pdf_data(ctx, kind: str, day: date, by: str | None) -> ExportData:  # noqa: ANN001
    from counterapp.reports.charts import top_items
    from counterapp.reports.period import period_for, period_report

    with ctx.sessions() as session:
        period = period_for(kind, day)
        report = period_report(session, ctx.config, period, by)
        grouped = report if by == "procedure" else period_report(session, ctx.config, period, "procedure")
    return ExportData(report, top=top_items(grouped))


class PeriodExport(QObject):
    """The two buttons at the end of the period panel's controls."""

    exported = Signal(str)  # the file written
    failed = Signal(str)  # the officer's message

    def __init__(self, panel: Any) -> None:
        super().__init__(panel)
        self.panel = panel
        self.dialog: QFileDialog | None = None
        self.xlsx_button = QPushButton(objectName="exportXlsx")
        self.pdf_button = QPushButton(objectName="exportPdf")
        self.xlsx_button.clicked.connect(lambda: self.choose("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.choose("pdf"))
        panel.controls.addWidget(self.xlsx_button)
        panel.controls.addWidget(self.pdf_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.xlsx_button.setText(self.tr("Xuất &Excel…"))
        self.pdf_button.setText(self.tr("Xuất P&DF…"))

    def choose(self, kind_of_file: str) -> None:
        ctx = self.panel.ctx
        if ctx is None:
            return
        from counterapp.crypto import output_folder

        kind, day, by = self.panel.choice()
        from counterapp.reports.period import period_for

        period = period_for(kind, day)
        name = f"bao-cao-{period.start:%Y%m%d}-{period.end:%Y%m%d}" + (f"-{by}" if by else "") + f".{kind_of_file}"
        folder = output_folder(ctx.files_dir, "reports")
        file_filter = self.tr("Tệp Excel (*.xlsx)") if kind_of_file == "xlsx" else self.tr("Tệp PDF (*.pdf)")
        dialog = QFileDialog(self.panel, self.tr("Xuất báo cáo"), str(folder / name), file_filter)
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(kind_of_file)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, use_qt_dialog())
        dialog.fileSelected.connect(lambda path: self.export(kind_of_file, path))
        self.dialog = dialog
        dialog.open()

    def export(self, kind_of_file: str, path: str) -> None:
        """Write the period now shown to `path` (XLSX or PDF)."""
        ctx = self.panel.ctx
        kind, day, by = self.panel.choice()
        button = self.xlsx_button if kind_of_file == "xlsx" else self.pdf_button
        if kind_of_file == "xlsx":
            (BackgroundOp(self.panel, export_xlsx, ctx, kind, day, by, path).with_busy(button)
             .success(lambda written: self.exported.emit(str(written))).failure(self._failed).run())
        else:
            (BackgroundOp(self.panel, pdf_data, ctx, kind, day, by).with_busy(button)
             .success(lambda data: self._write_pdf(data, path)).failure(self._failed).run())

    def _write_pdf(self, data: ExportData, path: str) -> None:
        from counterapp.clock import site_today
        from counterapp.reports.export_pdf import write_pdf

        ctx = self.panel.ctx
        try:
            written = write_pdf(data.report, path, ctx.config, today=site_today(ctx.config.zone),
                                top_procedures=data.top)
        except OSError as exc:
            self._failed(OSError(f"Không ghi được {path}: {exc.strerror or exc} / cannot write the file"))
            return
        self.exported.emit(str(written))

    def _failed(self, exc: BaseException) -> None:
        self.failed.emit(for_window(str(exc)))


__all__ = ["ExportData", "PeriodExport", "export_xlsx", "pdf_data"]
