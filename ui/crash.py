"""What the window does with an exception nobody caught: log it, keep the officer's intake,
say so in the officer's language, and offer a report to copy for IT.

Why: before this, an uncaught exception in a slot printed a traceback to a console nobody
sees (the window has none on Windows), and the officer did not know whether the half-typed
intake in front of a waiting citizen was safe. Now:
- the traceback goes to the log file (counterapp/logs.py, personal data masked);
- the intake page saves its draft at once (the draft is offered back at the next start);
- one dialog says what happened, that the intake is kept, and offers "Sao chép báo cáo"
  (the report: version, platform, time, the masked traceback, the log file's path);
- further exceptions while that dialog is open are logged, not stacked as more dialogs.

Exceptions in worker threads (`threading.excepthook`) are logged; background ops report their
own failures (ui/ops.py), so nothing reaches the hook from them.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counterapp import __version__
from counterapp.logs import current_log_file, mask_personal

log = logging.getLogger("counterapp.crash")


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The text IT receives: masked like the log file."""
    lines = [
        f"Counter {__version__}",
        f"{platform.platform()} / Python {platform.python_version()}",
        f"{datetime.now(UTC).isoformat(timespec='seconds')}",
        f"log: {current_log_file() or '-'}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)),
    ]
    return mask_personal("\n".join(lines))


class CrashHandler(QObject):
    """Installed once per application (`install`); the window gives it `keep_work` (save the
    intake draft) and a parent for the dialog."""

    shown = Signal(str)  # the report, once the dialog is up (tests wait for it)

    def __init__(self, parent_window: QWidget, keep_work: Callable[[], bool]) -> None:
        super().__init__(parent_window)
        self.window = parent_window
        self.keep_work = keep_work
        self.dialog: QMessageBox | None = None
        self.last_report = ""
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> CrashHandler:
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        log.critical("uncaught exception in thread %s", getattr(args.thread, "name", "?"),
                     exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback))

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        self.last_report = crash_report(exc_type, exc, tb)
        if threading.current_thread() is not threading.main_thread():
            return  # widgets only on the GUI thread; the log has it
        kept = False
        try:
            kept = bool(self.keep_work())
        except Exception:  # noqa: BLE001 - the handler must not raise from inside the hook
            log.exception("keeping the intake draft after a crash failed")
        if self.dialog is not None:
            return  # one dialog at a time; the log has every one
        # Shown from the event loop, not from inside the hook (which may run in a paint event).
        QTimer.singleShot(0, self, lambda: self._show(kept))

    def _show(self, kept: bool) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Lỗi không mong muốn"))
        text = self.tr("Counter gặp một lỗi không mong muốn. Lỗi đã được ghi vào nhật ký.")
        if kept:
            text += "\n" + self.tr("Hồ sơ đang nhập đã được lưu thành bản nháp; mở lại trong trang Tiếp nhận.")
        text += "\n" + self.tr("Nếu lỗi lặp lại, bấm «Sao chép báo cáo» và gửi cho bộ phận CNTT.")
        box.setText(text)
        box.setDetailedText(self.last_report)
        copy = box.addButton(self.tr("Sao chép báo cáo"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        copy.clicked.disconnect()  # keep the box open after copying
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self.last_report))
        box.finished.connect(self._closed)
        self.dialog = box
        box.open()
        self.shown.emit(self.last_report)

    def _closed(self) -> None:
        self.dialog = None
