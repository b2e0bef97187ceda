"""Who is at the counter: pick your name, type your password, and you are the officer every
dossier, history line, print and access-log entry names from now on (ui/session.py).

Why a dialog of its own: several officers share one counter PC during a day; switching must
take seconds (Ctrl+Shift+L), and the name recorded must be the person's, not the OS account's.
Local users come from the core (counterapp/users); a portal account signs in through the
portal's own dialog (Đồng bộ → Đăng nhập cổng…), after which the window takes the portal
user's display name and role (ui/officer_controls.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.messages import for_window
from ui.session import officer_session

if TYPE_CHECKING:
    from counterapp.app import AppContext


def local_users(ctx: AppContext) -> list[Any]:
    from counterapp.users.accounts import active_users

    with ctx.sessions() as session:
        return [u for u in active_users(session) if u.source == "local"]


class SignInDialog(QDialog):
    """Local users to choose from, a password, and a way to the portal's sign-in."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, portal_sign_in=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("officerSignIn")
        self.setWindowTitle(self.tr("Cán bộ đăng nhập"))
        self.users = QListWidget(objectName="officerList")
        for user in local_users(ctx):
            item = QListWidgetItem(f"{user.full_name} ({user.username}) — {user.role_label}")
            item.setData(256, user.username)  # Qt.UserRole
            self.users.addItem(item)
        self.password = QLineEdit(objectName="officerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(objectName="officerSignInError", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("&Mật khẩu:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Chọn cán bộ:")))
        layout.addWidget(self.users)
        layout.addLayout(form)
        layout.addWidget(self.error)
        if portal_sign_in is not None:
            portal = QPushButton(self.tr("Đăng nhập bằng tài khoản &cổng…"), objectName="portalSignIn")
            portal.clicked.connect(lambda: (self.reject(), portal_sign_in()))
            layout.addWidget(portal)
        layout.addWidget(buttons)
        current = officer_session().officer()
        row = next((i for i in range(self.users.count())
                    if current is not None and self.users.item(i).data(256) == current.username), 0)
        if self.users.count():
            self.users.setCurrentRow(row)
        self.users.itemActivated.connect(lambda _item: self.password.setFocus())
        self.password.setFocus()

    def choose(self, username: str) -> None:
        for i in range(self.users.count()):
            if self.users.item(i).data(256) == username:
                self.users.setCurrentRow(i)

    def try_sign_in(self) -> None:
        from counterapp.users.accounts import UserError, authenticate

        item = self.users.currentItem()
        if item is None:
            self.error.setText(self.tr("Chưa chọn cán bộ"))
            return
        try:
            user = authenticate(self.ctx, item.data(256), self.password.text())
        except UserError as exc:
            self.error.setText(for_window(str(exc)))
            self.password.selectAll()
            return
        officer_session().set_officer(user.officer, user.role)
        self.password.clear()
        self.accept()
