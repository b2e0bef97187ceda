"""The window's officer controls: who is signed in (status bar), switching officer
(Ctrl+Shift+L, menu Tệp), the portal user taking the counter after a portal sign-in, and the
idle lock, and the users screen's menu entry (ui/users/entry.py).

Why the idle lock: a counter PC faces the public; a dossier's personal data (NĐ 13/2023) must
not stay on screen when the officer walks away. After `[session] lock_minutes` (site.toml,
default 10; 0 = never) with no key or mouse input, the lock screen (ui/lock_screen.py) covers
the window and every dialog left open; the same officer's password unlocks it (a local user's
verifier in `users`; a portal user's offline verifier in `sync_offline_verifiers`), or another
officer signs in ("switch officer"); with nobody signed in, only a sign-in unlocks it.
Idle is measured by an event filter on the main window's own QWindow, which sees every key
and mouse event for the window before its widgets do; never an application-wide filter (it
cost 40 ms at start-up). Dialogs are windows of their own: input there does not count.

Installed once the data folder is open (`install_officer_controls`), so nothing here is on
the path to the first paint.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from counterapp.officer import Officer
from ui.lock_screen import LockOverlay, check_unlock_password  # noqa: F401  (check_...: re-exported)
from ui.session import current_officer, officer_session

if TYPE_CHECKING:
    from counterapp.app import AppContext

DEFAULT_LOCK_MINUTES = 10
_INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                           QEvent.Type.Wheel, QEvent.Type.TouchBegin})


def lock_minutes(ctx: AppContext) -> float:
    """`[session] lock_minutes` (default 10; 0 or less: never lock)."""
    value = ctx.config.section("session").get("lock_minutes", DEFAULT_LOCK_MINUTES)
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return float(DEFAULT_LOCK_MINUTES)


class OfficerControls(QObject):
    """Installed on the main window once its data folder is open."""

    def __init__(self, window: Any, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.session = officer_session()
        self.overlay: LockOverlay | None = None
        self.signin_dialog = None
        self.users_entry = None  # ui/users/entry.py, set by install_officer_controls
        self._last_input = time.monotonic()
        self.officer_label = QLabel(objectName="officerLabel")
        window.statusBar().addPermanentWidget(self.officer_label)
        self.switch_action = QAction(window, triggered=self.switch_officer)
        self.switch_action.setObjectName("switchOfficerAction")
        self.switch_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.switch_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.sign_out_action = QAction(window, triggered=lambda: self.session.set_officer(None))
        window.file_menu.insertAction(window.quit_action, self.switch_action)
        window.file_menu.insertAction(window.quit_action, self.sign_out_action)
        window.addAction(self.switch_action)
        self.session.changed.connect(self.refresh)
        window.language_changed.connect(self.refresh)
        window.sync.user_changed.connect(self._portal_user)
        if window.sync.user is not None:
            self._portal_user(window.sync.user)
        self.lock_ms = int(lock_minutes(ctx) * 60_000)
        self.idle_timer = QTimer(self, interval=max(1000, min(30_000, self.lock_ms // 4 or 1000)))
        self.idle_timer.timeout.connect(self._check_idle)
        self._watched = None
        if self.lock_ms > 0:
            self._watch_input()
            self.idle_timer.start()
        self.refresh()

    # ------------------------------------------------------------------ who is signed in
    def refresh(self) -> None:
        officer = current_officer(self.ctx)
        role = self.session.role()
        self.switch_action.setText(self.tr("Đổi &cán bộ…"))
        self.sign_out_action.setText(self.tr("Cán bộ đăng &xuất"))
        self.sign_out_action.setEnabled(self.session.officer() is not None)
        if officer is None:
            self.officer_label.setText(self.tr("Chưa có cán bộ đăng nhập"))
        elif self.session.officer() is None:
            self.officer_label.setText(self.tr("Cán bộ: {name} (theo cấu hình)").replace("{name}", officer.full_name))
        else:
            self.officer_label.setText(self.tr("Cán bộ: {name}").replace("{name}", officer.full_name)
                                       + (f" — {role}" if role else ""))
        if self.overlay is not None and self.overlay.isVisible():
            self.overlay.refresh()

    def _portal_user(self, user: Any) -> None:
        """A portal sign-in (or a resumed one) makes the portal user the officer at the counter."""
        current = self.session.officer()
        if user is None:
            if current is not None and self.session.role() and getattr(self, "_portal_username", None) == current.username:
                self.session.set_officer(None)
            return
        from counterapp.users.accounts import mirror_portal_user_if_users
        from ui.ops import BackgroundOp

        name = getattr(user, "display_name", "") or getattr(user, "username", "")
        role = getattr(user, "role", "") or ""
        self._portal_username = user.username
        self.session.set_officer(Officer(user.username, name), role)
        (BackgroundOp(self, mirror_portal_user_if_users, self.ctx, user.username, name, role or "officer")
         .describe(self.tr("Lưu người dùng của cổng vào máy này")).run())

    def switch_officer(self) -> None:
        """Ctrl+Shift+L: the sign-in dialog at once; a successful sign-in also unlocks."""
        from ui.signin_dialog import SignInDialog

        # From the lock screen, a local user signs in (the portal's dialog would be covered)
        dialog = SignInDialog(self.ctx, self.window, portal_sign_in=None if self.is_locked() else self.window.sign_in)
        dialog.accepted.connect(self.unlock)
        self.signin_dialog = dialog
        dialog.open()

    # ------------------------------------------------------------------ idle lock
    def _watch_input(self) -> None:
        handle = self.window.windowHandle()
        target = handle if handle is not None else self.window
        target.installEventFilter(self)
        self._watched = target

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        elif kind in (QEvent.Type.Resize, QEvent.Type.Move) and self.is_locked():
            self.overlay.follow_window()
        return False

    def _check_idle(self) -> None:
        if self.lock_ms > 0 and (time.monotonic() - self._last_input) * 1000 >= self.lock_ms:
            self.lock()

    def is_locked(self) -> bool:
        return self.overlay is not None and self.overlay.isVisible()

    def lock(self) -> None:
        if self.overlay is None:
            self.overlay = LockOverlay(self)
        self.overlay.lock()

    def unlock(self) -> None:
        self._last_input = time.monotonic()
        if self.overlay is not None:
            self.overlay.unlock()


def install_officer_controls(window: Any, ctx: AppContext) -> OfficerControls:
    controls = OfficerControls(window, ctx)
    from ui.users.entry import install_users_entry

    controls.users_entry = install_users_entry(window, ctx, window.quit_action)
    from counterapp.users.accounts import has_users

    with ctx.sessions() as session:
        needs_sign_in = has_users(session) and officer_session().officer() is None
    if needs_sign_in:
        controls.switch_officer()
    return controls
