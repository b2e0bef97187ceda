"""Print preview of a form (receipt, request to complete, refusal, apology) with print logging;
the printer is the form's own (counterapp/forms/printers.py) and the one printed on is remembered."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ui.intake.jobs import FormResult, log_print
from ui.messages import for_window
from ui.ops import BackgroundOp

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("FormPreview", text)


FORM_TITLES = {
    "receipt": QT_TRANSLATE_NOOP("FormPreview", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
    "completion_request": QT_TRANSLATE_NOOP("FormPreview", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "refusal": QT_TRANSLATE_NOOP("FormPreview", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
    "apology": QT_TRANSLATE_NOOP("FormPreview", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
    "stop_notice": QT_TRANSLATE_NOOP("FormPreview", "Thông báo dừng giải quyết hồ sơ"),
    "routing_slip": QT_TRANSLATE_NOOP("FormPreview", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
    "fee_receipt": QT_TRANSLATE_NOOP("FormPreview", "Giấy biên nhận đã thu phí, lệ phí"),
}


def paint_form(ctx, result: FormResult, printer: QPrinter) -> int:  # noqa: ANN001
    from counterapp.forms.render import print_document

    return print_document(result.form, result.context, printer, ctx.config, ctx.data_dir)


def _choose_printer(ctx, form: str, printer: QPrinter) -> None:  # noqa: ANN001
    """The form's printer (counterapp/forms/printers.py: chosen last time, or site.toml's), when
    this PC has it; else the system default the QPrinter starts with."""
    from counterapp.forms.printers import printer_for, printer_names

    wanted = printer_for(ctx.config, ctx.data_dir, form)
    if wanted and wanted in printer_names():
        printer.setPrinterName(wanted)


def _remember_printer(ctx, form: str, printer: QPrinter) -> None:  # noqa: ANN001
    """Keep the printer the officer printed on for this form (not when IT locked the choice)."""
    from counterapp.forms.printers import remember_printer

    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and printer.printerName():
        remember_printer(ctx.data_dir, ctx.config, form, printer.printerName())


def open_preview(
    parent: QWidget,
    ctx,  # noqa: ANN001
    result: FormResult,
    officer: str,
    *,
    log_open: bool = False,
    details: dict[str, Any] | None = None,
    on_printed: Callable[[], None] | None = None,
) -> QPrintPreviewDialog:
    """Open (not exec) the preview; printing from it is logged as target "printer".

    `log_open` logs the preview itself (target "preview"), for reprints from the list.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _choose_printer(ctx, result.form, printer)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog._counter_printer = printer  # type: ignore[attr-defined]  (keep it alive)
    dialog._counter_result = result  # type: ignore[attr-defined]
    dialog.setObjectName("formPreview")
    title = FORM_TITLES.get(result.form, result.form)
    dialog.setWindowTitle(f"{_tr(title)} — {result.code}")
    dialog.resize(900, 800)

    def paint(target: QPrinter) -> None:
        try:
            paint_form(ctx, result, target)
        except Exception as exc:  # noqa: BLE001
            log.warning("form %s for %s not painted: %s", result.form, result.code, exc)
            # open(), not exec(): a nested event loop inside Qt's paint request would block the window
            box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("FormPreview", "In phiếu"),
                              for_window(str(exc)), QMessageBox.StandardButton.Ok, dialog)
            box.setObjectName("formError")
            dialog._counter_error = box  # type: ignore[attr-defined]  (the test and the officer read it)
            box.open()

    dialog.paintRequested.connect(paint)

    # The print log is the access log (NĐ 13/2023): a failed write is shown to the officer
    # (the op's default failure). Bound to `parent`, which outlives the dialog.
    what = _tr("Ghi nhật ký in")

    def finished(code: int) -> None:
        if code == QDialog.DialogCode.Accepted:
            _remember_printer(ctx, result.form, printer)
            (BackgroundOp(parent, log_print, ctx, result.code, result.form, officer, "printer", details)
             .success(lambda _r: on_printed() if on_printed else None).describe(what).run())

    dialog.finished.connect(finished)
    if log_open:
        BackgroundOp(parent, log_print, ctx, result.code, result.form, officer, "preview", details).describe(what).run()
    dialog.open()
    return dialog
