"""The catalog browser: search as you type, ranked results, the whole record beside them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QPersistentModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.orm import Session, sessionmaker

    from counterapp.catalog.reader import CatalogPreview
    from counterapp.catalog.search import SearchHit

RESULT_LIMIT = 200
SEARCH_DELAY_MS = 25  # coalesces a burst of keystrokes (or a scanner's paste) into one query

# Item roles as Qt's numbers (Qt.ItemDataRole): the view is built while the window starts,
# before anything else needs PySide's `Qt` namespace, whose Python enums take about 25 ms to
# build on first touch (bench/startup.py). Key handling imports it when a key is pressed.
DISPLAY_ROLE, TOOLTIP_ROLE, USER_ROLE = 0, 3, 0x0100


class SearchResultsModel(QAbstractListModel):
    HitRole = USER_ROLE + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == DISPLAY_ROLE:
            return f"{hit.name}\n{hit.code} · {hit.field} · {hit.level}"
        if role == TOOLTIP_ROLE:
            return hit.name
        if role == self.HitRole:
            return hit
        return None

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None


class CatalogView(QWidget):
    """Left: search box and results; right: the procedure's record."""

    procedure_chosen = Signal(str)  # code, when the officer presses Enter on a result

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sessions: sessionmaker[Session] | None = None
        self._reader: sqlite3.Connection | None = None  # start-up only, until the sessions come
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setObjectName("catalogSearch")
        self.search_edit.installEventFilter(self)
        self.count_label = QLabel()
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("catalogResults")
        self.results.setModel(self.model)
        self.results.setUniformItemSizes(True)
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(False)
        self.results.setSpacing(2)
        self.results.activated.connect(self._activate)
        self.results.selectionModel().currentRowChanged.connect(self._show_current)
        self.detail = QTextBrowser()
        self.detail.setObjectName("catalogDetail")
        self.detail.setOpenExternalLinks(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.results, 1)
        splitter = QSplitter()  # horizontal
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self._record: dict[str, Any] | None = None
        self.retranslate()

    # --- wiring -----------------------------------------------------------------
    def show_preview(self, preview: CatalogPreview | None) -> None:
        """The catalog from the start-up reader (counterapp/catalog/reader.py): listed and
        searchable before the data folder is fully open; the record beside it comes then."""
        if preview is None:
            return
        if self._sessions is not None:  # the data folder opened first after all
            preview.close()
            return
        self._reader = preview.connection
        if self.search_edit.text().strip():
            self.run_search()  # the officer already typed
        else:
            self._show_hits(preview.first_page)

    def set_sessions(self, sessions: sessionmaker[Session]) -> None:
        current = self.model.hit(self.results.currentIndex().row())
        self._sessions = sessions
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        self.run_search()
        if current is not None:  # keep what the officer moved to while the data folder opened
            for row in range(self.model.rowCount()):
                if self.model.hit(row).id == current.id:
                    self.results.setCurrentIndex(self.model.index(row))
                    break

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def current_record(self) -> dict[str, Any] | None:
        return self._record

    # --- behaviour ----------------------------------------------------------------
    def run_search(self) -> None:
        if self._sessions is None and self._reader is None:
            return
        from counterapp.catalog.search import search_procedures

        self._timer.stop()
        if self._sessions is not None:
            with self._sessions() as session:
                hits = search_procedures(session, self.search_edit.text(), limit=RESULT_LIMIT)
        else:
            hits = search_procedures(self._reader, self.search_edit.text(), limit=RESULT_LIMIT)
        self._show_hits(hits)

    def _show_hits(self, hits: list[SearchHit]) -> None:
        self.model.set_hits(hits)
        self.count_label.setText(self.tr("{n} thủ tục").replace("{n}", str(len(hits))))
        if hits:
            self.results.setCurrentIndex(self.model.index(0))
        else:
            self._record = None
            from html import escape

            nothing = self.tr("Không tìm thấy thủ tục nào.")  # (lupdate does not read inside f-strings)
            self.detail.setHtml(f"<p>{escape(nothing)}</p>")

    def eventFilter(self, watched: Any, event: QEvent) -> bool:  # noqa: N802
        # Arrows and Page keys in the search box move through the results; Enter opens.
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt
            from PySide6.QtGui import QKeyEvent

            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                if self._timer.isActive():
                    self.run_search()
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}[key]
                row = max(0, min(self.model.rowCount() - 1, self.results.currentIndex().row() + step))
                self.results.setCurrentIndex(self.model.index(row))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.run_search()
                self._activate(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _activate(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row()) if index.isValid() else None
        if hit is not None:
            self.procedure_chosen.emit(hit.code)

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.hit(current.row()) if current.isValid() else None
        if hit is None:
            return
        if self._sessions is None:  # the start-up reader: the line's facts until the record loads
            from html import escape as e

            self._record = None
            opening = self.tr("Đang mở dữ liệu…")
            self.detail.setHtml(
                f"<h2>{e(hit.name)}</h2><p>{e(hit.code)} · {e(hit.field)} · {e(hit.level)}</p>"
                f"<p><i>{e(opening)}</i></p>"
            )
            return
        from counterapp.catalog.records import get_procedure_by_id, procedure_to_dict

        with self._sessions() as session:
            procedure = get_procedure_by_id(session, hit.id)
            self._record = procedure_to_dict(procedure) if procedure else None
        self.detail.setHtml(self.render_record(self._record) if self._record else "")

    def render_record(self, r: dict[str, Any]) -> str:
        from html import escape as e

        from counterapp.catalog.records import format_amount, format_vnd

        rows = [
            (self.tr("Mã thủ tục"), e(r["code"])),
            (self.tr("Lĩnh vực"), e(r["field"] or "-")),
            (self.tr("Cấp thực hiện"), e(r["level"] or "-")),
            (self.tr("Cơ quan thực hiện"), e("; ".join(a["name"] for a in r["agencies"]) or "-")),
            (self.tr("Mức độ dịch vụ công trực tuyến"), e(r["online_level"] or "-")),
        ]
        if r["cutoff_time"]:
            rows.append((self.tr("Giờ nhận hồ sơ tối đa"), e(r["cutoff_time"])))
        parts = [f"<h2>{e(r['name'])}</h2><table cellspacing='2' cellpadding='2'>"]
        parts += [f"<tr><td><b>{e(k)}</b></td><td>{v}</td></tr>" for k, v in rows]
        parts.append("</table>")
        # Every text through self.tr("...") outside f-strings: lupdate does not read inside them.
        channels_title, fees_title = self.tr("Cách thức thực hiện, thời hạn và phí"), self.tr("Phí, lệ phí")
        parts.append(f"<h3>{e(channels_title)}</h3><ul>")
        for c in r["channels"]:
            for limit in c["time_limits"]:
                fees = ", ".join(
                    e(format_vnd(f["amount_vnd"]) + (f" ({f['description']})" if f["description"] else ""))
                    for f in limit["fees"]
                ) or e(self.tr("không"))
                parts.append(
                    f"<li><b>{e(c['kind_name'])}</b>: {e(format_amount(limit['amount']))} {e(limit['unit'])}"
                    f"{' — ' + e(limit['description']) if limit['description'] else ''}"
                    f"<br>{e(fees_title)}: {fees}</li>"
                )
        parts.append("</ul>")
        documents_title, number = self.tr("Thành phần hồ sơ"), self.tr("STT")
        document, originals, copies = self.tr("Tên giấy tờ"), self.tr("Bản chính"), self.tr("Bản sao")
        parts.append(
            f"<h3>{e(documents_title)}</h3><table border='1' cellspacing='0' cellpadding='3'>"
            f"<tr><th>{e(number)}</th><th>{e(document)}</th>"
            f"<th>{e(originals)}</th><th>{e(copies)}</th></tr>"
        )
        case = None
        for i, d in enumerate(r["documents"], 1):
            if d["case"] and d["case"] != case:
                case = d["case"]
                parts.append(f"<tr><td colspan='4'><i>{e(case)}</i></td></tr>")
            form = f" <i>({e(d['form_name'])})</i>" if d["form_name"] else ""
            parts.append(
                f"<tr><td align='center'>{i}</td><td>{e(d['name'])}{form}</td>"
                f"<td align='center'>{d['originals']}</td><td align='center'>{d['copies']}</td></tr>"
            )
        parts.append("</table>")
        for title, body in (
            (self.tr("Yêu cầu, điều kiện"), e(r["requirements"] or "")),
            (self.tr("Đối tượng thực hiện"), e("; ".join(r["target_groups"]))),
            (self.tr("Kết quả thực hiện"), e("; ".join(x["name"] for x in r["results"]))),
        ):
            if body:
                parts.append(f"<h3>{e(title)}</h3><p>{body}</p>")
        if r["steps"]:
            steps_title = self.tr("Trình tự thực hiện")
            parts.append(f"<h3>{e(steps_title)}</h3><ol>")
            parts += [f"<li>{e(s['description'])}</li>" for s in r["steps"]]
            parts.append("</ol>")
        if r["legal_bases"]:
            legal_title = self.tr("Căn cứ pháp lý")
            parts.append(f"<h3>{e(legal_title)}</h3><ul>")
            parts += [f"<li>{e(((b['number'] or '') + ' ' + b['title']).strip())}</li>" for b in r["legal_bases"]]
            parts.append("</ul>")
        return "".join(parts)

    # --- language -----------------------------------------------------------------
    def retranslate(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Tìm theo mã, tên thủ tục, lĩnh vực… (Ctrl+F)"))
        self.search_edit.setAccessibleName(self.tr("Tìm thủ tục"))
        if self._sessions is not None or self._reader is not None:
            self.count_label.setText(self.tr("{n} thủ tục").replace("{n}", str(self.model.rowCount())))
            if self._record:
                self.detail.setHtml(self.render_record(self._record))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
