"""`python -m counterapp user ...` and the dossier commands once a site has users: a separate
process on the same data folder, refusals on stderr with exit status 1, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.queries import get_by_code
from tests.dossiers.conftest import add_procedure, request_dict

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(app_ctx):
    add_procedure(app_ctx)
    base = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO),
                COUNTERAPP_DATA_DIR=str(app_ctx.data_dir))
    base.pop("COUNTERAPP_PASSWORD", None)

    def run(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "counterapp", *args, "--data-dir", str(app_ctx.data_dir)],
                              env=base | (env or {}), input=stdin, capture_output=True, text=True, timeout=120,
                              cwd=REPO)

    return run


ADMIN = {"COUNTERAPP_PASSWORD": "quan-tri-1"}


def _first_admin(cli) -> None:
    done = cli("user", "add", "quantri", "--full-name", "Lê Thị Quản", "--role", "admin", "--password-stdin",
               stdin="quan-tri-1\n")
    assert done.returncode == 0, done.stderr


def test_the_first_user_is_an_admin_added_without_signing_in(cli):
    officer_first = cli("user", "add", "binhtv", "--full-name", "Trần Văn Bình", "--role", "officer",
                        "--password-stdin", stdin="mat-khau-1\n")
    assert officer_first.returncode == 1 and "Người dùng đầu tiên phải là quản trị" in officer_first.stderr
    assert "the first user must be an admin" in officer_first.stderr
    _first_admin(cli)
    nobody = cli("user", "add", "binhtv", "--full-name", "Trần Văn Bình", "--role", "officer", "--password-stdin",
                 stdin="mat-khau-1\n")  # the second needs the admin
    assert nobody.returncode == 1 and "Chỉ quản trị" in nobody.stderr and "only an admin" in nobody.stderr
    assert json.loads(cli("user", "list", "--json", "--officer", "quantri", env=ADMIN).stdout)[0]["username"] == "quantri"


def test_users_are_added_listed_disabled_and_get_new_passwords(cli):
    _first_admin(cli)
    # both passwords on stdin: the admin's first, then the new user's
    done = cli("user", "add", "binhtv", "--full-name", "Trần Văn Bình", "--role", "officer", "--title",
               "Công chức", "--password-stdin", "--officer", "quantri", stdin="quan-tri-1\nmat-khau-1\n")
    assert done.returncode == 0, done.stderr
    taken = cli("user", "add", "binhtv", "--full-name", "Ai Đó", "--role", "officer", "--password-stdin",
                "--officer", "quantri", stdin="mat-khau-1\n", env=ADMIN)
    assert taken.returncode == 1 and "đã có" in taken.stderr and "Traceback" not in taken.stderr
    bad = cli("user", "add", "x", "--full-name", "X Y", "--role", "boss", "--password-stdin", stdin="mat-khau-1\n")
    assert bad.returncode == 2  # argparse: not a role
    listed = json.loads(cli("user", "list", "--json", "--officer", "quantri", "--password-stdin",
                            stdin="quan-tri-1\n").stdout)
    assert listed[1] == {"username": "binhtv", "full_name": "Trần Văn Bình", "title": "Công chức", "phone": "",
                         "role": "officer", "disabled": False, "source": "local"}
    edited = cli("user", "edit", "binhtv", "--phone", "0912 345 678", "--role", "supervisor", "--officer", "quantri",
                 env=ADMIN)
    assert edited.returncode == 0, edited.stderr
    assert cli("user", "disable", "binhtv", "--officer", "quantri", env=ADMIN).returncode == 0
    listed = json.loads(cli("user", "list", "--json", "--officer", "quantri", env=ADMIN).stdout)
    assert [(u["username"], u["disabled"], u["role"], u["phone"]) for u in listed] == [
        ("quantri", False, "admin", ""), ("binhtv", True, "supervisor", "0912 345 678")]
    assert cli("user", "enable", "binhtv", "--officer", "quantri", env=ADMIN).returncode == 0
    assert cli("user", "passwd", "binhtv", "--password-stdin", "--officer", "quantri",
               stdin="quan-tri-1\nmat-khau-9\n").returncode == 0
    assert cli("user", "passwd", "nobody", "--password-stdin", "--officer", "quantri", stdin="mat-khau-9\n",
               env=ADMIN).returncode == 1
    last = cli("user", "disable", "quantri", "--officer", "quantri", env=ADMIN)
    assert last.returncode == 1 and "quản trị cuối cùng" in last.stderr


def test_only_an_admin_manages_users_and_a_user_changes_their_own_password(cli):
    _first_admin(cli)
    assert cli("user", "add", "binhtv", "--full-name", "Trần Văn Bình", "--role", "officer", "--password-stdin",
               "--officer", "quantri", stdin="mat-khau-1\n", env=ADMIN).returncode == 0
    bob = {"COUNTERAPP_PASSWORD": "mat-khau-1"}
    for args in (("list",), ("disable", "quantri"), ("edit", "binhtv", "--role", "admin"),
                 ("passwd", "quantri", "--password-stdin")):
        refused = cli("user", *args, "--officer", "binhtv", stdin="mat-khau-2\n", env=bob)
        assert refused.returncode == 1, args
        assert "Chỉ quản trị (admin) được quản lý người dùng" in refused.stderr, refused.stderr
        assert "only an admin may manage users" in refused.stderr and "Traceback" not in refused.stderr
    wrong = cli("user", "list", "--officer", "quantri", env={"COUNTERAPP_PASSWORD": "sai-roi-1"})
    assert wrong.returncode == 1 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.stderr
    missing = cli("user", "list")
    assert missing.returncode == 1 and "--officer" in missing.stderr
    own = cli("user", "passwd", "binhtv", "--password-stdin", "--officer", "binhtv", stdin="mat-khau-1\nmoi-moi-2\n")
    assert own.returncode == 0, own.stderr
    assert cli("user", "list", "--officer", "binhtv", env={"COUNTERAPP_PASSWORD": "moi-moi-2"}).returncode == 1


def test_with_users_the_officer_must_sign_in_and_the_role_decides(app_ctx, cli):
    code = create_dossier(app_ctx, request_dict(), "Nguyễn Văn Kiểm").code
    # no users yet: today's behaviour, the configured officer acts
    assert cli("dossier", "set-status", code, "5").returncode == 0
    _first_admin(cli)
    for name, full, role, pw in (("binhtv", "Trần Văn Bình", "officer", "mat-khau-1"),
                                 ("totruong", "Phạm Văn Tổ", "supervisor", "mat-khau-2")):
        assert cli("user", "add", name, "--full-name", full, "--role", role, "--password-stdin", "--officer",
                   "quantri", stdin=pw + "\n", env=ADMIN).returncode == 0

    missing = cli("dossier", "set-status", code, "2")
    assert missing.returncode == 1 and "--officer" in missing.stderr and "Traceback" not in missing.stderr
    no_pw = cli("dossier", "set-status", code, "2", "--officer", "binhtv")
    assert no_pw.returncode == 1 and "password" in no_pw.stderr
    wrong = cli("dossier", "set-status", code, "2", "--officer", "binhtv", "--password-stdin", stdin="sai\n")
    assert wrong.returncode == 1 and "Sai tên đăng nhập hoặc mật khẩu" in wrong.stderr
    with app_ctx.sessions() as s:
        assert get_by_code(s, code).status == 5  # nothing written

    ok = cli("dossier", "set-status", code, "2", "--officer", "binhtv", "--password-stdin", stdin="mat-khau-1\n")
    assert ok.returncode == 0, ok.stderr
    refused = cli("dossier", "refuse", code, "--reason", "Giấy tờ giả", "--officer", "binhtv",
                  env={"COUNTERAPP_PASSWORD": "mat-khau-1"})
    assert refused.returncode == 1 and "Chỉ lãnh đạo (supervisor)" in refused.stderr
    assert "only a supervisor" in refused.stderr and "Traceback" not in refused.stderr
    other = create_dossier(app_ctx, request_dict(), "Nguyễn Văn Kiểm").code
    waived = cli("dossier", "pay", other, "--method", "free", "--officer", "binhtv", env={"COUNTERAPP_PASSWORD": "mat-khau-1"})
    assert waived.returncode == 1 and "Chỉ lãnh đạo (supervisor) hoặc quản trị (admin)" in waived.stderr
    assert "fee waivers" in waived.stderr and "Traceback" not in waived.stderr
    assert cli("dossier", "pay", other, "--method", "free", "--officer", "totruong", "--password-stdin",
               stdin="mat-khau-2\n").returncode == 0
    done = cli("dossier", "refuse", code, "--reason", "Giấy tờ giả", "--officer", "totruong",
               env={"COUNTERAPP_PASSWORD": "mat-khau-2"})
    assert done.returncode == 0, done.stderr
    with app_ctx.sessions() as s:
        d = get_by_code(s, code)
        assert d.status == 3
        assert [c.by for c in d.status_changes][-2:] == ["Trần Văn Bình", "Phạm Văn Tổ"]  # full names recorded


def test_catalog_and_calendar_imports_are_an_admins_once_users_exist(cli, tmp_path):
    from tests.catalog.conftest import procedure

    catalog = tmp_path / "danh-muc.json"
    catalog.write_text(json.dumps([procedure("9.000001", "Thủ tục thử")], ensure_ascii=False), encoding="utf-8")
    days = tmp_path / "lich.json"
    days.write_text(json.dumps({"days": [{"date": "2027-03-06", "kind": "work", "name": "Làm bù"}]}), encoding="utf-8")
    _first_admin(cli)
    assert cli("user", "add", "totruong", "--full-name", "Phạm Văn Tổ", "--role", "supervisor", "--password-stdin",
               "--officer", "quantri", stdin="mat-khau-2\n", env=ADMIN).returncode == 0
    for command in (("catalog", "import", str(catalog)), ("calendar", "import", str(days))):
        nobody = cli(*command)
        assert nobody.returncode == 1 and "--officer" in nobody.stderr, nobody.stderr
        refused = cli(*command, "--officer", "totruong", "--password-stdin", stdin="mat-khau-2\n")
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert "Chỉ quản trị (admin) được thay đổi cấu hình, danh mục thủ tục, lịch ngày nghỉ" in refused.stderr
        assert "Phạm Văn Tổ là lãnh đạo" in refused.stderr and "only an admin may" in refused.stderr
    assert "9.000001" not in cli("catalog", "search", "Thủ tục thử").stdout
    done = cli("catalog", "import", str(catalog), "--officer", "quantri", env=ADMIN)
    assert done.returncode == 0, done.stderr
    assert "9.000001" in cli("catalog", "search", "Thủ tục thử").stdout
    assert cli("calendar", "import", str(days), "--officer", "quantri", env=ADMIN).returncode == 0
