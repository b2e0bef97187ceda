"""The lock screen: a window of its own over the main window, covers over every other window
(dialogs left open), and the password that unlocks it.

Why a top-level window and covers, not a child overlay: a dialog opened before the lock (a
dossier's return dialog, a message box, the access log) is a window of its own and used to
stay visible above a child overlay, with the citizen's personal data on it (NĐ 13/2023).
Hiding those dialogs is no way out: hiding a QDialog ends its exec() loop, i.e. cancels what
the officer was typing. So each other visible window gets an opaque child cover (its exec()
and its input kept, nothing visible), checked again every second while locked for windows
that appear meanwhile; and the lock itself is an application-modal top-level window, so it
takes the password even when a modal dialog was open (Qt's newest modal window is the one
not blocked), placed over the main window's frame; a modal window appearing while locked
(a background job's message) is covered and the lock shown again, so it stays the newest.

Who unlocks:
- someone signed in: that officer's password (a local user's verifier, else a portal user's
  offline verifier), or another officer signs in ("Đổi cán bộ…");
- nobody signed in on a site with users: only a sign-in of an active user (no password field
  without a name, the sign-in dialog asks for both);
- a site with no users at all: there is nobody whose password could be asked. The lock still
  hides the data, says so, and "Mở khoá" opens it without a password; an admin who wants a
  password lock adds users (Tệp → Quản lý người dùng…). Documented in the README.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from counterapp.officer import Officer
from ui.session import officer_session

if TYPE_CHECKING:
    from counterapp.app import AppContext

COVER_RECHECK_MS = 1000
_STYLE = "background: #2b3a4a;"


def site_has_users(ctx: AppContext) -> bool:
    from counterapp.users.accounts import has_users

    with ctx.sessions() as session:
        return has_users(session)


def check_unlock_password(ctx: AppContext, officer: Officer | None, role: str, password: str) -> bool:
    """True when `password` is the signed-in officer's: a local user's verifier, else a portal
    user's offline verifier. With no one signed in: False once the site has users (a sign-in
    is needed); True on a site with no users (nobody's password to ask; see the docstring)."""
    if officer is None:
        return not site_has_users(ctx)
    from sqlalchemy import select

    from counterapp.outbox import OfflineVerifier
    from counterapp.users.accounts import UserError, authenticate
    from counterapp.users.passwords import verify_password

    try:
        authenticate(ctx, officer.username, password)
        return True
    except UserError:
        pass
    with ctx.sessions() as session:
        rows = session.scalars(select(OfflineVerifier).where(OfflineVerifier.username == officer.username)).all()
        return any(verify_password(password, row.verifier) for row in rows)


class LockOverlay(QWidget):
    """The lock window: the officer's name, a password, unlock or switch officer."""

    def __init__(self, controls: Any) -> None:
        super().__init__(controls.window, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.controls = controls
        self.covers: list[QWidget] = []
        self.setObjectName("lockOverlay")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockOverlay { background: #2b3a4a; } QLabel { color: white; font-size: 16px; }")
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, objectName="lockTitle", wordWrap=True)
        self.password = QLineEdit(objectName="lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaximumWidth(320)
        self.password.returnPressed.connect(self.try_unlock)
        self.error = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, objectName="lockError", wordWrap=True)
        self.unlock_button = QPushButton(self.tr("&Mở khoá"), objectName="unlockButton", clicked=self.try_unlock)
        self.switch_button = QPushButton(self.tr("Đổi &cán bộ…"), objectName="lockSwitchButton",
                                         clicked=controls.switch_officer)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.password, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.recheck = QTimer(self, interval=COVER_RECHECK_MS)
        self.recheck.timeout.connect(self.cover_other_windows)

    def refresh(self) -> None:
        officer = officer_session().officer()
        has_users = site_has_users(self.controls.ctx)
        if officer is not None:
            self.title.setText(self.tr("Màn hình đã khoá — {name}: nhập mật khẩu để mở").replace(
                "{name}", officer.full_name))
        elif has_users:
            self.title.setText(self.tr("Màn hình đã khoá để bảo vệ dữ liệu cá nhân: cán bộ đăng nhập để mở"))
        else:
            self.title.setText(self.tr("Màn hình đã khoá để bảo vệ dữ liệu cá nhân. Trạm chưa có người dùng nên "
                                       "không có mật khẩu để hỏi: quản trị thêm người dùng (Tệp → Quản lý người "
                                       "dùng…) để khoá bằng mật khẩu."))
        self.password.setVisible(officer is not None)
        self.unlock_button.setVisible(officer is not None or not has_users)
        self.error.clear()

    def try_unlock(self) -> None:
        session = officer_session()
        if check_unlock_password(self.controls.ctx, session.officer(), session.role(), self.password.text()):
            self.password.clear()
            self.controls.unlock()
        else:
            self.error.setText(self.tr("Sai mật khẩu"))
            self.password.selectAll()

    # ------------------------------------------------------------------ showing
    def follow_window(self) -> None:
        """Over the main window's whole frame, wherever it is."""
        frame = self.controls.window.frameGeometry()
        self.setGeometry(frame if frame.isValid() else QRect(self.controls.window.geometry()))

    def lock(self) -> None:
        self.refresh()
        self.follow_window()
        self.show()
        self.raise_()
        self.activateWindow()
        self.cover_other_windows()
        self.recheck.start()
        (self.password if self.password.isVisible() else
         self.unlock_button if self.unlock_button.isVisible() else self.switch_button).setFocus()

    def unlock(self) -> None:
        self.recheck.stop()
        covers, self.covers = self.covers, []
        for cover in covers:
            cover.deleteLater()
        self.hide()

    def cover_other_windows(self) -> None:
        """An opaque cover on every other visible window (dialogs left open), except the sign-in
        dialog that unlocks; covers of windows gone meanwhile are dropped."""
        covered = {id(c.parentWidget()) for c in self.covers}
        keep = {id(self), id(self.controls.window), id(self.controls.signin_dialog)}
        modal_appeared = False
        for top in QApplication.topLevelWidgets():
            if not top.isVisible() or id(top) in keep or id(top) in covered or _inside(top, self):
                continue
            if top.inherits("QMenu"):
                top.hide()  # an open menu closes
                continue
            cover = QWidget(top, objectName="lockCover")
            cover.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            cover.setStyleSheet(_STYLE)
            cover.setGeometry(0, 0, 20_000, 20_000)  # children are clipped: always the whole window
            cover.show()
            cover.raise_()
            self.covers.append(cover)
            # a dialog closed and deleted while locked takes its cover along: forget it
            cover.destroyed.connect(lambda _obj=None, c=cover: self.covers.remove(c) if c in self.covers else None)
            modal_appeared = modal_appeared or top.isModal()
        if modal_appeared and self.isVisible():
            # a modal window that appeared while locked would block the lock's password field;
            # shown again, the lock is the newest modal window and takes input
            focus = self.focusWidget()
            self.hide()
            self.show()
            self.raise_()
            self.activateWindow()
            if focus is not None:
                focus.setFocus()

    def is_covered(self, window: QWidget) -> bool:
        return any(c.parentWidget() is window and c.isVisible() for c in self.covers)


def _inside(widget: QWidget, ancestor: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parentWidget()
    return False
