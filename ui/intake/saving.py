"""What the intake page does when the officer saves: receive, or issue form 02, or refuse.

Why its own file: under the one-stop rules an incomplete paper dossier is not received
(NĐ 118/2025, TT 03/2025). Ctrl+S hands the intake to the core, which refuses to
receive it while a required document is missing (IncompleteDossier, nothing written);
the page then offers form 02 (request to complete, recorded in the register) or form
03 (refusal), keyboard first, default form 02. A request from the register can be
reopened (Ctrl+B) prefilled, and saving it receives the dossier from that request.
No rule here: what is missing, the number, the dossier all come from the core.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from ui.messages import for_window
from ui.ops import BackgroundOp

if TYPE_CHECKING:
    from ui.intake.jobs import FormResult

log = logging.getLogger(__name__)

translate = QCoreApplication.translate  # called with the literal context "IntakePage" (lupdate reads it)

ACTION_COMPLETION = "completion"
ACTION_REFUSAL = "refusal"


class SavingMixin:
    """Saving, form 02 / 03 and the register of requests, for IntakePage (a QWidget).
    Strings use the page's translation context, "IntakePage", so scripts/i18n.sh keeps
    them with the page's other strings."""

    completion_number: str | None = None  # the register request this intake was reopened from
    pending_missing: list[dict[str, Any]] | None = None  # what the core said is missing, last Ctrl+S

    # ------------------------------------------------------------------ saving
    def save(self) -> None:
        if self.ctx is None or self._busy:
            return
        from ui.intake import jobs

        if self.completion_number:
            busy = translate("IntakePage", "Đang tiếp nhận hồ sơ từ phiếu yêu cầu bổ sung…")
            self._run(jobs.receive_request, self.completion_number, self.build_request(), self.officer_now(),
                      busy_text=busy)
            return
        busy = translate("IntakePage", "Đang lưu hồ sơ và tạo giấy tiếp nhận…")
        self._run(jobs.save_intake, self.build_request(), self.officer_now(), busy_text=busy)

    def request_completion(self) -> None:
        """Form 02 for the intake on screen: recorded in the register, the dossier NOT received."""
        if self.ctx is None or self._busy:
            return
        if self.procedure is not None and not self.checklist.missing_rows():
            QMessageBox.information(self, translate("IntakePage", "Yêu cầu bổ sung"),
                                    translate("IntakePage", "Danh mục giấy tờ không có giấy tờ nào bị thiếu."))
            return
        from counterapp.dossiers.completion import default_reason

        reason = self.ask_text(translate("IntakePage", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)"),
                               translate("IntakePage", "Lý do / nội dung cần bổ sung:"),
                               default_reason(self.ctx.config))
        if reason is None:
            return
        from ui.intake import jobs

        self._run(jobs.open_request, self.build_request(), self.officer_now(), reason,
                  busy_text=translate("IntakePage", "Đang lập phiếu yêu cầu bổ sung…"))

    def refuse(self) -> None:
        if self.ctx is None or self._busy:
            return
        reason = self.ask_text(translate("IntakePage", "Từ chối tiếp nhận hồ sơ"),
                               translate("IntakePage", "Lý do từ chối:"), "")
        if reason is None:
            return
        from ui.intake import jobs

        self._run(jobs.refuse, self.build_request(), self.officer_now(), reason,
                  busy_text=translate("IntakePage", "Đang ghi nhận từ chối và tạo phiếu từ chối…"))

    def _run(self, fn: Any, *args: Any, busy_text: str) -> None:
        self._busy = True
        self._clear_errors()
        self.result_banner.hide()
        self.busy_label.setText(busy_text)
        self.save_button.setEnabled(False)
        self.draft_timer.stop()
        BackgroundOp(self, fn, self.ctx, *args).success(self._saved).failure(self._save_failed).run(self.write_pool)

    def _finish_busy(self) -> None:
        self._busy = False
        self.busy_label.setText("")
        self.save_button.setEnabled(True)
        self.draft_timer.start()

    def _result_text(self, result: FormResult) -> str:
        from counterapp.forms.formatting import format_datetime

        zone = self.ctx.config.zone
        code_text = result.code
        if result.provisional:
            code_text += translate("IntakePage", " (MÃ TẠM — chờ cổng dịch vụ công xác nhận)")
        if result.form == "receipt":
            due = format_datetime(result.due_at, zone) if result.due_at else translate("IntakePage", "(không có)")
            text = translate("IntakePage", "Đã tiếp nhận hồ sơ {code} của {name}. Hẹn trả kết quả: {due}.")
            text = text.replace("{due}", due)
            if result.due_rule_text:
                rule = translate("IntakePage", "Cách tính ngày hẹn: {rule}").replace("{rule}", result.due_rule_text)
                text += "\n" + rule
        elif result.register_number:
            names = "; ".join(row["name"] for row in result.context.get("missing_documents", []))
            text = translate("IntakePage", "Hồ sơ của {name} CHƯA được tiếp nhận: đã lập phiếu yêu cầu bổ sung "
                             "số {code} (còn thiếu: {missing}). Khi người nộp quay lại, mở phiếu bằng Ctrl+B.")
            text = text.replace("{missing}", names)
        else:
            text = translate("IntakePage", "Đã ghi nhận từ chối tiếp nhận hồ sơ {code} của {name}.")
        text = text.replace("{code}", code_text).replace("{name}", result.applicant_name)
        if result.pdf_error:
            text += "\n" + translate("IntakePage", "Không tạo được tệp PDF: {e}").replace("{e}", result.pdf_error)
        return text

    def _saved(self, result: FormResult) -> None:
        from ui.intake.jobs import write_form_pdf
        from ui.intake.preview import open_preview

        self._finish_busy()
        write_form_pdf(self.ctx, result)
        self.last_result = result
        self.pending_missing = None
        self.result_banner.setText(self._result_text(result))
        self.result_banner.show()
        self.new_intake(keep_result=True)
        self.refresh_numbers_banner()
        if not result.register_number:
            self.saved.emit(result.code)
        details = result.pdf_details if result.register_number else None
        self.preview_dialog = open_preview(self, self.ctx, result, self.officer_now(), details=details)
        from ui.rating import offer_after_intake

        offer_after_intake(self, result)  # saved and printed first; the rating never blocks

    def _save_failed(self, exc: BaseException) -> None:
        from counterapp.dossiers.completion import CompletionRequestClosed, CompletionRequestNotFound
        from counterapp.dossiers.intake import IncompleteDossier, IntakeError

        self._finish_busy()
        if isinstance(exc, IncompleteDossier):
            self.pending_missing = list(exc.missing)
            self._show_incomplete(exc.missing)
            if self.completion_number:
                return  # reopened from the register: tick what was handed in, then Ctrl+S again
            action = self.choose_incomplete_action([m["name"] for m in exc.missing])
            if action == ACTION_COMPLETION:
                self.request_completion()
            elif action == ACTION_REFUSAL:
                self.refuse()
        elif isinstance(exc, IntakeError):
            self._show_errors_list([(e.field, e.message) for e in exc.errors])
        elif isinstance(exc, (CompletionRequestClosed, CompletionRequestNotFound)):
            self.error_banner.setText(for_window(str(exc)))
            self.error_banner.show()
        else:
            self.error_banner.setText(translate("IntakePage", "Không lưu được hồ sơ: {e}").replace("{e}", for_window(str(exc))))
            self.error_banner.show()

    def _show_incomplete(self, missing: list[dict[str, Any]]) -> None:
        names = "; ".join(m["name"] for m in missing)
        text = translate("IntakePage", "Hồ sơ chưa đầy đủ, KHÔNG tiếp nhận. Còn thiếu {n} giấy tờ: {names}. "
                         "Lập phiếu yêu cầu bổ sung (mẫu 02) hoặc từ chối tiếp nhận (mẫu 03).")
        self.error_banner.setText(text.replace("{n}", str(len(missing))).replace("{names}", names))
        self.error_banner.show()
        for row in self.checklist.missing_rows()[:1]:
            self.show_checklist_row(row)

    # ------------------------------------------------------------------ the register
    def open_completion_register(self) -> None:
        """Ctrl+B: pick an open request to complete and reopen its intake, prefilled."""
        if self.ctx is None or self._busy:
            return
        from datetime import datetime

        from counterapp.forms.formatting import format_datetime
        from ui.intake.jobs import open_requests

        rows = open_requests(self.ctx)
        if not rows:
            QMessageBox.information(self, translate("IntakePage", "Phiếu yêu cầu bổ sung"),
                                    translate("IntakePage", "Không có phiếu yêu cầu bổ sung nào đang chờ."))
            return
        zone = self.ctx.config.zone
        missing_text = translate("IntakePage", "thiếu: {m}")
        labels = [
            f"{r['number']} — {format_datetime(datetime.fromisoformat(r['created_at']), zone)} — "
            f"{r['applicant_name']} — {r['procedure_name']} — "
            + missing_text.replace("{m}", "; ".join(m["name"] for m in r["missing"]))
            for r in rows
        ]
        chosen = self.choose_item(translate("IntakePage", "Tiếp nhận từ phiếu yêu cầu bổ sung"),
                                  translate("IntakePage", "Chọn phiếu của người nộp đã quay lại:"), labels)
        if chosen is None:
            return
        if not self.is_empty() and not self.confirm(translate("IntakePage", "Mở phiếu yêu cầu bổ sung"),
                                                    translate("IntakePage", "Bỏ hồ sơ đang nhập để mở phiếu?")):
            return
        self.load_completion_request(rows[labels.index(chosen)])

    def load_completion_request(self, row: dict[str, Any]) -> None:
        """Reopen the intake of a register row; saving then receives the dossier from it."""
        self._delete_current_draft()
        self.new_intake()
        request = dict(row.get("request") or {})
        self.fill_from_request(request, checklist=None)
        if request.get("procedure_code") and self.procedure is not None:
            self.checklist.restore_request(request.get("documents"), request.get("applicable_cases"))
        self.completion_number = row["number"]
        text = translate("IntakePage", "Tiếp nhận từ phiếu yêu cầu bổ sung số {number}: đánh dấu các giấy tờ "
                         "đã nộp bổ sung ({missing}), rồi Ctrl+S.")
        missing = "; ".join(m["name"] for m in row["missing"])
        self.info_banner.setText(text.replace("{number}", row["number"]).replace("{missing}", missing))
        self.info_banner.show()
        rows = self.checklist.missing_rows()
        if rows:
            self.show_checklist_row(rows[0])

    # ------------------------------------------------------------------ dialogs (tests replace these)
    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, label: str, default: str = "") -> str | None:
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, default)
        return text if ok else None

    def choose_item(self, title: str, label: str, items: list[str]) -> str | None:
        item, ok = QInputDialog.getItem(self, title, label, items, 0, False)
        return item if ok else None

    def choose_incomplete_action(self, missing: list[str]) -> str | None:
        """Form 02 (default, Enter), form 03, or back to the form (Esc)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("IntakePage", "Hồ sơ chưa đầy đủ"))
        intro = translate("IntakePage", "Hồ sơ chưa đầy đủ nên không được tiếp nhận. Còn thiếu:")
        box.setText(intro + "\n• " + "\n• ".join(missing))
        completion = box.addButton(translate("IntakePage", "&Lập phiếu yêu cầu bổ sung (mẫu 02)"),
                                   QMessageBox.ButtonRole.AcceptRole)
        refusal = box.addButton(translate("IntakePage", "&Từ chối tiếp nhận (mẫu 03)"),
                                QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(translate("IntakePage", "&Quay lại sửa"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(completion)
        box.setEscapeButton(back)
        box.exec()
        clicked = box.clickedButton()
        if clicked is completion:
            return ACTION_COMPLETION
        if clicked is refusal:
            return ACTION_REFUSAL
        return None
