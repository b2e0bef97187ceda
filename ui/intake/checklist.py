"""The document checklist of an intake: one row per document of the chosen procedure.

Each row: received (tick = the counts the catalog asks for), name, form, originals,
copies, note, "does not apply", and the row's state. Whether a row is missing is the
core's rule (`ui_support.line_is_missing`); the widget only shows it.

A conditional document (the core's classification, `ChecklistLine.conditional`: a case
group, "trường hợp ...", "nếu có", an authorisation) has a "case applies" tick instead of
"does not apply", unticked by default: it is required only once the officer ticks it
(or records it as handed in). Ticked cases go to IntakeRequest.applicable_cases.
Until then its row stays inactive: only the case tick takes the focus.

Keyboard (officers counted 52 keys only to move through this list): each row has one
entry point, its "received" tick (a conditional row's case tick until the case is ticked).
Space toggles it, a digit sets the row's count, Up/Down move between rows and the row
reached is scrolled into view (`row_focused`), Enter leaves the list for Save (`finished`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

if TYPE_CHECKING:
    from counterapp.dossiers.ui_support import ChecklistLine

FORMS = ("original", "certified_copy", "photocopy")
NAME_CHARS = 90  # a row's name shown in two or three lines at 1366×768; the whole name in its tooltip


def _short(text: str) -> str:
    return text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1].rstrip() + "…"


@dataclass
class ChecklistRow:
    line: ChecklistLine
    received: QCheckBox
    name: QLabel
    form: QComboBox
    originals: QSpinBox
    copies: QSpinBox
    note: QLineEdit
    not_applicable: QCheckBox
    state: QLabel
    error: QLabel
    case_box: QCheckBox | None = None  # conditional lines: "this case applies"

    def received_any(self) -> bool:
        return self.originals.value() + self.copies.value() > 0

    def applies(self) -> bool:
        """Required: an ordinary line not marked "does not apply", a conditional one whose case is ticked."""
        if self.case_box is not None:
            return self.case_box.isChecked()
        return not self.not_applicable.isChecked()

    def included(self) -> bool:
        """Sent to the core: what applies, and a conditional document handed in anyway."""
        return self.applies() or (self.case_box is not None and self.received_any())

    def missing(self) -> bool:
        from counterapp.dossiers.ui_support import (
            line_is_missing,  # the core's rule (imported late: light window start)
        )

        return self.applies() and line_is_missing(
            self.originals.value(), self.copies.value(), self.line.required_originals, self.line.required_copies
        )

    def entry(self) -> QWidget:
        """Where Up/Down land: the received tick, or the case tick of an inactive conditional row
        (the "does not apply" tick of a row marked so)."""
        if self.received.isEnabled():
            return self.received
        return self.case_box if self.case_box is not None else self.not_applicable

    def count_spin(self) -> QSpinBox:
        """The count a digit sets: copies when the catalog asks only for copies, else originals."""
        return self.copies if self.line.required_copies and not self.line.required_originals else self.originals

    def focus_widgets(self) -> list[QWidget]:
        """The row's inputs in Tab order."""
        last = self.case_box if self.case_box is not None else self.not_applicable
        return [self.received, self.form, self.originals, self.copies, self.note, last]


