"""Text recognition (then signature, when asked) one document at a time, as `ui.ops` ops.

Tesseract is CPU-heavy: one job at a time on a two-core counter PC, so the jobs go through a
one-thread pool of their own (filing, thumbnails and the list keep Qt's global pool). Each job is
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
                 on_failed: Callable[[BaseException], Any]) -> None:
        self._parent = parent
        self._on_done, self._on_failed = on_done, on_failed
        self.pool = QThreadPool(parent)
        self.pool.setMaxThreadCount(1)

    def submit(self, ctx, attachment_uuid: str, signer=None) -> BackgroundOp:  # noqa: ANN001
        from counterapp.digitize.ui_support import run_ocr_job

        return (BackgroundOp(self._parent, run_ocr_job, ctx, attachment_uuid, signer)
                .success(self._on_done).failure(self._on_failed).run(self.pool))

    def join(self, msecs: int = -1) -> bool:
        """Wait until every submitted job is done (tests and orderly shutdown)."""
        return self.pool.waitForDone(msecs)

    def stop(self) -> None:
        """Drop the jobs not started (they stay pending on disk); the one running finishes."""
        self.pool.clear()
