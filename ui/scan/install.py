"""Puts the scanning page into the main window (called by MainWindow._install_pages).

- "Số hóa" page, Ctrl+D from anywhere;
- a dossier saved on the intake page becomes the scanning target;
- closing the window stops a scan after the page in hand (the batch is offered back next time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

from ui.scan.page import ScanPage

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from ui.main_window import MainWindow


class ScanPages(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.page = ScanPage(officer=self.officer)
        window.add_page(self.page, "", "Ctrl+D")
        intake = getattr(getattr(window, "dossier_pages", None), "intake", None)
        if intake is not None and hasattr(intake, "saved"):
            intake.saved.connect(self.page.offer_dossier_code)
        window.context_ready.connect(self.attach)
        self.offers = 0
        self.page.offers_changed.connect(self._offers_changed)
        # A dossier code scanned (receipt QR) while this page is in front picks the dossier to file
        # into. The dossier pages' scanner filter switches to the list first; come back here.
        self._previous = self._current = window.tabs.currentWidget()
        window.tabs.currentChanged.connect(self._tab_changed)
        scanner = getattr(getattr(window, "dossier_pages", None), "scanner", None)
        if scanner is not None and hasattr(scanner, "code_scanned"):
            scanner.code_scanned.connect(self._code_scanned)
        window.installEventFilter(self)
        self.retranslate()
        if window.ctx is not None:
            self.attach(window.ctx)

    def _tab_changed(self, _index: int) -> None:
        self._previous, self._current = self._current, self.window.tabs.currentWidget()
        dossiers = getattr(getattr(self.window, "dossier_pages", None), "dossiers", None)
        if self._current is self.page and dossiers is not None and self._previous is dossiers \
                and not self.page.dossier_edit.text().strip() and hasattr(dossiers, "current_code"):
            code = dossiers.current_code()  # coming from the list: the dossier selected there
            if code:
                self.page.offer_dossier_code(code)

    def _code_scanned(self, code: str) -> None:
        tabs = self.window.tabs
        if tabs.currentWidget() is self.page or self._previous is self.page:
            self.page.use_dossier_code(code)  # first: coming back must not prefill from the list
            tabs.setCurrentWidget(self.page)

    def officer(self) -> str:
        intake = getattr(getattr(self.window, "dossier_pages", None), "intake", None)
        return getattr(intake, "officer", "") or ""

    def attach(self, ctx: AppContext) -> None:
        self.page.set_context(ctx)

    def _offers_changed(self, count: int) -> None:
        self.offers = count
        self.retranslate()

    def retranslate(self) -> None:
        tabs = self.window.tabs
        title = self.tr("Số hóa (Ctrl+D)")
        if self.offers:
            title += " " + self.tr("— {n} lô quét dở").replace("{n}", str(self.offers))
        tabs.setTabText(tabs.indexOf(self.page), title)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.window:
            if event.type() == QEvent.Type.Close:
                self.page.shutdown()
            elif event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
        return False


def install_scan_page(window: MainWindow) -> ScanPages:
    return ScanPages(window)
