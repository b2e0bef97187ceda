"""Puts the scanning page into the main window (called by MainWindow._install_pages).

- "Số hóa" page, Ctrl+D from anywhere;
- a dossier saved on the intake page becomes the scanning target;
- closing the window stops a scan after the page in hand (the batch is offered back next time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.scan.page import ScanPage


class ScanPages(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tab = window.add_lazy_tab(self._build, "Ctrl+D")
        self.offers = 0
        dossier_pages = getattr(window, "dossier_pages", None)
        if dossier_pages is not None:
            dossier_pages.dossier_saved.connect(self._dossier_saved)
            # A dossier code scanned (receipt QR) while this page is in front picks the dossier
            # to file into. The dossier pages' scanner filter switches to the list first; come back.
            dossier_pages.code_scanned.connect(self._code_scanned)
        self._previous = self._current = window.tabs.currentWidget()
        window.tabs.currentChanged.connect(self._tab_changed)
        window.closing.connect(self._closing)
        window.language_changed.connect(self.retranslate)
        self.retranslate()

    @property
    def page(self) -> ScanPage:
        return self.tab.page()

    def _build(self) -> ScanPage:
        from ui.scan.page import ScanPage

        page = ScanPage()  # it asks ui.session who is at the counter when it records a scan
        page.offers_changed.connect(self._offers_changed)
        page.filed.connect(lambda _documents: self.window.sync.sync_now())
        self.window.when_pages_attached(page.set_context)
        return page

    def _dossier_saved(self, code: str) -> None:
        self.page.offer_dossier_code(code)  # the dossier just received is the one to scan next

    def _tab_changed(self, _index: int) -> None:
        self._previous, self._current = self._current, self.window.tabs.currentWidget()
        page = self.tab.built_page
        dossier_pages = getattr(self.window, "dossier_pages", None)
        dossiers = dossier_pages.dossiers_tab.built_page if dossier_pages is not None else None
        if page is not None and self._current is page and dossiers is not None and self._previous is dossiers \
                and not page.dossier_edit.text().strip():
            code = dossiers.current_code()  # coming from the list: the dossier selected there
            if code:
                page.offer_dossier_code(code)

    def _code_scanned(self, code: str) -> None:
        tabs = self.window.tabs
        here = self.tab.widget()
        if tabs.currentWidget() is here or self._previous is here:
            self.page.use_dossier_code(code)  # first: coming back must not prefill from the list
            self.tab.show()

    def _offers_changed(self, count: int) -> None:
        self.offers = count
        self.retranslate()

    def retranslate(self) -> None:
        title = self.tr("Số hóa (Ctrl+D)")
        if self.offers:
            title += " " + self.tr("— {n} lô quét dở").replace("{n}", str(self.offers))
        self.tab.set_title(title)

    def _closing(self) -> None:
        page = self.tab.built_page
        if page is not None:
            page.shutdown()  # stops a scan after the page in hand


def install_scan_page(window: MainWindow) -> ScanPages:
    return ScanPages(window)
