"""Where the pages go: the dossier (code typed, scanned from the receipt, or offered by the
intake page), its document component, the groups the batch will file, and what was filed.

The dossier is read off the GUI thread (`ui_support.dossier_target`); a late answer to an
older look-up is ignored. The page decides when to file (`build_button`) and feeds the
results table (`add_result`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ui.ops import BackgroundOp
from ui.scan.common import message
from ui.scan.scanner_panel import select_data

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.digitize.ui_support import DossierTarget, FiledDocument


def _table(columns: int, name: str, rows_shown: int) -> QTableWidget:
    """A small read-only table whose columns share the width and elide their text."""
    table = QTableWidget(0, columns, objectName=name)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(40)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    table.setWordWrap(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    row = table.verticalHeader().defaultSectionSize()
    table.setMinimumHeight(header.sizeHint().height() + row * rows_shown + 4)
    table.setMaximumHeight(header.sizeHint().height() + row * (rows_shown + 1) + 4)
    return table


TEXT_COLUMN = 4  # the text layer's state: the last column, so the others keep their places
TEXT_STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # none | pending | done | failed, on the text cell


class FilingPanel(QGroupBox):
    target_loaded = Signal(object)  # DossierTarget
    target_failed = Signal(str)  # the message for the officer
    document_changed = Signal()
    retry_requested = Signal(list)  # attachment uuids whose text recognition failed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.target: DossierTarget | None = None
        self.batch_document: str | None = None  # the batch's own document code, when resuming one
        self._target_request = 0
        filing = QFormLayout(self)
        filing.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.dossier_edit = QLineEdit(objectName="scanDossierCode")
        self.dossier_edit.returnPressed.connect(self.load_target)
        self.open_dossier_button = QPushButton(clicked=self.load_target)
        dossier_row = QHBoxLayout()
        dossier_row.addWidget(self.dossier_edit, 1)
        dossier_row.addWidget(self.open_dossier_button)
        self.dossier_info = QLabel(wordWrap=True)
        self.document_combo = QComboBox(objectName="scanDocument")
        self.document_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.document_combo.setMinimumContentsLength(12)
        self.document_combo.currentIndexChanged.connect(lambda *_: self.document_changed.emit())
        self.dossier_label = QLabel()
        self.document_label = QLabel()
        filing.addRow(self.dossier_label, dossier_row)
        filing.addRow(self.dossier_info)
        filing.addRow(self.document_label, self.document_combo)
        self.groups_table = _table(3, "scanGroups", 1)
        filing.addRow(self.groups_table)
        # laid out by the page below this panel's scroll area, so it stays in view on a small screen
        self.build_button = QPushButton(objectName="buildAttach")
        self.build_button.setMinimumHeight(34)
        self.results_table = _table(5, "scanResults", 1)
        filing.addRow(self.results_table)
        self.retry_ocr_button = QPushButton(objectName="scanRetryOcr")
        self.retry_ocr_button.clicked.connect(self._retry_clicked)
        self.retry_ocr_button.hide()
        filing.addRow(self.retry_ocr_button)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Lưu vào hồ sơ"))
        self.dossier_label.setText(self.tr("Mã hồ sơ"))
        self.open_dossier_button.setText(self.tr("Mở"))
        self.document_label.setText(self.tr("Thành phần"))
        self.groups_table.setHorizontalHeaderLabels([self.tr("Hồ sơ"), self.tr("Thành phần"), self.tr("Số trang")])
        self.build_button.setText(self.tr("Tạo PDF và đính &kèm"))
        self.results_table.setHorizontalHeaderLabels(
            [self.tr("Thành phần"), self.tr("Số trang"), self.tr("Chữ ký số"), "SHA-256", self.tr("Lớp chữ (OCR)")]
        )
        self.retry_ocr_button.setText(self.tr("Nhận dạng chữ lại"))
        self.retry_ocr_button.setToolTip(self.tr("Chạy lại nhận dạng chữ cho tài liệu bị lỗi (các dòng đang chọn, "
                                                 "hoặc tất cả nếu không chọn dòng nào)"))
        for row in range(self.results_table.rowCount()):
            item = self.results_table.item(row, TEXT_COLUMN)
            if item is not None:
                self._show_text_state(item, item.data(TEXT_STATE_ROLE))

    # ---- the dossier
    def set_code(self, code: str) -> None:
        self.dossier_edit.setText(code)

    def code_typed(self) -> str:
        return self.dossier_edit.text().strip()

    def own_target(self) -> tuple[str | None, str | None]:
        """(dossier code, document code) the batch's own pages go to (None before a dossier is open)."""
        if self.target is None:
            return None, None
        return self.target.code, self.document_combo.currentData()

    def load_target(self) -> None:
        if self.ctx is None:
            return
        code = self.code_typed()
        if not code:
            self.target_failed.emit(self.tr("Chưa nhập mã hồ sơ / no dossier code entered"))
            return
        from counterapp.digitize.ui_support import dossier_target

        self.dossier_info.setText(self.tr("Đang tìm hồ sơ…"))
        self._target_request += 1
        request = self._target_request
        (BackgroundOp(self, dossier_target, self.ctx, code)
         .success(lambda t, r=request: self._target_loaded(t, r))
         .failure(lambda exc, r=request: self._target_failed(exc, r)).run())

    def _target_loaded(self, target: DossierTarget, request: int | None = None) -> None:
        if request is not None and request != self._target_request:
            return  # an older look-up finished after a newer one was asked for
        self.target = target
        self.dossier_edit.setText(target.code)
        info = f"{target.applicant_name}"
        if target.id_number:
            info += f" · {target.id_number}"
        info += f"\n{target.procedure_name}"
        self.dossier_info.setText(info)
        wanted = self.document_combo.currentData() or self.batch_document
        self.document_combo.blockSignals(True)
        self.document_combo.clear()
        for doc in target.documents:
            self.document_combo.addItem(f"{doc.document_code} — {doc.name}", doc.document_code)
            self.document_combo.setItemData(self.document_combo.count() - 1, doc.name, Qt.ItemDataRole.ToolTipRole)
        if not target.documents:
            self.document_combo.addItem(self.tr("(hồ sơ không có thành phần nào có mã)"), None)
        select_data(self.document_combo, wanted)
        self.document_combo.blockSignals(False)
        self.target_loaded.emit(target)

    def _target_failed(self, exc: BaseException, request: int | None = None) -> None:
        if request is not None and request != self._target_request:
            return
        self.target = None
        self.document_combo.clear()
        self.dossier_info.setText("")
        self.target_failed.emit(message(exc))

    # ---- groups and results
    def show_groups(self, rows: list[tuple[str | None, str | None, int]]) -> None:
        self.groups_table.setRowCount(len(rows))
        for r, (code, doc, count) in enumerate(rows):
            for c, value in enumerate((code or self.tr("(chưa chọn)"), doc or self.tr("(chưa chọn)"), str(count))):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.groups_table.setItem(r, c, item)

    def clear_results(self) -> None:
        self.results_table.setRowCount(0)
        self._update_retry()

    def _signature_text(self, doc: FiledDocument) -> str:
        if doc.signed:
            state = self.tr("hợp lệ") if doc.signature_valid else self.tr("KHÔNG hợp lệ")
            return f"{state} — {doc.signer}" if doc.signer else state
        if doc.sign_pending:
            return self.tr("chờ ký sau khi nhận dạng chữ")
        return self.tr("chưa ký")

    def add_result(self, doc: FiledDocument) -> None:
        row = self.result_row(doc.attachment_uuid)
        if row < 0:
            row = self.results_table.rowCount()
            self.results_table.insertRow(row)
        values = (doc.document_code, str(doc.page_count), self._signature_text(doc), doc.sha256, "")
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setData(Qt.ItemDataRole.UserRole, doc.attachment_uuid)
            item.setToolTip(value)
            self.results_table.setItem(row, c, item)
        self._show_text_state(self.results_table.item(row, TEXT_COLUMN), doc.ocr_state)
        self._update_retry()

    # ---- the text layer: queued, done, failed (retry)
    def _text_state_text(self, state: str) -> str:
        return {
            "pending": self.tr("đang chờ nhận dạng"), "done": self.tr("đã có"), "failed": self.tr("lỗi"),
        }.get(state, self.tr("không có"))

    def _show_text_state(self, item: QTableWidgetItem | None, state: str | None) -> None:
        if item is None:
            return
        item.setData(TEXT_STATE_ROLE, state or "none")
        text = self._text_state_text(state or "none")
        item.setText(text)
        item.setToolTip(text)

    def set_text_state(self, uuid: str, state: str) -> None:
        row = self.result_row(uuid)
        if row >= 0:
            self._show_text_state(self.results_table.item(row, TEXT_COLUMN), state)
        self._update_retry()

    def text_state(self, uuid: str) -> str | None:
        row = self.result_row(uuid)
        item = self.results_table.item(row, TEXT_COLUMN) if row >= 0 else None
        return item.data(TEXT_STATE_ROLE) if item is not None else None

    def failed_text(self) -> list[str]:
        out = []
        for row in range(self.results_table.rowCount()):
            item = self.results_table.item(row, TEXT_COLUMN)
            if item is not None and item.data(TEXT_STATE_ROLE) == "failed":
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def _update_retry(self) -> None:
        self.retry_ocr_button.setVisible(bool(self.failed_text()))

    def _retry_clicked(self) -> None:
        failed = self.failed_text()
        selected = {self.results_table.item(i.row(), 0).data(Qt.ItemDataRole.UserRole)
                    for i in self.results_table.selectedIndexes() if self.results_table.item(i.row(), 0)}
        chosen = [u for u in failed if u in selected] or failed
        if chosen:
            self.retry_requested.emit(chosen)

    def result_row(self, uuid: str) -> int:
        for row in range(self.results_table.rowCount()):
            item = self.results_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == uuid:
                return row
        return -1
