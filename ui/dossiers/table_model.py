"""The dossier list's table model: rows fetched page by page in the background (keyset
paging through `ui_support.list_rows`), coloured by due state and sync state.

Split from page.py so the page keeps to its widgets and actions.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from ui.ops import BackgroundOp, report_failure

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.dossiers.ui_support import ListFilters, ListRow

log = logging.getLogger(__name__)
PAGE_SIZE = 200


class DossierTableModel(QAbstractTableModel):
    COLUMNS = ("code", "applicant", "procedure", "received", "due", "status", "sync")
    RowRole = Qt.ItemDataRole.UserRole + 1
    page_appended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.rows: list[ListRow] = []
        self.filters: ListFilters | None = None
        self.next_key: tuple[datetime, int] | None = None
        self.headers: tuple[str, ...] = ("",) * len(self.COLUMNS)
        self.sync_labels: dict[str, str] = {}
        self.status_labels: dict[int, str] = {}
        self.fetching = False
        self.generation = 0

    # -- data
    def set_page(self, filters: ListFilters, rows: list[ListRow], next_key: tuple[datetime, int] | None) -> None:
        self.generation += 1
        self.fetching = False
        self.beginResetModel()
        self.filters = filters
        self.rows = list(rows)
        self.next_key = next_key
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return (not parent.isValid() and self.next_key is not None and self.ctx is not None
                and not self.fetching)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        """The next page, read in the background (the sync-state lookup can take a few hundred
        ms on a large outbox); rows are appended when it arrives."""
        if not self.canFetchMore(parent):
            return
        assert self.filters is not None
        self.fetching = True
        generation = self.generation
        (BackgroundOp(self, _next_page, self.ctx, self.filters, self.next_key)
         .success(lambda result: self._append(generation, result)).failure(self._fetch_failed).run())

    def _append(self, generation: int, result: Any) -> None:
        self.fetching = False
        if generation != self.generation:
            return  # the list was reloaded meanwhile
        rows, key = result
        self.next_key = key
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.page_appended.emit()

    def _fetch_failed(self, exc: BaseException) -> None:
        self.fetching = False
        report_failure(self, exc, self.tr("Tải thêm hồ sơ"))

    def row(self, index: int) -> ListRow | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def find_code(self, code: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.code == code), -1)

    # -- Qt
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def _when(self, value: datetime | None) -> str:
        if value is None or self.ctx is None:
            return ""
        from counterapp.forms.formatting import format_datetime

        return format_datetime(value, self.ctx.config.zone)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "code":
                return row.code + (f" ({self.sync_labels.get('provisional', 'tạm')})" if row.provisional else "")
            if column == "applicant":
                return row.applicant_name
            if column == "procedure":
                return row.procedure_name
            if column == "received":
                return self._when(row.received_at)
            if column == "due":
                return self._when(row.due_at)
            if column == "status":
                return self.status_labels.get(row.status, str(row.status))
            if column == "sync":
                return self.sync_labels.get(row.sync_state or "", "") if row.sync_state else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "procedure":
                return f"{row.procedure_code} — {row.procedure_name}"
            if column == "code" and row.provisional:
                return self.sync_labels.get("provisional_tip", "")
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.FontRole and column == "code" and row.provisional:
            font = QFont()
            font.setItalic(True)
            return font
        if role == self.RowRole:
            return row
        return None


def _first_page(ctx, filters: ListFilters) -> tuple[list[ListRow], tuple[datetime, int] | None]:  # noqa: ANN001
    from counterapp.dossiers.ui_support import list_rows

    with ctx.sessions() as session:
        return list_rows(session, filters, ctx.config, limit=PAGE_SIZE)



def _next_page(ctx, filters: ListFilters, after: tuple[datetime, int]) -> tuple[list[ListRow], tuple[datetime, int] | None]:  # noqa: ANN001
    from counterapp.dossiers.ui_support import list_rows

    with ctx.sessions() as session:
        return list_rows(session, filters, ctx.config, after=after, limit=PAGE_SIZE)
