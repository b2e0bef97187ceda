"""A new password for a user, typed twice: the admin resets a forgotten one.

Why a dialog of its own: the screen (ui/users/screen.py) and the user form both need it, and
the two fields must match before the core (counterapp/users/accounts.set_password) is asked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.messages import for_window


def password_field(name: str) -> QLineEdit:
    field = QLineEdit(objectName=name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


translate = QCoreApplication.translate  # called with a literal context (lupdate reads it)


def set_form_buttons(buttons: QDialogButtonBox) -> None:
    """Our own texts (and mnemonics) on Save / Cancel, per language (Qt's differ per platform)."""
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("UserForm", "&Lưu"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("UserForm", "Bỏ &qua"))


class PasswordForm(QDialog):
    """The new password (twice), handed to `save` (the core's call); a refusal (too short,
    "only an admin may") stays in the form with what was typed."""

    def __init__(self, full_name: str, save: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.setObjectName("passwordForm")
        self.setWindowTitle(self.tr("Đặt lại mật khẩu"))
        self.first = password_field("newPassword")
        self.second = password_field("newPasswordAgain")
        self.error = QLabel(objectName="passwordError", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("&Mật khẩu mới:"), self.first)
        form.addRow(self.tr("&Nhập lại:"), self.second)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        set_form_buttons(self.buttons)
        self.buttons.accepted.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(full_name, objectName="passwordFor"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def password(self) -> str:
        return self.first.text()

    def check(self) -> None:
        if self.first.text() != self.second.text():
            self.error.setText(self.tr("Hai lần nhập mật khẩu không khớp"))
            self.second.selectAll()
            self.second.setFocus()
            return
        from counterapp.users.accounts import UserError
        from counterapp.users.roles import PermissionDenied

        try:
            self._save(self.first.text())
        except (UserError, PermissionDenied) as exc:
            self.error.setText(for_window(str(exc)))
            return
        self.accept()
