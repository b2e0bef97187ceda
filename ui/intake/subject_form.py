"""The person the procedure is about when it is not the applicant (the child in khai sinh, the
deceased in khai tử), and the applicant's relationship to them.

Why its own widget: one compact block under the applicant, shown only for the procedures
the core says have such a person (`counterapp.dossiers.subject.subject_kind`, data in
resources/dossiers/subjects.toml), titled and offering the relationships as that data says.
Keyboard-first: the relationship combo comes first (a letter picks: "m" mẹ, "c" cha), Enter
goes on to the name (started with the applicant's surname where the core's data says the
person usually carries it: a father registering his child), and Enter from the name goes on
to the checklist; Tab also visits the
optional birth date, sex, ID number and note. The authorisation row shows only for a
relationship that needs one (the core says which). No rule here: the core checks the block.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ui.intake.field_errors import field_row

translate = QCoreApplication.translate  # the page's translation context (scripts/i18n.sh)

if TYPE_CHECKING:
    from counterapp.dossiers.subject import SubjectKind
    from ui.intake.field_errors import FieldErrors


class SubjectForm(QGroupBox):
    changed = Signal()

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("subjectBox")
        self.errors = errors
        self.kind: SubjectKind | None = None
        self.applicant_name: Callable[[], str] = lambda: ""  # the page gives the applicant's name field
        self._suggested = ""  # the name start put in the name field, while untouched
        form = QFormLayout(self)
        form.setContentsMargins(6, 4, 6, 4)
        form.setVerticalSpacing(3)
        self.form = form
        self.relationship_combo = QComboBox(objectName="subjectRelationship")  # wheel-guarded by the page
        self.name_edit = QLineEdit(objectName="subjectName")
        self.dob_edit = QLineEdit(objectName="subjectDateOfBirth")
        self.sex_combo = QComboBox(objectName="subjectSex")
        for text, value in (("", None), ("Nam", "Nam"), ("Nữ", "Nữ")):
            self.sex_combo.addItem(text, value)
        self.id_edit = QLineEdit(objectName="subjectIdNumber")
        self.authorisation_edit = QLineEdit(objectName="subjectAuthorisation")
        self.note_edit = QLineEdit(objectName="subjectNote")
        self.relationship_label = field_row(form, errors, "subject.relationship", self.relationship_combo)
        self.name_label = field_row(form, errors, "subject.name", self.name_edit)
        self.authorisation_label = field_row(form, errors, "subject.authorisation", self.authorisation_edit)
        self.authorisation_row = 2
        born = QWidget()
        born_lay = QHBoxLayout(born)
        born_lay.setContentsMargins(0, 0, 0, 0)
        born_lay.addWidget(self.dob_edit, 1)
        self.sex_label = QLabel()
        self.sex_label.setBuddy(self.sex_combo)
        born_lay.addWidget(self.sex_label)
        born_lay.addWidget(self.sex_combo)
        self.dob_label = field_row(form, errors, "subject.date_of_birth", born)
        self.dob_label.setBuddy(self.dob_edit)
        form.addRow(errors.label("subject.sex", self.sex_combo))  # the sex's error, under the birth date row
        self.id_label = field_row(form, errors, "subject.id_number", self.id_edit)
        self.note_label = field_row(form, errors, "subject.note", self.note_edit)
        for edit in self.line_edits():
            edit.textChanged.connect(lambda _t: self.changed.emit())
        for combo in (self.relationship_combo, self.sex_combo):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.relationship_combo.currentIndexChanged.connect(lambda _i: self._relationship_changed())
        self.name_edit.installEventFilter(self)
        self.fields: list[QWidget] = [self.relationship_combo, self.name_edit, self.authorisation_edit, self.dob_edit,
                                      self.sex_combo, self.id_edit, self.note_edit]
        self.retranslate()
        self.set_kind(None)

    def line_edits(self) -> list[QLineEdit]:
        return [self.name_edit, self.dob_edit, self.id_edit, self.authorisation_edit, self.note_edit]

    def retranslate(self) -> None:
        self.setTitle(self.kind.title if self.kind is not None else translate("IntakePage", "Người được giải quyết"))
        self.relationship_label.setText(translate("IntakePage", "Quan &hệ của người nộp:"))
        self.name_label.setText(translate("IntakePage", "Họ và tên:"))
        self.authorisation_label.setText(translate("IntakePage", "Giấy ủy quyền:"))
        self.authorisation_edit.setPlaceholderText(translate("IntakePage", "số, ngày"))
        self.dob_label.setText(translate("IntakePage", "Ngày sinh:"))
        self.dob_edit.setPlaceholderText(translate("IntakePage", "dd/mm/yyyy"))
        self.sex_label.setText(translate("IntakePage", "Giới tính:"))
        self.id_label.setText(translate("IntakePage", "Số định danh:"))
        self.note_label.setText(translate("IntakePage", "Ghi chú:"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the procedure's kind ----------------------------------------------------------
    def set_procedure(self, procedure: Any | None) -> None:
        """Show the block for a procedure about another person (the core's data), else hide it."""
        from counterapp.dossiers.subject import subject_kind

        self.set_kind(subject_kind(procedure.code, procedure.name) if procedure is not None else None)

    def set_kind(self, kind: SubjectKind | None) -> None:
        """The block for this kind of person; None hides it and forgets what it held."""
        if kind is None:
            self.clear()
        if kind == self.kind and (kind is None) == self.isHidden():
            return
        current = self.relationship_combo.currentText()
        self.kind = kind
        self.relationship_combo.blockSignals(True)
        self.relationship_combo.clear()
        self.relationship_combo.addItem("", None)
        for relationship in kind.relationships if kind is not None else ():
            self.relationship_combo.addItem(relationship, relationship)
        self.relationship_combo.setCurrentIndex(max(0, self.relationship_combo.findText(current)))
        self.relationship_combo.blockSignals(False)
        self.setVisible(kind is not None)
        self.retranslate()
        self._relationship_changed()

    def _relationship_changed(self) -> None:
        from counterapp.dossiers.subject import needs_authorisation

        needed = needs_authorisation(self.relationship_combo.currentText(), self.kind)
        self.form.setRowVisible(self.authorisation_row, needed or bool(self.authorisation_edit.text().strip()))
        if self._suggested and self.name_edit.text() == self._suggested:  # the relationship changed its mind
            self.name_edit.clear()
            self._suggested = ""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.name_edit and event.type() == QEvent.Type.FocusIn and not self.name_edit.text():
            self._suggest_name_start()
        return super().eventFilter(obj, event)

    def _suggest_name_start(self) -> None:
        """The applicant's surname when the core's data says the person usually carries it
        (a father registering his child): the officer types the rest, or over it."""
        from counterapp.dossiers.subject import suggested_name_start

        start = suggested_name_start(self.kind, self.relationship_combo.currentText(), self.applicant_name())
        if start:
            self.name_edit.setText(start)
            self._suggested = start
            # After the line edit's own focus-in, which selects everything on a Tab-like focus
            # (typing would then replace the surname instead of following it).
            QTimer.singleShot(0, self, self._cursor_after_suggestion)

    def _cursor_after_suggestion(self) -> None:
        if self._suggested and self.name_edit.text() == self._suggested:
            self.name_edit.deselect()
            self.name_edit.setCursorPosition(len(self._suggested))

    # -- keys --------------------------------------------------------------------------
    @property
    def enter_exit(self) -> QWidget:
        """Enter here goes on to the checklist: the name, or the authorisation when it shows."""
        return self.authorisation_edit if self.authorisation_edit.isVisibleTo(self) else self.name_edit

    def focus_first(self) -> None:
        self.relationship_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- request -----------------------------------------------------------------------
    def subject(self) -> dict[str, Any] | None:
        """The request's `subject`, None when the block is hidden or left empty."""
        if self.isHidden():
            return None
        name = self.name_edit.text()
        data = {
            "name": (name.strip() if name != self._suggested else "") or None,  # an untouched suggestion is no name
            "date_of_birth": self.dob_edit.text().strip() or None,
            "sex": self.sex_combo.currentData(),
            "id_number": self.id_edit.text().strip() or None,
            "note": self.note_edit.text().strip() or None,
            "relationship": self.relationship_combo.currentText().strip() or None,
            "authorisation": self.authorisation_edit.text().strip() or None,
        }
        return data if any(data.values()) else None

    def fill(self, subject: dict[str, Any] | None) -> None:
        """Put a stored request's subject back (a draft, a register request)."""
        subject = subject or {}
        for edit, key in ((self.name_edit, "name"), (self.dob_edit, "date_of_birth"), (self.id_edit, "id_number"),
                          (self.note_edit, "note"), (self.authorisation_edit, "authorisation")):
            edit.setText(str(subject.get(key) or ""))
        self.sex_combo.setCurrentIndex(max(0, self.sex_combo.findData(subject.get("sex"))) if subject.get("sex") else 0)
        relationship = str(subject.get("relationship") or "")
        index = self.relationship_combo.findText(relationship)
        if relationship and index < 0:  # a relationship the list does not offer (typed on the CLI)
            self.relationship_combo.addItem(relationship, relationship)
            index = self.relationship_combo.count() - 1
        self.relationship_combo.setCurrentIndex(max(0, index))
        self._relationship_changed()

    def clear(self) -> None:
        self._suggested = ""
        for edit in self.line_edits():
            edit.clear()
        self.sex_combo.setCurrentIndex(0)
        self.relationship_combo.setCurrentIndex(0)
        self._relationship_changed()

    def has_text(self) -> bool:
        return self.subject() is not None
