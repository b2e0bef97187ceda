"""Puts the intake and dossier list pages into the main window (called by MainWindow._install_pages).

- "Tiếp nhận hồ sơ" page, Ctrl+N from anywhere (and Enter on a catalog result starts an
  intake with that procedure);
- "Danh sách hồ sơ" page, Ctrl+L;
- a "Hồ sơ" menu with both;
- the scanner filter: a dossier code scanned anywhere opens it in the list;
- the intake keeps what was typed as a draft when the window closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from ui.lazy_page import action_with_keys

if TYPE_CHECKING:
    from ui.dossiers.page import DossierListPage
    from ui.intake.page import IntakePage
    from ui.main_window import MainWindow
    from ui.scanner_input import ScannerInput


class DossierPages(QObject):
    """The two tabs, their menu and the scanner filter. The pages themselves are built when
    first needed (ui/lazy_page.py): `intake` and `dossiers` build theirs when asked for."""

    dossier_saved = Signal(str)  # dossier code, each time the intake page saves one
    code_scanned = Signal(str)  # a dossier code read by a barcode scanner, after the list opened it

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.intake_tab = window.add_lazy_tab(self._build_intake)
        self.dossiers_tab = window.add_lazy_tab(self._build_dossiers)

        self.menu = window.menuBar().addMenu("")
        window.menuBar().insertMenu(window.language_menu.menuAction(), self.menu)
        self.new_action = action_with_keys(window, "Ctrl+N", self.new_intake)
        self.list_action = action_with_keys(window, "Ctrl+L", self.show_list)
        for action in (self.new_action, self.list_action):
            self.menu.addAction(action)
            window.addAction(action)  # works while the menu is closed, from any page
        self.menu.addSeparator()
        self.access_log_action = self.menu.addAction("")
        self.access_log_action.triggered.connect(self.show_access_log)

        window.catalog_view.procedure_chosen.connect(self.new_intake)
        self.scanner: ScannerInput | None = None  # once there are dossiers to open
        window.when_pages_attached(self._watch_scanner)
        window.closing.connect(self._closing)
        window.language_changed.connect(self.retranslate)
        self.retranslate()

    @property
    def intake(self) -> IntakePage:
        return self.intake_tab.page()

    @property
    def dossiers(self) -> DossierListPage:
        return self.dossiers_tab.page()

    def _watch_scanner(self, _ctx: object) -> None:
        from ui.scanner_input import ScannerInput

        self.scanner = ScannerInput(self)
        self.scanner.code_scanned.connect(self.open_dossier)
        self.scanner.code_scanned.connect(self.code_scanned)
        self.scanner.install(QApplication.instance(), self.window)

    def _build_intake(self) -> IntakePage:
        from ui.intake.page import IntakePage

        page = IntakePage()
        page.backed_out.connect(lambda: self.window.tabs.setCurrentWidget(self.window.catalog_view))
        page.saved.connect(self._saved)
        self.window.when_pages_attached(page.set_context)
        return page

    def _build_dossiers(self) -> DossierListPage:
        from ui.dossiers.page import DossierListPage

        page = DossierListPage()
        page.changed.connect(lambda _code: self.window.sync.sync_now())

        self.window.when_pages_attached(page.set_context)
        return page

    def _saved(self, code: str) -> None:
        dossiers = self.dossiers_tab.built_page
        if dossiers is not None:
            dossiers.reload()  # (a list built later loads fresh)
        self.window.sync.sync_now()  # what the counter changes goes to the portal at once
        self.dossier_saved.emit(code)

    def retranslate(self) -> None:
        self.intake_tab.set_title(self.tr("Tiếp nhận hồ sơ (Ctrl+N)"))
        self.dossiers_tab.set_title(self.tr("Danh sách hồ sơ (Ctrl+L)"))
        self.menu.setTitle(self.tr("&Hồ sơ"))
        self.new_action.setText(self.tr("Tiếp nhận hồ sơ &mới"))
        self.list_action.setText(self.tr("&Danh sách hồ sơ"))
        self.access_log_action.setText(self.tr("&Nhật ký truy cập…"))

    def new_intake(self, procedure_code: str | None = None) -> None:
        self.intake_tab.show()
        self.intake.start(procedure_code or None)

    def show_list(self) -> None:
        self.dossiers_tab.show()
        self.dossiers.search_edit.setFocus()
        self.dossiers.search_edit.selectAll()

    def show_access_log(self) -> None:
        """Who opened or printed which dossier (a supervisor's check, NĐ 13/2023)."""
        ctx = self.window.pages_ctx
        if ctx is None:
            return
        from ui.dossiers.access_dialog import AccessLogDialog

        self.access_dialog = AccessLogDialog(ctx, parent=self.window)
        self.access_dialog.open()

    def open_dossier(self, code: str) -> None:
        if not self.window.isActiveWindow() and QApplication.activeWindow() is not None \
                and QApplication.activeWindow() is not self.window:
            return  # a dialog of ours or another window has the keyboard; let it have the scan
        self.dossiers_tab.show()
        self.dossiers.open_code(code)

    def _closing(self) -> None:
        intake = self.intake_tab.built_page
        if intake is not None:
            intake.shutdown()  # keeps what was typed as a draft


def install_dossier_pages(window: MainWindow) -> DossierPages:
    return DossierPages(window)
