"""Papers already digitized for the applicant: offered for reuse, not rescanned.

Listed off the GUI thread (`ui_support.reused_documents`) by the applicant's ID number;
documents already filed with this very dossier are not offered again. The page files the
one chosen (`reuse_requested`), since filing makes the page busy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ui.ops import BackgroundOp

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.digitize.ui_support import DossierTarget, FiledDocument


class ReusePanel(QGroupBox):
    reuse_requested = Signal(str)  # attachment uuid
    changed = Signal()  # the list was (re)filled

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reusable: list[FiledDocument] = []
        self._target: DossierTarget | None = None
        box = QVBoxLayout(self)
        self.reuse_list = QListWidget(objectName="scanReuse")
        self.reuse_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.reuse_list.setMinimumHeight(44)
        self.reuse_list.setMaximumHeight(80)
        self.reuse_button = QPushButton(clicked=self._reuse_clicked)
        box.addWidget(self.reuse_list)
        box.addWidget(self.reuse_button)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Giấy tờ đã số hóa của người nộp (dùng lại, không quét lại)"))
        self.reuse_button.setText(self.tr("&Dùng lại cho hồ sơ này"))

    def has_choices(self) -> bool:
        return self.reuse_list.count() > 0

    def load(self, ctx: AppContext | None, target: DossierTarget | None) -> None:
        self.reuse_list.clear()
        self.reusable = []
        self._target = target
        if ctx is None or target is None or not target.id_number:
            self.changed.emit()
            return
        from counterapp.digitize.ui_support import reused_documents

        id_number = target.id_number
        (BackgroundOp(self, reused_documents, ctx, id_number).success(lambda docs, t=target: self._loaded(docs, t))
         .describe(self.tr("Tìm giấy tờ đã số hóa của người nộp")).run())

    def _loaded(self, docs: list[FiledDocument], target: DossierTarget) -> None:
        if self._target is not target:
            return  # the officer moved on to another dossier meanwhile
        current = target.code
        # documents already filed with this very dossier are not offered again
        already = {d.sha256 for d in docs if d.dossier_code == current}
        docs = [d for d in docs if d.dossier_code != current and d.sha256 not in already]
        self.reusable = docs
        self.reuse_list.clear()
        for doc in docs:
            where = doc.dossier_code or self.tr("(chưa gắn hồ sơ)")
            text = (self.tr("Kết quả: {name} · {n} trang · hồ sơ {where}").replace("{name}", doc.title or "?")
                    if doc.kind == "result" else  # an earlier dossier's result (counterapp/digitize/results.py)
                    self.tr("{doc} · {n} trang · hồ sơ {where}").replace("{doc}", doc.document_code or "?"))
            item = QListWidgetItem(text.replace("{n}", str(doc.page_count)).replace("{where}", where))
            item.setData(Qt.ItemDataRole.UserRole, doc.attachment_uuid)
            item.setToolTip(doc.sha256)
            self.reuse_list.addItem(item)
        if docs:
            self.reuse_list.setCurrentRow(0)
        self.changed.emit()

    def _reuse_clicked(self) -> None:
        item = self.reuse_list.currentItem()
        if item is not None:
            self.reuse_requested.emit(item.data(Qt.ItemDataRole.UserRole))
