"""The red line under a field that the core refused, and nothing else.

Why its own small class: the procedure picker, the applicant form, the reception fields
and the notes each have fields the core can refuse (`IntakeError.errors`, keyed by the
request's path, "applicant.name"). One registry keeps them, so the page shows the core's
errors in one place and each field's error goes away as soon as the officer edits that
field (nothing left over from the previous attempt or the previous dossier).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020"


class FieldErrors(QObject):
    """path -> (error label, widget to focus)."""

    cleared = Signal()  # a field's error went away because the officer edited the field

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.labels: dict[str, QLabel] = {}
        self.targets: dict[str, QWidget] = {}

    def label(self, key: str, target: QWidget) -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setObjectName(f"error:{key}")
        label.hide()
        self.labels[key] = label
        self.targets[key] = target
        signal = None
        if isinstance(target, QLineEdit):
            signal = target.textEdited
        elif isinstance(target, QComboBox):
            signal = target.currentIndexChanged
        elif isinstance(target, QAbstractSpinBox):
            signal = target.editingFinished
        if signal is not None:
            signal.connect(lambda *_a, k=key: self.clear_one(k))
        return label

    def clear_one(self, key: str) -> None:
        label = self.labels.get(key)
        if label is not None and label.text():
            label.clear()
            label.hide()
            self.cleared.emit()

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()

    def add(self, key: str, message: str) -> QWidget:
        label = self.labels[key]
        label.setText((label.text() + "\n" if label.text() else "") + message)
        label.show()
        return self.targets[key]

    def text(self, key: str) -> str:
        label = self.labels.get(key)
        return label.text() if label is not None and not label.isHidden() else ""

    def any_shown(self) -> bool:
        return any(not label.isHidden() and label.text() for label in self.labels.values())


def field_row(form: QFormLayout, errors: FieldErrors, key: str, widget: QWidget) -> QLabel:
    """A form row: mnemonic label (buddy = widget), the widget, its error line below."""
    label = QLabel()
    label.setBuddy(widget)
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    lay.addWidget(widget)
    lay.addWidget(errors.label(key, widget))
    form.addRow(label, box)
    return label
