"""The batch's pages as thumbnails, and what the officer does to them with the keyboard.

Rotate (Ctrl+L / [ , Ctrl+R / ]), delete (Del, Ctrl+Z brings it back), move one place
(Ctrl+↑ / Ctrl+↓), move to the previous / next document of the batch (Ctrl+Shift+↑ / ↓, or the
context menu: the documents are split at separator sheets), keep or drop blank pages.
Every operation is the core batch's (`counterapp.digitize.batch`, `ui_support`), saved at once.
The view tells the page through `edited` / `current_changed`; zoom keys go to the preview
through `zoom_requested`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counterapp.digitize.common import DigitizeError
from ui.scan.common import message
from ui.scan.model import PageListModel
from ui.scan.preview import zoom_command

if TYPE_CHECKING:
    from counterapp.digitize.batch import BatchPage, ScanBatch


class BatchView(QWidget):
    edited = Signal()  # the batch's pages changed (groups and counts to refresh)
    current_changed = Signal()  # another page selected, or the selected one changed
    zoom_requested = Signal(str)  # "in" / "out" / "width" / "page", from the keys on the thumbnails
    failed = Signal(str)  # an operation refused, the message for the officer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.batch: ScanBatch | None = None
        self.busy = False
        self.own_document = ""  # what the form files the first document under (for the menu)
        self._deleted: list[str] = []  # officer's deletions, newest last (Ctrl+Z brings one back)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.model = PageListModel(self)
        self.view = QListView(objectName="scanThumbnails")
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(QSize(120, 160))
        self.view.setGridSize(QSize(150, 222))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.setWordWrap(True)
        self.view.setDragEnabled(False)
        self.view.setMinimumWidth(170)  # one column of thumbnails
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setModel(self.model)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.current_changed.emit())
        self.view.installEventFilter(self)
        self.model.rowsInserted.connect(self._rows_inserted)
        self.model.dataChanged.connect(lambda *_: self.current_changed.emit())
        box.addWidget(self.view, 1)
        tools = QHBoxLayout()
        self.rotate_left_button = QPushButton(clicked=lambda: self.rotate_current(-1))
        self.rotate_right_button = QPushButton(clicked=lambda: self.rotate_current(1))
        self.delete_button = QPushButton(clicked=self.delete_current)
        self.up_button = QPushButton(clicked=lambda: self.move_current(-1))
        self.down_button = QPushButton(clicked=lambda: self.move_current(1))
        for b in self.tool_buttons():
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays on the thumbnails
            b.setMinimumWidth(30)  # narrow column on a small screen: the buttons shrink, not the page
            tools.addWidget(b)
        tools.addStretch(1)
        box.addLayout(tools)
        self.keep_blank_check = QCheckBox()
        self.keep_blank_check.toggled.connect(self._keep_blank_toggled)
        self.count_label = QLabel(objectName="scanCount", wordWrap=True)
        box.addWidget(self.keep_blank_check)
        box.addWidget(self.count_label)

    def tool_buttons(self) -> tuple[QPushButton, ...]:
        return (self.rotate_left_button, self.rotate_right_button, self.delete_button, self.up_button,
                self.down_button)

    def retranslate(self) -> None:
        self.rotate_left_button.setText("⟲")
        self.rotate_left_button.setToolTip(self.tr("Xoay trái (Ctrl+L hoặc [)"))
        self.rotate_right_button.setText("⟳")
        self.rotate_right_button.setToolTip(self.tr("Xoay phải (Ctrl+R hoặc ])"))
        self.delete_button.setText(self.tr("Xóa"))
        self.delete_button.setToolTip(self.tr("Xóa trang (Del); Ctrl+Z lấy lại trang vừa xóa"))
        self.up_button.setText("▲")
        self.up_button.setToolTip(self.tr("Chuyển trang lên (Ctrl+↑); sang tài liệu trước: Ctrl+Shift+↑"))
        self.down_button.setText("▼")
        self.down_button.setToolTip(self.tr("Chuyển trang xuống (Ctrl+↓); sang tài liệu sau: Ctrl+Shift+↓"))
        self.keep_blank_check.setText(self.tr("Giữ trang trắng"))
        self.update_counts()

    # ---- batch
    def set_batch(self, batch: ScanBatch | None) -> None:
        self.batch = batch
        self._deleted = []
        self.model.set_batch(batch)
        if batch is not None:
            drop = batch.manifest.get("cleanup", {}).get("drop_blank", True)
            self.keep_blank_check.blockSignals(True)
            self.keep_blank_check.setChecked(not drop)
            self.keep_blank_check.blockSignals(False)
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(0))
        self.update_counts()

    def set_state(self, ready: bool, busy: bool) -> None:
        self.busy = busy
        has_pages = self.batch is not None and bool(self.model.rowCount())
        for b in self.tool_buttons():
            b.setEnabled(ready and not busy and has_pages)
        self.keep_blank_check.setEnabled(ready and not busy)
        self.update_counts()

    def page_arrived(self, page: BatchPage) -> None:
        self.model.page_added(page)
        self.update_counts()

    def _rows_inserted(self, _parent, first: int, last: int) -> None:
        if not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(first))
        self.view.scrollTo(self.model.index(last))

    def current_page(self) -> BatchPage | None:
        return self.model.page_at(self.view.currentIndex().row())

    # ---- keys
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.view and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            action = self._key_action(event)
            if action is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    action()
                return True
        return super().eventFilter(obj, event)

    def _key_action(self, event: QKeyEvent):
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if ctrl and key == Qt.Key.Key_L or (not ctrl and event.text() == "["):
            return lambda: self.rotate_current(-1)
        if ctrl and key == Qt.Key.Key_R or (not ctrl and event.text() == "]"):
            return lambda: self.rotate_current(1)
        if key == Qt.Key.Key_Delete and not ctrl:
            return self.delete_current
        if ctrl and key == Qt.Key.Key_Z:
            return self.undo_delete
        if ctrl and shift and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return lambda: self.move_current_to_neighbour(-1 if key == Qt.Key.Key_Up else 1)
        if ctrl and key == Qt.Key.Key_Up:
            return lambda: self.move_current(-1)
        if ctrl and key == Qt.Key.Key_Down:
            return lambda: self.move_current(1)
        command = zoom_command(event)
        if command is not None:
            return lambda c=command: self.zoom_requested.emit(c)
        return None

    # ---- operations
    def _editable(self) -> bool:
        # pages can be tidied while the scanner is still feeding: the core batch serializes the edits
        return not self.busy and self.batch is not None

    def rotate_current(self, quarter_turns: int) -> None:
        page = self.current_page()
        if page is None or not self._editable():
            return
        self.batch.rotate(page.id, quarter_turns)
        self._after_edit(page.id)

    def delete_current(self) -> None:
        """Del: leave the page out; on a page clean-up left out as blank (shown dimmed), Del
        brings it back: one key, so a page with a faint mark is never lost for want of a menu."""
        page = self.current_page()
        if page is None or not self._editable():
            return
        if page.deleted and page.blank:
            self.batch.restore(page.id)
            self._after_edit(page.id)
            return
        row = self.view.currentIndex().row()
        self.batch.delete(page.id)
        self._deleted.append(page.id)
        self.model.refresh()
        if self.model.row_of(page.id) >= 0:  # a blank page stays in view, dimmed
            self._after_edit(page.id)
            return
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))
        self._after_edit(None)

    def undo_delete(self) -> None:
        if not self._deleted or not self._editable():
            return
        page_id = self._deleted.pop()
        self.batch.restore(page_id)
        self._after_edit(page_id)

    def move_current(self, step: int) -> None:
        page = self.current_page()
        if page is None or not self._editable():
            return
        from counterapp.digitize.ui_support import visible_move_index

        index = visible_move_index(self.batch, page.id, step, [p.id for p in self.model.pages()])
        if index is None:
            return
        self.batch.move(page.id, index)
        self._after_edit(page.id)

    def documents(self) -> list[tuple[int, str]]:
        """(segment index, label) of every document of the batch, for the menu."""
        from counterapp.digitize.ui_support import document_segments

        if self.batch is None:
            return []
        out = []
        for seg in document_segments(self.batch):
            doc = (self.own_document or seg.document_code) if seg.index == 0 else seg.document_code
            label = self.tr("Tài liệu {i}: {doc} ({n} trang)").replace("{i}", str(seg.index + 1)) \
                .replace("{doc}", doc or self.tr("(chưa chọn)")).replace("{n}", str(len(seg.page_ids)))
            out.append((seg.index, label))
        return out

    def move_current_to(self, segment: int) -> None:
        """Move the selected page to the end of document `segment` (0: before the first separator)."""
        page = self.current_page()
        if page is None or not self._editable():
            return
        from counterapp.digitize.ui_support import move_to_document

        try:
            move_to_document(self.batch, page.id, segment)
        except DigitizeError as exc:
            self.failed.emit(message(exc))
            return
        self._after_edit(page.id)

    def move_current_to_neighbour(self, step: int) -> None:
        page = self.current_page()
        if page is None or not self._editable():
            return
        from counterapp.digitize.ui_support import segment_of

        current = segment_of(self.batch, page.id)
        if current is None:
            self.failed.emit(self.tr("Tờ phân cách không chuyển sang tài liệu khác được"))
            return
        target = current + step
        if 0 <= target < len(self.documents()):
            self.move_current_to(target)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        menu = self.context_menu()
        if menu is not None:
            menu.popup(self.view.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu | None:
        """The selected page's menu: turn, delete, and move to another document of the batch."""
        page = self.current_page()
        if page is None or not self._editable():
            return None
        from counterapp.digitize.ui_support import segment_of

        menu = QMenu(self)
        menu.setObjectName("scanPageMenu")
        menu.addAction(self.tr("Xoay trái"), lambda: self.rotate_current(-1))
        menu.addAction(self.tr("Xoay phải"), lambda: self.rotate_current(1))
        menu.addAction(self.tr("Xóa trang"), self.delete_current)
        move = menu.addMenu(self.tr("Chuyển sang tài liệu"))
        move.setObjectName("scanMoveMenu")
        current = segment_of(self.batch, page.id)
        documents = self.documents()
        for segment, label in documents:
            action = move.addAction(label, lambda s=segment: self.move_current_to(s))
            action.setEnabled(current is not None and segment != current)
        move.setEnabled(current is not None and len(documents) > 1)
        return menu

    def _after_edit(self, keep_id: str | None) -> None:
        self.model.refresh()
        if keep_id is not None:
            row = self.model.row_of(keep_id)
            if row >= 0:
                self.view.setCurrentIndex(self.model.index(row))
        self.update_counts()
        self.current_changed.emit()
        self.edited.emit()

    def _keep_blank_toggled(self, keep: bool) -> None:
        if self.batch is None or self.busy:
            return
        from counterapp.digitize.ui_support import set_drop_blank

        current = self.current_page()
        set_drop_blank(self.batch, not keep)
        self._after_edit(current.id if current else None)

    def update_counts(self) -> None:
        if self.batch is None:
            self.count_label.setText(self.tr("Chưa có trang nào. Quét hoặc thêm tệp (kéo thả vào đây)."))
            return
        pages = self.batch.pages()
        kept = len(self.batch.kept_pages())
        blank = len([p for p in pages if p.blank and p.deleted])
        seps = len([p for p in pages if p.separator is not None])
        text = self.tr("{k} trang vào PDF").replace("{k}", str(kept))
        if blank:
            text += " · " + self.tr("{b} trang trắng bỏ").replace("{b}", str(blank))
        if seps:
            text += " · " + self.tr("{s} tờ phân cách").replace("{s}", str(seps))
        self.count_label.setText(text)
