"""The scanning page ("Số hóa", Ctrl+D): puts its parts together and runs the batch.

Scan (SANE, eSCL) or add files into a crash-safe batch; the thumbnails appear as pages
arrive; rotate / delete / reorder / move to another document with the keyboard; blank pages
dimmed and dropped unless kept; then file one PDF/A per document component of a dossier
(groups split at separator sheets by the core), with OCR and signing per site settings in
the background.

The parts, one job each, talk to this page through signals: `ScannerPanel` (left: scanner
settings, feed buttons, signature check), `BatchView` (thumbnails and page operations),
`PagePreview` (the selected page, zoomable), `FilingPanel` (dossier, component, groups,
results), `ReusePanel` (papers already digitized for the applicant). This page owns the
batch, the feed, the busy state, filing and recovery. Everything slow runs off the GUI
thread (`ui.ops.BackgroundOp`; the feed is a cancellable one). Business rules live in
`counterapp.digitize` (see `counterapp/digitize/ui_support.py`). Built to stay usable at
1024×600: splitters with minimum sizes, scroll areas for the side columns.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counterapp.digitize.common import DigitizeError
from counterapp.digitize.files import ACCEPTED_SUFFIXES
from ui.file_dialogs import open_file_names
from ui.ops import BackgroundOp
from ui.scan.batch_view import BatchView
from ui.scan.common import ERROR_STYLE, INFO_STYLE, OFFER_STYLE, message
from ui.scan.filing_actions import FilingMixin
from ui.scan.filing_panel import FilingPanel
from ui.scan.preview import PagePreview
from ui.scan.recovery import RecoveryMixin
from ui.scan.reuse_panel import ReusePanel
from ui.scan.scanner_panel import ScannerPanel
from ui.session import current_officer_name

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.digitize.batch import BatchPage, ScanBatch
    from counterapp.digitize.ui_support import DossierTarget, FiledDocument

log = logging.getLogger(__name__)


class _Column(QScrollArea):
    """A side column that scrolls up and down rather than squeezing its contents on a small
    screen; never narrower than its contents need (the splitter asks `minimumSizeHint`)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        need = self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), need), hint.height())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # a longer text (another language, a message) may need more room
        return super().eventFilter(obj, event)


