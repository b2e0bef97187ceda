"""Puts the dashboard ("Tổng quan", Ctrl+T) into the main window (MainWindow._install_pages).

Who sees the tab: roles that may see statistics (`statistics` in counterapp/users/roles.py:
supervisor and admin). A site with no users yet shows it to everyone, as every other gate
does (`require_permission` lets everything through until the first user exists). The check
is the core's (`check_permission`) and runs again whenever someone signs in or out. The page
reloads when shown and a few seconds after a sync changed dossiers, if it is in front.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from ui.dashboard.page import DashboardPage
    from ui.main_window import MainWindow

REFRESH_AFTER_SYNC_MS = 2000  # one reload per burst of sync events


class DashboardTab(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tab = window.add_lazy_tab(self._build)
        self.allowed = True
        # Not LazyTab's own shortcut: the keys must not open the tab for a role that may not see it.
        QShortcut(QKeySequence("Ctrl+T"), window, activated=self.show)
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_AFTER_SYNC_MS)
        self._refresh.timeout.connect(self._refresh_if_shown)
        window.sync.entities_changed.connect(lambda _ids: self._refresh.start())
        window.when_pages_attached(self._attached)
        window.language_changed.connect(self.retranslate)
        self.retranslate()

    @property
    def page(self) -> DashboardPage:
        return self.tab.page()

    def _build(self) -> DashboardPage:
        from ui.dashboard.page import DashboardPage

        page = DashboardPage()
        page.open_dossier.connect(self._open_dossier)
        page.actions.dossier_changed.connect(lambda _code: self.window.sync.sync_now())  # as the dossier list does
        self.window.when_pages_attached(page.set_context)
        # The built page takes the placeholder's place in a new tab, visible by default: the role
        # decides again once it is there (the window builds pages in idle time, signed in or not).
        QTimer.singleShot(0, self, self.update_visibility)
        return page

    def retranslate(self) -> None:
        self.tab.set_title(self.tr("Tổng quan (Ctrl+T)"))

    def _attached(self, _ctx: AppContext) -> None:
        from ui.session import officer_session

        officer_session().changed.connect(self.update_visibility)
        self.update_visibility()

    def update_visibility(self) -> None:
        """Show the tab to those who may see statistics (everyone while the site has no users)."""
        ctx = self.window.pages_ctx
        if ctx is None:
            return
        from counterapp.users.accounts import check_permission
        from counterapp.users.roles import PermissionDenied
        from ui.session import current_officer_name

        try:
            check_permission(ctx, current_officer_name(ctx), "statistics")
            allowed = True
        except PermissionDenied:
            allowed = False
        self.allowed = allowed
        tabs = self.window.tabs
        index = tabs.indexOf(self.tab.widget())
        if index < 0:
            return
        if not allowed and tabs.currentIndex() == index:
            tabs.setCurrentWidget(self.window.catalog_view)
        tabs.setTabVisible(index, allowed)

    def show(self) -> None:
        if self.allowed:
            self.tab.show()

    def _refresh_if_shown(self) -> None:
        page = self.tab.built_page
        if page is not None and page.isVisible():
            page.reload()

    def _open_dossier(self, code: str) -> None:
        pages = getattr(self.window, "dossier_pages", None)
        if pages is None:
            return
        pages.dossiers_tab.show()
        pages.dossiers.open_code(code)


def install_dashboard(window: MainWindow) -> DashboardTab:
    return DashboardTab(window)


__all__ = ["DashboardTab", "install_dashboard"]
