"""The dossier list: search, filters, a lazily fetched table, and actions on one dossier.

Rows come from `ui_support.list_rows` (the core's `list_dossiers`, keyset paging): the
first page loads in the background when the search or a filter changes, later pages as
the table scrolls (`fetchMore`). Status changes and forms go through the core.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QLocale,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.dates import site_qdate
from ui.dossiers.lifecycle_actions import LifecycleActions
from ui.dossiers.result_actions import ResultActions
from ui.dossiers.table_model import DossierTableModel, _first_page
from ui.messages import for_window
from ui.ops import BackgroundOp
from ui.session import current_officer_name

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.dossiers.ui_support import ListFilters, ListRow

log = logging.getLogger(__name__)
SEARCH_DELAY_MS = 150
DEFAULT_RANGE_DAYS = 30  # the date filters open on the last 30 days, ending today at the site


class DossierListPage(LifecycleActions, ResultActions, QWidget):
    loaded = Signal()  # a fresh first page is in the table
    changed = Signal(str)  # a dossier's status changed here (code)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierListPage")
        self.ctx: AppContext | None = None
        self._generation = 0
        self._select_after_load: str | None = None
        self.preview_dialog = None
        self.ledger_dialog = None
        self.model = DossierTableModel(self)
        self.model.page_appended.connect(self._update_count)
        self._build()
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.reload)
        self.retranslate()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        filters = QHBoxLayout()
        self.search_label = QLabel()
        self.search_edit = QLineEdit(objectName="dossierSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_edit)
        self.status_label = QLabel()
        self.status_combo = QComboBox(objectName="statusFilter")
        self.status_label.setBuddy(self.status_combo)
        self.status_combo.setMaximumWidth(260)
        self.from_check = QCheckBox()
        self.from_date = QDateEdit(site_qdate().addDays(-DEFAULT_RANGE_DAYS))
        self.to_check = QCheckBox()
        self.to_date = QDateEdit(site_qdate())
        for d in (self.from_date, self.to_date):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd/MM/yyyy")
            d.setEnabled(False)
        self.due_today_check = QCheckBox(objectName="dueToday")
        self.overdue_check = QCheckBox(objectName="overdue")
        for w in (self.search_label, self.search_edit, self.status_label, self.status_combo, self.from_check,
                  self.from_date, self.to_check, self.to_date, self.due_today_check, self.overdue_check):
            filters.addWidget(w)
        filters.setStretch(1, 2)
        outer.addLayout(filters)

        self.search_edit.textChanged.connect(lambda _t: self.search_timer.start())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        for w in (self.from_check, self.to_check, self.due_today_check, self.overdue_check):
            w.toggled.connect(lambda _c: self.reload())
        for d in (self.from_date, self.to_date):
            d.dateChanged.connect(lambda _d: self.reload())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView(objectName="dossierTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Many rows (Ctrl, Shift) for batch printing (ui/printing/batch.py); actions on one dossier
        # act on the current row.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate((160, 150, 200, 122, 122, 120, 95)):
            self.table.setColumnWidth(col, width)
        # The procedure name takes what the other columns leave: dates and codes stay whole.
        header.setSectionResizeMode(self.model.COLUMNS.index("procedure"), QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_details())
        self.table.activated.connect(lambda _i: self.details.setFocus())
        self.details = QTextBrowser(objectName="dossierDetails")
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 320])
        outer.addWidget(splitter, 1)

        actions = QHBoxLayout()
        self.count_label = QLabel(objectName="dossierCount")
        self.message_label = QLabel(objectName="dossierMessage")
        self.message_label.setWordWrap(True)
        self.reprint_button = QPushButton(clicked=self.reprint_receipt)
        lifecycle_buttons = [*self._build_lifecycle_buttons(), self._build_result_button()]
        self._details_data: dict[str, Any] | None = None
        self.refresh_button = QPushButton(clicked=self.reload)
        self.refresh_button.setMaximumWidth(44)  # one glyph (⟳), its words in the tooltip
        self.ledger_button = QPushButton(clicked=self.print_ledger)
        actions.addWidget(self.count_label)
        actions.addWidget(self.message_label, 1)
        for b in (self.reprint_button, *lifecycle_buttons, self.ledger_button, self.refresh_button):
            actions.addWidget(b)
        outer.addLayout(actions)
        from ui.dossiers.forms_menu import add_forms_menu  # forms 01, 02, 03, 05, 06, fee receipt by status

        self.forms_menu_button = add_forms_menu(self, actions)
        from ui.printing.batch import add_batch_print  # receipts, form 04, routing slips for the selected

        self.batch_print = add_batch_print(self, self.forms_menu_button)
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.reload, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.search_edit.installEventFilter(self)
        self._update_actions()

    def retranslate(self) -> None:
        from counterapp.dossiers.status import DossierStatus

        self.search_label.setText(self.tr("Tì&m:"))
        self.search_edit.setPlaceholderText(self.tr("Mã hồ sơ, tên người nộp, số CCCD, điện thoại"))
        self.status_label.setText(self.tr("Trạng thái:"))
        current = self.status_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(self.tr("Tất cả"), None)
        labels = self._status_labels()
        for status in DossierStatus:
            self.status_combo.addItem(f"{int(status)}. {labels[int(status)]}", int(status))
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(current)))
        self.status_combo.blockSignals(False)
        self.from_check.setText(self.tr("Từ ngày"))
        self.to_check.setText(self.tr("đến"))
        self.due_today_check.setText(self.tr("Hẹn trả hôm na&y"))
        self.overdue_check.setText(self.tr("&Quá hạn"))
        self.reprint_button.setText(self.tr("In &lại giấy tiếp nhận"))
        self._retranslate_lifecycle()
        self._retranslate_result()
        # a glyph, not words: the action row must fit 1024 px (tests/gui/test_scan_screen.py)
        self.refresh_button.setText("⟳")
        self.refresh_button.setToolTip(self.tr("Làm mới (Ctrl+R)"))
        self.refresh_button.setAccessibleName(self.tr("Làm mới"))
        self.ledger_button.setText(self.tr("In &sổ theo dõi…"))
        self.ledger_button.setToolTip(self.tr("Sổ theo dõi hồ sơ: chọn từ ngày đến ngày, xem trước, rồi in hoặc lưu PDF"))
        self.model.headers = (
            self.tr("Mã hồ sơ"), self.tr("Người nộp"), self.tr("Thủ tục"), self.tr("Tiếp nhận"),
            self.tr("Hẹn trả"), self.tr("Trạng thái"), self.tr("Đồng bộ"),
        )
        self.model.status_labels = labels
        self.model.sync_labels = {
            "synced": self.tr("Đã đồng bộ"),
            "waiting": self.tr("Chờ gửi"),
            "sending": self.tr("Đang gửi"),
            "needs_attention": self.tr("Cần xử lý"),
            "conflict": self.tr("Xung đột"),
            "provisional": self.tr("mã tạm"),
            "provisional_tip": self.tr("Mã tạm: cổng dịch vụ công chưa xác nhận mã này"),
        }
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.COLUMNS) - 1)
        self._update_count()

    def _status_labels(self) -> dict[int, str]:
        from counterapp.dossiers.status import DossierStatus

        english = QLocale().language() == QLocale.Language.English  # ui.i18n sets the default locale
        return {int(s): (s.label_en if english else s.label_vi) for s in DossierStatus}

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, obj: Any, event: QEvent) -> bool:  # noqa: N802
        if obj is self.search_edit and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.search_timer.stop()
                if self.model.rowCount():
                    self.table.setFocus()
                    if not self.table.currentIndex().isValid():
                        self.table.selectRow(0)
                return event.key() != Qt.Key.Key_Down or bool(self.model.rowCount())
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------------ context, loading
    def set_context(self, ctx: AppContext) -> None:
        """Attach the data folder. Who acts is not kept here: every action asks
        `current_officer_name` (ui/session.py) when it runs, so a switch of officer counts at once."""
        self.ctx = ctx
        self.model.ctx = ctx
        # "Today" is the site's, not the PC's (a UTC PC is a day behind after 17:00): the default dates.
        today = site_qdate(ctx.config.zone)
        for edit, day in ((self.to_date, today), (self.from_date, today.addDays(-DEFAULT_RANGE_DAYS))):
            edit.blockSignals(True)
            edit.setDate(day)
            edit.blockSignals(False)
        self.reload()

    def filters(self) -> ListFilters:
        from counterapp.dossiers.ui_support import ListFilters

        def day(edit: QDateEdit):  # noqa: ANN202
            d = edit.date()
            return datetime(d.year(), d.month(), d.day()).date()

        return ListFilters(
            text=self.search_edit.text().strip(),
            status=self.status_combo.currentData(),
            date_from=day(self.from_date) if self.from_check.isChecked() else None,
            date_to=day(self.to_date) if self.to_check.isChecked() else None,
            due_today=self.due_today_check.isChecked(),
            overdue=self.overdue_check.isChecked(),
        )

    def reload(self) -> None:
        if self.ctx is None:
            return
        self.search_timer.stop()
        self._generation += 1
        generation = self._generation
        filters = self.filters()
        (BackgroundOp(self, _first_page, self.ctx, filters)
         .success(lambda result: self._page_loaded(generation, filters, result)).failure(self._failed).run())

    def _page_loaded(self, generation: int, filters: ListFilters, result: Any) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        selected = self.current_code()
        rows, key = result
        self.model.set_page(filters, rows, key)
        wanted = self._select_after_load or selected
        self._select_after_load = None
        index = self.model.find_code(wanted) if wanted else -1
        if index >= 0:
            self.table.selectRow(index)
            self.table.scrollTo(self.model.index(index, 0))
        self._update_count()
        self.show_details()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.message_label.setText(for_window(str(exc)))

    def _update_count(self) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.next_key is not None else ""
        self.count_label.setText(self.tr("{n} hồ sơ").replace("{n}", f"{n}{more}"))

    # ------------------------------------------------------------------ selection
    def current_row(self) -> ListRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def current_code(self) -> str | None:
        row = self.current_row()
        return row.code if row else None

    def selected_codes(self) -> list[str]:
        """The codes of every selected row, in the list's order (batch printing)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row(r).code for r in rows if self.model.row(r) is not None]

    def _update_actions(self) -> None:
        row = self.current_row()
        self.reprint_button.setEnabled(row is not None and row.status not in (1, 3))
        details = self._details_data if row is not None and self._details_data and \
            self._details_data.get("code") == row.code else None
        self._update_lifecycle_actions(row, details)
        self._update_result_action(row)

    def open_code(self, code: str) -> None:
        """Show one dossier (a scanned receipt): search for its code and select it."""
        self._select_after_load = code
        self.search_edit.blockSignals(True)
        self.search_edit.setText(code)
        self.search_edit.blockSignals(False)
        self.status_combo.blockSignals(True)
        self.status_combo.setCurrentIndex(0)
        self.status_combo.blockSignals(False)
        for w in (self.from_check, self.to_check, self.due_today_check, self.overdue_check):
            w.blockSignals(True)
            w.setChecked(False)
            w.blockSignals(False)
        self.reload()
        self.table.setFocus()

    def show_details(self) -> None:
        self._update_actions()
        row = self.current_row()
        if row is None or self.ctx is None:
            self.details.setHtml("")
            return
        from counterapp.dossiers.queries import dossier_to_dict, get_by_code

        with self.ctx.sessions() as session:
            dossier = get_by_code(session, row.code)
            data = dossier_to_dict(dossier) if dossier is not None else None
            if data is not None:  # the digitized results (counterapp/digitize/results.py)
                from counterapp.digitize.results import result_entry, results_of

                data["results"] = [result_entry(a) for a in results_of(session, dossier.id)]
        self._details_data = data
        self._update_actions()
        self.details.setHtml(self._details_html(data) if data else "")
        if data:
            from counterapp.dossiers.access_log import record_view_by_code

            # The access log (NĐ 13/2023): who saw this dossier's personal data. A failed write is
            # shown to the officer (the op's default failure), never only logged.
            (BackgroundOp(self, record_view_by_code, self.ctx, data["code"], current_officer_name(self.ctx), "window")
             .describe(self.tr("Ghi nhật ký truy cập hồ sơ")).run())

    def _details_html(self, d: dict[str, Any]) -> str:
        from counterapp.forms.formatting import format_vnd

        e = html.escape
        a = d["applicant"]
        zone = self.ctx.config.zone if self.ctx else None

        def when(value: str | None) -> str:
            if not value:
                return ""
            from counterapp.forms.formatting import format_datetime

            return format_datetime(datetime.fromisoformat(value), zone)

        provisional_text = self.tr("mã tạm")
        docs_title, fees_title, history_title = self.tr("Thành phần hồ sơ"), self.tr("Phí, lệ phí"), self.tr("Lịch sử")
        missing_text = self.tr("thiếu")
        parts = [f"<h3>{e(d['code'])}{' — ' + e(provisional_text) if d['code_provisional'] else ''}</h3>"]
        rows = [
            (self.tr("Trạng thái"), self.model.status_labels.get(d["status"], str(d["status"]))),
            (self.tr("Thủ tục"), f"{d['procedure_code']} — {d['procedure_name']}"),
            (self.tr("Người nộp"), a["name"] or a.get("org_name") or ""),
            (self.tr("Số CCCD"), a.get("id_number") or ""),
            (self.tr("Điện thoại"), a.get("phone") or ""),
            (self.tr("Địa chỉ"), a.get("address") or ""),
            (self.tr("Tiếp nhận"), when(d["received_at"])),
            (self.tr("Hẹn trả"), when(d["due_at"])),
            (self.tr("Cán bộ tiếp nhận"), d.get("officer") or ""),
        ]
        if d.get("current_due_at") and d["current_due_at"] != d.get("due_at") and d["current_due_at"] != d.get(
                "rescheduled_due_at"):
            rows.append((self.tr("Hẹn trả (dời do chờ công dân)"), when(d["current_due_at"])))
        if d.get("paused_since"):
            rows.append((self.tr("Chờ công dân từ"), when(d["paused_since"]) + " — " + self.tr("không tính thời hạn")))
        if d.get("rescheduled_due_at"):
            approved = (" — " + self.tr("duyệt: {name}").replace("{name}", d["reschedule_supervisor"])
                        if d.get("reschedule_supervisor") else "")
            rows.append((self.tr("Hẹn lại"),
                         f"{when(d['rescheduled_due_at'])} — {d.get('reschedule_reason') or ''}{approved}"))
        if d.get("returned_at"):
            who = d.get("returned_to") or ""
            if d.get("returned_to_applicant"):
                who += " (" + self.tr("chính người nộp") + ")"
            elif d.get("returned_to_id_number"):
                who += f" ({d['returned_to_id_number']})"
            rows.append((self.tr("Đã trả"), f"{when(d['returned_at'])} — {who}"))
        if d.get("refusal_reason"):
            rows.append((self.tr("Lý do từ chối"), d["refusal_reason"]))
        if d.get("personal_data_removed_at"):
            removed = self.tr("đã xóa khỏi máy này lúc {t} (hết thời hạn lưu; cổng vẫn giữ hồ sơ)")
            rows.append((self.tr("Thông tin cá nhân"), removed.replace("{t}", when(d["personal_data_removed_at"]))))
        parts.append("<table cellspacing=2>" + "".join(
            f"<tr><td><b>{e(k)}</b></td><td>{e(str(v))}</td></tr>" for k, v in rows) + "</table>")
        if d["documents"]:
            parts.append(f"<p><b>{e(docs_title)}</b></p><ol>")
            for doc in d["documents"]:
                flag = f" <span style='color:#b00020'>({e(missing_text)})</span>" if doc["missing"] else ""
                counts = (self.tr("{o} bản chính, {c} bản sao").replace("{o}", str(doc["originals_received"]))
                          .replace("{c}", str(doc["copies_received"])))
                parts.append(f"<li>{e(doc['name'])} — {e(counts)}{flag}</li>")
            parts.append("</ol>")
        parts.append(self._results_html(d))
        if d["fees"]:
            paid = all(f.get("paid") for f in d["fees"])
            state = self.tr("đã thu") if paid else self.tr("chưa thu")
            parts.append(f"<p><b>{e(fees_title)}</b>: {e(format_vnd(d['fees_total_vnd']))} ({e(state)})</p>")
        if d.get("history"):
            parts.append(f"<p><b>{e(history_title)}</b></p><ul>")
            for h in d["history"]:
                label = self.model.status_labels.get(h["to_status"], str(h["to_status"]))
                notes = "".join(f"<br><i>{e(n)}</i>" for n in (h.get("note"), h.get("clock_note")) if n)
                parts.append(f"<li>{e(when(h['at']))} — {e(label)} — {e(h.get('by') or '')}{notes}</li>")
            parts.append("</ul>")
        return "".join(parts)

    # ------------------------------------------------------------------ actions
    def reprint_receipt(self) -> None:
        code = self.current_code()
        if code is None or self.ctx is None:
            return
        from ui.intake import jobs

        (BackgroundOp(self, jobs.form_for_dossier, self.ctx, code, "receipt", current_officer_name(self.ctx))
         .with_busy(self.reprint_button).after(self._update_actions)
         .success(self._open_preview).failure(self._action_failed).run())

    def _open_preview(self, result: Any, details: dict[str, Any] | None = None) -> None:
        """The print dialog (ui/printing/dialog.py: preview, the form's printer, print or save PDF);
        opening it is logged as a preview (who saw whose data)."""
        from ui.intake.jobs import log_print, write_form_pdf
        from ui.printing.dialog import open_print_dialog
        from ui.printing.jobs import FormJob

        write_form_pdf(self.ctx, result)
        officer = current_officer_name(self.ctx)
        dialog = open_print_dialog(self, self.ctx, FormJob(self.ctx, result, officer, details))
        dialog._counter_result = result  # type: ignore[attr-defined]  (tests and callers read it)
        dialog.completed.connect(self.message_label.setText)
        (BackgroundOp(self, log_print, self.ctx, result.code, result.form, officer, "preview", details)
         .describe(self.tr("Ghi nhật ký in")).run())
        self.preview_dialog = dialog

    def _status_changed(self, code: str, message: str) -> None:
        self.message_label.setText(message.replace("{code}", code))
        self._select_after_load = code
        self.reload()
        self.changed.emit(code)

    def _action_failed(self, exc: BaseException) -> None:
        text = for_window(str(exc))
        self.message_label.setText(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Hồ sơ"), text, parent=self)
        box.open()
        self.error_box = box

    # ------------------------------------------------------------------ ledger
    def print_ledger(self) -> None:
        """The ledger dialog: its dates (today at the site by default), a preview, then print or
        save (ui/printing/dialog.py; the PDF and the print job are made by `counterapp print
        ledger` in a child process, as Qt documents are never built off the GUI thread)."""
        if self.ctx is None:
            return
        from ui.printing.dialog import open_print_dialog
        from ui.printing.jobs import LedgerJob

        dialog = open_print_dialog(self, self.ctx, LedgerJob(self.ctx, current_officer_name(self.ctx)))
        dialog.completed.connect(self.message_label.setText)
        self.ledger_dialog = dialog

    def open_file(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
