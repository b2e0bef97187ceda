"""Users and roles in the core: the permission table, passwords, and the dossier rules that
need a supervisor once a site has users."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from counterapp.db.base import utcnow
from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.lifecycle import refuse_dossier
from counterapp.dossiers.new_date import reschedule_dossier
from counterapp.dossiers.queries import get_by_code
from counterapp.users import PermissionDenied, can
from counterapp.users.accounts import (
    UserError,
    add_user,
    authenticate,
    list_users,
    set_disabled,
    set_password,
)
from tests.dossiers.conftest import HCM, add_procedure, request_dict


def test_the_permission_table_orders_officer_supervisor_admin():
    assert can("officer", "intake") and can("officer", "return") and can("officer", "scanning")
    assert not can("officer", "refuse_after_receipt") and not can("officer", "late_new_date")
    assert can("supervisor", "late_new_date") and can("supervisor", "statistics") and not can("supervisor", "users")
    assert can("admin", "users") and can("admin", "templates") and can("admin", "late_new_date")
    assert not can(None, "intake") and not can("root", "intake")


def test_a_refusal_names_who_may_act():
    message = str(PermissionDenied("refuse_after_receipt", "Trần Văn Bình", "officer"))
    assert message.startswith("Chỉ lãnh đạo (supervisor)")
    assert "only a supervisor" in message and "Trần Văn Bình" in message
    assert "Chỉ quản trị (admin)" in str(PermissionDenied("users"))


def test_passwords_are_checked_and_disabled_users_cannot_sign_in(app_ctx):
    add_user(app_ctx, "binhtv", "Trần Văn Bình", "officer", "mat-khau-1", title="Công chức")
    with pytest.raises(UserError, match="ít nhất"):
        add_user(app_ctx, "anv", "Nguyễn Văn An", "officer", "123")
    with pytest.raises(UserError, match="đã có"):
        add_user(app_ctx, "BINHTV", "Người Khác", "officer", "mat-khau-2")
    with pytest.raises(UserError, match="cùng"):
        add_user(app_ctx, "binh2", "trần văn  bình", "officer", "mat-khau-2")
    with pytest.raises(UserError, match="tài khoản máy"):
        add_user(app_ctx, "root", "root", "admin", "mat-khau-2")
    assert authenticate(app_ctx, "binhtv", "mat-khau-1").full_name == "Trần Văn Bình"
    assert authenticate(app_ctx, "Trần Văn Bình", "mat-khau-1").role == "officer"
    with pytest.raises(UserError, match="Sai tên đăng nhập hoặc mật khẩu"):
        authenticate(app_ctx, "binhtv", "mat-khau-2")
    set_password(app_ctx, "binhtv", "mat-khau-2")
    assert authenticate(app_ctx, "binhtv", "mat-khau-2").username == "binhtv"
    set_disabled(app_ctx, "binhtv", True)
    with pytest.raises(UserError, match="khoá"):
        authenticate(app_ctx, "binhtv", "mat-khau-2")
    [row] = list_users(app_ctx.sessions())
    assert row.disabled and "mat-khau" not in repr(row)


def test_the_last_admin_cannot_be_disabled(app_ctx):
    add_user(app_ctx, "quantri", "Lê Thị Quản", "admin", "mat-khau-1")
    with pytest.raises(UserError, match="quản trị cuối cùng"):
        set_disabled(app_ctx, "quantri", True)


@pytest.fixture
def users_ctx(app_ctx):
    add_procedure(app_ctx)
    add_user(app_ctx, "binhtv", "Trần Văn Bình", "officer", "mat-khau-1")
    add_user(app_ctx, "totruong", "Phạm Văn Tổ", "supervisor", "mat-khau-2")
    add_user(app_ctx, "nghiph", "Phạm Hữu Nghỉ", "supervisor", "mat-khau-3")
    set_disabled(app_ctx, "nghiph", True)
    return app_ctx


def test_only_a_supervisor_refuses_a_received_dossier_once_users_exist(users_ctx):
    code = create_dossier(users_ctx, request_dict(), "Trần Văn Bình").code
    with pytest.raises(PermissionDenied, match="Chỉ lãnh đạo") as refused:
        refuse_dossier(users_ctx, code, "Giấy tờ giả", "Trần Văn Bình")
    assert "only a supervisor" in str(refused.value)
    with pytest.raises(PermissionDenied, match="not an active user"):
        refuse_dossier(users_ctx, code, "Giấy tờ giả", "Người Lạ")
    with users_ctx.sessions() as s:
        assert get_by_code(s, code).status == 2  # nothing written
    refuse_dossier(users_ctx, code, "Giấy tờ giả", "Phạm Văn Tổ")
    with users_ctx.sessions() as s:
        d = get_by_code(s, code)
        assert d.status == 3 and d.status_changes[-1].by == "Phạm Văn Tổ"


def test_a_late_new_date_needs_a_real_supervisor_once_users_exist(users_ctx):
    code = create_dossier(users_ctx, request_dict(), "Trần Văn Bình").code  # due 5/3/2026: long past
    later = utcnow() + timedelta(days=3)
    with pytest.raises(PermissionDenied, match="Chỉ lãnh đạo"):
        reschedule_dossier(users_ctx, code, later, "Chờ xác minh", "Trần Văn Bình")
    with pytest.raises(PermissionDenied, match="Tổ Giả"):  # a free-text name is no longer enough
        reschedule_dossier(users_ctx, code, later, "Chờ xác minh", "Trần Văn Bình", supervisor="Tổ Giả")
    with pytest.raises(PermissionDenied):  # a disabled supervisor approves nothing
        reschedule_dossier(users_ctx, code, later, "Chờ xác minh", "Trần Văn Bình", supervisor="nghiph")
    reschedule_dossier(users_ctx, code, later, "Chờ xác minh", "Trần Văn Bình", supervisor="totruong")
    with users_ctx.sessions() as s:
        assert get_by_code(s, code).reschedule_supervisor == "Phạm Văn Tổ"  # the full name, not the login
    # a supervisor acting approves it themselves
    second = create_dossier(users_ctx, request_dict(), "Trần Văn Bình").code
    reschedule_dossier(users_ctx, second, later, "Chờ xác minh", "Phạm Văn Tổ")
    with users_ctx.sessions() as s:
        assert get_by_code(s, second).reschedule_supervisor == "Phạm Văn Tổ"


def test_a_first_new_date_in_time_stays_the_officers_own(users_ctx):
    code = create_dossier(users_ctx, request_dict(), "Trần Văn Bình").code
    reschedule_dossier(users_ctx, code, datetime(2026, 3, 12, 15, 0, tzinfo=HCM), "Chờ ý kiến",
                       "Trần Văn Bình", at=datetime(2026, 3, 4, 16, 0, tzinfo=HCM))
    with users_ctx.sessions() as s:
        assert get_by_code(s, code).reschedule_supervisor is None


def test_once_users_exist_only_an_admin_manages_them_and_the_last_admin_stays(app_ctx):
    from counterapp.users.accounts import update_user

    with pytest.raises(UserError, match="Người dùng đầu tiên phải là quản trị"):
        add_user(app_ctx, "binhtv", "Trần Văn Bình", "officer", "mat-khau-1", actor="")
    add_user(app_ctx, "quantri", "Lê Thị Quản", "admin", "quan-tri-1", actor="")  # the first: nobody signs in
    add_user(app_ctx, "binhtv", "Trần Văn Bình", "officer", "mat-khau-1", actor="quantri")
    for attempt in (lambda: add_user(app_ctx, "anv", "Nguyễn Văn An", "officer", "mat-khau-1", actor="binhtv"),
                    lambda: set_disabled(app_ctx, "quantri", True, actor="binhtv"),
                    lambda: update_user(app_ctx, "binhtv", role="admin", actor="binhtv"),
                    lambda: set_password(app_ctx, "quantri", "mat-khau-5", actor="binhtv"),
                    lambda: add_user(app_ctx, "anv", "Nguyễn Văn An", "officer", "mat-khau-1", actor="")):
        with pytest.raises(PermissionDenied, match="Chỉ quản trị \\(admin\\) được quản lý người dùng"):
            attempt()
    set_password(app_ctx, "binhtv", "mat-khau-7", actor="binhtv")  # one's own password
    assert authenticate(app_ctx, "binhtv", "mat-khau-7").username == "binhtv"
    changed = update_user(app_ctx, "binhtv", full_name="Trần Văn Bình An", title="Phó trưởng bộ phận",
                          phone="0912345678", role="supervisor", actor="quantri")
    assert (changed.full_name, changed.title, changed.phone, changed.role) == (
        "Trần Văn Bình An", "Phó trưởng bộ phận", "0912345678", "supervisor")
    with pytest.raises(UserError, match="quản trị cuối cùng"):
        update_user(app_ctx, "quantri", role="officer", actor="quantri")
    with pytest.raises(UserError, match="Đã có người dùng họ tên"):
        update_user(app_ctx, "quantri", full_name="trần văn bình an", actor="quantri")
    update_user(app_ctx, "binhtv", role="admin", actor="quantri")
    update_user(app_ctx, "quantri", role="officer", actor="binhtv")  # another admin exists now
    assert [(u.username, u.role) for u in list_users(app_ctx.sessions())] == [("quantri", "officer"),
                                                                            ("binhtv", "admin")]


def test_statistics_is_a_supervisors_and_settings_and_templates_an_admins():
    from counterapp.users.roles import allowed_roles

    assert allowed_roles("statistics") == ("supervisor", "admin")
    assert allowed_roles("override") == ("supervisor", "admin")
    assert allowed_roles("settings") == allowed_roles("templates") == allowed_roles("users") == ("admin",)
    assert "Chỉ lãnh đạo (supervisor) hoặc quản trị (admin) được xem thống kê" in str(PermissionDenied("statistics"))


def test_a_sync_conflict_is_decided_by_a_supervisor_and_the_refusal_says_so(app_ctx):
    from sync.engine import resolve_conflict

    with pytest.raises(PermissionDenied) as refused:
        resolve_conflict(app_ctx, 1, "mine", supervisor="binhtv", role="officer")  # checked before anything
    assert str(refused.value).startswith("Chỉ lãnh đạo (supervisor) hoặc quản trị (admin) được quyết định thay")
    assert "binhtv là cán bộ tiếp nhận" in str(refused.value)
    with pytest.raises(ValueError, match="Không có xung đột này"):
        resolve_conflict(app_ctx, 1, "mine", supervisor="totruong", role="supervisor")  # allowed; no such item


def test_waiving_a_fee_is_a_supervisors_exception_once_users_exist(users_ctx):
    from counterapp.dossiers.fees import record_payment

    code = create_dossier(users_ctx, request_dict(), "Trần Văn Bình").code  # the procedure's 50,000 fee
    with pytest.raises(PermissionDenied) as refused:
        record_payment(users_ctx, code, "Trần Văn Bình", method="free")
    assert str(refused.value).startswith("Chỉ lãnh đạo (supervisor) hoặc quản trị (admin) được quyết định thay")
    assert "fee waivers" in str(refused.value)
    with users_ctx.sessions() as s:
        assert not get_by_code(s, code).fees[0].paid  # nothing written
    record_payment(users_ctx, code, "Phạm Văn Tổ", method="free")
    paid = create_dossier(users_ctx, request_dict(), "Trần Văn Bình").code
    record_payment(users_ctx, paid, "Trần Văn Bình", method="cash")  # taking the money stays the officer's
    with users_ctx.sessions() as s:
        assert [(f.paid, f.method, f.paid_by) for f in get_by_code(s, code).fees] == [(True, "free", "Phạm Văn Tổ")]
