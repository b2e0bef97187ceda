"""Add a user, or change a user's full name, title, phone and role.

Why the form calls the core itself: a refusal (a taken user name or full name, a short
password, the last admin's role, "only an admin may") is shown in the form with everything
typed kept, so the admin corrects one field instead of starting over. The person acting is
read when Save is pressed (ui/session.py), never when the form opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.messages import for_window
from ui.session import current_officer_name
from ui.users.password_form import password_field, set_form_buttons, translate

if TYPE_CHECKING:
    from counterapp.app import AppContext
    from counterapp.users.accounts import UserInfo

ROLE_ORDER = ("officer", "supervisor", "admin")


def role_names() -> dict[str, str]:
    """The roles as the window names them (translated)."""
    return {"officer": translate("UserRoles", "Cán bộ tiếp nhận"), "supervisor": translate("UserRoles", "Lãnh đạo"),
            "admin": translate("UserRoles", "Quản trị")}


class UserForm(QDialog):
    """`user` None: a new user (user name and password asked); else that user's details."""

    def __init__(self, ctx: AppContext, user: UserInfo | None = None, parent: QWidget | None = None,
                 *, first_user: bool = False) -> None:
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.saved: UserInfo | None = None
        self.setObjectName("userForm")
        self.setWindowTitle(self.tr("Thêm người dùng") if user is None else self.tr("Sửa thông tin người dùng"))
        self.username = QLineEdit(objectName="userName")
        self.full_name = QLineEdit(objectName="userFullName")
        self.title = QLineEdit(objectName="userTitle")
        self.phone = QLineEdit(objectName="userPhone")
        self.role = QComboBox(objectName="userRole")
        for code, name in role_names().items():
            self.role.addItem(name, code)
        self.password = password_field("userPassword")
        self.password_again = password_field("userPasswordAgain")
        self.error = QLabel(objectName="userFormError", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("&Tên đăng nhập:"), self.username)
        form.addRow(self.tr("&Họ và tên:"), self.full_name)
        form.addRow(self.tr("&Chức danh:"), self.title)
        form.addRow(self.tr("Điện th&oại:"), self.phone)
        form.addRow(self.tr("&Vai trò:"), self.role)
        if user is None:
            form.addRow(self.tr("&Mật khẩu:"), self.password)
            form.addRow(self.tr("&Nhập lại mật khẩu:"), self.password_again)
            if first_user:
                self.role.setCurrentIndex(ROLE_ORDER.index("admin"))
                self.error.setText(self.tr("Người dùng đầu tiên là quản trị: người đó thêm những người khác."))
        else:
            self.username.setText(user.username)
            self.username.setReadOnly(True)
            self.full_name.setText(user.full_name)
            self.title.setText(user.title)
            self.phone.setText(user.phone)
            self.role.setCurrentIndex(max(0, ROLE_ORDER.index(user.role) if user.role in ROLE_ORDER else 0))
            if user.source != "local":  # the portal sets these
                self.full_name.setReadOnly(True)
                self.role.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        set_form_buttons(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.username if user is None else self.full_name).setFocus()

    def save(self) -> None:
        """Ask the core; on a refusal, say why and keep what was typed."""
        from counterapp.users.accounts import UserError, add_user, update_user
        from counterapp.users.roles import PermissionDenied

        actor = current_officer_name(self.ctx)
        role = self.role.currentData()
        try:
            if self.user is None:
                if self.password.text() != self.password_again.text():
                    self.error.setText(self.tr("Hai lần nhập mật khẩu không khớp"))
                    self.password_again.selectAll()
                    self.password_again.setFocus()
                    return
                self.saved = add_user(self.ctx, self.username.text(), self.full_name.text(), role,
                                      self.password.text(), title=self.title.text(), phone=self.phone.text(),
                                      actor=actor)
            else:
                local = self.user.source == "local"
                self.saved = update_user(self.ctx, self.user.username,
                                         full_name=self.full_name.text() if local else None,
                                         title=self.title.text(), phone=self.phone.text(),
                                         role=role if local else None, actor=actor)
        except (UserError, PermissionDenied) as exc:
            self.error.setText(for_window(str(exc)))
            return
        self.accept()
