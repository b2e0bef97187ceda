"""The intake page: pick the procedure, fill the applicant, tick the checklist, save.

No rule lives here: validation, codes, appointments, statuses, missing documents and
fees come from the core (`counterapp.dossiers.intake`, `counterapp.dossiers.ui_support`).
The page gathers what the officer typed into an IntakeRequest-shaped dict, hands it to
the core in the background, and shows what comes back. An incomplete dossier is not
received: see ui/intake/saving.py (form 02 / 03, the register of requests to complete).

Layout for 1366×768 (usable at 1280×720): two columns. Left: the procedure (its results
fold away once chosen, ui/intake/procedure_picker.py), the applicant (folded to one line
once a citizen ID card filled it, ui/intake/applicant_form.py), the reception fields.
Right: the checklist (ui/intake/checklist.py, its own scroll area), fees
(ui/intake/fees.py), notes. Keys: Enter moves on; Enter from the last applicant field goes
to the checklist, where Space ticks, digits count, Up/Down move, Enter goes to Save.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.intake.applicant_form import ApplicantForm
from ui.intake.banners import Banners
from ui.intake.cccd_watcher import CccdWatcher
from ui.intake.documents_box import DocumentsBox
from ui.intake.drafts import DraftsMixin
from ui.intake.error_display import ErrorsMixin
from ui.intake.fees import FeesBox
from ui.intake.field_errors import FieldErrors, field_row
from ui.intake.procedure_picker import ProcedurePicker
from ui.intake.reception import ReceptionBox
from ui.intake.saving import SavingMixin
from ui.intake.subject_form import SubjectForm
from ui.wheel_guard import guard_wheel

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.dossiers.cccd import CitizenCard
    from ui.intake.jobs import FormResult

log = logging.getLogger(__name__)

DRAFT_INTERVAL_MS = 5000



# the applicant's widgets, reachable on the page under the same names (tests, drafts, scripts)
APPLICANT_WIDGETS = (
    "kind_citizen", "kind_org", "org_name_edit", "tax_code_edit", "representative_edit", "name_edit", "id_edit",
    "old_id_edit", "dob_edit", "sex_combo", "province_combo", "commune_combo", "street_edit", "phone_edit",
    "email_edit",
)


class IntakePage(SavingMixin, DraftsMixin, ErrorsMixin, QWidget):
    """Receiving one dossier. `start(code)` begins an intake (with that procedure).
    Saving, form 02 / 03 and the register of requests to complete: ui/intake/saving.py;
    drafts and putting a stored request back on the form: ui/intake/drafts.py."""

    saved = Signal(str)  # dossier code
    backed_out = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakePage")
        self.ctx: AppContext | None = None
        self._pending_start: str | None = None  # a start asked for before the data folder opened
        self.procedure = None  # counterapp.catalog.models.Procedure (detached)
        self.procedure_code: str | None = None
        self.draft_uuid: str | None = None
        self.intake_uuid: str | None = None
        self._loading = False
        self._dirty = False
        self._busy = False
        self.errors = FieldErrors(self)
        self.errors.cleared.connect(self._error_fixed)
        self.last_result: FormResult | None = None
        self.preview_dialog = None
        self.offered_drafts: list[tuple[str, str]] = []  # (uuid, description)

        self._build()
        guard_wheel(self)
        self.cccd = CccdWatcher(self)
        for edit in self.findChildren(QLineEdit):
            self.cccd.watch(edit)
        self.cccd.card_scanned.connect(self.fill_from_card)
        self._install_keys()
        self._watch_changes()
        # Drafts and the intake itself are written one after the other, in order, off the
        # GUI thread: a draft saved just before the dossier can never come back after it.
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self.draft_timer = QTimer(self)
        self.draft_timer.setInterval(DRAFT_INTERVAL_MS)
        self.draft_timer.timeout.connect(lambda: self.save_draft_now(background=True))
        self.retranslate()
        self._set_enabled(False)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 4)
        outer.setSpacing(4)
        self.banners = Banners()
        for name in ("numbers_banner", "result_banner", "error_banner", "info_banner", "drafts_frame", "drafts_label",
                     "drafts_open_button", "drafts_discard_button"):
            setattr(self, name, getattr(self.banners, name))
        self.drafts_open_button.clicked.connect(self.open_offered_draft)
        self.drafts_discard_button.clicked.connect(self.discard_offered_drafts)
        outer.addWidget(self.banners)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        # -- left: the procedure, the applicant, the reception
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll = scroll
        left_host = QWidget()
        scroll.setWidget(left_host)
        left = QVBoxLayout(left_host)
        left.setContentsMargins(0, 0, 4, 0)
        left.setSpacing(4)
        self.picker = ProcedurePicker()
        self.picker.picked.connect(self.start)
        self.search_edit = self.picker.search_edit
        self.results = self.picker.results
        self.procedure_label = self.picker.chosen_label
        left.addWidget(self.picker, 1)
        left.addWidget(self.errors.label("procedure_code", self.search_edit))
        self.picker.compact_changed.connect(
            lambda compact: (left.setStretchFactor(self.picker, 0 if compact else 1),
                             left.setStretchFactor(self.left_tail, 1 if compact else 0)))

        self.applicant = ApplicantForm(self.errors)
        self.applicant_box = self.applicant
        for name in APPLICANT_WIDGETS:
            setattr(self, name, getattr(self.applicant, name))
        left.addWidget(self.applicant)
        self.subject = SubjectForm(self.errors)  # the child, the deceased: only for procedures about one
        self.subject.applicant_name = self.name_edit.text
        left.addWidget(self.subject)

        self.reception = ReceptionBox(self.errors)
        self.receipt_box = self.reception
        for name in ("channel_combo", "sets_spin", "summary_edit", "time_limit_label"):
            setattr(self, name, getattr(self.reception, name))
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        left.addWidget(self.receipt_box)
        self.left_tail = QWidget()  # takes the spare height once the results have folded away
        left.addWidget(self.left_tail, 0)
        splitter.addWidget(scroll)

        # -- right: the checklist, the fees, the notes
        right_host = QWidget()
        right = QVBoxLayout(right_host)
        right.setContentsMargins(4, 0, 0, 0)
        right.setSpacing(4)
        self.docs_box = DocumentsBox()
        self.checklist = self.docs_box.checklist
        self.checklist_scroll = self.docs_box.scroll
        self.missing_label = self.docs_box.missing_label
        self.checklist.finished.connect(lambda: self.save_button.setFocus(Qt.FocusReason.OtherFocusReason))
        right.addWidget(self.docs_box, 1)

        self.fees_box = FeesBox()
        self.fees_box.changed.connect(self._mark_dirty)
        right.addWidget(self.fees_box)
        notes_form = QFormLayout()
        self.notes_edit = QLineEdit(objectName="notes")
        self.notes_label = field_row(notes_form, self.errors, "notes", self.notes_edit)
        right.addLayout(notes_form)
        right.addWidget(self.errors.label("general", self))
        splitter.addWidget(right_host)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 8)
        splitter.setSizes([440, 880])

        # -- buttons
        buttons = QHBoxLayout()
        self.save_button = QPushButton(objectName="saveButton", clicked=self.save)
        self.save_button.setDefault(False)
        self.completion_button = QPushButton(objectName="completionButton", clicked=self.request_completion)
        self.refuse_button = QPushButton(objectName="refuseButton", clicked=self.refuse)
        self.register_button = QPushButton(objectName="completionRegisterButton", clicked=self.open_completion_register)
        self.new_button = QPushButton(objectName="newButton", clicked=self.back_out)
        self.busy_label = QLabel()
        buttons.addWidget(self.busy_label, 1)
        for b in (self.register_button, self.completion_button, self.refuse_button, self.new_button, self.save_button):
            buttons.addWidget(b)
        outer.addLayout(buttons)

        self.form_fields: list[QWidget] = [*self.applicant.fields, *self.subject.fields, self.channel_combo,
                                           self.sets_spin, self.summary_edit]
        # tab order: procedure, applicant, reception, checklist (built later), fees, notes, buttons
        chain = [self.search_edit, self.results, *self.form_fields]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def retranslate(self) -> None:
        self.picker.retranslate()
        self.applicant.retranslate()
        self.subject.retranslate()
        self.reception.retranslate()
        self.docs_box.retranslate()
        self.fees_box.retranslate()
        self.notes_label.setText(self.tr("Ghi chú:"))
        self.notes_edit.setPlaceholderText(self.tr("Enter ở ô này để lưu hồ sơ"))
        self.save_button.setText(self.tr("&Lưu và in giấy tiếp nhận (Ctrl+S)"))
        self.completion_button.setText(self.tr("&Yêu cầu bổ sung (mẫu 02)…"))
        self.register_button.setText(self.tr("Phiếu chờ bổ sung… (Ctrl+B)"))
        self.refuse_button.setText(self.tr("Từ &chối tiếp nhận…"))
        self.new_button.setText(self.tr("Hủy / nhập mới (Esc)"))
        self.drafts_open_button.setText(self.tr("&Mở bản nháp"))
        self.drafts_discard_button.setText(self.tr("Xóa bản nháp"))
        for_draft = len(self.offered_drafts)
        self.drafts_label.setText(
            self.tr("Có {n} hồ sơ đang nhập dở (bản nháp) chưa lưu.").replace("{n}", str(for_draft))
        )
        self._update_procedure_label()
        self._update_missing_summary()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ keys
    def _install_keys(self) -> None:
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save, context=ctx)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save, context=ctx)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.back_out, context=ctx)
        QShortcut(QKeySequence("Ctrl+B"), self, activated=self.open_completion_register, context=ctx)
        QShortcut(QKeySequence(Qt.Key.Key_F4), self, activated=self.expand_applicant, context=ctx)
        for w in self.form_fields + [self.notes_edit, self.save_button]:
            w.installEventFilter(self)

    def _install_row_keys(self) -> None:
        for row in self.checklist.rows:
            for w in row.focus_widgets():
                if isinstance(w, QLineEdit):
                    self.cccd.watch(w)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                popup = obj.completer().popup() if isinstance(obj, QComboBox) and obj.completer() else None
                if popup is not None and popup.isVisible():
                    return False
                if obj is self.notes_edit or obj is self.save_button:
                    self.save()
                elif obj is self.applicant.last_field and self.subject.isVisibleTo(self):
                    self.subject.focus_first()  # the applicant is done: on to the person concerned
                elif obj in (self.applicant.last_field, self.subject.enter_exit, self.summary_edit) and self.checklist.rows:
                    self.checklist.focus_first()  # the applicant is done: on to the checklist
                else:
                    self.focusNextChild()
                return True
        return super().eventFilter(obj, event)

    def show_checklist_widget(self, widget: QWidget) -> None:
        self.docs_box.show_widget(widget)

    def show_checklist_row(self, row: Any) -> None:
        row.received.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_checklist_widget(row.received)

    def expand_applicant(self) -> None:
        """F4: unfold the applicant's card fields to correct them."""
        self.applicant.set_collapsed(False)
        self.name_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------------ context
    def set_context(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.picker.set_context(ctx)
        self._loading = True
        self.applicant.load_provinces()
        self._loading = False
        self._set_enabled(True)
        self.new_intake()
        self.refresh_numbers_banner()
        self.offer_drafts()
        self.run_search()
        self.draft_timer.start()
        pending, self._pending_start = self._pending_start, None
        if pending is not None and self.isVisible():
            self.start(pending or None)

    def officer_now(self) -> str:
        """Who records or prints, asked at the moment of the action (ui/session.py): signing in
        as someone else while the page is open changes the name on the next save or print."""
        from ui.session import current_officer_name

        return current_officer_name(self.ctx)

    @property
    def officer(self) -> str:
        """The officer now (the same as officer_now())."""
        return self.officer_now()

    def _set_enabled(self, enabled: bool) -> None:
        for w in (self.search_edit, self.results, self.save_button, self.completion_button, self.refuse_button,
                  self.register_button):
            w.setEnabled(enabled)

    def refresh_numbers_banner(self) -> None:
        if self.ctx is not None:
            self.numbering = self.banners.refresh_numbers(self.ctx)

    # ------------------------------------------------------------------ procedure
    def start(self, procedure_code: str | None = None) -> None:
        """Ctrl+N / a catalog pick: show the page, with that procedure when given."""
        if self.ctx is None:
            # The catalog is listed before the data folder is open: keep the pick for then.
            self._pending_start = procedure_code or ""
            return
        if procedure_code:
            if self.procedure_code and self.procedure_code != procedure_code and not self.is_empty():
                if not self.confirm(self.tr("Đổi thủ tục"),
                                    self.tr("Đổi sang thủ tục khác? Danh mục giấy tờ đã đánh dấu sẽ được làm lại.")):
                    return
            if self.procedure_code != procedure_code:
                self.set_procedure(procedure_code)
            self.picker.set_compact(self.procedure_code is not None)
            self.focus_first_applicant_field()
        elif self.procedure_code is None:
            self.picker.set_compact(False)
            self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search_edit.selectAll()
        else:
            self.focus_first_applicant_field()

    def focus_first_applicant_field(self) -> None:
        self.applicant.focus_first()

    def schedule_search(self) -> None:
        self.picker.schedule_search()

    def run_search(self) -> None:
        self.picker.run_search()

    def pick_current_result(self) -> None:
        self.picker.pick_current()

    def set_procedure(self, code: str) -> bool:
        from counterapp.catalog.records import get_procedure
        from counterapp.dossiers.ui_support import checklist_lines

        assert self.ctx is not None
        with self.ctx.sessions() as session:
            procedure = get_procedure(session, code)
            if procedure is None:
                self._show_errors_list([("procedure_code",
                                         self.tr("Không tìm thấy thủ tục {code}").replace("{code}", code))])
                return False
            session.expunge_all()
        self.procedure = procedure
        self.procedure_code = procedure.code
        self.result_banner.hide()  # the previous dossier's result: a new one has begun
        self.checklist.set_lines(checklist_lines(procedure))
        self.subject.set_procedure(procedure)
        guard_wheel(self.checklist)
        self._install_row_keys()
        self._rebuild_fees()
        self._update_procedure_label()
        self._update_missing_summary()
        self._dirty = True
        self._clear_errors()
        return True

    def _update_procedure_label(self) -> None:
        if self.procedure is None:
            self.procedure_label.setText(self.tr("Chưa chọn thủ tục."))
            self.time_limit_label.setText("")
            self.summary_edit.setPlaceholderText("")
            return
        from counterapp.dossiers.ui_support import time_limit_text

        self.procedure_label.setText(f"{self.procedure.code} — {self.procedure.name}")
        self.summary_edit.setPlaceholderText(self.procedure.name)
        self.time_limit_label.setText(time_limit_text(self.procedure, self.channel()) or self.tr("(không rõ)"))

    def channel(self) -> int:
        return int(self.channel_combo.currentData() or 1)

    def _channel_changed(self) -> None:
        if self.procedure is not None and not self._loading:
            self._rebuild_fees()
            self._update_procedure_label()

    @property
    def fee_rows(self) -> list[tuple[dict[str, Any], Any]]:
        return self.fees_box.rows

    def _rebuild_fees(self, paid: dict[str, bool] | None = None) -> None:
        self.fees_box.rebuild(self.procedure, self.channel(), paid)
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.summary_edit]
        for row in self.checklist.rows:
            chain += row.focus_widgets()
        chain += self.fees_box.focus_widgets()
        chain += [self.notes_edit, self.save_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _update_missing_summary(self) -> None:
        self.docs_box.update_missing()

    # ------------------------------------------------------------------ applicant
    def is_organization_shown(self) -> bool:
        return self.applicant.is_organization_shown()

    def fill_from_card(self, card: CitizenCard) -> None:
        """Fill the applicant from a scanned citizen ID card (CCCD); on to what the card lacks."""
        scanned_into = self.focusWidget()
        self.applicant.fill_from_card(card)
        self.info_banner.setText(
            self.tr("Đã điền thông tin người nộp từ CCCD số {id}: {name}.")
            .replace("{id}", card.id_number).replace("{name}", card.full_name)
        )
        self.info_banner.show()
        self._error_fixed()
        self._mark_dirty()
        # scanned into a folded field: the phone (the first field the card does not carry) is next
        if scanned_into is None or not scanned_into.isVisibleTo(self):
            self.phone_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ request
    def build_request(self) -> dict[str, Any]:
        """What the officer filled in, as an IntakeRequest dict (no checks here)."""
        return {
            "procedure_code": self.procedure_code,
            "applicant": self.applicant.applicant(),
            "subject": self.subject.subject(),
            "channel": self.channel(),
            "documents": self.checklist.documents() if self.procedure is not None else None,
            "applicable_cases": self.checklist.applicable_cases() if self.procedure is not None else [],
            "fees": self.fees_box.fees() if self.procedure is not None else None,
            "summary": self.summary_edit.text().strip() or None,
            "notes": self.notes_edit.text().strip() or None,
            "sets_count": self.sets_spin.value(),
            "officer": self.officer_now(),
            "uuid": self.intake_uuid,
            "draft_uuid": self.draft_uuid,
        }

    def is_empty(self) -> bool:
        return (self.procedure_code is None and not self.applicant.has_text() and not self.subject.has_text()
                and not self.summary_edit.text().strip() and not self.notes_edit.text().strip())

    # ------------------------------------------------------------------ reset, drafts
    def new_intake(self, keep_result: bool = False) -> None:
        """A blank form: nothing of the previous dossier stays (fields, placeholders, banners,
        red texts), except the result of the one just saved when `keep_result`."""
        from counterapp.db.base import new_uuid

        self._loading = True
        try:
            self.search_edit.clear()
            self.applicant.clear()
            self.summary_edit.clear()
            self.notes_edit.clear()
            self.channel_combo.setCurrentIndex(0)
            self.sets_spin.setValue(1)
            self.procedure = None
            self.procedure_code = None
            self.checklist.set_lines([])
            self.subject.set_kind(None)
            self._rebuild_fees()
            self._update_procedure_label()
            self._update_missing_summary()
            self.pending_missing = None
            self._clear_errors()
            self.info_banner.hide()
            self.info_banner.clear()
            self.picker.set_compact(False)
            if not keep_result:
                self.result_banner.hide()
        finally:
            self._loading = False
        self.draft_uuid = new_uuid()
        self.intake_uuid = new_uuid()
        self.completion_number = None
        self._dirty = False
        self.run_search()
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _watch_changes(self) -> None:
        self.applicant.changed.connect(self._mark_dirty)
        self.subject.changed.connect(self._mark_dirty)
        for w in (self.summary_edit, self.notes_edit):
            w.textChanged.connect(self._mark_dirty)
        self.channel_combo.currentIndexChanged.connect(self._mark_dirty)
        self.sets_spin.valueChanged.connect(self._mark_dirty)
        self.checklist.changed.connect(self._mark_dirty)
        from ui.rating import watch_intake

        watch_intake(self)  # the citizen's screen, and the next citizen closes an unanswered rating

    def _mark_dirty(self, *_args: Any) -> None:
        if not getattr(self, "_loading", True):
            self._dirty = True
