"""Sign-in to the portal and the supervisor's problems view (opened from the Sync menu).

Kept apart from ui/sync_panel.py so that the window's start-up does not load dialog classes.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
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

from ui.messages import for_window
from ui.sync_panel import SyncController


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
        self.message.setText(for_window(item.message))
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
            self.message.setText(self.message.text() + "\n" + self.tr("Chỉ lãnh đạo (supervisor) hoặc quản trị (admin) được quyết định xung đột."))

    def _resolve(self, choice: str) -> None:
        from sync.engine import resolve_conflict

        item, user = self._current(), self.controller.user
        if item is None or user is None:
            return
        try:
            resolve_conflict(self.controller.ctx, item.seq, choice, supervisor=user.username, role=user.role)
        except (PermissionError, ValueError) as exc:
            QMessageBox.warning(self, self.windowTitle(), for_window(str(exc)))
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
            QMessageBox.warning(self, self.windowTitle(), for_window(str(exc)))
        self.controller.sync_now()
        self.reload()
