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


def test_users_are_added_listed_disabled_and_get_new_passwords(cli):
    done = cli("user", "add", "binhtv", "--full-name", "Trần Văn Bình", "--role", "officer", "--title",
               "Công chức", "--password-stdin", stdin="mat-khau-1\n")
    assert done.returncode == 0, done.stderr
    taken = cli("user", "add", "binhtv", "--full-name", "Ai Đó", "--role", "officer", "--password-stdin",
                stdin="mat-khau-1\n")
    assert taken.returncode == 1 and "đã có" in taken.stderr and "Traceback" not in taken.stderr
    bad = cli("user", "add", "x", "--full-name", "X Y", "--role", "boss", "--password-stdin", stdin="mat-khau-1\n")
    assert bad.returncode == 2  # argparse: not a role
    listed = json.loads(cli("user", "list", "--json").stdout)
    assert listed == [{"username": "binhtv", "full_name": "Trần Văn Bình", "title": "Công chức", "phone": "",
                       "role": "officer", "disabled": False, "source": "local"}]
    assert cli("user", "disable", "binhtv").returncode == 0
    assert json.loads(cli("user", "list", "--json").stdout)[0]["disabled"] is True
    assert cli("user", "enable", "binhtv").returncode == 0
    assert cli("user", "passwd", "binhtv", "--password-stdin", stdin="mat-khau-9\n").returncode == 0
    assert cli("user", "passwd", "nobody", "--password-stdin", stdin="mat-khau-9\n").returncode == 1


def test_with_users_the_officer_must_sign_in_and_the_role_decides(app_ctx, cli):
    code = create_dossier(app_ctx, request_dict(), "Nguyễn Văn Kiểm").code
    # no users yet: today's behaviour, the configured officer acts
    assert cli("dossier", "set-status", code, "5").returncode == 0
    for name, full, role, pw in (("binhtv", "Trần Văn Bình", "officer", "mat-khau-1"),
                                 ("totruong", "Phạm Văn Tổ", "supervisor", "mat-khau-2")):
        assert cli("user", "add", name, "--full-name", full, "--role", role, "--password-stdin",
                   stdin=pw + "\n").returncode == 0

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
    done = cli("dossier", "refuse", code, "--reason", "Giấy tờ giả", "--officer", "totruong",
               env={"COUNTERAPP_PASSWORD": "mat-khau-2"})
    assert done.returncode == 0, done.stderr
    with app_ctx.sessions() as s:
        d = get_by_code(s, code)
        assert d.status == 3
        assert [c.by for c in d.status_changes][-2:] == ["Trần Văn Bình", "Phạm Văn Tổ"]  # full names recorded
