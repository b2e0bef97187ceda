"""Text recognition (then signature, when asked) one document at a time, as `ui.ops` ops.

Tesseract is CPU-heavy and already spreads one document's pages over every CPU (ocr.py), so
documents go one at a time through a one-thread pool of their own (filing, thumbnails and the list keep Qt's global pool). Each job is
a `BackgroundOp` bound to the scanning page: results come back on the GUI thread while the page
lives. When the window closes, the jobs not started are dropped: their attachments stay
"pending" in the database and are offered again at the next start (`pending_text_jobs`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool

from ui.ops import BackgroundOp


class OcrQueue:
    def __init__(self, parent: QObject, on_done: Callable[[Any], Any],
                 on_failed: Callable[[BaseException, str], Any]) -> None:
        self._parent = parent
        self._on_done, self._on_failed = on_done, on_failed
        self.pool = QThreadPool(parent)
        self.pool.setMaxThreadCount(1)

    def submit(self, ctx, attachment_uuid: str, signer=None, *, retry: bool = False) -> BackgroundOp:  # noqa: ANN001
        """Queue one document; `retry=True` for one whose text layer failed (put back to pending first).
        A failure reaches `on_failed(exc, attachment_uuid)`."""
        from counterapp.digitize.ui_support import retry_ocr_job, run_ocr_job

        return (BackgroundOp(self._parent, retry_ocr_job if retry else run_ocr_job, ctx, attachment_uuid, signer)
                .success(self._on_done).failure(lambda exc, u=attachment_uuid: self._on_failed(exc, u))
                .run(self.pool))

    def join(self, msecs: int = -1) -> bool:
        """Wait until every submitted job is done (tests and orderly shutdown)."""
        return self.pool.waitForDone(msecs)

    def stop(self) -> None:
        """Drop the jobs not started (they stay pending on disk); the one running finishes."""
        self.pool.clear()
