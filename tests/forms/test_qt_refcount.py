"""The pinned Qt must not leak references to None.

PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to None on every Qt call that
returns nothing, until the process aborts ("none_dealloc: deallocating None", or heap
corruption). pyproject pins 6.11.3; this fails if an upgrade brings the bug back."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QSize
size = QSize(1, 1)
before = sys.getrefcount(None)
for _ in range(300000):  # void calls: each one stole a reference to None on the buggy build
    size.setWidth(2)
print("alive", before - sys.getrefcount(None))
"""


def test_a_long_lived_process_survives_many_void_qt_calls() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    alive, lost = result.stdout.split()
    assert alive == "alive" and int(lost) < 100
