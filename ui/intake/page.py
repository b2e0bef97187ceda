"""The intake page: pick the procedure, fill the applicant, tick the checklist, save.

No rule lives here: validation, codes, appointments, statuses, missing documents and
fees come from the core (`counterapp.dossiers.intake`, `counterapp.dossiers.ui_support`).
The page gathers what the officer typed into an IntakeRequest-shaped dict, hands it to
the core in the background, and shows what comes back. An incomplete dossier is not
received: see ui/intake/saving.py (form 02 / 03, the register of requests to complete).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.intake.checklist import ChecklistWidget
from ui.intake.drafts import DraftsMixin
from ui.intake.saving import SavingMixin
from ui.wheel_guard import guard_wheel

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.dossiers.cccd import CitizenCard
    from ui.intake.jobs import FormResult

log = logging.getLogger(__name__)

DRAFT_INTERVAL_MS = 5000
CCCD_SETTLE_MS = 120  # a scanner's burst is over when the field has been quiet this long
SEARCH_LIMIT = 50

ERROR_STYLE = "color: #b00020"
BANNER_WARN = "background: #fff3cd; color: #5c4400; border: 1px solid #e0c36a; padding: 6px; border-radius: 3px"
BANNER_OK = "background: #e3f4e6; color: #1b5e20; border: 1px solid #8bc79a; padding: 6px; border-radius: 3px"
BANNER_ERR = "background: #fdecea; color: #8a1c12; border: 1px solid #e3a59e; padding: 6px; border-radius: 3px"
BANNER_INFO = "background: #e8f0fb; color: #17375e; border: 1px solid #9db7dc; padding: 6px; border-radius: 3px"


def _banner(style: str, object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class CccdWatcher(QObject):
    """Finds a citizen ID card payload typed into any watched line edit and cuts it out.

    A USB 2D scanner types the payload like a keyboard; once the field has been quiet
    for CCCD_SETTLE_MS, the payload's span (with a doubled copy, trailing empty fields
    and NULs, as `find_cccd_payload` reports it) is removed, so the field keeps what it
    held before, and `card_scanned` carries the card.
    """

    card_scanned = Signal(object)  # CitizenCard

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timers: dict[QLineEdit, QTimer] = {}

    def watch(self, edit: QLineEdit) -> None:
        if edit in self._timers:
            return
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(CCCD_SETTLE_MS)
        timer.timeout.connect(lambda e=edit: self.check(e))
        self._timers[edit] = timer
        edit.textChanged.connect(lambda text, t=timer: t.start() if "|" in text else None)

    def check(self, edit: QLineEdit) -> CitizenCard | None:
        from counterapp.dossiers.cccd import find_cccd_payload

        text = edit.text()
        match = find_cccd_payload(text)
        if match is None:
            return None
        edit.setText(text[: match.start] + text[match.end :])
        self.card_scanned.emit(match.card)
        return match.card


class IntakePage(SavingMixin, DraftsMixin, QWidget):
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
        self._error_labels: dict[str, QLabel] = {}
        self._error_targets: dict[str, QWidget] = {}
        self.fee_rows: list[tuple[dict[str, Any], QCheckBox]] = []
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
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(25)
        self.search_timer.timeout.connect(self.run_search)
        self.retranslate()
        self._set_enabled(False)

    # ------------------------------------------------------------------ building
    def _error_label(self, key: str, target: QWidget) -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setObjectName(f"error:{key}")
        label.hide()
        self._error_labels[key] = label
        self._error_targets[key] = target
        return label

    def _field(self, form: QFormLayout, key: str, widget: QWidget) -> QLabel:
        """A form row: mnemonic label (buddy = widget), the widget, its error line below."""
        label = QLabel()
        label.setBuddy(widget)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        lay.addWidget(self._error_label(key, widget))
        form.addRow(label, box)
        return label

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.numbers_banner = _banner(BANNER_WARN, "numbersBanner")
        self.result_banner = _banner(BANNER_OK, "resultBanner")
        self.error_banner = _banner(BANNER_ERR, "errorBanner")
        self.info_banner = _banner(BANNER_INFO, "infoBanner")
        self.drafts_frame = QFrame()
        self.drafts_frame.setObjectName("draftsBanner")
        self.drafts_frame.setStyleSheet("#draftsBanner {" + BANNER_INFO + "}")
        drafts_lay = QHBoxLayout(self.drafts_frame)
        drafts_lay.setContentsMargins(6, 2, 6, 2)
        self.drafts_label = QLabel()
        self.drafts_label.setWordWrap(True)
        self.drafts_open_button = QPushButton(clicked=self.open_offered_draft)
        self.drafts_discard_button = QPushButton(clicked=self.discard_offered_drafts)
        drafts_lay.addWidget(self.drafts_label, 1)
        drafts_lay.addWidget(self.drafts_open_button)
        drafts_lay.addWidget(self.drafts_discard_button)
        self.drafts_frame.hide()
        for w in (self.numbers_banner, self.drafts_frame, self.result_banner, self.error_banner, self.info_banner):
            outer.addWidget(w)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter, 1)

        # -- left: the procedure
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        self.procedure_search_label = QLabel()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("intakeProcedureSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.procedure_search_label.setBuddy(self.search_edit)
        self.results = QListWidget()
        self.results.setObjectName("intakeProcedureResults")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.itemActivated.connect(lambda _item: self.pick_current_result())
        self.procedure_label = QLabel()
        self.procedure_label.setObjectName("chosenProcedure")
        self.procedure_label.setWordWrap(True)
        self.procedure_label.setStyleSheet("font-weight: bold")
        left_lay.addWidget(self.procedure_search_label)
        left_lay.addWidget(self.search_edit)
        left_lay.addWidget(self.results, 1)
        left_lay.addWidget(self.procedure_label)
        left_lay.addWidget(self._error_label("procedure_code", self.search_edit))
        splitter.addWidget(left)

        # -- right: the form
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.scroll = scroll
        form_host = QWidget()
        scroll.setWidget(form_host)
        right = QVBoxLayout(form_host)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([300, 900])

        self.applicant_box = QGroupBox()
        app_lay = QVBoxLayout(self.applicant_box)
        kind_row = QHBoxLayout()
        self.kind_citizen = QRadioButton()
        self.kind_org = QRadioButton()
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.kind_citizen)
        self.kind_group.addButton(self.kind_org)
        self.kind_citizen.setChecked(True)
        self.kind_citizen.toggled.connect(self._kind_changed)
        kind_row.addWidget(self.kind_citizen)
        kind_row.addWidget(self.kind_org)
        kind_row.addStretch(1)
        app_lay.addLayout(kind_row)
        app_lay.addWidget(self._error_label("applicant.kind", self.kind_citizen))

        person = QFormLayout()
        self.person_form = person
        self.org_name_edit = QLineEdit(objectName="orgName")
        self.tax_code_edit = QLineEdit(objectName="taxCode")
        self.representative_edit = QLineEdit(objectName="representative")
        self.org_name_label = self._field(person, "applicant.org_name", self.org_name_edit)
        self.tax_code_label = self._field(person, "applicant.tax_code", self.tax_code_edit)
        self.representative_label = self._field(person, "applicant.representative", self.representative_edit)
        self.org_rows = (0, 1, 2)
        self.name_edit = QLineEdit(objectName="applicantName")
        self.id_edit = QLineEdit(objectName="idNumber")
        self.old_id_edit = QLineEdit(objectName="oldIdNumber")
        self.dob_edit = QLineEdit(objectName="dateOfBirth")
        self.sex_combo = QComboBox(objectName="sex")
        self.sex_combo.addItem("", None)
        self.sex_combo.addItem("Nam", "Nam")
        self.sex_combo.addItem("Nữ", "Nữ")
        self.province_combo = QComboBox(objectName="province")
        self.commune_combo = QComboBox(objectName="commune")
        for combo in (self.province_combo, self.commune_combo):
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = combo.completer()
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.province_combo.currentIndexChanged.connect(self._province_changed)
        self.street_edit = QLineEdit(objectName="street")
        self.phone_edit = QLineEdit(objectName="phone")
        self.email_edit = QLineEdit(objectName="email")
        self.name_label = self._field(person, "applicant.name", self.name_edit)
        self.id_label = self._field(person, "applicant.id_number", self.id_edit)
        self.old_id_label = self._field(person, "applicant.old_id_number", self.old_id_edit)
        self.dob_label = self._field(person, "applicant.date_of_birth", self.dob_edit)
        self.sex_label = self._field(person, "applicant.sex", self.sex_combo)
        self.province_label = self._field(person, "applicant.province_code", self.province_combo)
        self.commune_label = self._field(person, "applicant.commune_code", self.commune_combo)
        self.street_label = self._field(person, "applicant.street", self.street_edit)
        self.phone_label = self._field(person, "applicant.phone", self.phone_edit)
        self.email_label = self._field(person, "applicant.email", self.email_edit)
        app_lay.addLayout(person)
        right.addWidget(self.applicant_box)

        self.receipt_box = QGroupBox()
        rec_form = QFormLayout(self.receipt_box)
        self.channel_combo = QComboBox(objectName="channel")
        self.channel_combo.addItem("", 1)
        self.channel_combo.addItem("", 3)
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        self.sets_spin = QSpinBox(objectName="setsCount")
        self.sets_spin.setRange(1, 99)
        self.summary_edit = QLineEdit(objectName="summary")
        self.channel_label = self._field(rec_form, "channel", self.channel_combo)
        self.sets_label = self._field(rec_form, "sets_count", self.sets_spin)
        self.summary_label = self._field(rec_form, "summary", self.summary_edit)
        self.time_limit_label = QLabel()
        self.time_limit_caption = QLabel()
        rec_form.addRow(self.time_limit_caption, self.time_limit_label)
        right.addWidget(self.receipt_box)

        self.docs_box = QGroupBox()
        docs_lay = QVBoxLayout(self.docs_box)
        self.checklist = ChecklistWidget()
        self.missing_label = QLabel()
        self.missing_label.setObjectName("missingSummary")
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #b00020; font-weight: bold")
        docs_lay.addWidget(self.checklist)
        docs_lay.addWidget(self.missing_label)
        self.checklist.changed.connect(self._update_missing_summary)
        right.addWidget(self.docs_box)

        self.fees_box = QGroupBox()
        self.fees_grid = QGridLayout(self.fees_box)
        self.fees_empty = QLabel()
        self.fees_grid.addWidget(self.fees_empty, 0, 0, 1, 3)
        right.addWidget(self.fees_box)

        notes_form = QFormLayout()
        self.notes_edit = QLineEdit(objectName="notes")
        self.notes_label = self._field(notes_form, "notes", self.notes_edit)
        right.addLayout(notes_form)
        right.addWidget(self._error_label("general", self))
        right.addStretch(1)

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
        self._kind_changed()

        self.form_fields: list[QWidget] = [
            self.kind_citizen, self.kind_org, self.org_name_edit, self.tax_code_edit, self.representative_edit,
            self.name_edit, self.id_edit, self.old_id_edit, self.dob_edit, self.sex_combo, self.province_combo,
            self.commune_combo, self.street_edit, self.phone_edit, self.email_edit, self.channel_combo,
            self.sets_spin, self.summary_edit,
        ]
        # tab order: procedure, applicant, reception, checklist (built later), fees, notes, buttons
        chain = [self.search_edit, self.results, *self.form_fields]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def retranslate(self) -> None:
        self.procedure_search_label.setText(self.tr("Thủ t&ục (gõ mã hoặc tên, Enter để chọn):"))
        self.search_edit.setPlaceholderText(self.tr("Ví dụ: khai sinh, 1.001193"))
        self.applicant_box.setTitle(self.tr("Người nộp hồ sơ"))
        self.kind_citizen.setText(self.tr("Công dân"))
        self.kind_org.setText(self.tr("Tổ chức"))
        self.org_name_label.setText(self.tr("Tên tổ chức:"))
        self.tax_code_label.setText(self.tr("Mã số thuế:"))
        self.representative_label.setText(self.tr("Người đại diện:"))
        self.name_label.setText(self.tr("Họ &và tên:"))
        self.id_label.setText(self.tr("Số CCC&D:"))
        self.old_id_label.setText(self.tr("Số CMND cũ:"))
        self.dob_label.setText(self.tr("Ngày &sinh:"))
        self.dob_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.sex_label.setText(self.tr("Giớ&i tính:"))
        self.province_label.setText(self.tr("Tỉnh/thành &phố:"))
        self.commune_label.setText(self.tr("&Xã/phường:"))
        self.street_label.setText(self.tr("Số nhà, đường, thôn/tổ:"))
        self.phone_label.setText(self.tr("Điện th&oại:"))
        self.email_label.setText(self.tr("&Email:"))
        self.receipt_box.setTitle(self.tr("Tiếp nhận"))
        self.channel_label.setText(self.tr("&Kênh tiếp nhận:"))
        self.channel_combo.setItemText(0, self.tr("Trực tiếp tại quầy"))
        self.channel_combo.setItemText(1, self.tr("Qua dịch vụ bưu chính"))
        self.sets_label.setText(self.tr("Số &bộ hồ sơ:"))
        self.summary_label.setText(self.tr("T&rích yếu:"))
        self.time_limit_caption.setText(self.tr("Thời hạn giải quyết:"))
        self.docs_box.setTitle(self.tr("Thành phần hồ sơ"))
        self.fees_box.setTitle(self.tr("Phí, lệ phí"))
        self.fees_empty.setText(self.tr("Không có khoản phí, lệ phí."))
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
        self.search_edit.installEventFilter(self)
        for w in self.form_fields + [self.notes_edit]:
            w.installEventFilter(self)

    def _install_row_keys(self) -> None:
        for row in self.checklist.rows:
            for w in row.focus_widgets():
                w.installEventFilter(self)
                if isinstance(w, QLineEdit):
                    self.cccd.watch(w)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if obj is self.search_edit:
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                    self._move_result(key)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                    self.pick_current_result()
                    return True
                return False
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                popup = obj.completer().popup() if isinstance(obj, QComboBox) and obj.completer() else None
                if popup is not None and popup.isVisible():
                    return False
                if obj is self.notes_edit:
                    self.save()
                else:
                    self.focusNextChild()
                return True
        return super().eventFilter(obj, event)

    def _move_result(self, key: int) -> None:
        count = self.results.count()
        if not count:
            return
        row = self.results.currentRow()
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}[key]
        self.results.setCurrentRow(max(0, min(count - 1, (row if row >= 0 else -1) + step)))

    # ------------------------------------------------------------------ context
    def set_context(self, ctx: AppContext) -> None:
        self.ctx = ctx
        from counterapp.dossiers import admin_units

        self._loading = True
        self.province_combo.clear()
        self.province_combo.addItem("", None)
        for unit in admin_units.provinces():
            self.province_combo.addItem(unit.name, unit.code)
        self.province_combo.setCurrentIndex(0)
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
        """The officer now (ui/dossiers/install.py reads it when the list page attaches)."""
        return self.officer_now()

    @staticmethod
    def _resolve_officer(ctx: AppContext) -> str:
        """Kept for ui/dossiers/page.py, which resolves its officer once (not this page's business)."""
        try:
            from sync.auth import current_user

            who = current_user(ctx)
            if who is not None:
                return who.display_name or who.username
        except Exception:  # noqa: BLE001  (no sync area or no session: the OS user)
            log.debug("no signed-in officer", exc_info=True)
        from counterapp.dossiers.ui_support import default_officer

        return default_officer(ctx.config)

    def _set_enabled(self, enabled: bool) -> None:
        for w in (self.search_edit, self.results, self.save_button, self.completion_button, self.refuse_button,
                  self.register_button):
            w.setEnabled(enabled)

    def refresh_numbers_banner(self) -> None:
        if self.ctx is None:
            return
        from counterapp.dossiers.ui_support import numbering_notice

        with self.ctx.sessions() as session:
            notice = numbering_notice(session, self.ctx.config)
        self.numbering = notice
        if notice.provisional:
            text = self.tr("Đã hết dải số hồ sơ: hồ sơ tiếp nhận bây giờ sẽ mang MÃ TẠM (có chữ TAM) "
                           "cho đến khi cổng dịch vụ công cấp mã chính thức. Hãy đồng bộ để nhận dải số mới.")
        elif notice.low:
            text = self.tr("Sắp hết dải số hồ sơ: chỉ còn {n} số cho hôm nay. Hãy đồng bộ để nhận thêm; "
                           "khi hết, mã hồ sơ sẽ là mã tạm.").replace("{n}", str(notice.remaining))
        else:
            text = ""
        self.numbers_banner.setText(text)
        self.numbers_banner.setVisible(bool(text))

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
            self.set_procedure(procedure_code)
            self.focus_first_applicant_field()
        elif self.procedure_code is None:
            self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search_edit.selectAll()
        else:
            self.focus_first_applicant_field()

    def focus_first_applicant_field(self) -> None:
        target = self.org_name_edit if self.kind_org.isChecked() else self.name_edit
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def schedule_search(self) -> None:
        self.search_timer.start()

    def run_search(self) -> None:
        if self.ctx is None:
            return
        from counterapp.catalog.search import search_procedures

        with self.ctx.sessions() as session:
            hits = search_procedures(session, self.search_edit.text(), SEARCH_LIMIT)
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.name}\n{hit.code} · {hit.field} · {hit.level}")
            item.setData(Qt.ItemDataRole.UserRole, hit.code)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)

    def pick_current_result(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.start(item.data(Qt.ItemDataRole.UserRole))

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
        self.checklist.set_lines(checklist_lines(procedure))
        guard_wheel(self.checklist)
        self._install_row_keys()
        self._rebuild_fees()
        self._update_procedure_label()
        self._dirty = True
        self._clear_errors()
        return True

    def _update_procedure_label(self) -> None:
        if self.procedure is None:
            self.procedure_label.setText(self.tr("Chưa chọn thủ tục."))
            self.time_limit_label.setText("")
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

    def _rebuild_fees(self, paid: dict[str, bool] | None = None) -> None:
        from counterapp.dossiers.ui_support import procedure_fees
        from counterapp.forms.formatting import format_vnd

        for _fee, box in self.fee_rows:
            box.deleteLater()
        while self.fees_grid.count() > 1:
            item = self.fees_grid.takeAt(1)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.fee_rows = []
        fees = procedure_fees(self.procedure, self.channel()) if self.procedure is not None else []
        self.fees_empty.setVisible(not fees)
        for i, fee in enumerate(fees):
            name = QLabel(fee["name"])
            name.setWordWrap(True)
            amount = QLabel(format_vnd(fee["amount_vnd"]))
            box = QCheckBox(self.tr("Đã thu"))
            box.setObjectName(f"feePaid{i}")
            box.setChecked(bool((paid or {}).get(str(fee.get("code") or fee["name"]))))
            box.toggled.connect(self._mark_dirty)
            box.installEventFilter(self)
            self.fees_grid.addWidget(name, i + 1, 0)
            self.fees_grid.addWidget(amount, i + 1, 1)
            self.fees_grid.addWidget(box, i + 1, 2)
            for w in (name, amount, box):
                w.show()
            self.fee_rows.append((fee, box))
        self.fees_grid.setColumnStretch(0, 1)
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.summary_edit]
        for row in self.checklist.rows:
            chain += row.focus_widgets()
        chain += [box for _fee, box in self.fee_rows]
        chain += [self.notes_edit, self.save_button]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def _update_missing_summary(self) -> None:
        missing = self.checklist.missing_rows() if hasattr(self, "checklist") else []
        if missing:
            names = "; ".join(r.line.name[:60] for r in missing)
            self.missing_label.setText(
                self.tr("Còn thiếu {n} giấy tờ: {names}").replace("{n}", str(len(missing))).replace("{names}", names)
            )
        else:
            self.missing_label.setText("")
        self.missing_label.setVisible(bool(missing))

    # ------------------------------------------------------------------ applicant
    def is_organization_shown(self) -> bool:
        return self.person_form.isRowVisible(self.org_rows[0])

    def _kind_changed(self) -> None:
        org = self.kind_org.isChecked()
        if hasattr(self, "person_form"):
            for row in self.org_rows:
                self.person_form.setRowVisible(row, org)
        if hasattr(self, "name_label"):
            self.name_label.setText(self.tr("Họ &và tên người nộp:") if org else self.tr("Họ &và tên:"))
        self._mark_dirty()

    def _province_changed(self) -> None:
        from counterapp.dossiers import admin_units

        code = self.province_combo.currentData()
        self.commune_combo.blockSignals(True)
        self.commune_combo.clear()
        self.commune_combo.addItem("", None)
        if code:
            for unit in admin_units.communes(code):
                self.commune_combo.addItem(unit.name, unit.code)
        self.commune_combo.setCurrentIndex(0)
        self.commune_combo.blockSignals(False)
        self._mark_dirty()

    @staticmethod
    def _combo_code(combo: QComboBox) -> str | None:
        """The code of the unit named in an editable combo; the typed text when it names none
        (the core then says the unit does not exist); None when empty."""
        text = combo.currentText().strip()
        if not text:
            return None
        index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0 and combo.itemData(index):
            return str(combo.itemData(index))
        return text

    @staticmethod
    def _set_combo_code(combo: QComboBox, code: str | None) -> None:
        index = combo.findData(code) if code else 0
        combo.setCurrentIndex(max(0, index))

    def fill_from_card(self, card: CitizenCard) -> None:
        """Fill the applicant from a scanned citizen ID card (CCCD)."""
        from counterapp.dossiers.ui_support import sex_choice, split_address

        self.kind_citizen.setChecked(True)
        self.name_edit.setText(card.full_name)
        self.id_edit.setText(card.id_number)
        self.old_id_edit.setText(card.old_id_number or "")
        self.dob_edit.setText(card.date_of_birth.strftime("%d/%m/%Y"))
        sex = sex_choice(card.sex)
        self.sex_combo.setCurrentIndex(max(0, self.sex_combo.findData(sex)) if sex else 0)
        parts = split_address(card.address)
        self._set_combo_code(self.province_combo, parts.province.code if parts.province else None)
        self._set_combo_code(self.commune_combo, parts.commune.code if parts.commune else None)
        self.street_edit.setText(parts.street)
        self.info_banner.setText(
            self.tr("Đã điền thông tin người nộp từ CCCD số {id}: {name}.")
            .replace("{id}", card.id_number).replace("{name}", card.full_name)
        )
        self.info_banner.show()
        self._mark_dirty()

    # ------------------------------------------------------------------ request
    def build_request(self) -> dict[str, Any]:
        """What the officer filled in, as an IntakeRequest dict (no checks here)."""
        org = self.kind_org.isChecked()
        applicant = {
            "kind": "organization" if org else "citizen",
            "name": self.name_edit.text().strip() or None,
            "id_number": self.id_edit.text().strip() or None,
            "old_id_number": self.old_id_edit.text().strip() or None,
            "date_of_birth": self.dob_edit.text().strip() or None,
            "sex": self.sex_combo.currentData(),
            "province_code": self._combo_code(self.province_combo),
            "commune_code": self._combo_code(self.commune_combo),
            "street": self.street_edit.text().strip() or None,
            "phone": self.phone_edit.text().strip() or None,
            "email": self.email_edit.text().strip() or None,
        }
        if org:
            applicant.update(
                org_name=self.org_name_edit.text().strip() or None,
                tax_code=self.tax_code_edit.text().strip() or None,
                representative=self.representative_edit.text().strip() or None,
            )
        fees = [dict(fee, paid=box.isChecked()) for fee, box in self.fee_rows]
        return {
            "procedure_code": self.procedure_code,
            "applicant": applicant,
            "channel": self.channel(),
            "documents": self.checklist.documents() if self.procedure is not None else None,
            "applicable_cases": self.checklist.applicable_cases() if self.procedure is not None else [],
            "fees": fees if self.procedure is not None else None,
            "summary": self.summary_edit.text().strip() or None,
            "notes": self.notes_edit.text().strip() or None,
            "sets_count": self.sets_spin.value(),
            "officer": self.officer_now(),
            "uuid": self.intake_uuid,
            "draft_uuid": self.draft_uuid,
        }

    def is_empty(self) -> bool:
        edits = (self.name_edit, self.id_edit, self.old_id_edit, self.dob_edit, self.street_edit, self.phone_edit,
                 self.email_edit, self.org_name_edit, self.tax_code_edit, self.representative_edit,
                 self.summary_edit, self.notes_edit)
        return self.procedure_code is None and not any(e.text().strip() for e in edits)

    # ------------------------------------------------------------------ errors
    def _clear_errors(self) -> None:
        for label in self._error_labels.values():
            label.clear()
            label.hide()
        self.checklist.clear_errors()
        self.error_banner.hide()

    def _show_errors_list(self, errors: list[tuple[str, str]]) -> QWidget | None:
        """Show each (field, message) next to its field; focus the first; returns it."""
        self._clear_errors()
        first: QWidget | None = None
        general: list[str] = []
        for path, message in errors:
            target = None
            if path.startswith("documents."):
                parts = path.split(".")
                if len(parts) > 1 and parts[1].isdigit():
                    target = self.checklist.show_error(int(parts[1]), message)
            elif path.startswith("fees."):
                general.append(message)
            else:
                key = path if path in self._error_labels else None
                if key is None and path == "applicant.representative" and not self.kind_org.isChecked():
                    key = "applicant.name"
                if key is not None:
                    label = self._error_labels[key]
                    label.setText((label.text() + "\n" if label.text() else "") + message)
                    label.show()
                    target = self._error_targets[key]
                else:
                    general.append(message)
            if first is None and target is not None:
                first = target
        if general:
            label = self._error_labels["general"]
            label.setText("\n".join(general))
            label.show()
        self.error_banner.setText(
            self.tr("Chưa lưu được hồ sơ: có {n} lỗi, xem ghi chú màu đỏ cạnh từng ô.").replace("{n}", str(len(errors)))
        )
        self.error_banner.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(first, QWidget) and first is not self:
                self.scroll.ensureWidgetVisible(first)
        return first

    def error_text(self, field: str) -> str:
        label = self._error_labels.get(field)
        return label.text() if label is not None and label.isVisible() else ""

    # ------------------------------------------------------------------ reset, drafts
    def new_intake(self, keep_result: bool = False) -> None:
        from counterapp.db.base import new_uuid

        self._loading = True
        try:
            for edit in self.findChildren(QLineEdit):
                if edit is not self.province_combo.lineEdit() and edit is not self.commune_combo.lineEdit():
                    edit.clear()
            self.kind_citizen.setChecked(True)
            self.sex_combo.setCurrentIndex(0)
            self.province_combo.setCurrentIndex(0)
            self.commune_combo.setCurrentIndex(0)
            self.channel_combo.setCurrentIndex(0)
            self.sets_spin.setValue(1)
            self.procedure = None
            self.procedure_code = None
            self.checklist.set_lines([])
            self._rebuild_fees()
            self._update_procedure_label()
            self._clear_errors()
            self.info_banner.hide()
            if not keep_result:
                self.result_banner.hide()
        finally:
            self._loading = False
        self.draft_uuid = new_uuid()
        self.intake_uuid = new_uuid()
        self.completion_number = None
        self.pending_missing = None
        self._dirty = False
        self.run_search()
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _watch_changes(self) -> None:
        self.search_edit.textChanged.connect(self.schedule_search)
        for w in self.findChildren(QLineEdit):
            if w is not self.search_edit:
                w.textChanged.connect(self._mark_dirty)
        for w in self.findChildren(QComboBox):
            w.currentIndexChanged.connect(self._mark_dirty)
        self.sets_spin.valueChanged.connect(self._mark_dirty)
        self.checklist.changed.connect(self._mark_dirty)

    def _mark_dirty(self, *_args: Any) -> None:
        if not getattr(self, "_loading", True):
            self._dirty = True

    def back_out(self) -> None:
        """Esc: discard the intake being typed (after asking), then leave the page."""
        if self._busy:
            return
        if not self.is_empty():
            if not self.confirm(self.tr("Hủy hồ sơ đang nhập"),
                                self.tr("Bỏ hồ sơ đang nhập? Thông tin đã nhập và bản nháp sẽ bị xóa.")):
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
