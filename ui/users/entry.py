"""The users screen's menu entry (Tệp → Quản lý người dùng…), shown to everyone.

Why everyone sees it: an officer looking for it learns who may manage users (the core's
refusal, "Chỉ quản trị (admin) được quản lý người dùng…") instead of hunting for a hidden
entry. Whether the person signed in may is asked of the core when the entry is used
(`check_user_manager`), and again by every change on the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from ui.messages import for_window
from ui.session import current_officer_name

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from ui.users.screen import UsersScreen


class UsersEntry(QObject):
    """The menu action and the screen it opens (`screen`, or `refusal` when refused)."""

    def __init__(self, window: Any, ctx: AppContext, before: QAction) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.screen: UsersScreen | None = None
        self.refusal: QMessageBox | None = None
        self.action = QAction(window, triggered=self.open_screen)
        self.action.setObjectName("usersAction")
        window.file_menu.insertAction(before, self.action)
        window.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(self.tr("Quản lý người &dùng…"))

    def open_screen(self) -> None:
        from counterapp.users.accounts import check_user_manager
        from counterapp.users.roles import PermissionDenied

        try:
            check_user_manager(self.ctx, current_officer_name(self.ctx))
        except PermissionDenied as exc:
            self.refusal = QMessageBox(QMessageBox.Icon.Warning, self.tr("Quản lý người dùng"),
                                       for_window(str(exc)), parent=self.window)
            self.refusal.setObjectName("usersRefusal")
            self.refusal.open()
            return
        from ui.users.screen import UsersScreen

        self.screen = UsersScreen(self.ctx, self.window)
        self.screen.open()


def install_users_entry(window: Any, ctx: AppContext, before: QAction) -> UsersEntry:
    return UsersEntry(window, ctx, before)