class ChecklistWidget(QWidget):
    changed = Signal()
    row_focused = Signal(QWidget)  # a row's widget took the focus: scroll it into view
    finished = Signal()  # Enter in the list: on to Save

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeChecklist")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setColumnStretch(1, 3)
        self.grid.setColumnStretch(5, 1)
        self.grid.setRowStretch(999, 1)  # spare height below the rows, not between them
        self.columns = 8  # received, name, form, originals, copies, note, does not apply / case, state
        self.rows: list[ChecklistRow] = []
        self.headers: list[QLabel] = []
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.grid.addWidget(self.empty_label, 0, 0, 1, 8)
        self._build_headers()
        self.retranslate()

    # -- building ---------------------------------------------------------------
    def _build_headers(self) -> None:
        for col in range(7):
            label = QLabel()
            label.setStyleSheet("font-weight: bold")
            label.setWordWrap(True)
            self.grid.addWidget(label, 1, col)
            self.headers.append(label)

    def retranslate(self) -> None:
        texts = (
            self.tr("Đã nhận"), self.tr("Giấy tờ"), self.tr("Hình thức"), self.tr("Bản chính"),
            self.tr("Bản sao"), self.tr("Ghi chú"), self.tr("Không áp dụng / trường hợp"),
        )
        for label, text in zip(self.headers, texts, strict=True):
            label.setText(text)
        self.empty_label.setText(self.tr("Chọn thủ tục để hiện danh mục giấy tờ cần nộp."))
        for row in self.rows:
            self._fill_form_combo(row.form)
            if row.case_box is not None:
                row.case_box.setText(self.tr("Có TH này"))
                row.case_box.setToolTip(
                    self.tr("Giấy tờ theo trường hợp ({case}): chỉ bắt buộc khi người nộp thuộc trường hợp này")
                    .replace("{case}", row.line.condition_label or self.tr("trường hợp riêng")))
            self._update_row(row)

    def _fill_form_combo(self, combo: QComboBox) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for code, text in zip(FORMS, (self.tr("Bản chính"), self.tr("Bản sao chứng thực"), self.tr("Bản chụp")), strict=True):
            combo.addItem(text, code)
        if current is not None:
            combo.setCurrentIndex(max(0, FORMS.index(current)))
        combo.blockSignals(False)

    def set_lines(self, lines: list[ChecklistLine]) -> None:
        self.clear()
        self.empty_label.setVisible(not lines)
        for header in self.headers:
            header.setVisible(bool(lines))
        for index, line in enumerate(lines):
            grid_row = 2 + index * 2
            received = QCheckBox()
            received.setObjectName(f"docReceived{index}")
            received.setToolTip(self.tr("Đánh dấu đã nhận đủ số bản theo quy định"))
            prefix = f"[{line.case_name}] " if line.case_name else ""
            name = QLabel(f"{index + 1}. {_short(line.name)}")  # the whole text in its tooltip
            name.setWordWrap(True)
            name.setMinimumWidth(200)
            name.setToolTip(prefix + line.name)
            name.setBuddy(received)
            form = QComboBox()
            self._fill_form_combo(form)
            form.setCurrentIndex(0 if line.required_originals else 2)
            form.setMaximumWidth(130)
            originals = QSpinBox()
            originals.setRange(0, 99)
            copies = QSpinBox()
            copies.setRange(0, 99)
            for spin in (originals, copies):
                spin.setMaximumWidth(64)
            note = QLineEdit()
            note.setMinimumWidth(60)
            note.setObjectName(f"docNote{index}")
            not_applicable = QCheckBox()
            not_applicable.setToolTip(self.tr("Giấy tờ này không áp dụng cho trường hợp của người nộp"))
            case_box = None
            if line.conditional:
                case_box = QCheckBox(self.tr("Có TH này"))
                case_box.setObjectName(f"docCase{index}")
                case_box.setToolTip(
                    self.tr("Giấy tờ theo trường hợp ({case}): chỉ bắt buộc khi người nộp thuộc trường hợp này")
                    .replace("{case}", line.condition_label or self.tr("trường hợp riêng")))
                name.setText(f"{index + 1}. {_short(line.name)} " + self.tr("(theo trường hợp)"))
            state = QLabel()
            state.setMinimumWidth(60)
            error = QLabel()
            error.setStyleSheet("color: #b00020")
            error.setWordWrap(True)
            error.hide()
            row = ChecklistRow(line, received, name, form, originals, copies, note, not_applicable, state, error,
                               case_box)
            last = case_box if case_box is not None else not_applicable
            for col, widget in enumerate((received, name, form, originals, copies, note, last)):
                self.grid.addWidget(widget, grid_row, col)
                widget.show()  # at once, not at the next event loop turn: Tab reaches it straight away
            if case_box is not None:
                not_applicable.hide()  # a conditional line has its case tick instead
                case_box.toggled.connect(lambda c, r=row: self._case_toggled(r, c))
            self.grid.addWidget(state, grid_row, 7)
            state.show()
            self.grid.addWidget(error, grid_row + 1, 1, 1, 6)
            received.toggled.connect(lambda checked, r=row: self._received_toggled(r, checked))
            for spin in (originals, copies):
                spin.valueChanged.connect(lambda _v, r=row: self._update_row(r))
            not_applicable.toggled.connect(lambda _c, r=row: self._update_row(r))
            for w in row.focus_widgets():
                w.installEventFilter(self)
            note.textChanged.connect(lambda _t: self.changed.emit())
            form.currentIndexChanged.connect(lambda _i: self.changed.emit())
            self.rows.append(row)
            self._update_row(row)

    def clear(self) -> None:
        for row in self.rows:
            for widget in (row.received, row.name, row.form, row.originals, row.copies, row.note,
                           row.not_applicable, row.state, row.error, row.case_box):
                if widget is None:
                    continue
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = []
        self.empty_label.show()
        for header in self.headers:
            header.hide()

    # -- behaviour ----------------------------------------------------------------
    def _received_toggled(self, row: ChecklistRow, checked: bool) -> None:
        if checked:
            row.originals.setValue(max(row.originals.value(), row.line.required_originals))
            if row.originals.value() + row.copies.value() < row.line.required_originals + row.line.required_copies:
                row.copies.setValue(row.line.required_copies)
            if not row.line.required_originals and not row.line.required_copies and not row.originals.value():
                row.originals.setValue(1)
            row.not_applicable.setChecked(False)
            if row.case_box is not None:
                row.case_box.setChecked(True)  # handed in: its case applies
        else:
            row.originals.setValue(0)
            row.copies.setValue(0)
        self._update_row(row)

    def _case_toggled(self, row: ChecklistRow, checked: bool) -> None:
        had_focus = row.case_box is not None and row.case_box.hasFocus()
        self._update_row(row)
        if checked and had_focus:  # Space ticked the case: the next Space records the document
            row.received.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_row(self, row: ChecklistRow) -> None:
        # a conditional line is active once its case is ticked (or it was recorded as handed in)
        enabled = row.applies() or (row.case_box is not None and row.received_any())
        for widget in (row.received, row.form, row.originals, row.copies, row.note):
            widget.setEnabled(enabled)
        if not row.applies() and row.case_box is not None and not row.received_any():
            row.state.setText(self.tr("Tùy trường hợp"))
            row.state.setStyleSheet("color: gray")
        elif not row.applies() and row.case_box is not None:
            row.state.setText(self.tr("✓ Đã nộp"))
            row.state.setStyleSheet("color: #1b5e20")
        elif not enabled:
            row.state.setText(self.tr("—"))
            row.state.setStyleSheet("color: gray")
        elif row.missing():
            row.state.setText(self.tr("⚠ Thiếu"))
            row.state.setStyleSheet("color: #b00020; font-weight: bold")
        else:
            row.state.setText(self.tr("✓ Đủ"))
            row.state.setStyleSheet("color: #1b5e20")
        row.received.blockSignals(True)
        row.received.setChecked(enabled and not row.missing() and row.received_any())
        row.received.blockSignals(False)
        if not row.error.isHidden() and not row.missing():  # fixed: its error goes at once
            row.error.clear()
            row.error.hide()
        self.changed.emit()

    def missing_rows(self) -> list[ChecklistRow]:
        return [r for r in self.rows if r.missing()]

    def applicable_rows(self) -> list[ChecklistRow]:
        return [r for r in self.rows if r.applies()]

    def included_rows(self) -> list[ChecklistRow]:
        return [r for r in self.rows if r.included()]

    def applicable_cases(self) -> list[str]:
        """The conditional documents whose case the officer ticked (IntakeRequest.applicable_cases)."""
        return [r.line.case_key for r in self.rows if r.case_box is not None and r.case_box.isChecked()]

    def documents(self) -> list[dict[str, Any]]:
        """The lines that apply (and conditional ones handed in), in DocumentIn shape (the
        core decides what is missing)."""
        return [
            {
                "document_code": r.line.document_code,
                "name": r.line.name,
                "form": r.form.currentData() or "original",
                "originals": r.originals.value(),
                "copies": r.copies.value(),
                "note": r.note.text().strip() or None,
            }
            for r in self.included_rows()
        ]

    def clear_errors(self) -> None:
        for row in self.rows:
            row.error.clear()
            row.error.hide()

    def show_error(self, document_index: int, message: str) -> QWidget | None:
        """Show an error of the request's documents[document_index]; returns the widget to focus."""
        rows = self.included_rows()
        if not 0 <= document_index < len(rows):
            return None
        row = rows[document_index]
        row.error.setText(message)
        row.error.show()
        return row.originals

    # -- drafts -----------------------------------------------------------------
    def state(self) -> list[dict[str, Any]]:
        return [
            {
                "document_code": r.line.document_code,
                "name": r.line.name,
                "form": r.form.currentData(),
                "originals": r.originals.value(),
                "copies": r.copies.value(),
                "note": r.note.text(),
                "not_applicable": r.not_applicable.isChecked(),
                "case": bool(r.case_box is not None and r.case_box.isChecked()),
            }
            for r in self.rows
        ]

    def restore(self, state: list[dict[str, Any]]) -> None:
        by_key = {(s.get("document_code"), s.get("name")): s for s in state or []}
        for row in self.rows:
            s = by_key.get((row.line.document_code, row.line.name))
            if not s:
                continue
            row.not_applicable.setChecked(bool(s.get("not_applicable")))
            if row.case_box is not None:
                row.case_box.setChecked(bool(s.get("case")))
            if s.get("form") in FORMS:
                row.form.setCurrentIndex(FORMS.index(s["form"]))
            row.originals.setValue(int(s.get("originals") or 0))
            row.copies.setValue(int(s.get("copies") or 0))
            row.note.setText(str(s.get("note") or ""))
            self._update_row(row)

    def restore_request(self, documents: list[dict[str, Any]] | None, cases: list[str] | None) -> None:
        """Show a stored IntakeRequest's checklist: its lines as filled in; an ordinary line it
        left out did not apply; a conditional line applies when its case was ticked."""
        from counterapp.catalog.folding import fold

        ticked = {fold(c) for c in cases or []}
        by_code = {d.get("document_code"): d for d in documents or [] if d.get("document_code")}
        by_name = {fold(d.get("name")): d for d in documents or [] if d.get("name")}
        state = []
        for row in self.rows:
            line = by_code.get(row.line.document_code) if row.line.document_code else None
            line = line or by_name.get(fold(row.line.name))
            case = bool({fold(row.line.document_code), fold(row.line.name), fold(row.line.case_name)} & (ticked - {""}))
            state.append({
                "document_code": row.line.document_code, "name": row.line.name,
                "form": (line or {}).get("form"), "originals": (line or {}).get("originals") or 0,
                "copies": (line or {}).get("copies") or 0, "note": (line or {}).get("note") or "",
                "not_applicable": line is None and row.case_box is None, "case": case,
            })
        self.restore(state)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def focus_first(self) -> None:
        if self.rows:
            self.focus_row(0)

    def focus_row(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            target = self.rows[index].entry()
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            self.row_focused.emit(target)

    def row_of(self, widget: QObject) -> int:
        for i, row in enumerate(self.rows):
            if widget in row.focus_widgets() or widget is row.not_applicable:
                return i
        return -1

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        etype = event.type()
        if etype == QEvent.Type.FocusIn and isinstance(obj, QWidget):
            self.row_focused.emit(obj)
        elif etype == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            index = self.row_of(obj)
            if index < 0:
                return False
            row = self.rows[index]
            key = event.key()
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            spin_or_combo = isinstance(obj, (QSpinBox, QComboBox))
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                if isinstance(obj, QComboBox) and obj.view().isVisible():
                    return False
                self.finished.emit()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and plain and not spin_or_combo:
                self.focus_row(index + (1 if key == Qt.Key.Key_Down else -1))
                return True
            if obj is row.received and plain and event.text().isdigit() and row.received.isEnabled():
                row.count_spin().setValue(int(event.text()))
                self._update_row(row)
                return True
        return False
