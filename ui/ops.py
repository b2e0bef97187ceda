"""The one way the window runs work off the GUI thread: `BackgroundOp` (like Anki's QueryOp).

    BackgroundOp(parent, fn, *args, **kwargs)    # fn(*args, **kwargs) runs on a pool thread
        .success(on_success)        # on_success(result), on the GUI thread
        .failure(on_failure)        # on_failure(exc), on the GUI thread (default: logged AND shown)
        .describe(text)             # what the officer is told failed, by the default failure
        .with_busy(button, ...)     # those widgets/actions disabled, the parent's cursor busy, meanwhile
        .cancellable()              # fn(token, *args, **kwargs): the job looks at `token.cancelled`
        .progress(on_value)         # on_value(v) for each `token.report(v)` (implies cancellable)
        .after(on_end)              # on_end() once it ended, whatever the outcome
        .run(pool=None)             # Qt's global pool, or a given one (one thread: writes in order)

Why this shape. Before it, `ui/workers.run_in_background(fn, *args, on_done=, on_error=)` took
fn's keyword arguments and its own callbacks in one namespace; seven files checked
`shiboken6.isValid(self)` by hand, sixteen times (one forgotten check is a crash when a page
closes while its job runs), and some had no error handler at all: a failed access-log write
(NĐ 13/2023) vanished without a word. A builder reads as a sentence at the call site, keeps fn's keywords fn's, and
gives every op the same four guarantees:

- Bound to its parent QObject. If the parent is destroyed before the result comes back, no
  callback runs and nothing crashes; a cancellable job is asked to stop. Call sites never test
  `shiboken6.isValid`. The work itself is not abandoned: a write (a draft, an access-log line)
  still completes when the page that asked for it has closed.
- Failures are never dropped. Without a `.failure` callback, the exception is logged with its
  traceback and shown to the officer: one box per window (`backgroundFailure`, opened with
  `open()`, which returns at once), the core's "vi / en" text cut to the window's language
  (`ui.messages.for_window`); later failures join the box already open instead of stacking.
- A busy state: `busy` / `busy_changed(bool)` on the op, and with `.with_busy(...)` the given
  widgets disabled and the parent widget's cursor busy while the job runs (restored after, also
  when several ops share a button).
- Cancel where it makes sense: a cooperative `CancelToken` passed to the job, which checks it
  between steps (the scanning feed stops after the page in hand). `op.wait(ms)` lets a closing
  page wait for that page to be on disk.

Callbacks run on the GUI thread through queued signals; create and run ops on the GUI thread.
The window's other threads, each saying why where it lives: the ledger is printed by a child
process (ui/dossiers/page.py: a month of dossiers takes seconds and Qt documents are built on
the GUI thread only, see counterapp/forms/render.py); the sync engine runs its own thread and its
listeners are re-emitted as signals (ui/sync_panel.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from ui.messages import for_window

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

FAILURE_BOX = "backgroundFailure"  # objectName of the box that shows failures nobody handled
_BUSY_COUNT = "_opsBusyCount"  # dynamic properties: how many ops hold a widget, its state before
_WAS_ENABLED = "_opsWasEnabled"
_CURSOR_COUNT = "_opsCursorCount"

_live: set[BackgroundOp] = set()  # ops between run() and their last callback


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackgroundOp", text)


class Cancelled(Exception):
    """Raised by `CancelToken.check()` in the job: it stops, and no success or failure follows."""


class CancelToken:
    """What a cancellable job gets as its first argument: `cancelled`, `check()`, `report(value)`."""

    def __init__(self, op: BackgroundOp) -> None:
        self._event = threading.Event()
        self._op = op

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def check(self) -> None:
        """Raise `Cancelled` if the op was cancelled (or its parent destroyed)."""
        if self._event.is_set():
            raise Cancelled()

    def report(self, value: Any) -> None:
        """Send a value to the op's `.progress` callback (queued to the GUI thread)."""
        self._op._emit(self._op._progressed, value)


