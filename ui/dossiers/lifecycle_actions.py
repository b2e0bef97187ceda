"""The dossier list's actions on one dossier after receipt: resolved now at the counter,
hand the result over, a new date with the apology, record a payment and print the fee
receipt.

A mixin of `DossierListPage` (kept apart so the page stays readable). Each action opens
its dialog (lifecycle_dialogs.py) with `open()`, then runs the core off the GUI thread;
which buttons are enabled follows the core's transition table, and the core's refusals
(with their reasons) are shown as they come.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ui.ops import BackgroundOp
from ui.session import current_officer_name

if TYPE_CHECKING:
    from counterapp.dossiers.ui_support import ListRow


# --------------------------------------------------------------------------- background work
def apology_for_dossier(ctx, code: str, officer: str, *, new_due_at: datetime, reason: str,  # noqa: ANN001
                        supervisor: str | None):  # noqa: ANN201
    """Record the new date (with the approving supervisor, when needed), then build form 04."""
    from counterapp.dossiers.new_date import reschedule_dossier
    from ui.intake import jobs

    reschedule_dossier(ctx, code, new_due_at, reason, officer, supervisor=supervisor)
    return jobs.form_for_dossier(ctx, code, "apology", officer, new_due_at=new_due_at, reason=reason)


def pay_and_receipt(ctx, code: str, officer: str, *, method: str, at: datetime):  # noqa: ANN001, ANN201
    """Record the payment, then build the fee receipt (paid fees, time of payment)."""
    from counterapp.dossiers.fees import record_payment
    from ui.intake import jobs

    record_payment(ctx, code, officer, method=method, at=at)
    return jobs.form_for_dossier(ctx, code, "fee_receipt", officer)


class LifecycleActions:
    """Mixed into DossierListPage: needs `ctx`, `current_row()`, `_status_changed`,
    `_action_failed`, `_open_preview` and the buttons made by `_build_lifecycle_buttons`.
    Who acts is read when the action runs (`current_officer_name`), never cached."""

    ctx: Any

    def _build_lifecycle_buttons(self) -> list[Any]:
        from PySide6.QtWidgets import QPushButton

        self.resolve_button = QPushButton(clicked=self.resolve_now, objectName="resolveButton")
        self.return_button = QPushButton(clicked=self.mark_returned, objectName="returnButton")
        self.apology_button = QPushButton(clicked=self.apology, objectName="apologyButton")
        self.pay_button = QPushButton(clicked=self.record_payment, objectName="payButton")
        self.return_dialog = self.apology_dialog = self.payment_dialog = None
        return [self.resolve_button, self.return_button, self.pay_button, self.apology_button]

    def _retranslate_lifecycle(self) -> None:
        self.resolve_button.setText(self.tr("&Giải quyết ngay"))
        self.resolve_button.setToolTip(self.tr("Thủ tục giải quyết xong tại quầy: chuyển sang \"Đã xử lý xong\""))
        self.return_button.setText(self.tr("T&rả kết quả…"))
        self.pay_button.setText(self.tr("Th&u phí…"))
        self.apology_button.setText(self.tr("&Xin lỗi, gia hạn…"))  # short: the action row fits 1024 px
        self.apology_button.setToolTip(self.tr("Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (mẫu 04)"))

    def _update_lifecycle_actions(self, row: ListRow | None, details: dict[str, Any] | None) -> None:
        from counterapp.dossiers.fees import NO_PAYMENT_STATUSES
        from counterapp.dossiers.status import ALLOWED_TRANSITIONS, RUNNING_STATUSES, DossierStatus

        try:
            status = DossierStatus(row.status) if row is not None else None
        except ValueError:
            status = None
        allowed = ALLOWED_TRANSITIONS[status] if status is not None else frozenset()
        # "Resolved now" is for a dossier still with the counter (received / processing).
        self.resolve_button.setEnabled(DossierStatus.FINISHED in allowed and status in RUNNING_STATUSES)
        self.return_button.setEnabled(DossierStatus.RETURNED in allowed)
        self.apology_button.setEnabled(row is not None and row.overdue)
        unpaid = bool(details) and any(not f.get("paid") for f in details.get("fees") or [])
        self.pay_button.setEnabled(status is not None and unpaid and status not in NO_PAYMENT_STATUSES)

    # ------------------------------------------------------------------ actions
    def resolve_now(self) -> None:
        row = self.current_row()
        if row is None or self.ctx is None:
            return
        from counterapp.dossiers.lifecycle import resolve_now

        code = row.code
        (BackgroundOp(self, resolve_now, self.ctx, code, current_officer_name(self.ctx))
         .with_busy(self.resolve_button).after(self._update_actions)
         .success(lambda _d: self._status_changed(
             code, self.tr("Hồ sơ {code} đã giải quyết xong tại quầy, có thể trả kết quả.")))
         .failure(self._action_failed).run())

    def mark_returned(self) -> None:
        row = self.current_row()
        if row is None or self.ctx is None:
            return
        from ui.dossiers.lifecycle_dialogs import ReturnDialog

        dialog = ReturnDialog(self, row.code, row.applicant_name)
        code = row.code
        dialog.accepted.connect(lambda: self._return_accepted(code, dialog.value()))
        self.return_dialog = dialog
        dialog.open()

    def _return_accepted(self, code: str, value: dict[str, Any]) -> None:
        from counterapp.dossiers.lifecycle import mark_returned

        (BackgroundOp(self, mark_returned, self.ctx, code, value["returned_to"], None, current_officer_name(self.ctx),
                      id_number=value["id_number"], applicant=value["applicant"], note=value["note"])
         .with_busy(self.return_button).after(self._update_actions)
         .success(lambda _d: self._returned(code))
         .failure(self._action_failed).run())

    def _returned(self, code: str) -> None:
        from ui.rating import offer_rating

        self._status_changed(code, self.tr("Đã trả kết quả hồ sơ {code}."))
        offer_rating(self, code, "return")  # the result is recorded; the rating never blocks

    def apology(self) -> None:
        row = self.current_row()
        if row is None or self.ctx is None:
            return
        from ui.dossiers.lifecycle_dialogs import ApologyDialog

        dialog = ApologyDialog(self, row.code, row.due_at, self.ctx.config.zone)
        code = row.code
        dialog.accepted.connect(lambda: self._apology_accepted(code, *dialog.value()))
        self.apology_dialog = dialog
        dialog.open()

    def _apology_accepted(self, code: str, new_due_at: datetime, reason: str, supervisor: str | None) -> None:
        details = {"new_due_at": new_due_at.isoformat(), "reason": reason}
        (BackgroundOp(self, apology_for_dossier, self.ctx, code, current_officer_name(self.ctx),
                      new_due_at=new_due_at, reason=reason, supervisor=supervisor)
         .with_busy(self.apology_button).after(self._update_actions)
         .success(lambda result: self._open_preview(result, details)).failure(self._action_failed).run())

    def record_payment(self) -> None:
        row = self.current_row()
        if row is None or self.ctx is None:
            return
        from ui.dossiers.lifecycle_dialogs import PaymentDialog

        dialog = PaymentDialog(self, row.code, self.ctx.config.zone)
        code = row.code
        dialog.accepted.connect(lambda: self._payment_accepted(code, *dialog.value()))
        self.payment_dialog = dialog
        dialog.open()

    def _payment_accepted(self, code: str, method: str, at: datetime) -> None:
        def done(result: Any) -> None:
            self._status_changed(code, self.tr("Đã ghi nhận thu phí, lệ phí hồ sơ {code}."))
            self._open_preview(result)

        (BackgroundOp(self, pay_and_receipt, self.ctx, code, current_officer_name(self.ctx), method=method, at=at)
         .with_busy(self.pay_button).after(self._update_actions).success(done).failure(self._action_failed).run())


__all__ = ["LifecycleActions", "apology_for_dossier", "pay_and_receipt"]