class ScanPage(FilingMixin, RecoveryMixin, QWidget):
    filed = Signal(list)  # [FiledDocument] just attached
    feed_finished = Signal(int)  # pages added by the last scan / file load
    target_loaded = Signal(object)  # DossierTarget
    verified = Signal(object)  # SignatureReport
    offers_changed = Signal(int)  # unfinished batches waiting to be resumed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanPage")
        self.ctx: AppContext | None = None
        self.batch: ScanBatch | None = None
        self.watched = None  # counterapp.digitize.files.WatchedFolder, when the site names one
        self.feed: BackgroundOp | None = None  # scanning or reading files, page by page
        self.busy = False
        self.offered: list[ScanBatch] = []
        self.sign_pending_ids: list[str] = []
        self.ocr_queue = None
        self.results: list[FiledDocument] = []
        self._signer = None
        self._build()
        self.setAcceptDrops(True)
        self.retranslate()
        self._update_state()

    # ================================================================== layout
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(4, 4, 4, 4)
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

        self.scanner = ScannerPanel()
        self.scanner.scan_button.clicked.connect(self.start_scan)
        self.scanner.files_button.clicked.connect(self.choose_files)
        self.scanner.new_batch_button.clicked.connect(self.new_batch)
        self.scanner.verified.connect(self.verified)
        self.pages_view = BatchView()
        self.pages_view.current_changed.connect(self._show_preview)
        self.pages_view.edited.connect(self._refresh_groups)
        self.pages_view.failed.connect(self.show_error)
        self.preview = PagePreview()
        self.pages_view.zoom_requested.connect(self.preview.zoom)
        self.filing = FilingPanel()
        self.filing.build_button.clicked.connect(self.build_and_attach)
        self.filing.retry_requested.connect(self.retry_ocr)
        self.filing.target_loaded.connect(self._target_loaded)
        self.filing.target_failed.connect(self._target_failed)
        self.filing.document_changed.connect(self._refresh_groups)
        self.reuse = ReusePanel()
        self.reuse.reuse_requested.connect(self.reuse_document)
        self.reuse.changed.connect(self._update_state)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="scanSplitter")
        self.splitter.setChildrenCollapsible(False)
        root.addWidget(self.splitter, 1)
        self.left_area = _Column(self.scanner)
        self.splitter.addWidget(self.left_area)
        self.splitter.addWidget(self.pages_view)
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.addWidget(self.filing)
        side_box.addWidget(self.reuse)
        side_box.addStretch(1)
        self.right = QSplitter(Qt.Orientation.Vertical, objectName="scanRight")
        self.right.setChildrenCollapsible(False)
        self.right.addWidget(self.preview)
        self.filing_area = _Column(side)
        self.filing_area.setMinimumWidth(300)
        lower = QWidget()
        lower_box = QVBoxLayout(lower)
        lower_box.setContentsMargins(0, 0, 0, 0)
        lower_box.addWidget(self.filing_area, 1)
        lower_box.addWidget(self.filing.build_button)  # the action stays in view however small the screen
        lower.setMinimumHeight(150)
        self.right.addWidget(lower)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 2)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([230, 360, 560])
        self.right.setSizes([300, 260])

        # the widgets the window and the tests reach through the page
        s, v, f, r = self.scanner, self.pages_view, self.filing, self.reuse
        self.backend_combo, self.device_combo, self.escl_edit = s.backend_combo, s.device_combo, s.escl_edit
        self.dpi_combo, self.mode_combo, self.source_combo = s.dpi_combo, s.mode_combo, s.source_combo
        self.scan_button, self.files_button, self.feed_label = s.scan_button, s.files_button, s.feed_label
        self.verify_label, self.verify_file = s.verify_label, s.verify_file
        self.model, self.view, self.keep_blank_check = v.model, v.view, v.keep_blank_check
        self.current_page = v.current_page
        self.dossier_edit, self.document_combo, self.groups_table = f.dossier_edit, f.document_combo, f.groups_table
        self.build_button, self.results_table = f.build_button, f.results_table
        self.reuse_list, self.reuse_button = r.reuse_list, r.reuse_button

    def retranslate(self) -> None:
        for part in (self.scanner, self.pages_view, self.preview, self.filing, self.reuse):
            part.retranslate()
        self.resume_button.setText(self.tr("Tiếp tục"))
        self.discard_offer_button.setText(self.tr("Bỏ lô này"))
        self.sign_now_button.setText(self.tr("Ký ngay…"))
        self.sign_label.setText(
            self.tr("{n} tài liệu đã đính kèm đang chờ nhận dạng chữ và ký số.")
            .replace("{n}", str(len(self.sign_pending_ids)))
        )
        self._show_offer()
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ================================================================== context
    def set_context(self, ctx: AppContext) -> None:
        from counterapp.digitize.sources import ScanSettings, load_scan_settings

        self.ctx = self.scanner.ctx = self.filing.ctx = ctx
        try:
            settings = load_scan_settings(ctx.config, ctx.data_dir)
        except DigitizeError as exc:
            self.show_error(message(exc))
            settings = ScanSettings()
        self.scanner.apply_settings(settings)
        try:
            from counterapp.digitize.cleanup import cleanup_options_from_config

            self.keep_blank_check.setChecked(not cleanup_options_from_config(ctx.config).drop_blank)
        except DigitizeError as exc:
            self.show_error(message(exc))
        self.scanner.find_devices()
        self.check_unfinished()
        self.resume_text_jobs()
        self.start_watching()
        self._update_state()

    def officer(self) -> str:
        """Who is at the counter now (read at the moment of the action, never cached)."""
        return current_officer_name(self.ctx)

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

    # ================================================================== batch and feeding
    @property
    def feeding(self) -> bool:
        return self.feed is not None and self.feed.busy

    def set_batch(self, batch: ScanBatch | None) -> None:
        self.batch = batch
        self.filing.batch_document = batch.manifest.get("document_code") if batch is not None else None
        self.preview.clear()
        self.pages_view.set_batch(batch)
        self._show_preview()
        self._refresh_groups()
        self._update_state()

    def _ensure_batch(self, settings=None) -> ScanBatch:
        if self.batch is None:
            from counterapp.digitize.batch import ScanBatch
            from counterapp.digitize.cleanup import cleanup_options_from_config
            from counterapp.digitize.encode import encode_options_from_config

            code, doc = self.filing.own_target()
            cleanup = replace(cleanup_options_from_config(self.ctx.config),
                              drop_blank=not self.keep_blank_check.isChecked())
            self.set_batch(ScanBatch.create(
                self.ctx.data_dir, officer=self.officer(), dossier_code=code, document_code=doc if code else None,
                settings=asdict(settings) if settings is not None else {}, cleanup=cleanup,
                encode=encode_options_from_config(self.ctx.config),
            ))
        return self.batch

    def start_scan(self) -> None:
        if self.ctx is None or self.feeding or self.busy:
            return
        from counterapp.digitize.pipeline import fill_batch
        from counterapp.digitize.sources import remember_scan_settings, scan_pages

        try:
            settings = self.scanner.current_settings()
        except DigitizeError as exc:
            self.show_error(message(exc))
            return
        if settings.backend == "sane" and not settings.device:
            self.show_error(self.tr("Chưa chọn máy quét / no scanner chosen"))
            return
        try:
            remember_scan_settings(self.ctx.data_dir, settings)
        except OSError:
            log.warning("could not remember the scanner settings", exc_info=True)
        self.scanner.remember(settings)
        batch = self._ensure_batch(settings)
        self.clear_message()
        self.feed_label.setText(self.tr("Đang quét…"))
        self._start_feed(lambda on_page: fill_batch(batch, scan_pages(settings), on_page), scanning=True)

    def choose_files(self) -> None:
        if self.ctx is None:
            return
        paths = open_file_names(
            self, self.tr("Thêm tệp vào lô"), self.tr("Tài liệu (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)")
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
        """Run `work(on_page) -> count` off the GUI thread; each page shows as it arrives. Cancelled
        (the window closes), it stops after the page in hand: that page is on disk already."""

        def feed_pages(token) -> int:  # noqa: ANN001  (pool thread)
            def on_page(page: BatchPage) -> None:
                token.report(page)
                token.check()

            return work(on_page)

        feed = (BackgroundOp(self, feed_pages).progress(self._page_arrived)
                .success(lambda n, s=scanning: self._feed_done(n, s)).failure(self._feed_failed))
        feed.after(lambda f=feed: self._feed_ended(f))
        self.feed = feed
        feed.run()
        self._update_state()

    def _feed_ended(self, feed: BackgroundOp) -> None:
        if self.feed is feed:
            self.feed = None
        self._update_state()

    def _page_arrived(self, page: BatchPage) -> None:
        self.pages_view.page_arrived(page)
        self.feed_label.setText(self.tr("Đã nhận {n} trang…").replace("{n}", str(len(self.batch.pages()))))
        self._refresh_groups()

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
            self.tr("Lỗi khi nạp trang (các trang đã nhận vẫn được giữ): {e}").replace("{e}", message(exc))
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
        self.filing.clear_results()
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

    # ================================================================== preview and state
    def _show_preview(self) -> None:
        self.preview.show_page(self.current_page())

    def _update_state(self, *_args: Any) -> None:
        ready = self.ctx is not None
        idle = ready and not self.feeding and not self.busy
        has_pages = self.batch is not None and bool(self.model.rowCount())
        self.scanner.set_state(ready, idle, self.batch is not None)
        self.pages_view.set_state(ready, self.busy)
        self.build_button.setEnabled(idle and has_pages)
        self.sign_now_button.setEnabled(ready and not self.busy)
        self.reuse_button.setEnabled(idle and self.filing.target is not None and self.reuse.has_choices())

    # ================================================================== dossier target
    def offer_dossier_code(self, code: str) -> None:
        """The intake page saved a dossier: make it the target unless the officer is filing another one."""
        if not code or self.busy or (self.batch is not None and self.filing.target is not None):
            return
        self.filing.set_code(code)
        self.load_target()

    def use_dossier_code(self, code: str) -> None:
        """A code scanned from the receipt's QR/barcode: file into that dossier."""
        self.filing.set_code(code)
        self.load_target()

    def load_target(self) -> None:
        self.filing.load_target()

    @property
    def target(self) -> DossierTarget | None:
        return self.filing.target

    def _target_loaded(self, target: DossierTarget) -> None:
        self.clear_message()
        self._refresh_groups()
        self.reuse.load(self.ctx, target)
        self._update_state()
        self.target_loaded.emit(target)

    def _target_failed(self, text: str) -> None:
        self.reuse.load(self.ctx, None)
        self.show_error(text)
        self._refresh_groups()
        self._update_state()

    def effective_groups(self) -> list[tuple[str | None, str | None, int]]:
        """(dossier code, document code, pages) per group, the batch's own group taking the form's choice."""
        from counterapp.digitize.ui_support import effective_groups

        return effective_groups(self.batch, *self.filing.own_target())

    def _refresh_groups(self) -> None:
        self.filing.show_groups(self.effective_groups())
        self.pages_view.own_document = self.filing.own_target()[1] or ""

    # ================================================================== closing
    def shutdown(self) -> None:
        """The window closes: stop feeding after the page in hand (it is on disk; the batch is offered back)."""
        if self.feed is not None and self.feed.busy:
            self.feed.cancel()
            self.feed.wait(30_000)
        if self.ocr_queue is not None:
            self.ocr_queue.stop()  # the jobs not started stay pending on disk, offered at the next start
