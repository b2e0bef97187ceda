"""`python -m counterapp dossier resolve|return|set-status|pay|reschedule` as an officer runs
them: a separate process on the same data folder, refusals on stderr with exit status 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from counterapp.dossiers.intake import create_dossier
from counterapp.dossiers.queries import get_by_code
from tests.dossiers.conftest import HCM, request_dict

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(proc_ctx):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO), COUNTERAPP_DATA_DIR=str(proc_ctx.data_dir))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "counterapp", *args, "--data-dir", str(proc_ctx.data_dir)],
                              env=env, capture_output=True, text=True, timeout=120, cwd=REPO)

    return run


def _show(cli, code: str) -> dict:
    done = cli("dossier", "show", code, "--json", "--officer", "Cán bộ A")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_return_needs_a_done_dossier_then_records_who_collected_it(proc_ctx, cli):
    code = create_dossier(proc_ctx, request_dict(), "Cán bộ A").code
    refused = cli("dossier", "return", code, "--to", "Trần Thị Cúc", "--id-number", "022190000111")
    assert refused.returncode == 1 and refused.stdout == ""
    assert '"Được tiếp nhận" (2)' in refused.stderr and "Đã xử lý xong (9)" in refused.stderr
    assert "record it as resolved first" in refused.stderr and "Traceback" not in refused.stderr
    assert _show(cli, code)["status"] == 2

    both = cli("dossier", "return", code, "--to", "X", "--applicant")
    assert both.returncode == 2 and "not allowed with" in both.stderr  # argparse: one or the other

    done = cli("dossier", "resolve", code, "--officer", "Cán bộ A")
    assert done.returncode == 0, done.stderr
    done = cli("dossier", "return", code, "--to", "Trần Thị Cúc", "--id-number", "022190000111", "--officer", "Cán bộ A")
    assert done.returncode == 0 and "Trần Thị Cúc" in done.stdout
    shown = _show(cli, code)
    assert shown["status"] == 10 and shown["returned_to_id_number"] == "022190000111"
    assert [h["to_status"] for h in shown["history"]] == [2, 9, 10]
    text = cli("dossier", "show", code).stdout
    assert "Trần Thị Cúc (giấy tờ / ID 022190000111)" in text


def test_return_to_the_applicant(proc_ctx, cli):
    code = create_dossier(proc_ctx, request_dict(), "Cán bộ A").code
    assert cli("dossier", "set-status", code, "9", "--note", "Đã ký").returncode == 0
    done = cli("dossier", "return", code, "--applicant")
    assert done.returncode == 0, done.stderr
    shown = _show(cli, code)
    assert shown["returned_to"] == "Nguyễn Văn An" and shown["returned_to_applicant"] is True


def test_set_status_pauses_and_resumes_the_clock(proc_ctx, cli):
    code = create_dossier(proc_ctx, request_dict(received_at=datetime(2026, 3, 2, 9, 0, tzinfo=HCM).isoformat()),
                          "Cán bộ A").code
    assert cli("dossier", "set-status", code, "6", "--note", "Chờ nộp lệ phí").returncode == 0
    shown = _show(cli, code)
    assert shown["status"] == 6 and shown["paused_since"] is not None
    assert code not in cli("dossier", "list", "--overdue").stdout  # waiting on the citizen
    refused = cli("dossier", "set-status", code, "10")
    assert refused.returncode == 1 and "dossier return" in refused.stderr
    assert cli("dossier", "set-status", code, "4").returncode == 0
    shown = _show(cli, code)
    assert shown["paused_since"] is None and shown["current_due_at"] >= shown["due_at"]
    bad = cli("dossier", "set-status", code, "1")
    assert bad.returncode == 1 and '"Đang xử lý" (4)' in bad.stderr and '"Mới đăng ký" (1)' in bad.stderr


def test_pay_then_print_the_fee_receipt(proc_ctx, cli, tmp_path):
    code = create_dossier(proc_ctx, request_dict(), "Cán bộ A").code
    pdf = tmp_path / "fee.pdf"
    unpaid = cli("print", "fee_receipt", code, "--pdf", str(pdf))
    assert unpaid.returncode != 0 and "chưa ghi nhận thu" in unpaid.stderr and not pdf.exists()
    bad = cli("dossier", "pay", code, "--method", "gold")
    assert bad.returncode == 1 and "payment method" in bad.stderr
    done = cli("dossier", "pay", code, "--method", "transfer", "--at", "2026-03-02T09:15", "--officer", "Cán bộ A")
    assert done.returncode == 0 and "50.000" in done.stdout
    again = cli("dossier", "pay", code)
    assert again.returncode == 1 and "đã thu rồi" in again.stderr
    printed = cli("print", "fee_receipt", code, "--pdf", str(pdf))
    assert printed.returncode == 0, printed.stderr
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "GIẤY BIÊN NHẬN ĐÃ THU PHÍ, LỆ PHÍ" in text and "Thời điểm thu tiền: 09:15 02/03/2026" in text
    with proc_ctx.sessions() as s:
        [fee] = get_by_code(s, code).fees
        assert fee.paid_at == datetime(2026, 3, 2, 9, 15, tzinfo=HCM) and fee.method == "transfer"


def test_a_late_new_date_needs_a_supervisor(proc_ctx, cli):
    code = create_dossier(proc_ctx, request_dict(), "Cán bộ A").code  # due 05/03/2026, long past
    refused = cli("dossier", "reschedule", code, "--new-date", "2030-01-10T09:00", "--reason", "Chờ xác minh")
    assert refused.returncode == 1 and "lãnh đạo" in refused.stderr and "supervisor" in refused.stderr
    assert _show(cli, code)["rescheduled_due_at"] is None
    done = cli("dossier", "reschedule", code, "--new-date", "2030-01-10T09:00", "--reason", "Chờ xác minh",
               "--supervisor", "Phạm Văn Tổ")
    assert done.returncode == 0, done.stderr
    assert "09:00 10/01/2030" in done.stdout
    shown = _show(cli, code)
    assert shown["reschedule_supervisor"] == "Phạm Văn Tổ" and shown["history"][-1]["supervisor"] == "Phạm Văn Tổ"
