"""`counterapp report` as a supervisor runs it: JSON equal to the core's figures, files written,
bad dates refused with a message and the project's exit status, and (once the site has users)
only a role allowed to see statistics."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from counterapp.app import open_app
from counterapp.cli import main
from counterapp.users.accounts import add_user
from tests.reports.conftest import _site, build_month, expected

REPO = Path(__file__).resolve().parents[2]


def run(capsys, folder, *args: str) -> tuple[int, str, str]:
    status = main(["report", *args, "--data-dir", str(folder)])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_figures_equal_the_known_answers(month, capsys):
    ctx, items = month
    status, out, err = run(capsys, ctx.data_dir, "--from", "2026-03-01", "--to", "2026-03-31", "--by", "officer",
                           "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["source"] == "counter" and data["by"] == "officer"
    want = expected(items, "officer")
    got = {g["key"]: {k: g[k] for k in want[g["key"]]} for g in data["groups"]}
    assert got == want
    assert data["totals"]["received"] == 10 and data["totals"]["on_time_rate"] == 0.5714


def test_period_presets_and_dd_mm_yyyy(month, capsys):
    ctx, _ = month
    status, out, _ = run(capsys, ctx.data_dir, "--period", "week", "--date", "04/03/2026", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["period"] == {"from": "2026-03-02", "to": "2026-03-08", "kind": "week", "days": 7}
    assert data["totals"]["received"] == 5


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2026-02-30", "--to", "2026-03-31"], "--from: ngày không hợp lệ '2026-02-30'"),
    (["--from", "2026-03-31", "--to", "2026-03-01"], "trước ngày bắt đầu"),
    (["--from", "2026-03-01"], "Cần --from và --to"),
    (["--period", "month", "--from", "2026-03-01", "--to", "2026-03-02"], "không cả hai"),
    (["--period", "month", "--date", "hôm qua"], "--date: ngày không hợp lệ"),
    (["--from", "0099-03-01", "--to", "2026-03-01"], "--from:"),
])
def test_bad_dates_are_refused_with_exit_2(month, capsys, args, message):
    ctx, _ = month
    with pytest.raises(SystemExit) as done:
        run(capsys, ctx.data_dir, *args, "--json")
    assert done.value.code == 2
    _, err = capsys.readouterr()
    assert message in err and " / " in err and "Traceback" not in err


def test_xlsx_and_list(month, capsys, tmp_path):
    ctx, _ = month
    out_path = tmp_path / "thang3.xlsx"
    status, out, err = run(capsys, ctx.data_dir, "--from", "2026-03-01", "--to", "2026-03-31", "--by", "channel",
                           "--xlsx", str(out_path), "--list")
    assert status == 0, err
    summary = json.loads(out)
    assert summary["path"] == str(out_path) and summary["dossiers"] == 11 and summary["groups"] == 2
    book = load_workbook(out_path)
    assert book.sheetnames == ["Số liệu", "Theo tuần", "Danh sách"]
    labels = [r[2] for r in book["Số liệu"].iter_rows(min_row=2, values_only=True)]
    assert labels == ["Trực tiếp / at the counter", "Bưu chính / by post", "Tổng cộng"]


def test_pdf_from_a_separate_process_with_no_display(month, tmp_path):
    ctx, _ = month
    out_path = tmp_path / "thang3.pdf"
    env = dict(os.environ, QT_QPA_PLATFORM="", PYTHONPATH=str(REPO))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "counterapp", "report", "--from", "2026-03-01", "--to", "2026-03-31",
                           "--by", "field", "--pdf", str(out_path), "--data-dir", str(ctx.data_dir)],
                          env=env, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out_path), "-"], capture_output=True, text=True).stdout
    lines = {" ".join(line.split()) for line in text.splitlines()}
    assert "Số liệu theo lĩnh vực" in text and "Thủ tục tiếp nhận nhiều nhất" in text
    assert any(line.startswith("Hộ tịch 6 4 2 2 50,0%") for line in lines)


def test_unwritable_output_is_a_message_not_a_traceback(month, capsys, tmp_path):
    ctx, _ = month
    with pytest.raises(SystemExit) as done:
        run(capsys, ctx.data_dir, "--from", "2026-03-01", "--to", "2026-03-31",
            "--xlsx", str(tmp_path / "no" / "such" / "folder" / "x.xlsx"))
    assert done.value.code == 2
    assert "Không ghi được" in capsys.readouterr().err


@pytest.fixture
def with_users(tmp_path):
    folder = tmp_path / "data"
    _site(folder)
    ctx = open_app(folder, seed_demo=False)
    build_month(ctx)
    add_user(ctx, "admin", "Phạm Quản Trị", "admin", "mat-khau-admin")
    add_user(ctx, "binh", "Trần Thị Bình", "officer", "mat-khau-binh")
    add_user(ctx, "lanh.dao", "Hoàng Văn Lãnh", "supervisor", "mat-khau-ld")
    yield folder
    ctx.close()


def test_once_there_are_users_only_a_supervisor_or_admin_sees_reports(with_users, capsys, monkeypatch):
    args = ["--from", "2026-03-01", "--to", "2026-03-31", "--json"]
    with pytest.raises(SystemExit) as done:
        run(capsys, with_users, *args)
    assert done.value.code == 1
    assert "cần --officer" in capsys.readouterr().err
    monkeypatch.setenv("COUNTERAPP_PASSWORD", "mat-khau-binh")
    with pytest.raises(SystemExit) as done:
        run(capsys, with_users, *args, "--officer", "binh")
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "xem thống kê, báo cáo" in err and "see statistics and reports" in err
    monkeypatch.setenv("COUNTERAPP_PASSWORD", "sai")
    with pytest.raises(SystemExit) as done:
        run(capsys, with_users, *args, "--officer", "lanh.dao")
    assert done.value.code == 1
    monkeypatch.setenv("COUNTERAPP_PASSWORD", "mat-khau-ld")
    status, out, _ = run(capsys, with_users, *args, "--officer", "lanh.dao")
    assert status == 0 and json.loads(out)["totals"]["received"] == 10
