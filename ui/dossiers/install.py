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

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QTabWidget

from ui.dossiers.page import DossierListPage
from ui.intake.page import IntakePage
from ui.scanner_input import ScannerInput

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from ui.main_window import MainWindow


class DossierPages(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.intake = IntakePage()
        self.dossiers = DossierListPage()
        window.add_page(self.intake, "")
        window.add_page(self.dossiers, "")

        self.menu = window.menuBar().addMenu("")
        window.menuBar().insertMenu(window.language_menu.menuAction(), self.menu)
        self.new_action = QAction(window, shortcut=QKeySequence("Ctrl+N"), triggered=self.new_intake)
        self.list_action = QAction(window, shortcut=QKeySequence("Ctrl+L"), triggered=self.show_list)
        for action in (self.new_action, self.list_action):
            self.menu.addAction(action)
            window.addAction(action)  # works while the menu is closed, from any page

        window.catalog_view.procedure_chosen.connect(self.new_intake)
        window.context_ready.connect(self.attach)
        self.intake.backed_out.connect(lambda: window.tabs.setCurrentWidget(window.catalog_view))
        self.intake.saved.connect(lambda _code: self.dossiers.reload())
        self.scanner = ScannerInput(self)
        self.scanner.code_scanned.connect(self.open_dossier)
        self.scanner.install(QApplication.instance())
        window.installEventFilter(self)
        self.retranslate()
        if window.ctx is not None:
            self.attach(window.ctx)

    def attach(self, ctx: AppContext) -> None:
        self.intake.set_context(ctx)
        self.dossiers.set_context(ctx, self.intake.officer)

    def retranslate(self) -> None:
        tabs: QTabWidget = self.window.tabs
        tabs.setTabText(tabs.indexOf(self.intake), self.tr("Tiếp nhận hồ sơ (Ctrl+N)"))
        tabs.setTabText(tabs.indexOf(self.dossiers), self.tr("Danh sách hồ sơ (Ctrl+L)"))
        self.menu.setTitle(self.tr("&Hồ sơ"))
        self.new_action.setText(self.tr("Tiếp nhận hồ sơ &mới"))
        self.list_action.setText(self.tr("&Danh sách hồ sơ"))

    def new_intake(self, procedure_code: str | None = None) -> None:
        self.window.tabs.setCurrentWidget(self.intake)
        self.intake.start(procedure_code or None)

    def show_list(self) -> None:
        self.window.tabs.setCurrentWidget(self.dossiers)
        self.dossiers.search_edit.setFocus()
        self.dossiers.search_edit.selectAll()

    def open_dossier(self, code: str) -> None:
        if not self.window.isActiveWindow() and QApplication.activeWindow() is not None \
                and QApplication.activeWindow() is not self.window:
            return  # a dialog of ours or another window has the keyboard; let it have the scan
        self.window.tabs.setCurrentWidget(self.dossiers)
        self.dossiers.open_code(code)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.window:
            if event.type() == QEvent.Type.Close:
                self.intake.shutdown()
            elif event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
        return False


def install_dossier_pages(window: MainWindow) -> DossierPages:
    return DossierPages(window)


