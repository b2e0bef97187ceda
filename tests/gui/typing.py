"""Typing Vietnamese into widgets in tests.

qtbot.keyClicks / QTest.keyClicks abort the whole process on any non-ASCII character
(qasciikey.cpp assertion; see the shared platform notes), so every character goes in as
its own key event carrying the text, the way a keyboard layout or a USB scanner sends it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def press(widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)
