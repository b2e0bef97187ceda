"""Guard against a PySide6 reference-count bug seen with PySide6 6.12.0 on Python 3.11.

Every call of a PySide6 method that returns nothing (`QFont.setPixelSize`,
`QTextDocument.setHtml`, `QObject.setObjectName`, ...) gives back `None` without
taking a reference to it. On Python 3.12+ `None` is immortal and nothing happens; on
3.11 its count drops by one per call until the interpreter aborts with
"Fatal Python error: none_dealloc: deallocating None" (at exit, or mid-run in a
long-lived process). A 60-row ledger costs ~48 such calls, a receipt ~14.

`protect_none()` checks for the bug with one harmless call and, only if it is
there, raises `None`'s count far out of reach (what Python 3.12 does by design).
Call it once per process before heavy Qt use; it is idempotent and cheap.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40
_done = False


def pyside_leaks_none() -> bool:
    """True when a void PySide6 call steals a reference to None (the bug is present)."""
    from PySide6.QtCore import QSize

    size = QSize(1, 1)
    size.setWidth(2)  # warm up the method wrapper
    before = sys.getrefcount(None)
    for _ in range(16):
        size.setWidth(2)
    return sys.getrefcount(None) < before - 8


def protect_none() -> bool:
    """Make `None` effectively immortal if this PySide6 build leaks it. True if patched."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    _done = True
    if not pyside_leaks_none():
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt: the first field of PyObject
    refcount.value += _HEADROOM
    return True
