"""`python -m counterapp dashboard ...` as a supervisor runs it: a separate process on the same
data folder holding the known data set (tests/reports/dashboard_data.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from counterapp.cli.dashboard import FIGURE_KEYS as CLI_KEYS
from counterapp.reports.today import FIGURE_KEYS
from tests.reports import dashboard_data as data

REPO = Path(__file__).resolve().parents[2]
AT = "2026-03-04T10:00"


@pytest.fixture
def cli(app_ctx):
    data.load(app_ctx)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO), COUNTERAPP_DATA_DIR=str(app_ctx.data_dir))
    env.pop("COUNTERAPP_PASSWORD", None)

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "counterapp", "--data-dir", str(app_ctx.data_dir), *args],
                              env=env, capture_output=True, text=True, timeout=120, cwd=REPO, input=stdin)
    run.ctx = app_ctx
    return run


def test_the_cli_offers_the_cores_figures():
    assert CLI_KEYS == FIGURE_KEYS


def test_today_list_and_queues_give_the_known_answers(cli):
    done = cli("dashboard", "today", "--at", AT, "--json")
    assert done.returncode == 0, done.stderr
    today = json.loads(done.stdout)
    assert {k: v["count"] for k, v in today["figures"].items()} == {k: len(v) for k, v in data.ANSWERS.items()}
    assert today["scope"] == "counter" and today["counter_id"] == "Q01"
    listed = json.loads(cli("dashboard", "list", "overdue", "--at", AT, "--json").stdout)
    assert {d["code"] for d in listed} == data.OVERDUE
    queues = json.loads(cli("dashboard", "queues", "--at", AT, "--json").stdout)
    assert [d["code"] for d in queues["due_soon"]] == data.DUE_SOON
    assert [d["code"] for d in queues["uncollected"]] == data.UNCOLLECTED
    assert [r["number"] for r in queues["follow_up"]] == data.FOLLOW_UP


def test_marks_from_the_command_line_and_refusals(cli):
    done = cli("dashboard", "follow-up", "YC260226-Q01-0001", "--note", "đã nhắn tin")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["by"] == "Nguyễn Văn Kiểm"  # the site's configured officer
    queues = json.loads(cli("dashboard", "queues", "--at", AT, "--json").stdout)
    assert [r["number"] for r in queues["follow_up"]] == ["YC260302-Q01-0001"]
    unknown = cli("dashboard", "call", "H49.22-000000-9999")
    assert unknown.returncode == 1 and "Không tìm thấy hồ sơ" in unknown.stderr and "Traceback" not in unknown.stderr
    bad = cli("dashboard", "today", "--at", "hôm qua")
    assert bad.returncode == 2 and "--at" in bad.stderr


def test_once_the_site_has_users_only_a_supervisor_reads_the_figures(cli):
    from counterapp.users.accounts import add_user

    add_user(cli.ctx, "binhtv", "Trần Văn Bình", "officer", "mat-khau-1")
    add_user(cli.ctx, "totruong", "Phạm Văn Tổ", "supervisor", "mat-khau-2")
    refused = cli("dashboard", "today", "--at", AT, "--officer", "binhtv", "--password-stdin", stdin="mat-khau-1\n")
    assert refused.returncode == 1 and "thống kê" in refused.stderr
    allowed = cli("dashboard", "today", "--at", AT, "--json", "--officer", "totruong", "--password-stdin",
                  stdin="mat-khau-2\n")
    assert allowed.returncode == 0, allowed.stderr
    assert json.loads(allowed.stdout)["figures"]["overdue"]["count"] == 5
