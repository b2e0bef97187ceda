"""The users screen: the counter's users with their role, full name, title, phone and state,
and what an admin does with them (add, change, disable or enable, reset a password).

Why a dialog and not a tab: an admin visits it rarely, and officers never; a tab would sit in
every officer's way. Every action asks the core with the person signed in at that moment
(ui/session.py); the core decides (only an admin, the last admin kept) and its refusal is
shown under the list in the window's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.messages import for_window
from ui.session import current_officer_name
from ui.users.password_form import PasswordForm
from ui.users.user_form import UserForm, role_names

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.users.accounts import UserInfo

COLUMNS = 6  # user name, full name, title, phone, role, state


class UsersScreen(QDialog):
    """The list and its buttons; `form` is the form or password dialog open now (for tests)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[UserInfo] = []
        self.form: QDialog | None = None
        self.setObjectName("usersScreen")
        self.setWindowTitle(self.tr("Người dùng"))
        self.resize(860, 420)
        self.table = QTableWidget(0, COLUMNS, objectName="usersTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Tên đăng nhập"), self.tr("Họ và tên"), self.tr("Chức danh"), self.tr("Điện thoại"),
            self.tr("Vai trò"), self.tr("Trạng thái")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self.edit_user())
        self.message = QLabel(objectName="usersMessage", wordWrap=True)
        self.add_button = QPushButton(self.tr("&Thêm…"), objectName="addUser", clicked=self.add_user)
        self.edit_button = QPushButton(self.tr("&Sửa…"), objectName="editUser", clicked=self.edit_user)
        self.disable_button = QPushButton(self.tr("&Khoá tài khoản"), objectName="disableUser",
                                          clicked=lambda: self.set_disabled(True))
        self.enable_button = QPushButton(self.tr("&Mở lại tài khoản"), objectName="enableUser",
                                         clicked=lambda: self.set_disabled(False))
        self.password_button = QPushButton(self.tr("Đặt lại mật k&hẩu…"), objectName="resetPassword",
                                           clicked=self.reset_password)
        self.close_button = QPushButton(self.tr("Đó&ng"), objectName="closeUsers", clicked=self.accept)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.disable_button, self.enable_button,
                       self.password_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()

    # ------------------------------------------------------------------ the list
    def reload(self, select: str | None = None) -> None:
        from counterapp.users.accounts import list_users

        keep = select or (self.selected().username if self.selected() is not None else None)
        with self.ctx.sessions() as session:
            self.users = list_users(session)
        roles = role_names()
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            state = self.tr("Đã khoá") if user.disabled else self.tr("Hoạt động")
            if user.source != "local":
                state += self.tr(" (cổng)")
            for col, text in enumerate((user.username, user.full_name, user.title, user.phone,
                                        roles.get(user.role, user.role), state)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.username)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.select(keep)
        self._selection_changed()

    def select(self, username: str | None) -> None:
        for row, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(row)
                return
        if self.users:
            self.table.selectRow(0)

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.users):
            return None
        return self.users[rows[0].row()]

    def _selection_changed(self) -> None:
        user = self.selected()
        self.edit_button.setEnabled(user is not None)
        self.disable_button.setEnabled(user is not None and not user.disabled)
        self.enable_button.setEnabled(user is not None and user.disabled)
        self.password_button.setEnabled(user is not None and user.source == "local")

    # ------------------------------------------------------------------ actions
    def _show_refusal(self, exc: Exception) -> None:
        self.message.setText(for_window(str(exc)))

    def _open_form(self, form: QDialog, done) -> None:  # noqa: ANN001
        self.form = form
        form.accepted.connect(done)
        form.open()

    def add_user(self) -> None:
        form = UserForm(self.ctx, None, self, first_user=not self.users)
        self._open_form(form, lambda: self._saved(form))

    def edit_user(self) -> None:
        user = self.selected()
        if user is not None:
            form = UserForm(self.ctx, user, self)
            self._open_form(form, lambda: self._saved(form))

    def _saved(self, form: UserForm) -> None:
        self.message.setText(self.tr("Đã lưu {name}").replace("{name}", form.saved.full_name if form.saved else ""))
        self.reload(form.saved.username if form.saved else None)

    def set_disabled(self, disabled: bool) -> None:
        from counterapp.users.accounts import UserError, set_disabled
        from counterapp.users.roles import PermissionDenied

        user = self.selected()
        if user is None:
            return
        try:
            set_disabled(self.ctx, user.username, disabled, actor=current_officer_name(self.ctx))
        except (UserError, PermissionDenied) as exc:
            self._show_refusal(exc)
            return
        self.message.setText((self.tr("Đã khoá {name}") if disabled else self.tr("Đã mở khoá {name}"))
                             .replace("{name}", user.full_name))
        self.reload(user.username)

    def reset_password(self) -> None:
        from counterapp.users.accounts import set_password

        user = self.selected()
        if user is None:
            return
        form = PasswordForm(user.full_name, lambda password: set_password(
            self.ctx, user.username, password, actor=current_officer_name(self.ctx)), self)
        self._open_form(form, lambda: self.message.setText(
            self.tr("Đã đặt mật khẩu mới cho {name}").replace("{name}", user.full_name)))
