"""The mouse wheel scrolls the page; it does not change a combo or spin box in passing.

Why: officers scrolling the intake form with the wheel silently changed the province
combo (and counts) that happened to pass under the pointer. A combo box or spin box now
takes the wheel only when it has the focus (a combo only while its list is open); any
other time the wheel event is handed to the surrounding scroll area, which scrolls.

Per-widget event filters (`guard_wheel(root)`), not one application-wide filter: an
application filter sees every event of the process and cost about 40 ms at start-up.
Call it again after adding widgets (it skips widgets already guarded).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget

_GUARDED = "_counter_wheel_guarded"


class _WheelGuard(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Wheel or not isinstance(obj, QWidget):
            return False
        combo = obj if isinstance(obj, QComboBox) else obj.parentWidget() if isinstance(obj, QLineEdit) else None
        if isinstance(combo, QComboBox):  # an editable combo's line edit is guarded as its combo
            obj = combo
            focused = combo.hasFocus() or (combo.lineEdit() is not None and combo.lineEdit().hasFocus())
            if focused and combo.view().isVisible():
                return False
        elif obj.hasFocus():
            return False
        area = _scroll_area_of(obj)
        if area is not None:
            bar = area.verticalScrollBar()
            delta = event.angleDelta()
            if delta.y() and bar.maximum() > bar.minimum():
                steps = delta.y() / 120 * QApplication.wheelScrollLines()
                bar.setValue(bar.value() - round(steps * bar.singleStep()))
            elif delta.x() or delta.y():
                bar = area.horizontalScrollBar()
                steps = (delta.x() or delta.y()) / 120 * QApplication.wheelScrollLines()
                bar.setValue(bar.value() - round(steps * bar.singleStep()))
        event.accept()
        return True


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


_guard: _WheelGuard | None = None


def guard_wheel(root: QWidget) -> None:
    """Install the guard on every QComboBox / QAbstractSpinBox under `root` (and root itself)."""
    global _guard
    if _guard is None:
        _guard = _WheelGuard()
    widgets = [root] if isinstance(root, (QComboBox, QAbstractSpinBox)) else []
    widgets += root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox)
    for w in widgets:
        if w.property(_GUARDED):
            continue
        w.setProperty(_GUARDED, True)
        if w.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel must not focus it either
        w.installEventFilter(_guard)
        edit = w.lineEdit() if isinstance(w, QComboBox) else None
        if edit is not None:  # the wheel over an editable combo's text lands on its line edit first
            edit.installEventFilter(_guard)
