"""The one way to run background work and come back to the GUI thread by signal.

    run_in_background(parent, fn, *args, on_done=..., on_error=...)

`fn` runs on Qt's global thread pool; `on_done(result)` / `on_error(exc)` are called on
the GUI thread through queued signals. Nothing slow (sync, scanning, OCR, PDF building)
runs on the GUI thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class BackgroundJob(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread
        try:
            result = self.fn(*self.args, **self.kwargs)
        except Exception as exc:  # reported to the GUI thread, never swallowed
            log.error("background job failed:\n%s", traceback.format_exc())
            self._report(self.signals.failed, exc)
        else:
            self._report(self.signals.done, result)

    @staticmethod
    def _report(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The application is shutting down and took the signal object with it:
            # nobody is left to tell.
            log.debug("background job finished after its receiver was gone")


_live_jobs: set[_Signals] = set()


def run_in_background(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    pool: QThreadPool | None = None,
    **kwargs: Any,
) -> BackgroundJob:
    job = BackgroundJob(fn, *args, **kwargs)
    signals = job.signals
    _live_jobs.add(signals)  # keep the signal object alive until the job reports

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        _live_jobs.discard(signals)
        if callback is None:
            return
        # A window closed while its job ran: its callbacks have nothing left to update.
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, QObject) and not shiboken6.isValid(owner):
            return
        callback(value)

    signals.done.connect(lambda result: finish(on_done, result))
    signals.failed.connect(lambda exc: finish(on_error, exc))
    (pool or QThreadPool.globalInstance()).start(job)
    return job
