"""The dossier list's "In hàng loạt" menu: for the selected dossiers, reprint the receipts,
print form 04 for the overdue among them, or print the routing slips, in one print dialog
(ui/printing/dialog.py: one preview with every page, one print job, a print-log row per dossier).

Which dossiers fit which form, and the new date recorded with form 04, are the core's
(counterapp/forms/batch.py); the batch is prepared in a background op (data only) and laid out
on the GUI thread by the dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QBoxLayout, QMenu, QToolButton, QWidget

from ui.ops import BackgroundOp


def open_batch_print(parent: QWidget, ctx: Any, form: str, codes: list[str], officer: str, *,
                     on_open: Any = None, on_error: Any = None, **options: Any) -> BackgroundOp:
    """Prepare the batch off the GUI thread, then open the print dialog for it (the dashboard's
    queues may call this with their selected codes). `on_open(dialog)`, `on_error(exc)`."""
    from counterapp.forms.batch import prepare_batch
    from ui.printing.dialog import open_print_dialog
    from ui.printing.jobs import BatchJob

    def prepared(batch: Any) -> None:
        if not batch.entries:
            from counterapp.forms.specs import FormError

            reasons = "\n".join(s.reason for s in batch.skipped)
            error = FormError(f"Không có hồ sơ nào để in / nothing to print:\n{reasons}")
            if on_error is not None:
                on_error(error)
            return
        dialog = open_print_dialog(parent, ctx, BatchJob(ctx, batch))
        if on_open is not None:
            on_open(dialog)

    op = BackgroundOp(parent, prepare_batch, ctx, form, codes, officer, **options).success(prepared)
    if on_error is not None:
        op.failure(on_error)
    return op.run()


class BatchPrintButton(QToolButton):
    """Prints one form for every dossier selected in the list."""

    def __init__(self, page: Any) -> None:
        super().__init__(parent=page)
        self.page = page
        self.dialog = None
        self.apology_dialog = None
        self.setObjectName("batchPrintButton")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.actions_by_form = {}
        for form in ("receipt", "apology", "routing_slip"):
            action = self.menu_.addAction("")
            action.setObjectName(f"batchPrint_{form}")
            action.triggered.connect(lambda _checked=False, f=form: self.print_selected(f))
            self.actions_by_form[form] = action
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("In &hàng loạt"))
        self.setToolTip(self.tr("In một mẫu cho mọi hồ sơ đang chọn (giữ Ctrl hoặc Shift để chọn nhiều): "
                                "một lần xem trước, một lệnh in"))
        self.actions_by_form["receipt"].setText(self.tr("In lại giấy tiếp nhận"))
        self.actions_by_form["apology"].setText(self.tr("Mẫu 04 (xin lỗi, gia hạn) cho hồ sơ quá hạn…"))
        self.actions_by_form["routing_slip"].setText(self.tr("Phiếu kiểm soát quá trình giải quyết"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def update_enabled(self, *_args: Any) -> None:
        self.setEnabled(bool(self.page.selected_codes()))

    def print_selected(self, form: str, **options: Any) -> None:
        codes = self.page.selected_codes()
        if not codes or self.page.ctx is None:
            return
        if form == "apology" and not options:
            self._ask_apology(codes)
            return
        from ui.session import current_officer_name

        def opened(dialog: Any) -> None:
            self.dialog = dialog
            dialog.completed.connect(self.page.message_label.setText)

        open_batch_print(self.page, self.page.ctx, form, codes, current_officer_name(self.page.ctx),
                         on_open=opened, on_error=self.page._action_failed, **options)

    def _ask_apology(self, codes: list[str]) -> None:
        """The new date and reason for every overdue dossier selected; left empty, the new dates
        already recorded are printed again."""
        from ui.dossiers.lifecycle_dialogs import ApologyDialog

        label = self.tr("{n} hồ sơ").replace("{n}", str(len(codes)))
        dialog = ApologyDialog(self.page, label, None, self.page.ctx.config.zone)
        dialog.reason.setPlaceholderText(self.tr("để trống: in lại ngày hẹn và lý do đã ghi"))

        def accepted() -> None:
            when, reason, supervisor = dialog.value()
            options: dict[str, Any] = {"supervisor": supervisor}
            if reason:
                options.update(new_due_at=when, reason=reason)
            self.print_selected("apology", **options)

        dialog.accepted.connect(accepted)
        self.apology_dialog = dialog
        dialog.open()


def add_batch_print(page: Any, actions: QBoxLayout) -> BatchPrintButton:
    """Put the button before the ledger button; enabled while dossiers are selected."""
    button = BatchPrintButton(page)
    index = actions.indexOf(page.ledger_button)
    actions.insertWidget(index if index >= 0 else actions.count(), button)
    page.table.selectionModel().selectionChanged.connect(button.update_enabled)
    page.model.modelReset.connect(button.update_enabled)
    button.update_enabled()
    return button


__all__ = ["BatchPrintButton", "add_batch_print", "open_batch_print"]
