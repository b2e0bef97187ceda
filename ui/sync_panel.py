"""The window's side of sync: the engine in its thread, re-emitted as Qt signals
(Electrum-style), the status-bar text, sign-in, and the supervisor's problems view.

The engine calls its listeners on its own thread; `SyncController` turns each call into
a signal, which Qt queues to the GUI thread. Sign-in and keyring access (network, D-Bus)
run as background jobs. The GUI never waits on the network.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.workers import run_in_background

if TYPE_CHECKING:
    from counterapp.app import AppContext


class SyncController(QObject):
    state_changed = Signal(object)  # sync.engine.SyncState
    entities_changed = Signal(object)  # tuple of dossier uuids whose data or sync state changed
    user_changed = Signal(object)  # sync.auth.SignedIn | None
    message = Signal(str)  # something the officer should read (keyring missing, sign-in failed)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.engine = None
        self.user = None
        self._remove_listener = None

    # --- life cycle ---------------------------------------------------------------
    def attach(self, ctx: AppContext) -> None:
        """Resume the signed-in officer's session (token from the keyring) in the background."""
        self.ctx = ctx
        run_in_background(self._resume, ctx, on_done=self._engine_ready, on_error=self._failed)

    @staticmethod
    def _resume(ctx: AppContext) -> tuple[Any, Any]:
        from sync.auth import current_user
        from sync.engine import engine_for

        who = current_user(ctx)
        if who is None:
            return None, None
        return who, engine_for(ctx)

    def _engine_ready(self, result: tuple[Any, Any]) -> None:
        who, engine = result
        self.user = who
        self.user_changed.emit(who)
        if engine is None:
            return
        self._stop_engine()
        self.engine = engine
        self._remove_listener = engine.add_listener(self._on_engine_event)  # engine thread -> signal
        self.state_changed.emit(engine.state())
        if engine.client.token:
            engine.start()

    def _on_engine_event(self, event: Any) -> None:  # runs on the engine's thread
        self.state_changed.emit(event.state)
        if event.entity_ids:
            self.entities_changed.emit(tuple(event.entity_ids))

    def _failed(self, exc: BaseException) -> None:
        self.message.emit(str(exc))

    def _stop_engine(self) -> None:
        if self._remove_listener is not None:
            self._remove_listener()
            self._remove_listener = None
        if self.engine is not None:
            self.engine.stop(timeout=5)
            self.engine = None

    def shutdown(self) -> None:
        self._stop_engine()

    # --- actions --------------------------------------------------------------------
    def sign_in(self, portal_url: str, username: str, password: str) -> None:
        if self.ctx is None:
            return
        ctx = self.ctx

        def work() -> tuple[Any, Any]:
            from sync.auth import sign_in
            from sync.engine import engine_for

            who = sign_in(ctx, portal_url, username, password)
            return who, engine_for(ctx)

        run_in_background(work, on_done=self._engine_ready, on_error=self._failed)

    def sign_out(self) -> None:
        if self.ctx is None:
            return
        self._stop_engine()
        ctx = self.ctx

        def work() -> None:
            from sync.auth import sign_out

            sign_out(ctx)

        def done(_result: Any) -> None:
            self.user = None
            self.user_changed.emit(None)

        run_in_background(work, on_done=done, on_error=self._failed)

    def sync_now(self) -> None:
        if self.engine is not None:
            self.engine.wake()


def status_text(widget: QWidget, state: Any, zone: Any) -> str:
    """Offline / Syncing n of m / Last synced hh:mm, then N need attention (translated)."""
    tr = widget.tr
    if not getattr(state, "signed_in", True):
        text = tr("Chưa đăng nhập cổng")
    elif state.online is False:
        text = tr("Ngoại tuyến")
    elif state.sending and state.total:
        text = tr("Đang đồng bộ {n}/{m}").replace("{n}", str(state.done)).replace("{m}", str(state.total))
    elif state.last_synced_at is not None:
        text = tr("Đồng bộ lúc {t}").replace("{t}", state.last_synced_at.astimezone(zone).strftime("%H:%M"))
    else:
        text = tr("Chưa đồng bộ")
    if state.waiting and not state.sending:
        text += " · " + tr("{n} chờ gửi").replace("{n}", str(state.waiting))
    problems = state.needs_attention + state.conflicts
    if problems:
        text += " · " + tr("{n} cần xử lý").replace("{n}", str(problems))
    return text


