"""Text recognition (then signature, when asked) one document at a time, reported by signal.

Wraps the core's single-thread `OcrRunner` (Tesseract is CPU-heavy: one job at a time on a
two-core counter PC) and brings results back to the GUI thread through queued signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from counterapp.digitize.ocr import OcrRunner


class OcrQueue(QObject):
    done = Signal(object)  # FiledDocument
    failed = Signal(object)  # exception

    def __init__(self) -> None:
        super().__init__()
        self._runner = OcrRunner(on_error=self._report_error)

    def _report_error(self, exc: BaseException) -> None:  # worker thread
        self.failed.emit(exc)

    def submit(self, ctx, attachment_uuid: str, signer=None) -> None:
        from counterapp.digitize.ui_support import run_ocr_job

        self._runner.submit(lambda: self.done.emit(run_ocr_job(ctx, attachment_uuid, signer)))

    def join(self) -> None:
        self._runner.join()
