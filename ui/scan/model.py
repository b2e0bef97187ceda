"""The thumbnail model over a scan batch's pages; thumbnails are made off the GUI thread and cached."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap

from ui.ops import BackgroundOp

if TYPE_CHECKING:
    from counterapp.digitize.batch import BatchPage, ScanBatch

THUMB_PX = 160
PAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_ROLE = Qt.ItemDataRole.UserRole + 2


class PageListModel(QAbstractListModel):
    """Rows are the pages the officer sees: kept pages, plus blank pages (dimmed) and separator sheets.

    Pages the officer deleted are hidden. Blank pages the core dropped stay visible, dimmed,
    so one can be brought back (the "keep blank pages" toggle).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.batch: ScanBatch | None = None
        self._pages: list[BatchPage] = []
        self._cache: dict[tuple[str, int], QPixmap] = {}
        self._pending: set[tuple[str, int]] = set()
        self._placeholder = QPixmap(QSize(THUMB_PX * 3 // 4, THUMB_PX))
        self._placeholder.fill(QColor("#e4e4e4"))

    # ---- content
    def set_batch(self, batch: ScanBatch | None) -> None:
        self.beginResetModel()
        self.batch = batch
        self._cache.clear()
        self._pending.clear()
        self._pages = self._visible()
        self.endResetModel()

    def _visible(self) -> list[BatchPage]:
        if self.batch is None:
            return []
        return [p for p in self.batch.pages() if not p.deleted or p.blank]

    def refresh(self) -> None:
        """Re-read the batch (after an operation) keeping cached thumbnails."""
        new = self._visible()
        if [p.id for p in new] == [p.id for p in self._pages]:
            self._pages = new
            if new:
                self.dataChanged.emit(self.index(0), self.index(len(new) - 1))
            return
        self.beginResetModel()
        self._pages = new
        self.endResetModel()

    def page_added(self, page: BatchPage) -> None:
        if page.deleted and not page.blank:
            return
        if self.row_of(page.id) >= 0:
            return  # already shown by a refresh after an edit made while the scan went on
        row = len(self._pages)
        self.beginInsertRows(QModelIndex(), row, row)
        self._pages.append(page)
        self.endInsertRows()

    def pages(self) -> list[BatchPage]:
        return list(self._pages)

    def page_at(self, row: int) -> BatchPage | None:
        return self._pages[row] if 0 <= row < len(self._pages) else None

    def row_of(self, page_id: str) -> int:
        for row, page in enumerate(self._pages):
            if page.id == page_id:
                return row
        return -1

    def thumbnail_ready(self, page_id: str, rotation: int) -> bool:
        return (page_id, rotation) in self._cache

    # ---- Qt model
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._pages)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        page = self.page_at(index.row())
        if page is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.tr("Trang {n}").replace("{n}", str(index.row() + 1))
            if page.separator is not None:
                text += "\n" + self.tr("tờ phân cách")
            elif page.blank:
                text += "\n" + (self.tr("trắng — bỏ") if page.deleted else self.tr("trắng — giữ"))
            return text
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(page)
        if role == Qt.ItemDataRole.ForegroundRole and page.deleted:
            return QColor("#9a9a9a")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{page.id} · {page.width}×{page.height} px · {page.dpi} dpi"
        if role == PAGE_ID_ROLE:
            return page.id
        if role == PAGE_ROLE:
            return page
        return None

    def _thumbnail(self, page: BatchPage) -> QPixmap:
        key = (page.id, page.rotation)
        pix = self._cache.get(key)
        if pix is not None:
            return self._dimmed(pix) if page.deleted else pix
        if key not in self._pending:
            from counterapp.digitize.ui_support import page_thumbnail

            self._pending.add(key)
            batch = self.batch
            # A thumbnail that cannot be made is asked again at the next paint; the preview says why.
            (BackgroundOp(self, page_thumbnail, page, THUMB_PX)
             .success(lambda result, k=key, b=batch: self._made(b, k, result))
             .failure(lambda _exc, k=key: self._pending.discard(k)).run())
        return self._placeholder

    def _made(self, batch: ScanBatch | None, key: tuple[str, int], result: tuple[bytes, int, int]) -> None:
        self._pending.discard(key)
        if batch is not self.batch:
            return  # another batch is shown now
        data, w, h = result
        image = QImage(data, w, h, w * 3, QImage.Format.Format_RGB888).copy()
        pix = QPixmap.fromImage(image)
        painter = QPainter(pix)  # a thin edge: white paper on a white view
        painter.setPen(QColor("#a0a0a0"))
        painter.drawRect(0, 0, w - 1, h - 1)
        painter.end()
        self._cache[key] = pix
        row = self.row_of(key[0])
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row), [Qt.ItemDataRole.DecorationRole])

    @staticmethod
    def _dimmed(pix: QPixmap) -> QPixmap:
        """A dropped blank page: faded on gray, crossed, so it reads as "left out" even when white."""
        out = QPixmap(pix.size())
        out.fill(QColor("#c8c8c8"))
        painter = QPainter(out)
        painter.setOpacity(0.45)
        painter.drawPixmap(0, 0, pix)
        painter.setOpacity(1.0)
        pen = QPen(QColor("#8a8a8a"))
        pen.setWidth(2)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        w, h = out.width() - 1, out.height() - 1
        painter.drawRect(1, 1, w - 2, h - 2)
        painter.drawLine(0, 0, w, h)
        painter.drawLine(w, 0, 0, h)
        painter.end()
        return out
