"""A thread that fills the batch page by page (scanner or files) and reports each page by signal."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal

if TYPE_CHECKING:  # the batch module brings OpenCV and numpy: not at window start-up
    from counterapp.digitize.batch import BatchPage

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The page closed: stop after the page being saved (it is on disk already)."""


class PageFeed(QThread):
    """Runs `work(on_page) -> count` off the GUI thread; `page_added` is queued to the GUI per page."""

    page_added = Signal(object)  # BatchPage
    failed = Signal(object)  # exception
    finished_ok = Signal(int)  # pages added

    def __init__(self, work: Callable[[Callable[[BatchPage], None]], int], parent=None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def _on_page(self, page: BatchPage) -> None:
        self.page_added.emit(page)
        if self._cancel:
            raise Cancelled()

    def run(self) -> None:  # worker thread
        try:
            count = self._work(self._on_page)
        except Cancelled:
            return
        except Exception as exc:  # reported to the officer, never swallowed
            log.error("page feed failed:\n%s", traceback.format_exc())
            self.failed.emit(exc)
        else:
            self.finished_ok.emit(count)
