"""What each queue's button does, through the core and off the GUI thread:
- form 04: the dossier list's own dialog (new date, reason, approving supervisor:
  ui/dossiers/lifecycle_dialogs.ApologyDialog), then `reschedule_dossier` and the form's
  context (ui/dossiers/lifecycle_actions.apology_for_dossier), then the print preview;
- call: the number to dial, shown big and selectable; "Đã gọi" marks the call (who, when, a
  note) with `counterapp.reports.marks.mark_called`;
- follow up: the request's applicant, phone and missing documents; "Đã nhắc" marks it with
  `mark_followed_up` and the request leaves the queue (it stays open in the register).
After each, the page reloads its figures (`done`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ui.messages import for_window
from ui.ops import BackgroundOp
from ui.session import current_officer_name


class ContactDialog(QDialog):
    """Who to contact and the number to dial; accepting marks it done (with an optional note)."""

    def __init__(self, parent: QWidget, title: str, rows: list[tuple[str, str]], phone: str | None,
                 accept_text: str) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.phone_label = QLabel(phone or self.tr("Không có số điện thoại"), objectName="contactPhone")
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.phone_label.setStyleSheet("font-size: 20pt; font-weight: 600;")
        form.addRow(self.tr("Số điện thoại:"), self.phone_label)
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            form.addRow(label, text)
        self.note = QLineEdit(objectName="contactNote")
        self.note.setPlaceholderText(self.tr("ví dụ: hẹn chiều mai đến nhận"))
        note_label = QLabel(self.tr("Ghi &chú:"))
        note_label.setBuddy(self.note)
        form.addRow(note_label, self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def note_text(self) -> str | None:
        return self.note.text().strip() or None


class QueueActions(QObject):
    """Owned by the dashboard page: needs `page.ctx`, `page.queues_panel` and `page.reload()`."""

    done = Signal(str)  # what was done, for the page's message line
    dossier_changed = Signal(str)  # a dossier got a new date (its change is queued for the portal)

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: QDialog | None = None
        self.preview_dialog = None
        self.error_box: QMessageBox | None = None
        panel = page.queues_panel
        panel.due_soon.action.connect(lambda code: self.apology(code, panel.due_soon.button))
        panel.overdue.action.connect(lambda code: self.apology(code, panel.overdue.button))
        panel.uncollected.action.connect(self.call)
        panel.follow_up.action.connect(self.follow_up)

    def _queues(self):  # noqa: ANN202
        return self.page.queues_panel.queues

    def _dossier(self, code: str):  # noqa: ANN202
        queues = self._queues()
        if queues is None:
            return None
        for item in (*queues.due_soon, *queues.overdue_items, *queues.uncollected):
            if item.code == code:
                return item
        return None

    # ------------------------------------------------------------------ form 04
    def apology(self, code: str, button: QWidget) -> None:
        ctx = self.page.ctx
        item = self._dossier(code)
        if ctx is None or item is None:
            return
        from ui.dossiers.lifecycle_dialogs import ApologyDialog

        dialog = ApologyDialog(self.page, code, item.due_in_force, ctx.config.zone)
        dialog.accepted.connect(lambda: self._apology_accepted(code, button, *dialog.value()))
        self.dialog = dialog
        dialog.open()

    def _apology_accepted(self, code: str, button: QWidget, new_due_at: Any, reason: str,
                          supervisor: str | None) -> None:
        from ui.dossiers.lifecycle_actions import apology_for_dossier

        ctx = self.page.ctx
        details = {"new_due_at": new_due_at.isoformat(), "reason": reason}
        (BackgroundOp(self.page, apology_for_dossier, ctx, code, current_officer_name(ctx),
                      new_due_at=new_due_at, reason=reason, supervisor=supervisor)
         .with_busy(button).success(lambda result: self._preview(code, result, details))
         .failure(self._failed).run())

    def _preview(self, code: str, result: Any, details: dict[str, Any]) -> None:
        from ui.intake.jobs import write_form_pdf
        from ui.intake.preview import open_preview

        ctx = self.page.ctx
        self.dossier_changed.emit(code)
        write_form_pdf(ctx, result)  # on the GUI thread, as the dossier list does (ui/intake/jobs.py)
        self.preview_dialog = open_preview(self.page, ctx, result, current_officer_name(ctx), log_open=True,
                                           details=details)
        self.done.emit(self.tr("Đã hẹn lại ngày trả và lập mẫu 04 cho hồ sơ {code}.").replace("{code}", code))

    # ------------------------------------------------------------------ call
    def call(self, code: str) -> None:
        item = self._dossier(code)
        ctx = self.page.ctx
        if ctx is None or item is None:
            return
        from ui.dashboard.common import when

        mark = item.extra.get("last_called")
        rows = [(self.tr("Người nộp:"), item.applicant_name), (self.tr("Hồ sơ:"), f"{code} — {item.procedure_name}"),
                (self.tr("Kết quả về:"), when(item.extra.get("result_back_at"), ctx.config.zone))]
        if mark is not None:
            rows.append((self.tr("Lần gọi trước:"), f"{when(mark.at, ctx.config.zone)} — {mark.by}"
                         + (f" — {mark.note}" if mark.note else "")))
        dialog = ContactDialog(self.page, self.tr("Gọi điện báo nhận kết quả — {code}").replace("{code}", code),
                               rows, item.phone, self.tr("Đã &gọi"))
        dialog.accepted.connect(lambda: self._mark(code, dialog.note_text(), called=True))
        self.dialog = dialog
        dialog.open()

    # ------------------------------------------------------------------ follow up
    def follow_up(self, number: str) -> None:
        queues = self._queues()
        ctx = self.page.ctx
        request = next((r for r in queues.follow_up if r.number == number), None) if queues else None
        if ctx is None or request is None:
            return
        from ui.dashboard.common import day

        rows = [(self.tr("Người nộp:"), request.applicant_name), (self.tr("Thủ tục:"), request.procedure_name),
                (self.tr("Ngày lập phiếu:"), day(request.created_at, ctx.config.zone)),
                (self.tr("Còn thiếu:"), "; ".join(m for m in request.missing if m))]
        dialog = ContactDialog(self.page, self.tr("Nhắc bổ sung hồ sơ — phiếu {n}").replace("{n}", number),
                               rows, request.phone, self.tr("Đã &nhắc"))
        dialog.accepted.connect(lambda: self._mark(number, dialog.note_text(), called=False))
        self.dialog = dialog
        dialog.open()

    def _mark(self, key: str, note: str | None, *, called: bool) -> None:
        from ui.dashboard import jobs

        ctx = self.page.ctx
        box = self.page.queues_panel.uncollected if called else self.page.queues_panel.follow_up
        text = (self.tr("Đã ghi nhận cuộc gọi cho hồ sơ {key}.") if called
                else self.tr("Đã ghi nhận nhắc lại phiếu {key}.")).replace("{key}", key)
        (BackgroundOp(self.page, jobs.call_made if called else jobs.followed_up, ctx, key, current_officer_name(ctx),
                      note)
         .with_busy(box.button).success(lambda _mark: self.done.emit(text)).failure(self._failed).run())

    def _failed(self, exc: BaseException) -> None:
        text = for_window(str(exc))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Tổng quan"), text, parent=self.page)
        box.setObjectName("dashboardActionRefusal")
        box.open()
        self.error_box = box
        self.page.show_message(text)


__all__ = ["ContactDialog", "QueueActions"]
