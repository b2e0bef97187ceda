"""What the scanning page picks up by itself: unfinished batches offered back after a
restart, attachments still waiting for their text layer (OCR) and signature, and files a
network scanner saves to the watched folder.

A part of `ScanPage` (a mixin over the page's own banners, `filing` panel and state), kept
apart so the page file stays about composition and the batch. The lists come from the core
(`ui_support.unfinished_batches`, `pending_text_jobs`, `files.WatchedFolder`), off the GUI thread.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from ui.ops import BackgroundOp
from ui.scan.common import local_time, message

if TYPE_CHECKING:
    from counterapp.digitize.batch import ScanBatch
    from counterapp.digitize.ui_support import FiledDocument

WATCH_INTERVAL_MS = 2000


class RecoveryMixin:
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
        BackgroundOp(self, self.watched.poll).success(self._watched_files).failure(self._watched_failed).run()

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
        text = message(exc)
        if text != self._watched_error:  # say it once, not every few seconds
            self._watched_error = text
            self.show_error(text)

    # ================================================================== unfinished batches
    def check_unfinished(self) -> None:
        if self.ctx is None:
            return
        from counterapp.digitize.ui_support import unfinished_batches

        (BackgroundOp(self, unfinished_batches, self.ctx).success(self._found_unfinished)
         .describe(self.tr("Tìm lô quét dở")).run())

    def _found_unfinished(self, batches: list[ScanBatch]) -> None:
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
        text = text.replace("{when}", local_time(info["created_at"], self.ctx))
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
            self.filing.set_code(code)
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

    # ================================================================== text layers and signatures
    def _start_ocr(self, uuid: str, signer=None, *, retry: bool = False) -> None:
        if self.ocr_queue is None:
            from ui.scan.ocr_queue import OcrQueue

            self.ocr_queue = OcrQueue(self, self._ocr_done, self._ocr_failed)
        self.ocr_queue.submit(self.ctx, uuid, self._signer if signer is None else (signer or None), retry=retry)

    def retry_ocr(self, uuids: list[str]) -> None:
        """The officer asked again for the text of documents whose recognition failed."""
        if self.ctx is None:
            return
        for uuid in uuids:
            self.filing.set_text_state(uuid, "pending")
            self._start_ocr(uuid, retry=True)

    def resume_text_jobs(self) -> None:
        """At start: finish the text layers left pending; the ones to sign wait for the password."""
        from counterapp.digitize.ui_support import pending_text_jobs

        (BackgroundOp(self, pending_text_jobs, self.ctx).success(self._text_jobs_found)
         .describe(self.tr("Tìm tài liệu chờ nhận dạng chữ")).run())

    def _text_jobs_found(self, found: tuple[list[str], list[str]]) -> None:
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

        (BackgroundOp(self, make_site_signer, self.ctx.config, secret).success(self._resume_signing)
         .failure(lambda exc: self.show_error(message(exc))).run())

    def _resume_signing(self, signer) -> None:
        if signer is None:
            self.show_error(self.tr("Chưa cấu hình ký số ([signing] trong site.toml) / signing is not configured"))
            return
        self._signer = signer
        for uuid in self.sign_pending_ids:
            self._start_ocr(uuid, signer)
        self.sign_pending_ids = []
        self.sign_frame.hide()

    def _ocr_done(self, doc: FiledDocument) -> None:
        if self.filing.result_row(doc.attachment_uuid) >= 0:  # jobs resumed at start have no row here
            self.filing.add_result(doc)
        self.results = [doc if r.attachment_uuid == doc.attachment_uuid else r for r in self.results]

    def _ocr_failed(self, exc: BaseException, uuid: str | None = None) -> None:
        if uuid is not None:
            self.filing.set_text_state(uuid, "failed")
            self.results = [replace(r, ocr_state="failed", ocr_pending=False) if r.attachment_uuid == uuid else r
                            for r in self.results]
        self.show_error(self.tr("Nhận dạng chữ (OCR) thất bại; tệp PDF vẫn được lưu: {e}")
                        .replace("{e}", message(exc)))
