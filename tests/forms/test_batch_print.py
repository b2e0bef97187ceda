"""Batch printing (counterapp/forms/batch.py, `counterapp print FORM CODE1 CODE2 ...`): one PDF
with every dossier's pages, one print-log row per dossier, dossiers the form does not fit set
aside with the reason."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from counterapp.app import AppContext
from counterapp.clock import site_now
from counterapp.db.engine import session_scope
from counterapp.dossiers.intake import create_dossier, refuse_intake
from counterapp.dossiers.models import PrintRecord
from counterapp.dossiers.print_log import record_print
from counterapp.dossiers.queries import get_by_code
from counterapp.forms.batch import log_batch, prepare_batch, read_codes_file, render_batch_pdf
from tests.forms.conftest import pdf_pages, pdf_text
from tests.forms.test_dossier_forms import HCM, ctx, intake, run_cli  # noqa: F401 - ctx is a fixture

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("Nguyễn Thị Hồng Đào", "Trần Văn Bình", "Lê Thị Thu")


def _three(ctx: AppContext) -> list[str]:
    codes = []
    for day, name in zip((2, 3, 4), NAMES, strict=True):
        request = intake(received_at=datetime(2026, 3, day, 9, 0, tzinfo=HCM).isoformat())
        request["applicant"] = dict(request["applicant"], name=name)
        codes.append(create_dossier(ctx, request, officer="Trần Văn Bình").code)
    return codes


def _page_texts(path: Path) -> list[str]:
    return [pdf_text(path, first=n, last=n) for n in range(1, len(pdf_pages(path)) + 1)]


def _records(ctx: AppContext) -> list[PrintRecord]:
    with ctx.sessions() as session:
        return list(session.scalars(select(PrintRecord).order_by(PrintRecord.id)))


def test_a_batch_of_three_reprints_is_one_pdf_logged_per_dossier(gui, ctx: AppContext, tmp_path: Path, capsys) -> None:
    codes = _three(ctx)
    with session_scope(ctx.writer_sessions) as session:  # each receipt was printed once at intake
        for code in codes:
            record_print(session, get_by_code(session, code), "receipt", "Trần Văn Bình", "printer", 2)
    out = tmp_path / "receipts.pdf"
    status, stdout, err = run_cli(["print", "receipt", *codes, "--pdf", str(out), "--officer", "Lê Thu"], capsys)
    assert status == 0, err
    result = json.loads(stdout)
    assert result["codes"] == codes and result["skipped"] == []
    assert result["printed"] == [{"code": c, "reprint": True} for c in codes]
    # One PDF: two copies of each receipt, in the order given, each page naming its own dossier.
    pages = _page_texts(out)
    assert len(pages) == 6
    for index, code in enumerate(codes):
        for page in pages[2 * index:2 * index + 2]:
            assert code in page and NAMES[index] in page
            assert all(other not in page for other in codes if other != code)
    batch_rows = [r for r in _records(ctx) if r.printed_by == "Lê Thu"]
    with ctx.sessions() as session:
        logged = [get_by_code(session, c).id for c in codes]
    assert [r.dossier_id for r in batch_rows] == logged
    assert all(r.reprint and r.form == "receipt" and r.target == "pdf" and r.copies == 2 for r in batch_rows)
    assert all(json.loads(r.details_json)["batch"] == 3 for r in batch_rows)


def test_codes_file_sets_aside_what_the_form_does_not_fit(gui, ctx: AppContext, tmp_path: Path, capsys) -> None:
    codes = _three(ctx)[:2]
    refused = refuse_intake(ctx, intake(), "Không thuộc thẩm quyền", "Trần Văn Bình").code
    listing = tmp_path / "codes.txt"
    listing.write_text(f"# hồ sơ cần in lại\n{codes[0]}\n{refused}, H49.22-000000-0000\n{codes[1]}\n{codes[0]}\n",
                       encoding="utf-8")
    assert read_codes_file(listing) == [codes[0], refused, "H49.22-000000-0000", codes[1]]
    out = tmp_path / "batch.pdf"
    status, stdout, err = run_cli(["print", "receipt", "--codes-file", str(listing), "--pdf", str(out)], capsys)
    assert status == 1  # some set aside: said, and the others printed
    result = json.loads(stdout)
    assert result["codes"] == codes
    assert [s["code"] for s in result["skipped"]] == [refused, "H49.22-000000-0000"]
    assert "Không tìm thấy hồ sơ" in err and refused in err
    text = pdf_text(out)
    assert all(c in text for c in codes) and refused not in text
    assert len(pdf_pages(out)) == 4
    assert [r.reprint for r in _records(ctx)] == [False, False]


def test_form_04_for_the_overdue_among_the_selected(gui, ctx: AppContext, tmp_path: Path, capsys) -> None:
    late = _three(ctx)[:2]  # appointments in March 2026: long past
    fresh_request = intake(received_at=site_now(HCM).isoformat())
    fresh = create_dossier(ctx, fresh_request, officer="Trần Văn Bình").code
    new_date = (site_now(HCM) + timedelta(days=10)).replace(hour=15, minute=30, second=0, microsecond=0)
    argv = ["print", "apology", *late, fresh, "--new-date", new_date.strftime("%Y-%m-%dT%H:%M"),
            "--reason", "Chờ kết quả xác minh", "--supervisor", "Phạm Văn Tổ", "--pdf", str(tmp_path / "04.pdf")]
    status, stdout, err = run_cli(argv, capsys)
    assert status == 1 and "chưa quá hạn" in err  # the one on time is named, not printed
    result = json.loads(stdout)
    assert result["codes"] == late and [s["code"] for s in result["skipped"]] == [fresh]
    pages = _page_texts(tmp_path / "04.pdf")
    assert len(pages) == 2 and late[0] in pages[0] and late[1] in pages[1]
    assert all("Chờ kết quả xác minh" in p for p in pages)
    with ctx.sessions() as session:  # the new date is recorded on each late dossier, not on the other
        assert [get_by_code(session, c).reschedule_reason for c in (*late, fresh)] == [
            "Chờ kết quả xác minh", "Chờ kết quả xác minh", None]
    # Printed again without a new date: the recorded one, marked as reprints.
    status, stdout, err = run_cli(["print", "apology", *late, "--pdf", str(tmp_path / "again.pdf")], capsys)
    assert status == 0, err
    assert json.loads(stdout)["printed"] == [{"code": c, "reprint": True} for c in late]


def test_routing_slips_through_the_core(gui, ctx: AppContext, tmp_path: Path) -> None:
    codes = _three(ctx)
    batch = prepare_batch(ctx, "routing_slip", codes, "Lê Thu")
    assert batch.codes == codes and not batch.skipped
    path = render_batch_pdf(batch, tmp_path / "slips.pdf", ctx.config, ctx.data_dir)
    pages = _page_texts(path)
    assert [next(c for c in codes if c in page) for page in pages] == codes
    assert [row["reprint"] for row in log_batch(ctx, batch, "printer", details={"printer": "Văn phòng"})] == [False] * 3
    assert [r.target for r in _records(ctx)] == ["printer"] * 3


def test_an_unknown_printer_is_named_and_nothing_is_lost(gui, ctx: AppContext, tmp_path: Path, capsys) -> None:
    codes = _three(ctx)[:2]
    status, stdout, err = run_cli(["print", "receipt", *codes, "--printer", "Khong-co-may-nay"], capsys)
    assert status == 2 and stdout == ""
    assert "Không có máy in 'Khong-co-may-nay'" in err and "no printer named" in err
    assert _records(ctx) == []  # nothing printed, nothing logged
    out = tmp_path / "kept.pdf"
    status, stdout, err = run_cli(["print", "receipt", codes[0], "--printer", "Khong-co-may-nay", "--pdf", str(out)],
                                  capsys)
    assert status == 1 and "no printer named" in err
    assert json.loads(stdout)["pdf"] == str(out) and codes[0] in pdf_text(out)
    assert [r.target for r in _records(ctx)] == ["pdf"]


def test_the_real_command_line_takes_many_codes(gui, ctx: AppContext, data_dir: Path, tmp_path: Path) -> None:
    """The entry point itself in a child process (as the window runs it), not only the parser."""
    codes = _three(ctx)[:2]
    out = tmp_path / "cli.pdf"
    run = subprocess.run(
        [sys.executable, "-m", "counterapp", "--data-dir", str(data_dir), "print", "routing_slip", *codes, "--pdf",
         str(out)],
        capture_output=True, text=True, check=False, cwd=ROOT, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["codes"] == codes and all(c in pdf_text(out) for c in codes)
