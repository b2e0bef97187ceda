"""A dossier code typed by a barcode/QR scanner, anywhere in the app, opens that dossier.

USB scanners act as keyboards: the code (or the receipt QR's tracking URL) arrives as a
burst of key presses a few milliseconds apart, ending with Enter. This application-wide
event filter keeps the characters of the current fast burst; on Enter, if the burst is a
dossier code (`ui_support.find_dossier_code`), the Enter is swallowed, the burst is taken
back out of the line edit it landed in, and `code_scanned` is emitted. Anything typed by a
person (slower than MAX_GAP_S between keys) or not shaped like a code passes untouched.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

MAX_GAP_S = 0.05  # scanners type a character every few ms; people need 80 ms or more
MIN_LENGTH = 12  # shorter than any dossier code


class ScannerInput(QObject):
    code_scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self.max_gap = MAX_GAP_S
        self._buffer = ""
        self._last = 0.0

    def install(self, app: QApplication | None = None, window: QWidget | None = None) -> None:
        """Watches the widget that has the keyboard, whichever it is, as focus moves, and
        `window` for when nothing has focus. Not an application-wide filter: that would send
        every event of every widget (paints, mouse moves) through Python."""
        app = app or QApplication.instance()
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, QApplication.focusWidget())
        if window is not None:
            window.installEventFilter(self)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None:
            try:
                old.removeEventFilter(self)
            except RuntimeError:  # the widget that had the focus is being destroyed
                pass
        if new is not None:
            new.installEventFilter(self)

    def _is_first_receiver(self, obj: QObject) -> bool:
        # A key press is offered to the window, then the focus widget, then its parents:
        # count it once, at the focus widget (or the window when nothing has focus).
        focus = QApplication.focusWidget()
        if focus is not None:
            return obj is focus
        return isinstance(obj, QWidget) and obj.isWindow()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not self._is_first_receiver(obj):
            return False
        now = self.clock()
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst = self._buffer
            fast = bool(burst) and now - self._last <= self.max_gap
            self._buffer = ""
            if not fast or len(burst) < MIN_LENGTH:
                return False
            from counterapp.dossiers.ui_support import find_dossier_code

            code = find_dossier_code(burst)
            if code is None:
                return False
            if isinstance(obj, QLineEdit) and obj.text().endswith(burst):
                obj.setText(obj.text()[: -len(burst)])
            self.code_scanned.emit(code)
            return True
        text = event.text()
        if not text or not text.isprintable():
            return False  # Shift and other modifiers: part of a burst, not a break in it
        if self._buffer and now - self._last > self.max_gap:
            self._buffer = ""
        self._buffer += text
        self._last = now
        return False
