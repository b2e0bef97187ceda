"""Drafts of the intake page, and putting a stored intake back on the form.

Why: a half-typed intake must survive a crash or a closed window (saved every few
seconds, offered back on start), and a request to complete from the register (form 02,
ui/intake/saving.py) reopens the intake as it was typed. Both put an IntakeRequest
dict back on the form through `fill_from_request`. Esc discards the intake and its draft
(`back_out`); closing the window keeps it (`shutdown`). Split from page.py to keep it small.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ui.ops import BackgroundOp

if TYPE_CHECKING:
    from counterapp.app import AppContext

log = logging.getLogger(__name__)

translate = QCoreApplication.translate  # called with the literal context "IntakePage" (lupdate reads it)


class DraftsMixin:
    """Drafts and refilling the form, for IntakePage (a QWidget)."""

    def draft_state(self) -> dict[str, Any]:
        return {
            "request": self.build_request(),
            "ui": {
                "procedure_name": self.procedure.name if self.procedure is not None else None,
                "checklist": self.checklist.state(),
                "fees_paid": self.fees_box.paid(),
                "province_text": self.province_combo.currentText(),
                "commune_text": self.commune_combo.currentText(),
                "completion_number": self.completion_number,  # reopened from the register (form 02)
            },
        }

    def save_draft_now(self, background: bool = False) -> bool:
        """Save the form as a draft if it changed since the last save and is not empty.

        In the background (the periodic save) the write goes through the page's one-thread
        pool, after any earlier write; otherwise (closing) it is written before returning."""
        if self.ctx is None or self._busy or not self._dirty:
            return False
        if self.is_empty():
            return False
        state, uuid = self.draft_state(), self.draft_uuid
        self._dirty = False
        if background:
            # A draft that cannot be written is shown (the op's default failure): the officer
            # must not believe a half-typed intake is safe when it is not.
            (BackgroundOp(self, _write_draft, self.ctx, state, self.officer_now(), uuid)
             .describe(translate("IntakePage", "Lưu bản nháp hồ sơ đang nhập")).run(self.write_pool))
            return True
        self.write_pool.waitForDone(10_000)
        try:
            _write_draft(self.ctx, state, self.officer_now(), uuid)
        except Exception:  # noqa: BLE001  (a draft is a convenience; never lose the form over it)
            log.exception("saving the intake draft failed")
            self._dirty = True
            return False
        return True

    def keep_draft(self) -> bool:
        """After a crash: save now if anything is unsaved. True when what the officer typed is
        in a draft (saved now or by the periodic save), False for an empty form."""
        if self.ctx is None or self.is_empty():
            return False
        if self._dirty:
            return self.save_draft_now()
        return True

    def offer_drafts(self) -> None:
        if self.ctx is None:
            return
        from counterapp.dossiers.intake import load_drafts
        from counterapp.forms.formatting import format_datetime

        with self.ctx.sessions() as session:
            drafts = load_drafts(session)
            offered = []
            for d in drafts:
                if d.uuid == self.draft_uuid:
                    continue
                payload = d.payload or {}
                request = payload.get("request") or {}
                name = ((request.get("applicant") or {}).get("name") or
                        (request.get("applicant") or {}).get("org_name") or translate("IntakePage", "(chưa có tên)"))
                proc = (payload.get("ui") or {}).get("procedure_name") or request.get("procedure_code") or ""
                when = format_datetime(d.updated_at, self.ctx.config.zone)
                offered.append((d.uuid, f"{when} — {name} — {proc}"))
        self.offered_drafts = offered
        self.drafts_label.setText(
            translate("IntakePage", "Có {n} hồ sơ đang nhập dở (bản nháp) chưa lưu.").replace("{n}", str(len(offered)))
        )
        self.drafts_frame.setVisible(bool(offered))

    def open_offered_draft(self) -> None:
        if not self.offered_drafts:
            return
        if len(self.offered_drafts) == 1:
            uuid = self.offered_drafts[0][0]
        else:
            labels = [text for _uuid, text in self.offered_drafts]
            chosen = self.choose_item(translate("IntakePage", "Mở bản nháp"),
                                      translate("IntakePage", "Chọn hồ sơ nhập dở:"), labels)
            if chosen is None:
                return
            uuid = self.offered_drafts[labels.index(chosen)][0]
        if not self.is_empty() and not self.confirm(translate("IntakePage", "Mở bản nháp"),
                                                    translate("IntakePage", "Bỏ hồ sơ đang nhập để mở bản nháp?")):
            return
        self.restore_draft(uuid)

    def discard_offered_drafts(self) -> None:
        if not self.offered_drafts or self.ctx is None:
            return
        if not self.confirm(translate("IntakePage", "Xóa bản nháp"),
                            translate("IntakePage", "Xóa tất cả hồ sơ nhập dở được liệt kê?")):
            return
        from counterapp.db.engine import session_scope
        from counterapp.dossiers.intake import delete_draft

        with session_scope(self.ctx.writer_sessions) as session:
            for uuid, _text in self.offered_drafts:
                delete_draft(session, uuid)
        self.offer_drafts()

    def restore_draft(self, uuid: str) -> bool:
        from counterapp.dossiers.intake import get_draft

        assert self.ctx is not None
        with self.ctx.sessions() as session:
            draft = get_draft(session, uuid)
            payload = draft.payload if draft is not None else None
        if not payload:
            return False
        self.new_intake()
        request = payload.get("request") or {}
        ui = payload.get("ui") or {}
        self.fill_from_request(request, checklist=ui.get("checklist") or [], fees_paid=ui.get("fees_paid") or {})
        self.draft_uuid = uuid
        self.intake_uuid = request.get("uuid") or self.intake_uuid
        self.completion_number = ui.get("completion_number") or None
        self._dirty = False
        self.offer_drafts()
        self.focus_first_applicant_field()
        return True

    def fill_from_request(self, request: dict[str, Any], *, checklist: list[dict[str, Any]] | None,
                          fees_paid: dict[str, bool] | None = None) -> None:
        """Put an IntakeRequest dict back on the form (a draft, a register request).
        `checklist`: the checklist widget's own saved state, when there is one."""
        self._loading = True
        try:
            self.applicant.fill(request.get("applicant") or {})
            self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(int(request.get("channel") or 1))))
            self.sets_spin.setValue(int(request.get("sets_count") or 1))
            self.summary_edit.setText(str(request.get("summary") or ""))
            self.notes_edit.setText(str(request.get("notes") or ""))
            if request.get("procedure_code"):
                self.set_procedure(request["procedure_code"])
                if checklist is not None:
                    self.checklist.restore(checklist)
                paid = fees_paid
                if paid is None and request.get("fees"):
                    paid = {str(f.get("code") or f.get("name")): bool(f.get("paid")) for f in request["fees"]}
                self._rebuild_fees(paid=paid or {})
                self.fees_box.set_quantities({str(f.get("code") or f.get("name")): int(f.get("quantity") or 1)
                                              for f in request.get("fees") or []})
            self.subject.fill(request.get("subject"))  # after the procedure: it says whether the block shows
        finally:
            self._loading = False

    # ------------------------------------------------------------------ discarding, closing
    def back_out(self) -> None:
        """Esc: discard the intake being typed (after asking), then leave the page."""
        if self._busy:
            return
        if not self.is_empty():
            if not self.confirm(translate("IntakePage", "Hủy hồ sơ đang nhập"),
                                translate("IntakePage", "Bỏ hồ sơ đang nhập? Thông tin đã nhập và bản nháp sẽ bị xóa.")):
                return
            self._delete_current_draft()
            self.new_intake()
            return
        self.result_banner.hide()
        self.backed_out.emit()

    def shutdown(self) -> None:
        """The window is closing: keep what was typed as a draft."""
        self.draft_timer.stop()
        self.save_draft_now()


    def _delete_current_draft(self) -> None:
        if self.ctx is None or not self.draft_uuid:
            return
        self.write_pool.waitForDone(10_000)
        from counterapp.db.engine import session_scope
        from counterapp.dossiers.intake import delete_draft

        with session_scope(self.ctx.writer_sessions) as session:
            delete_draft(session, self.draft_uuid)


def _write_draft(ctx: AppContext, state: dict[str, Any], officer: str, uuid: str | None) -> None:
    from counterapp.db.engine import session_scope
    from counterapp.dossiers.intake import save_draft

    with session_scope(ctx.writer_sessions) as session:
        save_draft(session, state, officer, uuid=uuid)
