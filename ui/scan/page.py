"""The scanning page ("Số hóa", Ctrl+D).

Scan (SANE, eSCL) or add files into a crash-safe batch; the thumbnails appear as pages
arrive; rotate / delete / reorder with the keyboard; blank pages dimmed and dropped unless
kept; then file one PDF/A per document component of a dossier (groups split at separator
sheets by the core), with OCR and signing per site settings in the background.
Everything slow runs off the GUI thread (`ui.workers.run_in_background`, `PageFeed`).
Business rules live in `counterapp.digitize` (see `counterapp/digitize/ui_support.py`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counterapp.digitize.common import MIN_DPI, DigitizeError
from counterapp.digitize.files import ACCEPTED_SUFFIXES
from ui.scan.feed import PageFeed
from ui.scan.model import PageListModel
from ui.workers import run_in_background

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.digitize.batch import BatchPage, ScanBatch
    from counterapp.digitize.signing import SignatureReport
    from counterapp.digitize.ui_support import DossierTarget, FiledDocument

log = logging.getLogger(__name__)
PREVIEW_PX = 900
DPI_CHOICES = (200, 300, 400, 600)
ERROR_STYLE = "background:#fdecea;color:#8a1c13;border:1px solid #e0a39c;padding:6px;"
INFO_STYLE = "background:#e8f4ea;color:#174d22;border:1px solid #9ccaa5;padding:6px;"
OFFER_STYLE = "QFrame#{name} {{ background:#fff6d6; border:1px solid #e2c66b; }}"


def _message(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, DigitizeError) else f"{type(exc).__name__}: {exc}"


WATCH_INTERVAL_MS = 2000


class ScanPage(QWidget):
    filed = Signal(list)  # [FiledDocument] just attached
    feed_finished = Signal(int)  # pages added by the last scan / file load
    target_loaded = Signal(object)  # DossierTarget
    verified = Signal(object)  # SignatureReport
    offers_changed = Signal(int)  # unfinished batches waiting to be resumed

    def __init__(self, officer: Callable[[], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanPage")
        self.ctx: AppContext | None = None
        self._officer = officer
        self.batch: ScanBatch | None = None
        self.watched = None  # counterapp.digitize.files.WatchedFolder, when the site names one
        self.target: DossierTarget | None = None
        self.feed: PageFeed | None = None
        self.busy = False
        self.offered: list[ScanBatch] = []
        self.sign_pending_ids: list[str] = []
        self._deleted: list[str] = []  # officer's deletions, newest last (Ctrl+Z brings one back)
        self.ocr_queue = None
        self.results: list[FiledDocument] = []
        self.reusable: list[FiledDocument] = []
        self.last_report: SignatureReport | None = None
        self._signer = None
        self._base_settings = None
        self._preview_key: tuple[str, int] | None = None
        self._preview_source: QPixmap | None = None
        self._target_request = 0
        self._verify_box: QMessageBox | None = None
        self._build()
        self.setAcceptDrops(True)
        self.retranslate()
        self._update_state()

    # ================================================================== layout
    def _build(self) -> None:
        root = QVBoxLayout(self)
        self.offer_frame = QFrame(objectName="scanOffer")
        self.offer_frame.setStyleSheet(OFFER_STYLE.format(name="scanOffer"))
        offer_row = QHBoxLayout(self.offer_frame)
        self.offer_label = QLabel(wordWrap=True)
        self.resume_button = QPushButton(clicked=self.resume_offered)
        self.discard_offer_button = QPushButton(clicked=self.discard_offered)
        offer_row.addWidget(self.offer_label, 1)
        offer_row.addWidget(self.resume_button)
        offer_row.addWidget(self.discard_offer_button)
        self.offer_frame.hide()
        root.addWidget(self.offer_frame)
        self.sign_frame = QFrame(objectName="scanSignPending")
        self.sign_frame.setStyleSheet(OFFER_STYLE.format(name="scanSignPending"))
        sign_row = QHBoxLayout(self.sign_frame)
        self.sign_label = QLabel(wordWrap=True)
        self.sign_now_button = QPushButton(clicked=self.sign_pending_now)
        sign_row.addWidget(self.sign_label, 1)
        sign_row.addWidget(self.sign_now_button)
        self.sign_frame.hide()
        root.addWidget(self.sign_frame)
        self.message_label = QLabel(wordWrap=True, objectName="scanMessage")
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        root.addWidget(self.message_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        root.addWidget(splitter, 1)

        # ---- left: scanner and settings
        left = QWidget()
        left_box = QVBoxLayout(left)
        self.scanner_group = QGroupBox()
        form = QFormLayout(self.scanner_group)
        self.backend_combo = QComboBox()
        self.backend_combo.addItem("", "sane")
        self.backend_combo.addItem("", "escl")
        if sys.platform == "win32":
            self.backend_combo.addItem("", "twain")
            self.backend_combo.addItem("", "wia")
        self.backend_combo.currentIndexChanged.connect(self._backend_changed)
        self.device_combo = QComboBox(editable=True)
        self.device_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.device_combo.setMinimumContentsLength(10)
        self.find_button = QPushButton(clicked=self.find_devices)
        device_row = QHBoxLayout()
        device_row.addWidget(self.device_combo, 1)
        device_row.addWidget(self.find_button)
        self.escl_edit = QLineEdit(placeholderText="http://192.168.1.20/eSCL")
        self.dpi_combo = QComboBox()
        for dpi in DPI_CHOICES:
            self.dpi_combo.addItem(f"{dpi} dpi", dpi)
        self.mode_combo = QComboBox()
        self.mode_combo.addItem("", "color")
        self.mode_combo.addItem("", "gray")
        self.mode_combo.currentIndexChanged.connect(self._update_rules_label)
        self.source_combo = QComboBox()
        for key in ("flatbed", "adf", "duplex"):
            self.source_combo.addItem("", key)
        self.rules_label = QLabel(wordWrap=True)
        self.backend_label = QLabel()
        self.device_label = QLabel()
        self.escl_label = QLabel()
        self.dpi_label = QLabel()
        self.mode_label = QLabel()
        self.source_label = QLabel()
        form.addRow(self.backend_label, self.backend_combo)
        form.addRow(self.device_label, device_row)
        form.addRow(self.escl_label, self.escl_edit)
        form.addRow(self.dpi_label, self.dpi_combo)
        form.addRow(self.mode_label, self.mode_combo)
        form.addRow(self.source_label, self.source_combo)
        form.addRow(self.rules_label)
        left_box.addWidget(self.scanner_group)
        self.scan_button = QPushButton(objectName="scanButton", clicked=self.start_scan)
        self.scan_button.setMinimumHeight(36)
        self.files_button = QPushButton(clicked=self.choose_files)
        self.new_batch_button = QPushButton(clicked=self.new_batch)
        self.feed_label = QLabel(wordWrap=True)
        left_box.addWidget(self.scan_button)
        left_box.addWidget(self.files_button)
        left_box.addWidget(self.new_batch_button)
        left_box.addWidget(self.feed_label)
        left_box.addStretch(1)
        self.verify_button = QPushButton(clicked=self.choose_pdf_to_verify)
        self.verify_label = QLabel(wordWrap=True, objectName="verifyResult")
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left_box.addWidget(self.verify_button)
        left_box.addWidget(self.verify_label)
        splitter.addWidget(left)

        # ---- middle: thumbnails
        middle = QWidget()
        mid_box = QVBoxLayout(middle)
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
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_preview())
        self.view.installEventFilter(self)
        self.model.rowsInserted.connect(self._rows_inserted)
        self.model.dataChanged.connect(lambda *_: self._show_preview())
        mid_box.addWidget(self.view, 1)
        tools = QHBoxLayout()
        self.rotate_left_button = QPushButton(clicked=lambda: self.rotate_current(-1))
        self.rotate_right_button = QPushButton(clicked=lambda: self.rotate_current(1))
        self.delete_button = QPushButton(clicked=self.delete_current)
        self.up_button = QPushButton(clicked=lambda: self.move_current(-1))
        self.down_button = QPushButton(clicked=lambda: self.move_current(1))
        for b in (self.rotate_left_button, self.rotate_right_button, self.delete_button, self.up_button,
                  self.down_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays on the thumbnails
            tools.addWidget(b)
        tools.addStretch(1)
        self.keep_blank_check = QCheckBox()
        self.keep_blank_check.toggled.connect(self._keep_blank_toggled)
        tools.addWidget(self.keep_blank_check)
        mid_box.addLayout(tools)
        self.count_label = QLabel(objectName="scanCount", wordWrap=True)
        mid_box.addWidget(self.count_label)
        splitter.addWidget(middle)

        # ---- right: preview and filing
        right = QWidget()
        right_box = QVBoxLayout(right)
        self.preview = QLabel(objectName="scanPreview", alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(240, 120)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.installEventFilter(self)
        right_box.addWidget(self.preview, 1)

        self.filing_group = QGroupBox()
        filing = QFormLayout(self.filing_group)
        self.dossier_edit = QLineEdit(objectName="scanDossierCode")
        self.dossier_edit.returnPressed.connect(self.load_target)
        self.open_dossier_button = QPushButton(clicked=self.load_target)
        dossier_row = QHBoxLayout()
        dossier_row.addWidget(self.dossier_edit, 1)
        dossier_row.addWidget(self.open_dossier_button)
        self.dossier_info = QLabel(wordWrap=True)
        self.document_combo = QComboBox(objectName="scanDocument")
        self.document_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.document_combo.setMinimumContentsLength(16)
        self.document_combo.currentIndexChanged.connect(lambda *_: self._refresh_groups())
        self.dossier_label = QLabel()
        self.document_label = QLabel()
        filing.addRow(self.dossier_label, dossier_row)
        filing.addRow(self.dossier_info)
        filing.addRow(self.document_label, self.document_combo)
        self.groups_table = QTableWidget(0, 3, objectName="scanGroups")
        self.groups_table.verticalHeader().hide()
        self.groups_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.groups_table.horizontalHeader().setStretchLastSection(True)
        self.groups_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.groups_table.setMaximumHeight(90)
        filing.addRow(self.groups_table)
        self.build_button = QPushButton(objectName="buildAttach", clicked=self.build_and_attach)
        self.build_button.setMinimumHeight(34)
        filing.addRow(self.build_button)
        self.results_table = QTableWidget(0, 4, objectName="scanResults")
        self.results_table.verticalHeader().hide()
        self.results_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.results_table.horizontalHeader().setStretchLastSection(True)
        self.results_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_table.setMaximumHeight(96)
        filing.addRow(self.results_table)
        right_box.addWidget(self.filing_group)

        self.reuse_group = QGroupBox()
        reuse_box = QVBoxLayout(self.reuse_group)
        self.reuse_list = QListWidget(objectName="scanReuse")
        self.reuse_list.setMaximumHeight(70)
        self.reuse_button = QPushButton(clicked=self.reuse_selected)
        reuse_box.addWidget(self.reuse_list)
        reuse_box.addWidget(self.reuse_button)
        right_box.addWidget(self.reuse_group)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([250, 560, 390])

    def retranslate(self) -> None:
        self.scanner_group.setTitle(self.tr("Máy quét"))
        self.backend_label.setText(self.tr("Loại"))
        self.backend_combo.setItemText(0, self.tr("Máy quét USB (SANE)"))
        self.backend_combo.setItemText(1, self.tr("Máy quét mạng (eSCL)"))
        if self.backend_combo.count() > 2:
            self.backend_combo.setItemText(2, "TWAIN")
            self.backend_combo.setItemText(3, "WIA")
        self.device_label.setText(self.tr("Thiết bị"))
        self.find_button.setText(self.tr("Tìm"))
        self.escl_label.setText(self.tr("Địa chỉ eSCL"))
        self.dpi_label.setText(self.tr("Độ phân giải"))
        self.mode_label.setText(self.tr("Màu"))
        self.mode_combo.setItemText(0, self.tr("Màu (đúng quy định)"))
        self.mode_combo.setItemText(1, self.tr("Xám"))
        self.source_label.setText(self.tr("Nguồn giấy"))
        self.source_combo.setItemText(0, self.tr("Mặt kính"))
        self.source_combo.setItemText(1, self.tr("Khay nạp giấy"))
        self.source_combo.setItemText(2, self.tr("Khay nạp hai mặt"))
        self.scan_button.setText(self.tr("&Quét"))
        self.files_button.setText(self.tr("Thêm &tệp…"))
        self.files_button.setToolTip(self.tr("PDF, JPEG, PNG, TIFF; hoặc kéo thả tệp vào trang này"))
        self.new_batch_button.setText(self.tr("Lô &mới"))
        self.verify_button.setText(self.tr("&Xác minh chữ ký PDF…"))
        self.rotate_left_button.setText(self.tr("⟲ Trái"))
        self.rotate_left_button.setToolTip(self.tr("Xoay trái (Ctrl+L hoặc [)"))
        self.rotate_right_button.setText(self.tr("⟳ Phải"))
        self.rotate_right_button.setToolTip(self.tr("Xoay phải (Ctrl+R hoặc ])"))
        self.delete_button.setText(self.tr("Xóa"))
        self.delete_button.setToolTip(self.tr("Xóa trang (Del); Ctrl+Z lấy lại trang vừa xóa"))
        self.up_button.setText("▲")
        self.up_button.setToolTip(self.tr("Chuyển trang lên (Ctrl+↑)"))
        self.down_button.setText("▼")
        self.down_button.setToolTip(self.tr("Chuyển trang xuống (Ctrl+↓)"))
        self.keep_blank_check.setText(self.tr("Giữ trang trắng"))
        self.filing_group.setTitle(self.tr("Lưu vào hồ sơ"))
        self.dossier_label.setText(self.tr("Mã hồ sơ"))
        self.open_dossier_button.setText(self.tr("Mở"))
        self.document_label.setText(self.tr("Thành phần"))
        self.groups_table.setHorizontalHeaderLabels([self.tr("Hồ sơ"), self.tr("Thành phần"), self.tr("Số trang")])
        self.build_button.setText(self.tr("Tạo PDF và đính &kèm"))
        self.results_table.setHorizontalHeaderLabels(
            [self.tr("Thành phần"), self.tr("Số trang"), self.tr("Chữ ký số"), "SHA-256"]
        )
        self.reuse_group.setTitle(self.tr("Giấy tờ đã số hóa của người nộp (dùng lại, không quét lại)"))
        self.reuse_button.setText(self.tr("&Dùng lại cho hồ sơ này"))
        self.resume_button.setText(self.tr("Tiếp tục"))
        self.discard_offer_button.setText(self.tr("Bỏ lô này"))
        self.sign_now_button.setText(self.tr("Ký ngay…"))
        self.sign_label.setText(
            self.tr("{n} tài liệu đã đính kèm đang chờ nhận dạng chữ và ký số.")
            .replace("{n}", str(len(self.sign_pending_ids)))
        )
        self._update_rules_label()
        self._show_offer()
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ================================================================== context
    def set_context(self, ctx: AppContext) -> None:
        from counterapp.digitize.sources import load_scan_settings

        self.ctx = ctx
        try:
            settings = load_scan_settings(ctx.config, ctx.data_dir)
        except DigitizeError as exc:
            self.show_error(_message(exc))
            from counterapp.digitize.sources import ScanSettings

            settings = ScanSettings()
        self.apply_settings(settings)
        try:
            from counterapp.digitize.cleanup import cleanup_options_from_config

            self.keep_blank_check.setChecked(not cleanup_options_from_config(ctx.config).drop_blank)
        except DigitizeError as exc:
            self.show_error(_message(exc))
        self.find_devices()
        self.check_unfinished()
        self.resume_text_jobs()
        self.start_watching()
        self._update_state()

    # ================================================================== watched folder
    def start_watching(self) -> None:
        """`[scanner] watched_folder`: files a network scanner saves to a share join the
        current batch once they stop growing; the same file twice is taken once."""
        from counterapp.digitize.files import watched_folder_from_config

        assert self.ctx is not None
        self.watched = watched_folder_from_config(self.ctx.config, self.ctx.data_dir)
        self._watched_waiting: list[Path] = []
        self._watched_error = ""
        if self.watched is None:
            return
        self._watch_timer = QTimer(self, interval=WATCH_INTERVAL_MS)
        self._watch_timer.timeout.connect(self._poll_watched)
        self._watch_timer.start()
        self._polling = False

    def _poll_watched(self) -> None:
        if self._polling or self.watched is None:
            return
        self._polling = True  # the share may be slow: one look at a time, off the GUI thread
        run_in_background(self.watched.poll, on_done=self._watched_files, on_error=self._watched_failed)

    def _watched_files(self, paths: list[Path]) -> None:
        self._polling = False
        self._watched_error = ""
        self._watched_waiting.extend(paths)
        if self._watched_waiting and not self.feeding and not self.busy:
            waiting, self._watched_waiting = self._watched_waiting, []
            if not self.add_files(waiting):
                self._watched_waiting = waiting + self._watched_waiting

    def _watched_failed(self, exc: BaseException) -> None:
        self._polling = False
        message = _message(exc)
        if message != self._watched_error:  # say it once, not every few seconds
            self._watched_error = message
            self.show_error(message)

    def officer(self) -> str:
        if self._officer is not None:
            name = self._officer()
            if name:
                return name
        from counterapp.dossiers.ui_support import default_officer

        return (default_officer(self.ctx.config) if self.ctx is not None else default_officer()) or "counter"

    # ================================================================== messages
    def show_error(self, text: str) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setText(text)
        self.message_label.show()

    def show_info(self, text: str) -> None:
        self.message_label.setStyleSheet(INFO_STYLE)
        self.message_label.setText(text)
        self.message_label.show()

    def clear_message(self) -> None:
        self.message_label.hide()
        self.message_label.setText("")

    # ================================================================== scanner settings
    def apply_settings(self, settings) -> None:
        self._base_settings = settings
        self._select(self.backend_combo, settings.backend)
        if settings.backend == "escl":
            self.escl_edit.setText(settings.escl_url or settings.device)
        else:
            self.escl_edit.setText(settings.escl_url)
            if settings.device:
                self.device_combo.setEditText(settings.device)
        dpi = max(int(settings.dpi), MIN_DPI)
        if self.dpi_combo.findData(dpi) < 0:
            self.dpi_combo.addItem(f"{dpi} dpi", dpi)
        self._select(self.dpi_combo, dpi)
        self._select(self.mode_combo, settings.mode)
        self._select(self.source_combo, settings.source)
        self._backend_changed()

    @staticmethod
    def _select(combo: QComboBox, data: Any) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def current_settings(self):
        """The ScanSettings on screen (raises DigitizeError with a clear message when wrong)."""
        from counterapp.digitize.sources import ScanSettings

        base = self._base_settings or ScanSettings()
        backend = self.backend_combo.currentData()
        url = self.escl_edit.text().strip()
        device = url if backend == "escl" else self.device_combo.currentText().strip()
        return replace(
            base, backend=backend, device=device, escl_url=url, dpi=int(self.dpi_combo.currentData()),
            mode=self.mode_combo.currentData(), source=self.source_combo.currentData(),
        )

    def _backend_changed(self, *_args: Any) -> None:
        escl = self.backend_combo.currentData() == "escl"
        self.escl_edit.setEnabled(escl)
        self.device_combo.setEnabled(not escl)
        self.find_button.setEnabled(not escl and self.backend_combo.currentData() == "sane")

    def _update_rules_label(self, *_args: Any) -> None:
        if self.mode_combo.currentData() == "gray":
            self.rules_label.setText(self.tr("Bản quét xám không đạt quy định (cần màu, ≥ 200 dpi)."))
            self.rules_label.setStyleSheet("color:#8a1c13;")
        else:
            self.rules_label.setText(self.tr("Màu, ≥ 200 dpi, tỷ lệ 100%: đúng quy định số hóa."))
            self.rules_label.setStyleSheet("color:#174d22;")

    def find_devices(self) -> None:
        if self.backend_combo.currentData() != "sane":
            return
        from counterapp.digitize.sources import SaneSource

        self.find_button.setEnabled(False)
        self.feed_label.setText(self.tr("Đang tìm máy quét…"))
        run_in_background(lambda: SaneSource().list_devices(), on_done=self._devices_found,
                          on_error=self._devices_failed)

    def _devices_found(self, devices: list) -> None:
        if not shiboken6.isValid(self):
            return
        current = self.device_combo.currentText()
        self.device_combo.clear()
        for dev in devices:
            self.device_combo.addItem(f"{dev.name}", dev.name)
            self.device_combo.setItemData(self.device_combo.count() - 1, dev.description, Qt.ItemDataRole.ToolTipRole)
        if current:
            self.device_combo.setEditText(current)
        elif devices:
            self.device_combo.setCurrentIndex(0)
        self._backend_changed()
        self.feed_label.setText(
            self.tr("Tìm thấy {n} máy quét.").replace("{n}", str(len(devices))) if devices
            else self.tr("Không tìm thấy máy quét nào (kiểm tra cáp, nguồn, trình điều khiển).")
        )

    def _devices_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._backend_changed()
        self.feed_label.setText(_message(exc))

    # ================================================================== batch and feeding
    @property
    def feeding(self) -> bool:
        return self.feed is not None and self.feed.isRunning()

    def set_batch(self, batch: ScanBatch | None) -> None:
        self.batch = batch
        self._deleted = []
        self.model.set_batch(batch)
        self._preview_key = None
        self.preview.clear()
        if batch is not None:
            drop = batch.manifest.get("cleanup", {}).get("drop_blank", True)
            self.keep_blank_check.blockSignals(True)
            self.keep_blank_check.setChecked(not drop)
            self.keep_blank_check.blockSignals(False)
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(0))
        self._refresh_groups()
        self._update_state()

    def _ensure_batch(self, settings=None) -> ScanBatch:
        if self.batch is None:
            from counterapp.digitize.batch import ScanBatch
            from counterapp.digitize.cleanup import cleanup_options_from_config

            code = self.target.code if self.target else None
            cleanup = replace(cleanup_options_from_config(self.ctx.config),
                              drop_blank=not self.keep_blank_check.isChecked())
            self.set_batch(ScanBatch.create(
                self.ctx.data_dir, officer=self.officer(), dossier_code=code,
                document_code=self.document_combo.currentData() if code else None,
                settings=asdict(settings) if settings is not None else {}, cleanup=cleanup,
            ))
        return self.batch

    def start_scan(self) -> None:
        if self.ctx is None or self.feeding or self.busy:
            return
        from counterapp.digitize.pipeline import fill_batch
        from counterapp.digitize.sources import remember_scan_settings, scan_pages

        try:
            settings = self.current_settings()
        except DigitizeError as exc:
            self.show_error(_message(exc))
            return
        if settings.backend == "sane" and not settings.device:
            self.show_error(self.tr("Chưa chọn máy quét / no scanner chosen"))
            return
        try:
            remember_scan_settings(self.ctx.data_dir, settings)
        except OSError:
            log.warning("could not remember the scanner settings", exc_info=True)
        self._base_settings = settings
        batch = self._ensure_batch(settings)
        self.clear_message()
        self.feed_label.setText(self.tr("Đang quét…"))
        self._start_feed(lambda on_page: fill_batch(batch, scan_pages(settings), on_page), scanning=True)

    def choose_files(self) -> None:
        if self.ctx is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Thêm tệp vào lô"), str(Path.home()),
            self.tr("Tài liệu (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"),
        )
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str | Path]) -> bool:
        """Load files into the current batch in the background; False when refused at once."""
        if self.ctx is None or self.busy:
            return False
        if self.feeding:
            self.show_error(self.tr("Đang quét, chờ xong rồi thêm tệp / scanning, add the files afterwards"))
            return False
        paths = [Path(p) for p in paths]
        bad = [p.name for p in paths if p.suffix.lower() not in ACCEPTED_SUFFIXES]
        if bad:
            self.show_error(
                self.tr("Không nhận loại tệp: {names} (chỉ PDF, JPEG, PNG, TIFF) / only PDF, JPEG, PNG, TIFF")
                .replace("{names}", ", ".join(bad))
            )
            return False
        from counterapp.digitize.ui_support import add_files

        batch = self._ensure_batch()
        self.clear_message()
        self.feed_label.setText(self.tr("Đang đọc {n} tệp…").replace("{n}", str(len(paths))))
        self._start_feed(lambda on_page: add_files(batch, paths, on_page), scanning=False)
        return True

    def _start_feed(self, work, *, scanning: bool) -> None:
        feed = PageFeed(work, self)
        feed.page_added.connect(self._page_arrived)
        feed.failed.connect(self._feed_failed)
        feed.finished_ok.connect(lambda n, s=scanning: self._feed_done(n, s))
        feed.finished.connect(lambda f=feed: self._feed_ended(f))
        self.feed = feed
        feed.start()
        self._update_state()

    def _feed_ended(self, feed: PageFeed) -> None:
        if self.feed is feed:
            self.feed = None
        feed.deleteLater()
        self._update_state()

    def _page_arrived(self, page: BatchPage) -> None:
        self.model.page_added(page)
        self.feed_label.setText(self.tr("Đã nhận {n} trang…").replace("{n}", str(len(self.batch.pages()))))
        self._refresh_groups()
        self._update_counts()

    def _rows_inserted(self, _parent, first: int, _last: int) -> None:
        if not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(first))
        self.view.scrollTo(self.model.index(_last))

    def _feed_done(self, count: int, scanning: bool) -> None:
        self.model.refresh()
        if count == 0:
            self.show_error(
                self.tr("Máy quét không trả về trang nào (hết giấy?) / the scanner returned no pages") if scanning
                else self.tr("Không có trang nào trong tệp / no pages in the files")
            )
        else:
            self.feed_label.setText(self.tr("Đã thêm {n} trang.").replace("{n}", str(count)))
        self._refresh_groups()
        self._update_state()
        self.feed_finished.emit(count)

    def _feed_failed(self, exc: BaseException) -> None:
        self.model.refresh()
        self.feed_label.setText("")
        self.show_error(
            self.tr("Lỗi khi nạp trang (các trang đã nhận vẫn được giữ): {e}").replace("{e}", _message(exc))
        )
        self._refresh_groups()
        self._update_state()
        self.feed_finished.emit(-1)

    def new_batch(self) -> None:
        """Put the current batch aside (it stays on disk and is offered back) and start an empty one."""
        if self.feeding or self.busy:
            return
        if self.batch is not None and not self.batch.pages():
            self.batch.discard()
        self.set_batch(None)
        self.results_table.setRowCount(0)
        self.clear_message()
        self.check_unfinished()

    # ================================================================== drag and drop
    @staticmethod
    def _dropped_paths(event) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls()
                if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in ACCEPTED_SUFFIXES]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped_paths(event) and self.ctx is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._dropped_paths(event) and self.ctx is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._dropped_paths(event)
        if paths and self.add_files(paths):
            event.acceptProposedAction()

    # ================================================================== page operations
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is getattr(self, "preview", None) and event.type() == QEvent.Type.Resize:
            self._fit_preview()
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
        if ctrl and key == Qt.Key.Key_L or (not ctrl and event.text() == "["):
            return lambda: self.rotate_current(-1)
        if ctrl and key == Qt.Key.Key_R or (not ctrl and event.text() == "]"):
            return lambda: self.rotate_current(1)
        if key == Qt.Key.Key_Delete and not ctrl:
            return self.delete_current
        if ctrl and key == Qt.Key.Key_Z:
            return self.undo_delete
        if ctrl and key == Qt.Key.Key_Up:
            return lambda: self.move_current(-1)
        if ctrl and key == Qt.Key.Key_Down:
            return lambda: self.move_current(1)
        return None

    def current_page(self) -> BatchPage | None:
        return self.model.page_at(self.view.currentIndex().row())

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
        page = self.current_page()
        if page is None or not self._editable():
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

    def _after_edit(self, keep_id: str | None) -> None:
        self.model.refresh()
        if keep_id is not None:
            row = self.model.row_of(keep_id)
            if row >= 0:
                self.view.setCurrentIndex(self.model.index(row))
        self._show_preview()
        self._refresh_groups()
        self._update_counts()

    def _keep_blank_toggled(self, keep: bool) -> None:
        if self.batch is None or self.busy:
            return
        from counterapp.digitize.ui_support import set_drop_blank

        current = self.current_page()
        set_drop_blank(self.batch, not keep)
        self._after_edit(current.id if current else None)

    # ================================================================== preview
    def _show_preview(self) -> None:
        page = self.current_page()
        if page is None:
            self._preview_key = None
            self.preview.clear()
            return
        key = (page.id, page.rotation)
        if key == self._preview_key:
            return
        self._preview_key = key
        from counterapp.digitize.ui_support import page_thumbnail

        run_in_background(page_thumbnail, page, PREVIEW_PX, on_done=lambda r, k=key: self._preview_made(k, r))

    def _preview_made(self, key: tuple[str, int], result: tuple[bytes, int, int]) -> None:
        if not shiboken6.isValid(self) or key != self._preview_key:
            return
        data, w, h = result
        image = QImage(data, w, h, w * 3, QImage.Format.Format_RGB888).copy()
        self._preview_source = QPixmap.fromImage(image)
        self._fit_preview()

    def _fit_preview(self) -> None:
        if self._preview_source is None or self._preview_key is None:
            return
        self.preview.setPixmap(
            self._preview_source.scaled(self.preview.size() - QSize(8, 8), Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation)
        )

    # ================================================================== state
    def _update_counts(self) -> None:
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

    def _update_state(self, *_args: Any) -> None:
        ready = self.ctx is not None
        idle = ready and not self.feeding and not self.busy
        has_pages = self.batch is not None and bool(self.model.rowCount())
        self.scan_button.setEnabled(idle)
        self.files_button.setEnabled(idle)
        self.new_batch_button.setEnabled(idle and self.batch is not None)
        self.build_button.setEnabled(idle and has_pages)
        for b in (self.rotate_left_button, self.rotate_right_button, self.delete_button, self.up_button,
                  self.down_button):
            b.setEnabled(ready and not self.busy and has_pages)
        self.keep_blank_check.setEnabled(ready and not self.busy)
        self.sign_now_button.setEnabled(ready and not self.busy)
        self.verify_button.setEnabled(ready)
        self.reuse_button.setEnabled(idle and self.target is not None and self.reuse_list.count() > 0)
        self._update_counts()

    # ================================================================== dossier target
    def offer_dossier_code(self, code: str) -> None:
        """The intake page saved a dossier: make it the target unless the officer is filing another one."""
        if not code or self.busy or (self.batch is not None and self.target is not None):
            return
        self.dossier_edit.setText(code)
        self.load_target()

    def use_dossier_code(self, code: str) -> None:
        """A code scanned from the receipt's QR/barcode: file into that dossier."""
        self.dossier_edit.setText(code)
        self.load_target()

    def load_target(self) -> None:
        if self.ctx is None:
            return
        code = self.dossier_edit.text().strip()
        if not code:
            self.show_error(self.tr("Chưa nhập mã hồ sơ / no dossier code entered"))
            return
        from counterapp.digitize.ui_support import dossier_target

        self.dossier_info.setText(self.tr("Đang tìm hồ sơ…"))
        self._target_request += 1
        request = self._target_request
        run_in_background(dossier_target, self.ctx, code,
                          on_done=lambda t, r=request: self._target_loaded(t, r),
                          on_error=lambda exc, r=request: self._target_failed(exc, r))

    def _target_loaded(self, target: DossierTarget, request: int | None = None) -> None:
        if not shiboken6.isValid(self) or (request is not None and request != self._target_request):
            return  # an older look-up finished after a newer one was asked for
        self.target = target
        self.dossier_edit.setText(target.code)
        info = f"{target.applicant_name}"
        if target.id_number:
            info += f" · {target.id_number}"
        info += f"\n{target.procedure_name}"
        self.dossier_info.setText(info)
        wanted = self.document_combo.currentData() or (self.batch.manifest.get("document_code") if self.batch else None)
        self.document_combo.blockSignals(True)
        self.document_combo.clear()
        for doc in target.documents:
            self.document_combo.addItem(f"{doc.document_code} — {doc.name}", doc.document_code)
        if not target.documents:
            self.document_combo.addItem(self.tr("(hồ sơ không có thành phần nào có mã)"), None)
        self._select(self.document_combo, wanted)
        self.document_combo.blockSignals(False)
        self.clear_message()
        self._refresh_groups()
        self.load_reusable()
        self._update_state()
        self.target_loaded.emit(target)

    def _target_failed(self, exc: BaseException, request: int | None = None) -> None:
        if not shiboken6.isValid(self) or (request is not None and request != self._target_request):
            return
        self.target = None
        self.document_combo.clear()
        self.dossier_info.setText("")
        self.reuse_list.clear()
        self.show_error(_message(exc))
        self._refresh_groups()
        self._update_state()

    def _own_target(self) -> tuple[str | None, str | None]:
        if self.target is None:
            return None, None
        return self.target.code, self.document_combo.currentData()

    def effective_groups(self) -> list[tuple[str | None, str | None, int]]:
        """(dossier code, document code, pages) per group, the batch's own group taking the form's choice."""
        if self.batch is None:
            return []
        code, doc = self._own_target()
        out = []
        for group in self.batch.groups():
            if _is_separator_group(self.batch, group):
                out.append((group.dossier_code, group.document_code, len(group.pages)))
            else:
                out.append((code or group.dossier_code, doc or group.document_code, len(group.pages)))
        return out

    def _refresh_groups(self) -> None:
        rows = self.effective_groups()
        self.groups_table.setRowCount(len(rows))
        for r, (code, doc, count) in enumerate(rows):
            for c, value in enumerate((code or self.tr("(chưa chọn)"), doc or self.tr("(chưa chọn)"), str(count))):
                self.groups_table.setItem(r, c, QTableWidgetItem(value))

    # ================================================================== filing
    def build_and_attach(self) -> None:
        if self.ctx is None or self.busy or self.feeding:
            return
        if self.batch is None or not self.batch.kept_pages():
            self.show_error(self.tr("Chưa có trang nào để tạo PDF / no pages to put in a PDF"))
            return
        groups = self.effective_groups()
        if any(not code or not doc for code, doc, _n in groups):
            self.show_error(self.tr(
                "Chọn hồ sơ (nhập mã rồi Enter) và thành phần hồ sơ cho các trang "
                "/ choose the dossier and the document component"
            ))
            return
        from counterapp.digitize.ui_support import signing_method

        code, doc = self._own_target()
        if code:
            self.batch.set_target(code, doc)
        secret = None
        if signing_method(self.ctx.config) in ("p12", "pkcs11"):
            secret = self.ask_secret()
            if secret is None:
                return
        self.busy = True
        self._update_state()
        self.feed_label.setText(self.tr("Đang tạo PDF và đính kèm…"))
        run_in_background(self._file_job, self.ctx, self.batch, self.officer(), secret,
                          on_done=self._filed, on_error=self._file_failed)

    def ask_secret(self) -> str | None:
        """The signing password / PIN, asked each time (never stored)."""
        secret, ok = QInputDialog.getText(
            self, self.tr("Ký số"), self.tr("Mật khẩu / mã PIN chữ ký số của cơ quan:"), QLineEdit.EchoMode.Password,
        )
        return secret if ok else None

    @staticmethod
    def _file_job(ctx, batch, officer: str, secret: str | None):  # background thread
        from counterapp.digitize.ui_support import file_groups, make_site_signer

        signer = make_site_signer(ctx.config, secret) if secret is not None else None
        filed = file_groups(ctx, batch, officer, signer=signer)
        batch.discard()  # every PDF is filed: the page images are not kept on the counter
        return filed, signer

    def _filed(self, outcome) -> None:
        if not shiboken6.isValid(self):
            return
        filed, signer = outcome
        self.busy = False
        self._signer = signer
        self.set_batch(None)
        self.results_table.setRowCount(0)
        for doc in filed:
            self._add_result(doc)
            if doc.ocr_pending:
                self._start_ocr(doc.attachment_uuid)
        self.results.extend(filed)
        self.feed_label.setText("")
        lines = [self.tr("Đã đính kèm {n} tệp PDF vào hồ sơ; sẽ tải lên khi đồng bộ.").replace("{n}", str(len(filed)))]
        for doc in filed:
            lines.append(self.tr("{doc}: {n} trang, SHA-256 {sha}").replace("{doc}", doc.document_code)
                         .replace("{n}", str(doc.page_count)).replace("{sha}", doc.sha256))
        self.show_info("\n".join(lines))
        self.load_reusable()
        self._update_state()
        self.filed.emit(filed)

    def _file_failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.feed_label.setText("")
        self.show_error(
            self.tr("Không tạo/đính kèm được PDF (lô quét vẫn được giữ): {e}").replace("{e}", _message(exc))
        )
        self._update_state()

    def _signature_text(self, doc: FiledDocument) -> str:
        if doc.signed:
            state = self.tr("hợp lệ") if doc.signature_valid else self.tr("KHÔNG hợp lệ")
            return f"{state} — {doc.signer}" if doc.signer else state
        if doc.sign_pending:
            return self.tr("chờ ký sau khi nhận dạng chữ")
        return self.tr("chưa ký")

    def _add_result(self, doc: FiledDocument) -> None:
        row = self._result_row(doc.attachment_uuid)
        if row < 0:
            row = self.results_table.rowCount()
            self.results_table.insertRow(row)
        values = (doc.document_code, str(doc.page_count), self._signature_text(doc), doc.sha256)
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setData(Qt.ItemDataRole.UserRole, doc.attachment_uuid)
            if c == 3:
                item.setToolTip(value)
            self.results_table.setItem(row, c, item)

    def _result_row(self, uuid: str) -> int:
        for row in range(self.results_table.rowCount()):
            item = self.results_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == uuid:
                return row
        return -1

    def _start_ocr(self, uuid: str, signer=None) -> None:
        if self.ocr_queue is None:
            from ui.scan.ocr_queue import OcrQueue

            self.ocr_queue = OcrQueue()
            self.ocr_queue.done.connect(self._ocr_done)
            self.ocr_queue.failed.connect(self._ocr_failed)
        self.ocr_queue.submit(self.ctx, uuid, self._signer if signer is None else (signer or None))

    def resume_text_jobs(self) -> None:
        """At start: finish the text layers left pending; the ones to sign wait for the password."""
        from counterapp.digitize.ui_support import pending_text_jobs

        run_in_background(pending_text_jobs, self.ctx, on_done=self._text_jobs_found)

    def _text_jobs_found(self, found: tuple[list[str], list[str]]) -> None:
        if not shiboken6.isValid(self):
            return
        ocr_only, to_sign = found
        for uuid in ocr_only:
            self._start_ocr(uuid, signer=False)
        self.sign_pending_ids = list(to_sign)
        self.sign_frame.setVisible(bool(to_sign))
        self.retranslate()

    def sign_pending_now(self) -> None:
        if self.ctx is None or not self.sign_pending_ids:
            return
        secret = self.ask_secret()
        if secret is None:
            return
        from counterapp.digitize.ui_support import make_site_signer

        run_in_background(make_site_signer, self.ctx.config, secret, on_done=self._resume_signing,
                          on_error=lambda exc: self.show_error(_message(exc)))

    def _resume_signing(self, signer) -> None:
        if not shiboken6.isValid(self):
            return
        if signer is None:
            self.show_error(self.tr("Chưa cấu hình ký số ([signing] trong site.toml) / signing is not configured"))
            return
        self._signer = signer
        for uuid in self.sign_pending_ids:
            self._start_ocr(uuid, signer)
        self.sign_pending_ids = []
        self.sign_frame.hide()

    def _ocr_done(self, doc: FiledDocument) -> None:
        if not shiboken6.isValid(self):
            return
        if self._result_row(doc.attachment_uuid) >= 0:  # jobs resumed at start have no row here
            self._add_result(doc)
        self.results = [doc if r.attachment_uuid == doc.attachment_uuid else r for r in self.results]

    def _ocr_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self):
            self.show_error(self.tr("Nhận dạng chữ (OCR) thất bại; tệp PDF vẫn được lưu: {e}")
                            .replace("{e}", _message(exc)))

    # ================================================================== reuse
    def load_reusable(self) -> None:
        self.reuse_list.clear()
        self.reusable = []
        if self.ctx is None or self.target is None or not self.target.id_number:
            self._update_state()
            return
        from counterapp.digitize.ui_support import reused_documents

        id_number = self.target.id_number
        run_in_background(reused_documents, self.ctx, id_number,
                          on_done=lambda docs, n=id_number: self._reusable_loaded(docs, n))

    def _reusable_loaded(self, docs: list[FiledDocument], id_number: str | None = None) -> None:
        if not shiboken6.isValid(self):
            return
        if self.target is None or (id_number is not None and id_number != self.target.id_number):
            return  # the officer moved on to another applicant meanwhile
        current = self.target.code if self.target else None
        # documents already filed with this very dossier are not offered again
        already = {d.sha256 for d in docs if d.dossier_code == current}
        docs = [d for d in docs if d.dossier_code != current and d.sha256 not in already]
        self.reusable = docs
        self.reuse_list.clear()
        for doc in docs:
            where = doc.dossier_code or self.tr("(chưa gắn hồ sơ)")
            item = QListWidgetItem(
                self.tr("{doc} · {n} trang · hồ sơ {where}").replace("{doc}", doc.document_code or "?")
                .replace("{n}", str(doc.page_count)).replace("{where}", where)
            )
            item.setData(Qt.ItemDataRole.UserRole, doc.attachment_uuid)
            item.setToolTip(doc.sha256)
            self.reuse_list.addItem(item)
        if docs:
            self.reuse_list.setCurrentRow(0)
        self._update_state()

    def reuse_selected(self) -> None:
        item = self.reuse_list.currentItem()
        if item is None or self.ctx is None or self.target is None or self.busy:
            return
        from counterapp.digitize.ui_support import reuse_document

        self.busy = True
        self._update_state()
        run_in_background(
            reuse_document, self.ctx, item.data(Qt.ItemDataRole.UserRole), self.target.code,
            self.document_combo.currentData(), self.officer(),
            on_done=self._reused, on_error=self._file_failed,
        )

    def _reused(self, doc: FiledDocument) -> None:
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self._add_result(doc)
        self.results.append(doc)
        self.show_info(self.tr("Đã dùng lại tài liệu {doc} cho hồ sơ {code}.")
                       .replace("{doc}", doc.document_code).replace("{code}", doc.dossier_code))
        self.load_reusable()
        self._update_state()
        self.filed.emit([doc])

    # ================================================================== recovery
    def check_unfinished(self) -> None:
        if self.ctx is None:
            return
        from counterapp.digitize.ui_support import unfinished_batches

        run_in_background(unfinished_batches, self.ctx, on_done=self._found_unfinished)

    def _found_unfinished(self, batches: list[ScanBatch]) -> None:
        if not shiboken6.isValid(self):
            return
        current = self.batch.uuid if self.batch is not None else None
        self.offered = [b for b in batches if b.uuid != current]
        self._show_offer()

    def _show_offer(self) -> None:
        self.offers_changed.emit(len(self.offered))
        if not self.offered:
            self.offer_frame.hide()
            return
        from counterapp.digitize.ui_support import batch_summary

        info = batch_summary(self.offered[0])
        text = self.tr("Tiếp tục lô quét dở? {n} trang, bắt đầu lúc {when}").replace("{n}", str(info["pages"]))
        text = text.replace("{when}", _local_time(info["created_at"], self.ctx))
        if info["dossier_code"]:
            text += self.tr(", hồ sơ {code}").replace("{code}", info["dossier_code"])
        if len(self.offered) > 1:
            text += self.tr(" (còn {m} lô khác)").replace("{m}", str(len(self.offered) - 1))
        self.offer_label.setText(text)
        self.offer_frame.show()

    def resume_offered(self) -> None:
        if not self.offered or self.feeding or self.busy:
            return
        batch = self.offered.pop(0)
        if self.batch is not None and not self.batch.pages():
            self.batch.discard()
        self.set_batch(batch)
        code = batch.manifest.get("dossier_code")
        if code:
            self.dossier_edit.setText(code)
            self.load_target()
        self._show_offer()
        self.show_info(self.tr("Đã mở lại lô quét dở ({n} trang).").replace("{n}", str(self.model.rowCount())))
        self.view.setFocus()

    def discard_offered(self) -> None:
        if not self.offered:
            return
        answer = QMessageBox.question(
            self, self.tr("Bỏ lô quét"), self.tr("Xóa hẳn lô quét dở này? Các trang đã quét sẽ mất."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.offered.pop(0).discard()
            self._show_offer()

    # ================================================================== signature check
    def choose_pdf_to_verify(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp PDF để xác minh chữ ký"), str(Path.home()), self.tr("Tệp PDF (*.pdf)")
        )
        if path:
            self.verify_file(path, show_box=True)

    def verify_file(self, path: str | Path, show_box: bool = False) -> None:
        if self.ctx is None:
            return
        from counterapp.digitize.signing import verify_with_site_roots

        self.verify_label.setText(self.tr("Đang xác minh…"))
        run_in_background(verify_with_site_roots, Path(path), self.ctx.config,
                          on_done=lambda r, p=Path(path), b=show_box: self._verified(p, r, b),
                          on_error=lambda exc: self.verify_label.setText(_message(exc)))

    def verification_text(self, path: Path, report: SignatureReport) -> str:
        if not report.signed:
            state = self.tr("CHƯA KÝ SỐ")
        elif report.valid and report.trusted:
            state = self.tr("HỢP LỆ, tin cậy")
        elif report.valid:
            state = self.tr("HỢP LỆ (chứng thư chưa được tin cậy trên máy này)")
        else:
            state = self.tr("KHÔNG HỢP LỆ")
        lines = [f"{path.name}: {state}"]
        if report.signer:
            lines.append(self.tr("Người ký: {s}").replace("{s}", report.signer))
        if report.signed_at:
            lines.append(self.tr("Thời điểm ký: {t}").replace("{t}", _local_time(report.signed_at, self.ctx)))
        if report.message_vi:
            lines.append(report.message_vi)
        return "\n".join(lines)

    def _verified(self, path: Path, report: SignatureReport, show_box: bool) -> None:
        if not shiboken6.isValid(self):
            return
        self.last_report = report
        text = self.verification_text(path, report)
        self.verify_label.setText(text)
        self.verify_label.setStyleSheet("color:#174d22;" if report.valid else "color:#8a1c13;")
        self.verified.emit(report)
        if show_box:
            icon = QMessageBox.Icon.Information if report.valid else QMessageBox.Icon.Warning
            self._verify_box = QMessageBox(icon, self.tr("Xác minh chữ ký số"), text, parent=self)
            self._verify_box.open()

    # ================================================================== closing
    def shutdown(self) -> None:
        """The window closes: stop feeding after the page in hand (it is on disk; the batch is offered back)."""
        if self.feed is not None and self.feed.isRunning():
            self.feed.cancel()
            self.feed.wait(30_000)


def _is_separator_group(batch: ScanBatch, group) -> bool:
    """Whether the group starts after a separator sheet (its codes came from the sheet)."""
    first = group.pages[0].id if group.pages else None
    previous_separator = False
    for page in batch.pages():
        if page.id == first:
            return previous_separator
        if page.separator is not None:
            previous_separator = True
    return False


def _local_time(value, ctx) -> str:
    from datetime import datetime

    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    zone = getattr(getattr(ctx, "config", None), "zone", None)
    if zone is not None and value.tzinfo is not None:
        value = value.astimezone(zone)
    return value.strftime("%H:%M %d/%m/%Y")