class _Job(QRunnable):
    def __init__(self, op: BackgroundOp) -> None:
        super().__init__()
        self.op = op
        self.setAutoDelete(True)

    def run(self) -> None:  # pool thread
        op = self.op
        try:
            if op._token_wanted:
                op.token.check()
                result = op._fn(op.token, *op._args, **op._kwargs)
            else:
                result = op._fn(*op._args, **op._kwargs)
        except Cancelled:
            op._emit(op._ended, ("cancelled", None))
        except Exception as exc:  # handed to the GUI thread: never swallowed
            log.debug("background op %s failed", op._name(), exc_info=True)
            op._emit(op._ended, ("failed", exc))
        else:
            op._emit(op._ended, ("succeeded", result))
        finally:
            op._worker_done.set()
            self.op = None  # type: ignore[assignment]


class BackgroundOp(QObject):
    """Work off the GUI thread for `parent`; see the module docstring."""

    busy_changed = Signal(bool)
    reported = Signal(object)  # each progress value, on the GUI thread, while the parent lives
    _progressed = Signal(object)  # from the pool thread
    _ended = Signal(object)  # ("succeeded" | "failed" | "cancelled", value), from the pool thread

    def __init__(self, parent: QObject, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        # No Qt parent: the op outlives a destroyed parent long enough to drop its result.
        super().__init__()
        if not isinstance(parent, QObject):
            raise TypeError("BackgroundOp needs a parent QObject")
        self._parent = parent
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._on_success: Callable[[Any], Any] | None = None
        self._on_failure: Callable[[BaseException], Any] | None = None
        self._on_progress: Callable[[Any], Any] | None = None
        self._on_after: Callable[[], Any] | None = None
        self._what = ""
        self._busy_widgets: list[QWidget | QAction] = []
        self._busy_cursor = False
        self._token_wanted = False
        self._parent_alive = True
        self._started = False
        self._finished = False
        self._worker_done = threading.Event()
        self.token = CancelToken(self)
        # Emitted on the pool thread to an object of the GUI thread: queued (the `Qt` namespace is
        # not touched here, it costs ~25 ms the first time: see ui/main_window.py).
        self._progressed.connect(self._deliver_progress)
        self._ended.connect(self._deliver_end)
        parent.destroyed.connect(self._parent_destroyed)

    # ------------------------------------------------------------------ building
    def success(self, callback: Callable[[Any], Any]) -> BackgroundOp:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], Any]) -> BackgroundOp:
        self._on_failure = callback
        return self

    def progress(self, callback: Callable[[Any], Any]) -> BackgroundOp:
        self._on_progress = callback
        return self.cancellable()

    def after(self, callback: Callable[[], Any]) -> BackgroundOp:
        self._on_after = callback
        return self

    def describe(self, what: str) -> BackgroundOp:
        self._what = what
        return self

    def cancellable(self) -> BackgroundOp:
        self._token_wanted = True
        return self

    def with_busy(self, *widgets: QWidget | QAction, cursor: bool = True) -> BackgroundOp:
        """Disable these widgets or actions while the job runs (each back to its state before),
        and with `cursor` show a busy cursor over the parent when it is a widget."""
        self._busy_widgets.extend(widgets)
        self._busy_cursor = cursor
        return self

    # ------------------------------------------------------------------ running
    def run(self, pool: QThreadPool | None = None) -> BackgroundOp:
        if self._started:
            raise RuntimeError("a BackgroundOp runs once")
        self._started = True
        _live.add(self)
        self._hold_widgets()
        self.busy_changed.emit(True)
        (pool or QThreadPool.globalInstance()).start(_Job(self))
        return self

    @property
    def busy(self) -> bool:
        return self._started and not self._finished

    def cancel(self) -> None:
        """Ask a cancellable job to stop (it checks its token between steps)."""
        self.token.cancel()

    def wait(self, msecs: int) -> bool:
        """Block until the job's function has returned (not its callbacks); False on timeout."""
        return self._worker_done.wait(msecs / 1000)

    # ------------------------------------------------------------------ GUI thread
    def _name(self) -> str:
        return self._what or getattr(self._fn, "__qualname__", repr(self._fn))

    def _emit(self, signal: Any, value: Any) -> None:  # pool thread
        try:
            signal.emit(value)
        except RuntimeError:  # the application is gone with the op: nobody is left to tell
            log.debug("background op finished after the application")

    def _alive(self) -> bool:
        return self._parent_alive and shiboken6.isValid(self._parent)

    def _parent_destroyed(self, *_args: Any) -> None:
        self._parent_alive = False
        if self._token_wanted:
            self.token.cancel()

    def _deliver_progress(self, value: Any) -> None:
        if self._finished or not self._alive():
            return
        if self._on_progress is not None:
            self._on_progress(value)
        self.reported.emit(value)

    def _deliver_end(self, outcome: tuple[str, Any]) -> None:
        kind, value = outcome
        self._finished = True
        self._release_widgets()
        QTimer.singleShot(0, lambda: _live.discard(self))  # after this event, never inside it
        alive = self._alive()
        if alive:
            self.busy_changed.emit(False)
        try:
            if kind == "succeeded" and alive and self._on_success is not None:
                self._on_success(value)
            elif kind == "failed":
                if self._on_failure is None:
                    report_failure(self._parent if alive else None, value, self._what)
                elif alive:
                    self._on_failure(value)
                else:
                    log.warning("background op %s failed after its window closed: %r", self._name(), value)
        finally:
            if alive and self._on_after is not None:
                self._on_after()

    # ------------------------------------------------------------------ busy
    def _hold_widgets(self) -> None:
        for widget in self._busy_widgets:
            count = int(widget.property(_BUSY_COUNT) or 0)
            if count == 0:
                widget.setProperty(_WAS_ENABLED, widget.isEnabled())
                widget.setEnabled(False)
            widget.setProperty(_BUSY_COUNT, count + 1)
        if self._busy_cursor and isinstance(self._parent, QWidget):
            count = int(self._parent.property(_CURSOR_COUNT) or 0)
            if count == 0:
                from PySide6.QtCore import Qt

                self._parent.setCursor(Qt.CursorShape.BusyCursor)
            self._parent.setProperty(_CURSOR_COUNT, count + 1)

    def _release_widgets(self) -> None:
        for widget in self._busy_widgets:
            if not shiboken6.isValid(widget):
                continue
            count = int(widget.property(_BUSY_COUNT) or 0) - 1
            widget.setProperty(_BUSY_COUNT, max(count, 0))
            if count <= 0:
                widget.setEnabled(bool(widget.property(_WAS_ENABLED)))
        self._busy_widgets = []
        parent = self._parent
        if self._busy_cursor and isinstance(parent, QWidget) and shiboken6.isValid(parent):
            count = int(parent.property(_CURSOR_COUNT) or 0) - 1
            parent.setProperty(_CURSOR_COUNT, max(count, 0))
            if count <= 0:
                parent.unsetCursor()