class SignInDialog(QDialog):
    def __init__(self, portal_url: str, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Đăng nhập cổng dịch vụ công"))
        self.url_edit = QLineEdit(portal_url)
        self.user_edit = QLineEdit(username)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Địa chỉ cổng:"), self.url_edit)
        form.addRow(self.tr("&Tên đăng nhập:"), self.user_edit)
        form.addRow(self.tr("&Mật khẩu:"), self.password_edit)
        note = QLabel(self.tr("Mã phiên chỉ lưu trong kho mật khẩu của hệ điều hành."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        (self.password_edit if username else self.user_edit).setFocus()

    def values(self) -> tuple[str, str, str]:
        return self.url_edit.text().strip(), self.user_edit.text().strip(), self.password_edit.text()


class ProblemsDialog(QDialog):
    """Items the portal refused or that conflict: both versions side by side; a supervisor
    decides conflicts, anyone may send a corrected item again."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Mục đồng bộ cần xử lý"))
        self.resize(980, 560)
        self.items = QListWidget()
        self.mine = QPlainTextEdit(readOnly=True)
        self.theirs = QPlainTextEdit(readOnly=True)
        self.message = QLabel(wordWrap=True)
        self.keep_mine = QPushButton(self.tr("Giữ bản của &quầy"))
        self.take_theirs = QPushButton(self.tr("Lấy bản của &cổng"))
        self.retry = QPushButton(self.tr("&Gửi lại"))
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        self.keep_mine.clicked.connect(lambda: self._resolve("mine"))
        self.take_theirs.clicked.connect(lambda: self._resolve("theirs"))
        self.retry.clicked.connect(self._retry)
        self.items.currentRowChanged.connect(self._show)

        versions = QSplitter(Qt.Orientation.Horizontal)
        for title, edit in ((self.tr("Bản của quầy"), self.mine), (self.tr("Bản của cổng"), self.theirs)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(QLabel(f"<b>{title}</b>"))
            box_layout.addWidget(edit)
            versions.addWidget(box)
        buttons = QHBoxLayout()
        for button in (self.keep_mine, self.take_theirs, self.retry):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.items)
        split.addWidget(versions)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._problems: list[Any] = []
        self.reload()

    def reload(self) -> None:
        from sync.engine import problems

        self._problems = problems(self.controller.ctx) if self.controller.ctx else []
        self.items.clear()
        for item in self._problems:
            label = self.tr("Xung đột") if item.state == "conflict" else self.tr("Cần xử lý")
            QListWidgetItem(f"#{item.seq}  {label}  {item.operation}  {item.entity_id}  — {item.message}", self.items)
        if self._problems:
            self.items.setCurrentRow(0)
        else:
            self.mine.clear()
            self.theirs.clear()
            self.message.setText(self.tr("Không có mục nào cần xử lý."))
        self._update_buttons()

    def _current(self) -> Any:
        row = self.items.currentRow()
        return self._problems[row] if 0 <= row < len(self._problems) else None

    def _show(self, _row: int) -> None:
        item = self._current()
        if item is None:
            return
        self.mine.setPlainText(json.dumps(item.mine, ensure_ascii=False, indent=2, sort_keys=True, default=str))
        self.theirs.setPlainText(
            json.dumps(item.theirs, ensure_ascii=False, indent=2, sort_keys=True, default=str)
            if item.theirs else self.tr("(cổng không gửi kèm phiên bản)")
        )
        self.message.setText(item.message)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self._current()
        user = self.controller.user
        supervisor = bool(user and user.role in ("supervisor", "admin"))
        conflict = bool(item and item.state == "conflict")
        self.keep_mine.setEnabled(conflict and supervisor)
        self.take_theirs.setEnabled(conflict and supervisor)
        self.retry.setEnabled(bool(item and item.state == "needs_attention"))
        if conflict and not supervisor:
            self.message.setText(self.message.text() + "\n" + self.tr("Chỉ tổ trưởng được quyết định xung đột."))

    def _resolve(self, choice: str) -> None:
        from sync.engine import resolve_conflict

        item, user = self._current(), self.controller.user
        if item is None or user is None:
            return
        try:
            resolve_conflict(self.controller.ctx, item.seq, choice, supervisor=user.username, role=user.role)
        except (PermissionError, ValueError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        self.controller.sync_now()
        self.reload()

    def _retry(self) -> None:
        from sync.engine import retry_item

        item = self._current()
        if item is None:
            return
        try:
            retry_item(self.controller.ctx, item.seq)
        except ValueError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        self.controller.sync_now()
        self.reload()
