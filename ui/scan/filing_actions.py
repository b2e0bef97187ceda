"""Filing the batch and reusing a paper already digitized: the scanning page's actions that
write to the dossier.

A part of `ScanPage` (a mixin over the page's batch, busy state, `filing` and `reuse` panels),
kept apart so the page file stays about composition and feeding. The work is the core's
(`ui_support.file_groups`, `reuse_document`), run off the GUI thread; the officer recorded
is the one at the counter at the moment of the action (`ScanPage.officer`, `ui.session`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit

from ui.ops import BackgroundOp
from ui.scan.common import message

if TYPE_CHECKING:
    from counterapp.digitize.ui_support import FiledDocument


class FilingMixin:
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

        code, doc = self.filing.own_target()
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
        (BackgroundOp(self, self._file_job, self.ctx, self.batch, self.officer(), secret)
         .with_busy().success(self._filed).failure(self._file_failed).run())

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
        filed, signer = outcome
        self.busy = False
        self._signer = signer
        self.set_batch(None)
        self.filing.clear_results()
        for doc in filed:
            self.filing.add_result(doc)
            if doc.ocr_pending:
                self._start_ocr(doc.attachment_uuid)
        self.results.extend(filed)
        self.feed_label.setText("")
        lines = [self.tr("Đã đính kèm {n} tệp PDF vào hồ sơ; sẽ tải lên khi đồng bộ.").replace("{n}", str(len(filed)))]
        for doc in filed:
            lines.append(self.tr("{doc}: {n} trang, SHA-256 {sha}").replace("{doc}", doc.document_code)
                         .replace("{n}", str(doc.page_count)).replace("{sha}", doc.sha256))
        self.show_info("\n".join(lines))
        self.reuse.load(self.ctx, self.filing.target)
        self._update_state()
        self.filed.emit(filed)

    def _file_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.feed_label.setText("")
        self.show_error(
            self.tr("Không tạo/đính kèm được PDF (lô quét vẫn được giữ): {e}").replace("{e}", message(exc))
        )
        self._update_state()

    # ================================================================== reuse
    def reuse_document(self, attachment_uuid: str) -> None:
        if self.ctx is None or self.filing.target is None or self.busy:
            return
        from counterapp.digitize.ui_support import reuse_document

        self.busy = True
        self._update_state()
        (BackgroundOp(self, reuse_document, self.ctx, attachment_uuid, self.filing.target.code,
                      self.document_combo.currentData(), self.officer())
         .success(self._reused).failure(self._file_failed).run())

    def _reused(self, doc: FiledDocument) -> None:
        self.busy = False
        self.filing.add_result(doc)
        self.results.append(doc)
        self.show_info(self.tr("Đã dùng lại tài liệu {doc} cho hồ sơ {code}.")
                       .replace("{doc}", doc.document_code).replace("{code}", doc.dossier_code))
        self.reuse.load(self.ctx, self.filing.target)
        self._update_state()
        self.filed.emit([doc])