# ---------------------------------------------------------------------------- failures
def failure_text(exc: BaseException, what: str = "") -> str:
    """The officer's text for a failure: what failed, then the core's message in the window's language."""
    detail = for_window(str(exc)).strip() or type(exc).__name__
    head = _tr("{what}: không thành công.").replace("{what}", what) if what else _tr(
        "Một việc chạy nền không thành công.")
    return f"{head}\n{detail}"


def _window_of(obj: QObject | None) -> QWidget | None:
    while obj is not None and shiboken6.isValid(obj):
        if isinstance(obj, QWidget):
            return obj.window()
        obj = obj.parent()
    app = QApplication.instance()
    active = app.activeWindow() if isinstance(app, QApplication) else None
    return active


def report_failure(parent: QObject | None, exc: BaseException, what: str = "") -> QMessageBox | None:
    """Log a failure nobody handled and show it in the parent's window (the app's active
    window when the parent is gone). One box per window: a later failure adds its text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    log.error("background op %s failed", what or "(unnamed)", exc_info=(type(exc), exc, exc.__traceback__))
    window = _window_of(parent)
    if window is None:
        return None
    text = failure_text(exc, what)
    box = getattr(window, "_ops_failure_box", None)
    if isinstance(box, QMessageBox) and shiboken6.isValid(box) and box.isVisible():
        if text not in box.text():
            box.setText(box.text() + "\n\n" + text)
        return box
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Counter"), text, QMessageBox.StandardButton.Ok, window)
    box.setObjectName(FAILURE_BOX)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window._ops_failure_box = box  # type: ignore[attr-defined]  (tests and the next failure read it)
    box.open()  # not exec(): a nested event loop would run other ops' callbacks inside this one
    return box


__all__ = ["BackgroundOp", "CancelToken", "Cancelled", "FAILURE_BOX", "failure_text", "report_failure"]
