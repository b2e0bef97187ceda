"""Choosing the procedure of an intake: type a code or words, arrows, Enter.

Why its own widget: the search box, its results and the chosen procedure are one job;
the page only hears `picked(code)`. Once a procedure is chosen the results list folds
away (`set_compact`), so the applicant and the checklist fit a 1366×768 screen; typing
in the search box again unfolds it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

# the page's translation context, so the texts keep their translations (scripts/i18n.sh)
translate = QCoreApplication.translate

if TYPE_CHECKING:
    from counterapp.app import AppContext

SEARCH_LIMIT = 50


class ProcedurePicker(QWidget):
    picked = Signal(str)  # procedure code
    compact_changed = Signal(bool)  # the results folded (True) or unfolded

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.search_label = QLabel()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("intakeProcedureSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_edit)
        self.results = QListWidget()
        self.results.setObjectName("intakeProcedureResults")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setMinimumHeight(120)
        self.results.itemActivated.connect(lambda _item: self.pick_current())
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenProcedure")
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setStyleSheet("font-weight: bold")
        for w in (self.search_label, self.search_edit, self.results, self.chosen_label):
            lay.addWidget(w)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(25)
        self.timer.timeout.connect(self.run_search)
        self.search_edit.textEdited.connect(self._typed)
        self.search_edit.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.search_label.setText(translate("IntakePage", "Thủ t&ục (gõ mã hoặc tên, Enter để chọn):"))
        self.search_edit.setPlaceholderText(translate("IntakePage", "Ví dụ: khai sinh, 1.001193"))

    def set_context(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _typed(self) -> None:
        self.set_compact(False)
        self.timer.start()

    def schedule_search(self) -> None:
        self.timer.start()

    def set_compact(self, compact: bool) -> None:
        """Fold the results away once a procedure is chosen (typing unfolds them)."""
        if self.results.isHidden() != compact:
            self.results.setVisible(not compact)
            self.compact_changed.emit(compact)

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

    def pick_current(self) -> None:
        if self.timer.isActive():  # Enter typed before the search ran: run it now
            self.timer.stop()
            self.run_search()
        item = self.results.currentItem()
        if item is not None:
            self.picked.emit(item.data(Qt.ItemDataRole.UserRole))

    def move(self, key: int) -> None:
        self.set_compact(False)
        count = self.results.count()
        if not count:
            return
        row = self.results.currentRow()
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}[key]
        self.results.setCurrentRow(max(0, min(count - 1, (row if row >= 0 else -1) + step)))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.search_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.move(key)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.pick_current()
                return True
        return super().eventFilter(obj, event)

    def show_procedure(self, text: str) -> None:
        self.chosen_label.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
