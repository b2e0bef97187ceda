"""A citizen ID card's QR payload, typed by a USB scanner into whatever field has the focus.

Why its own module: the officer scans at any moment, into any field (a phone number half
typed, a checklist note); the watcher finds the payload, cuts it out of the field and
hands the card on (`card_scanned`), so the field keeps what it held and the page fills the
applicant. The payload's format is the core's (`counterapp.dossiers.cccd`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit

if TYPE_CHECKING:
    from counterapp.dossiers.cccd import CitizenCard

CCCD_SETTLE_MS = 120  # a scanner's burst is over when the field has been quiet this long


class CccdWatcher(QObject):
    """Finds a citizen ID card payload typed into any watched line edit and cuts it out.

    A USB 2D scanner types the payload like a keyboard; once the field has been quiet
    for CCCD_SETTLE_MS, the payload's span (with a doubled copy, trailing empty fields
    and NULs, as `find_cccd_payload` reports it) is removed, so the field keeps what it
    held before, and `card_scanned` carries the card.
    """

    card_scanned = Signal(object)  # CitizenCard

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timers: dict[QLineEdit, QTimer] = {}

    def watch(self, edit: QLineEdit) -> None:
        if edit in self._timers:
            return
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(CCCD_SETTLE_MS)
        timer.timeout.connect(lambda e=edit: self.check(e))
        self._timers[edit] = timer
        edit.textChanged.connect(lambda text, t=timer: t.start() if "|" in text else None)

    def check(self, edit: QLineEdit) -> CitizenCard | None:
        from counterapp.dossiers.cccd import find_cccd_payload

        text = edit.text()
        match = find_cccd_payload(text)
        if match is None:
            return None
        edit.setText(text[: match.start] + text[match.end :])
        self.card_scanned.emit(match.card)
        return match.card
