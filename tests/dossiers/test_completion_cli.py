"""Headless: an incomplete dossier is refused by `dossier create`, gets form 02 from
`print completion_request --intake`, and is received later with `dossier receive-request`."""

from __future__ import annotations

import json
import subprocess

from sqlalchemy import func, select

from counterapp.cli import main
from counterapp.dossiers.models import DailySequence
from tests.dossiers.conftest import request_dict

LACKING = [
    {"document_code": "TP1", "name": "Tờ khai đăng ký khai sinh", "originals": 1},
    {"document_code": "TP2", "name": "Giấy chứng sinh"},
    {"document_code": "TP3", "name": "Bản sao giấy tờ tùy thân", "form": "photocopy"},
]


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _pdf_text(path) -> str:
    return " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def test_incomplete_intake_is_refused_printed_as_form_02_and_received_later(qapp, proc_ctx, tmp_path, capsys):
    data_dir = str(proc_ctx.data_dir)
    intake = tmp_path / "intake.json"
    intake.write_text(json.dumps(request_dict(documents=LACKING, officer="Trần Thị Bình"), ensure_ascii=False),
                      encoding="utf-8")
    _, before, _ = _run(capsys, "dossier", "numbers", "--day", "2026-03-02", "--json", "--data-dir", data_dir)

    status, out, err = _run(capsys, "dossier", "create", "--json", str(intake), "--data-dir", data_dir)
    assert status == 1 and out == ""
    assert "không tiếp nhận" in err and "Giấy chứng sinh" in err and "Bản sao giấy tờ tùy thân" in err
    assert "print completion_request --intake" in err
    status, out, _ = _run(capsys, "dossier", "list", "--json", "--data-dir", data_dir)
    assert json.loads(out) == []
    _, after, _ = _run(capsys, "dossier", "numbers", "--day", "2026-03-02", "--json", "--data-dir", data_dir)
    assert json.loads(after) == json.loads(before)  # no number consumed
    with proc_ctx.sessions() as s:
        assert s.scalar(select(func.count()).select_from(DailySequence)) == 0

    pdf = tmp_path / "form02.pdf"
    status, out, _ = _run(capsys, "print", "completion_request", "--intake", str(intake), "--pdf", str(pdf),
                          "--reason", "Thiếu giấy chứng sinh bản chính", "--data-dir", data_dir)
    assert status == 0
    printed = json.loads(out)
    number = printed["request"]
    assert number == "YC260302-Q01-0001" and printed["recorded"] is True
    text = _pdf_text(pdf)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text and f"Số: {number}" in text
    assert "Giấy chứng sinh 1 1 bản chính" in text and "Bản sao giấy tờ tùy thân 1 1 bản sao" in text
    assert "Tờ khai đăng ký khai sinh" not in text  # handed in: not asked for
    assert "Lý do: Thiếu giấy chứng sinh bản chính" in text and "Trần Thị Bình" in text
    assert "Nguyễn Văn An" in text and "Mã hồ sơ" not in text  # not received: no dossier code
    status, out, _ = _run(capsys, "dossier", "list", "--json", "--data-dir", data_dir)
    assert json.loads(out) == []  # still nothing received

    status, out, _ = _run(capsys, "dossier", "requests", "--json", "--data-dir", data_dir)
    rows = json.loads(out)
    assert [(r["number"], r["status"]) for r in rows] == [(number, "open")]
    assert [m["name"] for m in rows[0]["missing"]] == ["Giấy chứng sinh", "Bản sao giấy tờ tùy thân"]

    again = tmp_path / "again.pdf"
    status, out, _ = _run(capsys, "print", "completion_request", "--request", number, "--pdf", str(again),
                          "--data-dir", data_dir)
    assert status == 0 and json.loads(out)["reprint"] is True and "Giấy chứng sinh" in _pdf_text(again)

    handed = tmp_path / "handed.json"
    handed.write_text(json.dumps({"documents": [{"document_code": "TP2", "originals": 1}]}), encoding="utf-8")
    status, out, err = _run(capsys, "dossier", "receive-request", number, "--json", str(handed),
                            "--officer", "Cán bộ B", "--data-dir", data_dir)
    assert status == 1 and out == "" and "Bản sao giấy tờ tùy thân" in err and "Còn thiếu" in err
    handed.write_text(json.dumps({"documents": [{"document_code": "TP2", "originals": 1},
                                                {"document_code": "TP3", "copies": 1}]}), encoding="utf-8")
    status, out, _ = _run(capsys, "dossier", "receive-request", number, "--json", str(handed),
                          "--officer", "Cán bộ B", "--data-dir", data_dir)
    assert status == 0
    code = out.strip()
    assert code.startswith("H49.22-")
    status, out, _ = _run(capsys, "dossier", "requests", "--status", "received", "--json", "--data-dir", data_dir)
    assert [(r["number"], r["dossier_code"]) for r in json.loads(out)] == [(number, code)]
    status, out, _ = _run(capsys, "dossier", "show", code, "--json", "--data-dir", data_dir)
    assert json.loads(out)["status"] == 2
    status, _, err = _run(capsys, "dossier", "receive-request", number, "--data-dir", data_dir)
    assert status == 1 and code in err


def test_print_needs_an_incomplete_intake(proc_ctx, tmp_path, capsys):
    data_dir = str(proc_ctx.data_dir)
    complete = tmp_path / "complete.json"
    complete.write_text(json.dumps(request_dict(), ensure_ascii=False), encoding="utf-8")
    status, out, err = _run(capsys, "print", "completion_request", "--intake", str(complete),
                            "--pdf", str(tmp_path / "x.pdf"), "--officer", "A", "--data-dir", data_dir)
    assert status == 1 and out == "" and "đã đủ giấy tờ" in err
    assert not (tmp_path / "x.pdf").exists()
    status, _, err = _run(capsys, "dossier", "receive-request", "YC000000-0001", "--data-dir", data_dir)
    assert status == 1 and "Không tìm thấy" in err
