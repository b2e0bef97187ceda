"""Who hands the dossier in: a citizen or an organization, filled by hand or from the
citizen ID card's QR code.

Why its own widget: the applicant's fields, their error lines and the card are one job.
Once a card has filled it, the block folds to one summary line ("Sửa (F4)" unfolds it),
leaving the fields the card does not carry (phone, email) and room for the checklist on a
1366×768 screen. No rule here: the core checks the applicant (`IntakeRequest`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.intake.field_errors import field_row

# the page's translation context, so the texts keep their translations (scripts/i18n.sh)
translate = QCoreApplication.translate

if TYPE_CHECKING:
    from counterapp.dossiers.cccd import CitizenCard
    from ui.intake.field_errors import FieldErrors

CARD_KEYS = ("name", "id_number", "old_id_number", "date_of_birth", "sex", "province_code", "commune_code", "street")


class ApplicantForm(QGroupBox):
    changed = Signal()

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self.collapsed = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(2)
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
        lay.addLayout(kind_row)
        lay.addWidget(errors.label("applicant.kind", self.kind_citizen))

        self.summary_row = QWidget()
        summary_lay = QHBoxLayout(self.summary_row)
        summary_lay.setContentsMargins(0, 0, 0, 0)
        self.card_summary = QLabel()
        self.card_summary.setObjectName("applicantSummary")
        self.card_summary.setWordWrap(True)
        self.card_summary.setStyleSheet("font-weight: bold")
        self.expand_button = QPushButton(objectName="applicantExpand", clicked=lambda: self.set_collapsed(False))
        self.expand_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F4, or a click: never a Tab/Enter stop
        summary_lay.addWidget(self.card_summary, 1)
        summary_lay.addWidget(self.expand_button)
        self.summary_row.hide()
        lay.addWidget(self.summary_row)

        form = QFormLayout()
        form.setVerticalSpacing(3)
        self.form = form
        self.org_name_edit = QLineEdit(objectName="orgName")
        self.tax_code_edit = QLineEdit(objectName="taxCode")
        self.representative_edit = QLineEdit(objectName="representative")
        self.org_name_label = self._field("applicant.org_name", self.org_name_edit)
        self.tax_code_label = self._field("applicant.tax_code", self.tax_code_edit)
        self.representative_label = self._field("applicant.representative", self.representative_edit)
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
        self.name_label = self._field("applicant.name", self.name_edit)
        self.id_label = self._field("applicant.id_number", self.id_edit)
        self.old_id_label = self._field("applicant.old_id_number", self.old_id_edit)
        self.dob_label = self._field("applicant.date_of_birth", self.dob_edit)
        self.sex_label = self._field("applicant.sex", self.sex_combo)
        self.province_label = self._field("applicant.province_code", self.province_combo)
        self.commune_label = self._field("applicant.commune_code", self.commune_combo)
        self.street_label = self._field("applicant.street", self.street_edit)
        self.card_rows = tuple(range(3, 11))  # name .. street: what the card carries
        self.phone_label = self._field("applicant.phone", self.phone_edit)
        self.email_label = self._field("applicant.email", self.email_edit)
        lay.addLayout(form)
        for w in self.line_edits():
            w.textChanged.connect(lambda _t: self.changed.emit())
        for combo in (self.sex_combo, self.province_combo, self.commune_combo):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.fields: list[QWidget] = [
            self.kind_citizen, self.kind_org, self.org_name_edit, self.tax_code_edit, self.representative_edit,
            self.name_edit, self.id_edit, self.old_id_edit, self.dob_edit, self.sex_combo, self.province_combo,
            self.commune_combo, self.street_edit, self.phone_edit, self.email_edit,
        ]
        self.retranslate()
        self._kind_changed()

    def _field(self, key: str, widget: QWidget) -> QLabel:
        return field_row(self.form, self.errors, key, widget)

    def line_edits(self) -> list[QLineEdit]:
        return [self.org_name_edit, self.tax_code_edit, self.representative_edit, self.name_edit, self.id_edit,
                self.old_id_edit, self.dob_edit, self.street_edit, self.phone_edit, self.email_edit]

    @property
    def last_field(self) -> QWidget:
        """Enter here goes on to the checklist."""
        return self.email_edit

    def retranslate(self) -> None:
        self.setTitle(translate("IntakePage", "Người nộp hồ sơ"))
        self.kind_citizen.setText(translate("IntakePage", "Công dân"))
        self.kind_org.setText(translate("IntakePage", "Tổ chức"))
        self.org_name_label.setText(translate("IntakePage", "Tên tổ chức:"))
        self.tax_code_label.setText(translate("IntakePage", "Mã số thuế:"))
        self.representative_label.setText(translate("IntakePage", "Người đại diện:"))
        self.name_label.setText(translate("IntakePage", "Họ &và tên người nộp:") if self.kind_org.isChecked() else translate("IntakePage", "Họ &và tên:"))
        self.id_label.setText(translate("IntakePage", "Số CCC&D:"))
        self.old_id_label.setText(translate("IntakePage", "Số CMND cũ:"))
        self.dob_label.setText(translate("IntakePage", "Ngày &sinh:"))
        self.dob_edit.setPlaceholderText(translate("IntakePage", "dd/mm/yyyy"))
        self.sex_label.setText(translate("IntakePage", "Giớ&i tính:"))
        self.province_label.setText(translate("IntakePage", "Tỉnh/thành &phố:"))
        self.commune_label.setText(translate("IntakePage", "&Xã/phường:"))
        self.street_label.setText(translate("IntakePage", "Số nhà, đường, thôn/tổ:"))
        self.phone_label.setText(translate("IntakePage", "Điện th&oại:"))
        self.email_label.setText(translate("IntakePage", "&Email:"))
        self.expand_button.setText(translate("IntakePage", "Sửa (F4)"))
        self._update_summary()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- kind, province -------------------------------------------------------------
    def is_organization_shown(self) -> bool:
        return self.form.isRowVisible(self.org_rows[0])

    def _kind_changed(self) -> None:
        org = self.kind_org.isChecked()
        if org and self.collapsed:
            self.set_collapsed(False)
        for row in self.org_rows:
            self.form.setRowVisible(row, org)
        self.name_label.setText(translate("IntakePage", "Họ &và tên người nộp:") if org else translate("IntakePage", "Họ &và tên:"))
        self.changed.emit()

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

    def load_provinces(self) -> None:
        from counterapp.dossiers import admin_units

        self.province_combo.blockSignals(True)
        self.province_combo.clear()
        self.province_combo.addItem("", None)
        for unit in admin_units.provinces():
            self.province_combo.addItem(unit.name, unit.code)
        self.province_combo.setCurrentIndex(0)
        self.province_combo.blockSignals(False)
        self._province_changed()

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

    # -- folding ------------------------------------------------------------------
    def set_collapsed(self, collapsed: bool) -> None:
        """Fold the card's fields into one summary line (after a scan), or unfold them (F4)."""
        collapsed = collapsed and not self.kind_org.isChecked()
        self.collapsed = collapsed
        for row in self.card_rows:
            self.form.setRowVisible(row, not collapsed)
        self._update_summary()
        self.summary_row.setVisible(collapsed)
        if not collapsed and self.isVisible() and self.window().focusWidget() in (None, self.expand_button):
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_summary(self) -> None:
        parts = [self.name_edit.text().strip(), self.id_edit.text().strip(), self.dob_edit.text().strip(),
                 self.sex_combo.currentText().strip(), self.commune_combo.currentText().strip(),
                 self.province_combo.currentText().strip()]
        self.card_summary.setText(" · ".join(p for p in parts if p))

    def fill_from_card(self, card: CitizenCard) -> None:
        """Fill the applicant from a scanned citizen ID card (CCCD), then fold the card's fields."""
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
        for key in ("applicant." + k for k in CARD_KEYS):
            self.errors.clear_one(key)
        self.set_collapsed(True)

    # -- request ------------------------------------------------------------------
    def applicant(self) -> dict[str, Any]:
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
        return applicant

    def fill(self, a: dict[str, Any]) -> None:
        """Put a stored request's applicant back (a draft, a register request)."""
        (self.kind_org if a.get("kind") == "organization" else self.kind_citizen).setChecked(True)
        for edit, key in ((self.name_edit, "name"), (self.id_edit, "id_number"), (self.old_id_edit, "old_id_number"),
                          (self.dob_edit, "date_of_birth"), (self.street_edit, "street"), (self.phone_edit, "phone"),
                          (self.email_edit, "email"), (self.org_name_edit, "org_name"),
                          (self.tax_code_edit, "tax_code"), (self.representative_edit, "representative")):
            edit.setText(str(a.get(key) or ""))
        self.sex_combo.setCurrentIndex(max(0, self.sex_combo.findData(a.get("sex"))) if a.get("sex") else 0)
        self._set_combo_code(self.province_combo, a.get("province_code"))
        self._province_changed()
        self._set_combo_code(self.commune_combo, a.get("commune_code"))

    def clear(self) -> None:
        for edit in self.line_edits():
            edit.clear()
        self.kind_citizen.setChecked(True)
        self.sex_combo.setCurrentIndex(0)
        self.province_combo.setCurrentIndex(0)
        self.province_combo.setEditText("")
        self.commune_combo.setCurrentIndex(0)
        self.commune_combo.setEditText("")
        self.set_collapsed(False)

    def has_text(self) -> bool:
        return any(e.text().strip() for e in self.line_edits())

    def focus_first(self) -> None:
        target = self.org_name_edit if self.kind_org.isChecked() else self.name_edit
        if target is self.name_edit and self.collapsed:
            target = self.phone_edit
        target.setFocus(Qt.FocusReason.OtherFocusReason)
