"""Officers at the counter in the window: sign in, switch (Ctrl+Shift+L), the names recorded
after a switch, the idle lock, and a role refusal shown (real SQLite, Qt offscreen)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from counterapp.db.base import utcnow
from counterapp.dossiers.access_log import access_entries
from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.models import PrintRecord
from counterapp.dossiers.queries import get_by_code
from counterapp.users.accounts import add_user
from tests.gui.dossier_helpers import _no_sane_discovery  # noqa: F401  (autouse)
from tests.gui.typing import press, type_text
from ui.session import officer_session

PROCEDURE = "1.001193"


@pytest.fixture(autouse=True)
def _signed_out():
    officer_session().set_officer(None)
    yield
    officer_session().set_officer(None)


@pytest.fixture
def staffed(main_window):
    ctx = main_window.ctx
    add_user(ctx, "binhtv", "Trần Văn Bình", "officer", "mat-khau-1")
    add_user(ctx, "totruong", "Phạm Văn Tổ", "supervisor", "mat-khau-2")
    return main_window


def _sign_in(qtbot, window, username: str, password: str) -> None:
    press(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.officer_controls.signin_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
    dialog.choose(username)
    type_text(dialog.password, password)
    dialog.try_sign_in()
    assert not dialog.isVisible()


def _create(ctx, name: str, **extra) -> str:
    request = {"procedure_code": PROCEDURE, "applicant": {"name": name, "phone": "0912000111"}, **extra}
    return create_dossier(ctx, request, "Trần Văn Bình").code


def test_after_a_switch_prints_history_and_access_log_name_the_new_officer(qtbot, staffed):
    window, ctx = staffed, staffed.ctx
    label = window.officer_controls.officer_label
    assert "Nguyễn Văn Kiểm" in label.text()  # the configured officer stands in until someone signs in
    _sign_in(qtbot, window, "binhtv", "mat-khau-1")
    assert "Trần Văn Bình" in label.text()
    code = _create(ctx, "Đỗ Văn Khoa")
    page = window.dossier_pages.dossiers
    page.open_code(code)
    qtbot.waitUntil(lambda: page.current_code() == code, timeout=10_000)

    _sign_in(qtbot, window, "totruong", "mat-khau-2")  # a switch: instant, nothing rebuilt
    assert "Phạm Văn Tổ" in label.text() and "supervisor" in label.text()
    page.reprint_receipt()
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=20_000)
    assert page.preview_dialog._counter_result.pdf_officer == "Phạm Văn Tổ"  # who printed it: the new officer
    page.preview_dialog.reject()

    def printed_by() -> list[str]:
        with ctx.sessions() as s:
            return [r.printed_by for r in s.query(PrintRecord).filter_by(dossier_id=get_by_code(s, code).id)]

    qtbot.waitUntil(lambda: printed_by() and set(printed_by()) == {"Phạm Văn Tổ"}, timeout=5000)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    with ctx.sessions() as s:
        d = get_by_code(s, code)
        assert [(c.to_status, c.by) for c in d.status_changes] == [(2, "Trần Văn Bình"), (9, "Phạm Văn Tổ")]
        officers = {e.officer for e in access_entries(s, code=code)}
    assert "Phạm Văn Tổ" in officers and "Nguyễn Văn Kiểm" not in officers


def test_a_wrong_password_signs_no_one_in(qtbot, staffed):
    press(staffed, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = staffed.officer_controls.signin_dialog
    dialog.choose("totruong")
    type_text(dialog.password, "sai-mat-khau")
    dialog.try_sign_in()
    assert dialog.isVisible() and "Sai tên đăng nhập hoặc mật khẩu" in dialog.error.text()
    assert officer_session().officer() is None
    dialog.reject()


def test_the_idle_lock_hides_the_window_until_the_same_officers_password(qtbot, staffed):
    window = staffed
    controls = window.officer_controls
    assert controls.lock_ms == 10 * 60_000  # site.toml [session] lock_minutes: 10 by default
    _sign_in(qtbot, window, "binhtv", "mat-khau-1")
    controls._check_idle()
    assert not controls.is_locked()  # just used
    controls._last_input = time.monotonic() - 11 * 60  # eleven minutes without key or mouse
    controls._check_idle()
    assert controls.is_locked()
    overlay = controls.overlay
    assert overlay.isWindow() and overlay.geometry() == window.frameGeometry()  # over the whole window
    assert "Trần Văn Bình" in overlay.title.text()
    type_text(overlay.password, "mat-khau-2")  # the supervisor's password does not unlock Bình's screen
    overlay.try_unlock()
    assert controls.is_locked() and overlay.error.text()
    overlay.password.clear()
    type_text(overlay.password, "mat-khau-1")
    press(overlay.password, Qt.Key.Key_Return)
    assert not controls.is_locked()

    controls.lock()  # or another officer takes the counter from the lock screen
    qtbot.mouseClick(overlay.switch_button, Qt.MouseButton.LeftButton)
    dialog = controls.signin_dialog
    dialog.choose("totruong")
    type_text(dialog.password, "mat-khau-2")
    dialog.try_sign_in()
    assert not controls.is_locked() and officer_session().officer().full_name == "Phạm Văn Tổ"


def test_a_role_refusal_is_shown_in_the_window(qtbot, staffed):
    window, ctx = staffed, staffed.ctx
    _sign_in(qtbot, window, "binhtv", "mat-khau-1")
    late = _create(ctx, "Bùi Thị Hoa", received_at=(utcnow() - timedelta(days=40)).isoformat())
    page = window.dossier_pages.dossiers
    page.open_code(late)
    qtbot.waitUntil(lambda: page.current_code() == late and page.apology_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(page.apology_button, Qt.MouseButton.LeftButton)
    dialog = page.apology_dialog
    type_text(dialog.reason, "Chờ ý kiến cơ quan phối hợp")
    type_text(dialog.supervisor, "Tổ Trưởng Giả")  # not a supervisor of this counter
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Chỉ lãnh đạo (supervisor)" in page.message_label.text(), timeout=10_000)
    page.error_box.close()
    with ctx.sessions() as s:
        assert get_by_code(s, late).rescheduled_due_at is None


def test_a_key_pressed_anywhere_in_the_window_counts_as_use(qtbot, staffed):
    from PySide6.QtTest import QTest

    controls = staffed.officer_controls
    controls._last_input = time.monotonic() - 11 * 60
    QTest.keyClick(staffed.windowHandle(), Qt.Key.Key_A)  # what the window's QWindow receives first
    controls._check_idle()
    assert not controls.is_locked()


def test_lock_minutes_zero_never_locks(qtbot, data_dir):
    from ui.main_window import open_window

    (data_dir / "site.toml").write_text('[officer]\nfull_name = "Nguyễn Văn Kiểm"\n[session]\nlock_minutes = 0\n',
                                        encoding="utf-8")
    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    try:
        controls = window.officer_controls
        controls._last_input = time.monotonic() - 24 * 3600
        controls._check_idle()
        assert controls.lock_ms == 0 and not controls.is_locked() and not controls.idle_timer.isActive()
    finally:
        window.ctx.close()


def test_a_portal_sign_in_makes_the_portal_user_the_officer_and_unlocks_with_the_offline_verifier(qtbot, staffed):
    from counterapp.db import session_scope
    from counterapp.outbox import OfflineVerifier
    from counterapp.users.accounts import find_user
    from counterapp.users.passwords import hash_password
    from sync.auth import SignedIn

    window, ctx = staffed, staffed.ctx
    with session_scope(ctx.writer_sessions) as s:  # what a first online sign-in leaves on this PC
        s.add(OfflineVerifier(portal_url="https://portal.example", username="lanpt", role="supervisor",
                              display_name="Phạm Thị Lan", verifier=hash_password("cong-123"), updated_at=utcnow()))
    window.sync.user_changed.emit(SignedIn("https://portal.example", "lanpt", "supervisor", "Phạm Thị Lan"))
    assert officer_session().officer().full_name == "Phạm Thị Lan" and officer_session().role() == "supervisor"
    assert "Phạm Thị Lan" in window.officer_controls.officer_label.text()

    def mirrored():
        with ctx.sessions() as s:
            user = find_user(s, "lanpt")
            return user is not None and (user.source, user.role, user.full_name)

    qtbot.waitUntil(lambda: mirrored() == ("portal", "supervisor", "Phạm Thị Lan"), timeout=5000)  # her role counts

    controls = window.officer_controls
    controls.lock()
    type_text(controls.overlay.password, "cong-123")
    controls.overlay.try_unlock()
    assert not controls.is_locked()
    window.sync.user_changed.emit(None)  # portal sign-out: no one is signed in any more
    assert officer_session().officer() is None


def test_a_site_with_users_asks_who_is_at_the_counter_on_start(qtbot, data_dir):
    from counterapp.app import open_app
    from ui.main_window import open_window

    ctx = open_app(data_dir, seed_demo=False)
    add_user(ctx, "binhtv", "Trần Văn Bình", "officer", "mat-khau-1")
    ctx.close()
    window = open_window(data_dir)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.context_ready, timeout=30_000):
        window.show()
    try:
        dialog = window.officer_controls.signin_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.users.count() == 1 and "Trần Văn Bình" in dialog.users.item(0).text()
        type_text(dialog.password, "mat-khau-1")
        dialog.try_sign_in()
        assert "Trần Văn Bình" in window.officer_controls.officer_label.text()
    finally:
        window.ctx.close()


def test_a_dialog_left_open_is_covered_while_locked_and_kept_as_it_was(qtbot, staffed):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QVBoxLayout, QWidget

    window = staffed
    controls = window.officer_controls
    _sign_in(qtbot, window, "binhtv", "mat-khau-1")
    dialog = QDialog(window)  # e.g. a return dialog with a citizen's ID number typed in
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    type_text(field, "001090012345")
    dialog.open()  # modal: the window behind it takes no input
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    controls.lock()
    overlay = controls.overlay
    assert overlay.is_covered(dialog) and dialog.isVisible()  # covered, not closed
    cover = dialog.findChild(QWidget, "lockCover")
    assert cover is not None and cover.isVisible() and cover.geometry().contains(dialog.rect())
    # the lock takes the password although a modal dialog was open: it is the newest modal window
    assert QGuiApplication.modalWindow() is overlay.windowHandle()
    late = QMessageBox(QMessageBox.Icon.Information, "Counter", "Nguyễn Văn A, 001090012345", parent=window)
    late.open()  # a window that appears while locked (a background job's message)
    assert overlay.recheck.isActive()
    overlay.cover_other_windows()  # what the lock's timer does every second
    assert overlay.is_covered(late)
    assert QGuiApplication.modalWindow() is overlay.windowHandle()  # the password still goes to the lock
    late.done(0)
    type_text(overlay.password, "mat-khau-1")
    press(overlay.password, Qt.Key.Key_Return)
    assert not controls.is_locked() and not overlay.is_covered(dialog)
    assert dialog.isVisible() and field.text() == "001090012345" and dialog.result() == 0
    dialog.reject()


def test_with_nobody_signed_in_only_a_sign_in_unlocks(qtbot, staffed):
    controls = staffed.officer_controls
    controls.lock()
    overlay = controls.overlay
    assert not overlay.password.isVisible() and not overlay.unlock_button.isVisible()
    assert "đăng nhập để mở" in overlay.title.text()
    overlay.try_unlock()  # no password to give: stays locked
    assert controls.is_locked()
    qtbot.mouseClick(overlay.switch_button, Qt.MouseButton.LeftButton)
    dialog = controls.signin_dialog
    assert dialog.findChild(type(overlay.switch_button), "portalSignIn") is None  # a local sign-in from the lock
    dialog.choose("binhtv")
    type_text(dialog.password, "mat-khau-1")
    dialog.try_sign_in()
    assert not controls.is_locked() and officer_session().officer().full_name == "Trần Văn Bình"


def test_a_site_without_users_says_there_is_no_password_to_ask(qtbot, main_window):
    controls = main_window.officer_controls
    controls.lock()
    overlay = controls.overlay
    assert "chưa có người dùng" in overlay.title.text() and not overlay.password.isVisible()
    qtbot.mouseClick(overlay.unlock_button, Qt.MouseButton.LeftButton)
    assert not controls.is_locked()

