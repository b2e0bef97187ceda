"""Batch printing from the dossier list (a section of its "In mẫu" menu): for the selected dossiers, reprint the receipts,
print form 04 for the overdue among them, or print the routing slips, in one print dialog
(ui/printing/dialog.py: one preview with every page, one print job, a print-log row per dossier).

Which dossiers fit which form, and the new date recorded with form 04, are the core's
(counterapp/forms/batch.py); the batch is prepared in a background op (data only) and laid out
on the GUI thread by the dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

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


class BatchPrintActions(QObject):
    """Prints one form for every dossier selected in the list: a section of the list's "In mẫu"
    menu (ui/dossiers/forms_menu.py), shown once two or more rows are selected. Not a button of
    its own: the list's action row must fit 1024 px (tests/gui/test_scan_screen.py)."""

    def __init__(self, page: Any, menu_button: Any) -> None:
        super().__init__(page)
        self.page = page
        self.menu_button = menu_button
        self.dialog = None
        self.apology_dialog = None
        menu = menu_button.menu_
        self.separator = menu.addSeparator()
        self.heading = menu.addAction("")
        self.heading.setEnabled(False)
        self.actions_by_form = {}
        for form in ("receipt", "apology", "routing_slip"):
            action = menu.addAction("")
            action.setObjectName(f"batchPrint_{form}")
            action.triggered.connect(lambda _checked=False, f=form: self.print_selected(f))
            self.actions_by_form[form] = action
        menu_button.extra_enabled.append(self.available)
        menu_button.installEventFilter(self)  # its language changes are ours
        self.retranslate()

    def eventFilter(self, obj: Any, event: QEvent) -> bool:  # noqa: N802
        if obj is self.menu_button and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        count = len(self.page.selected_codes()) if self.page.ctx is not None else 0
        self.heading.setText(self.tr("Cho {n} hồ sơ đang chọn (một lần xem trước, một lệnh in):").replace(
            "{n}", str(count)))
        self.actions_by_form["receipt"].setText(self.tr("In lại giấy tiếp nhận"))
        self.actions_by_form["apology"].setText(self.tr("Mẫu 04 (xin lỗi, gia hạn) cho hồ sơ quá hạn…"))
        self.actions_by_form["routing_slip"].setText(self.tr("Phiếu kiểm soát quá trình giải quyết"))

    def available(self) -> bool:
        """Two or more rows selected: the batch section shows."""
        return len(self.page.selected_codes()) >= 2

    def update(self, *_args: Any) -> None:
        selected = bool(self.page.selected_codes())
        shown = self.available()
        for action in (self.separator, self.heading, *self.actions_by_form.values()):
            action.setVisible(shown)
        for action in self.actions_by_form.values():
            action.setEnabled(selected)
        self.retranslate()

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


def add_batch_print(page: Any, menu_button: Any) -> BatchPrintActions:
    """The batch section of the list's forms menu, following the rows selected."""
    actions = BatchPrintActions(page, menu_button)
    page.table.selectionModel().selectionChanged.connect(actions.update)
    page.table.selectionModel().selectionChanged.connect(menu_button.update_enabled)
    page.model.modelReset.connect(actions.update)
    actions.update()
    return actions


__all__ = ["BatchPrintActions", "add_batch_print", "open_batch_print"]
