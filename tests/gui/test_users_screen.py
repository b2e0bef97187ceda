"""The users screen (Tệp → Quản lý người dùng…): an admin lists, adds, changes, disables and
enables users and resets passwords; anyone else is told who may (real SQLite, Qt offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counterapp.users.accounts import UserError, add_user, authenticate, list_users
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from tests.gui.typing import press, type_text
from ui.session import officer_session


@pytest.fixture(autouse=True)
def _signed_out():
    officer_session().set_officer(None)
    yield
    officer_session().set_officer(None)


def _sign_in(qtbot, window, username: str, password: str, *, keys: bool = True) -> None:
    if keys:
        press(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    else:
        window.officer_controls.switch_officer()
    dialog = window.officer_controls.signin_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
    dialog.choose(username)
    type_text(dialog.password, password)
    dialog.try_sign_in()
    assert not dialog.isVisible()


def _open(window):
    entry = window.officer_controls.users_entry
    assert entry.action in window.file_menu.actions()  # in the menu for everyone
    entry.screen = entry.refusal = None
    entry.action.trigger()
    return entry


def _row(screen, username: str) -> list[str]:
    for row in range(screen.table.rowCount()):
        if screen.table.item(row, 0).text() == username:
            return [screen.table.item(row, c).text() for c in range(screen.table.columnCount())]
    raise AssertionError(username)


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _fill(form, **fields: str) -> None:
    for name, text in fields.items():
        widget = getattr(form, name)
        widget.clear()
        type_text(widget, text)


def test_an_admin_manages_users_on_the_screen(qtbot, main_window):
    window, ctx = main_window, main_window.ctx
    add_user(ctx, "quantri", "Lê Thị Quản", "admin", "quan-tri-1")
    add_user(ctx, "binhtv", "Trần Văn Bình", "officer", "mat-khau-1")
    _sign_in(qtbot, window, "quantri", "quan-tri-1")
    screen = _open(window).screen
    assert screen is not None and screen.isVisible()
    assert _row(screen, "binhtv") == ["binhtv", "Trần Văn Bình", "", "", "Cán bộ tiếp nhận", "Hoạt động"]

    _click(qtbot, screen.add_button)  # a new supervisor
    form = screen.form
    _fill(form, username="totruong", full_name="Phạm Văn Tổ", title="Tổ trưởng", phone="0912 000 111",
          password="mat-khau-2", password_again="mat-khau-3")
    form.role.setCurrentIndex(form.role.findData("supervisor"))
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert form.isVisible() and "không khớp" in form.error.text()  # nothing lost: fix one field
    _fill(form, full_name="Trần Văn Bình", password_again="mat-khau-2")
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert form.isVisible() and "Đã có người dùng họ tên" in form.error.text()  # the core's rule, in the form
    _fill(form, full_name="Phạm Văn Tổ")
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert not form.isVisible() and "Phạm Văn Tổ" in screen.message.text()
    assert _row(screen, "totruong") == ["totruong", "Phạm Văn Tổ", "Tổ trưởng", "0912 000 111", "Lãnh đạo",
                                        "Hoạt động"]
    assert authenticate(ctx, "totruong", "mat-khau-2").role == "supervisor"

    screen.select("binhtv")  # change a user's title, phone and role
    _click(qtbot, screen.edit_button)
    form = screen.form
    assert form.username.isReadOnly() and form.full_name.text() == "Trần Văn Bình"
    _fill(form, title="Công chức", phone="0987 654 321")
    form.role.setCurrentIndex(form.role.findData("supervisor"))
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert _row(screen, "binhtv")[2:5] == ["Công chức", "0987 654 321", "Lãnh đạo"]

    _click(qtbot, screen.disable_button)  # binhtv still selected
    assert _row(screen, "binhtv")[5] == "Đã khoá" and screen.enable_button.isEnabled()
    with pytest.raises(UserError, match="khoá"):
        authenticate(ctx, "binhtv", "mat-khau-1")
    _click(qtbot, screen.enable_button)
    assert _row(screen, "binhtv")[5] == "Hoạt động"

    _click(qtbot, screen.password_button)  # reset a forgotten password
    form = screen.form
    _fill(form, first="123", second="123")
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert form.isVisible() and "ít nhất" in form.error.text()
    _fill(form, first="moi-moi-1", second="moi-moi-1")
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert not form.isVisible() and "Trần Văn Bình" in screen.message.text()
    assert authenticate(ctx, "binhtv", "moi-moi-1").username == "binhtv"

    screen.select("quantri")  # the last admin stays
    _click(qtbot, screen.disable_button)
    assert "quản trị cuối cùng" in screen.message.text() and _row(screen, "quantri")[5] == "Hoạt động"

    # the screen left open when an officer takes the counter: the core asks who acts *now*
    _sign_in(qtbot, window, "binhtv", "moi-moi-1", keys=False)  # (the screen is modal: the menu's way)
    screen.select("totruong")
    _click(qtbot, screen.disable_button)
    assert "Chỉ quản trị (admin) được quản lý người dùng" in screen.message.text()
    assert not any(u.disabled for u in list_users(ctx.sessions()))
    screen.accept()


def test_the_entry_tells_an_officer_who_may_manage_users(qtbot, main_window):
    window, ctx = main_window, main_window.ctx
    add_user(ctx, "quantri", "Lê Thị Quản", "admin", "quan-tri-1")
    add_user(ctx, "totruong", "Phạm Văn Tổ", "supervisor", "mat-khau-2")
    _sign_in(qtbot, window, "totruong", "mat-khau-2")
    entry = _open(window)
    assert entry.screen is None and entry.refusal is not None and entry.refusal.isVisible()
    text = entry.refusal.text()
    assert text.startswith("Chỉ quản trị (admin) được quản lý người dùng") and "Phạm Văn Tổ" in text
    assert "only an admin" not in text  # the Vietnamese window shows Vietnamese only
    entry.refusal.close()


def test_on_a_site_without_users_the_screen_adds_the_first_admin(qtbot, main_window):
    window = main_window
    screen = _open(window).screen  # nobody to sign in yet: the configured officer opens it
    assert screen is not None and screen.table.rowCount() == 0
    _click(qtbot, screen.add_button)
    form = screen.form
    assert form.role.currentData() == "admin" and "quản trị" in form.error.text()
    form.role.setCurrentIndex(form.role.findData("officer"))
    _fill(form, username="binhtv", full_name="Trần Văn Bình", password="mat-khau-1", password_again="mat-khau-1")
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert form.isVisible() and "Người dùng đầu tiên phải là quản trị" in form.error.text()
    form.role.setCurrentIndex(form.role.findData("admin"))
    _click(qtbot, form.buttons.button(form.buttons.StandardButton.Ok))
    assert not form.isVisible() and _row(screen, "binhtv")[4] == "Quản trị"
    screen.accept()


def test_importing_the_catalog_in_the_window_is_an_admins_job(qtbot, main_window):
    from PySide6.QtWidgets import QMessageBox

    window, ctx = main_window, main_window.ctx
    add_user(ctx, "quantri", "Lê Thị Quản", "admin", "quan-tri-1")
    add_user(ctx, "totruong", "Phạm Văn Tổ", "supervisor", "mat-khau-2")
    _sign_in(qtbot, window, "totruong", "mat-khau-2")
    window.import_action.trigger()  # refused before any file dialog
    box = window.findChild(QMessageBox, "catalogImportRefusal")
    assert box is not None and box.isVisible()
    assert box.text().startswith("Chỉ quản trị (admin) được thay đổi cấu hình") and "Phạm Văn Tổ" in box.text()
    box.close()
