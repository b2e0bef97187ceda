"""The command-line face: `counterapp dossier ...` and `counterapp cccd ...`."""

from __future__ import annotations

import json

import pytest
import segno

from counterapp.cli import main
from tests.dossiers.conftest import request_dict
from tests.dossiers.test_cccd import GOOD


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_create_show_list_return(proc_ctx, tmp_path, capsys):
    data_dir = str(proc_ctx.data_dir)
    request = tmp_path / "intake.json"
    request.write_text(json.dumps(request_dict(), ensure_ascii=False), encoding="utf-8")

    status, out, _ = _run(capsys, "dossier", "create", "--json", str(request), "--officer", "Trần Thị Bình",
                          "--data-dir", data_dir)
    assert status == 0
    code = out.strip()
    assert code == "H49.22-260302-0001"

    status, out, _ = _run(capsys, "dossier", "show", code, "--json", "--data-dir", data_dir)
    shown = json.loads(out)
    assert status == 0 and shown["applicant"]["name"] == "Nguyễn Văn An" and shown["officer"] == "Trần Thị Bình"

    status, out, _ = _run(capsys, "dossier", "show", code, "--data-dir", data_dir)
    assert "Nguyễn Văn An" in out and "05/03/2026" in out  # appointment in local time

    status, out, _ = _run(capsys, "dossier", "list", "--text", "nguyen van", "--json", "--data-dir", data_dir)
    assert [row["code"] for row in json.loads(out)] == [code]
    status, out, _ = _run(capsys, "dossier", "list", "--status", "10", "--json", "--data-dir", data_dir)
    assert json.loads(out) == []
    status, out, _ = _run(capsys, "dossier", "list", "--from", "2026-03-03", "--json", "--data-dir", data_dir)
    assert json.loads(out) == []
    status, out, _ = _run(capsys, "dossier", "list", "--overdue", "--data-dir", data_dir)
    assert code in out  # due 5 March 2026, long past

    # Not processed yet: nothing is returned, and the officer is told why.
    status, out, err = _run(capsys, "dossier", "return", code, "--to", "Nguyễn Văn An", "--officer", "Cán bộ B",
                            "--data-dir", data_dir)
    assert status == 1 and out == ""
    assert "Được tiếp nhận" in err and "Đã trả kết quả" in err and "Đã xử lý xong (9)" in err
    status, out, _ = _run(capsys, "dossier", "resolve", code, "--officer", "Cán bộ B", "--data-dir", data_dir)
    assert status == 0
    status, out, _ = _run(capsys, "dossier", "return", code, "--to", "Nguyễn Văn An", "--officer", "Cán bộ B",
                          "--data-dir", data_dir)
    assert status == 0 and "Nguyễn Văn An" in out
    status, out, _ = _run(capsys, "dossier", "show", code, "--json", "--data-dir", data_dir)
    assert json.loads(out)["status"] == 10 and json.loads(out)["returned_to"] == "Nguyễn Văn An"

    status, _, err = _run(capsys, "dossier", "return", code, "--to", "X", "--data-dir", data_dir)
    assert status == 1 and "Đã trả kết quả" in err


def test_create_with_errors_prints_them_and_writes_nothing(proc_ctx, tmp_path, capsys):
    data_dir = str(proc_ctx.data_dir)
    request = tmp_path / "bad.json"
    bad = request_dict(applicant={"name": "", "id_number": "123"}, procedure_code="0.000000")
    request.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    status, out, err = _run(capsys, "dossier", "create", "--json", str(request), "--officer", "A", "--data-dir", data_dir)
    assert status == 1 and out == ""
    lines = err.strip().splitlines()
    assert any(line.startswith("procedure_code:") and "0.000000" in line for line in lines)
    assert any(line.startswith("applicant.name:") for line in lines)
    assert any(line.startswith("applicant.id_number:") for line in lines)
    status, out, _ = _run(capsys, "dossier", "list", "--json", "--data-dir", data_dir)
    assert json.loads(out) == []

    request.write_text("{not json", encoding="utf-8")
    status, _, err = _run(capsys, "dossier", "create", "--json", str(request), "--data-dir", data_dir)
    assert status == 1 and "JSON" in err

    status, _, err = _run(capsys, "dossier", "show", "H49.22-000000-0000", "--data-dir", data_dir)
    assert status == 1 and "Không tìm thấy hồ sơ" in err


def test_cccd_parse(data_dir, tmp_path, capsys):
    status, out, _ = _run(capsys, "cccd", "parse", GOOD + GOOD, "--json")
    card = json.loads(out)
    assert status == 0 and card["id_number"] == "001090012345" and card["date_of_birth"] == "1990-03-15"

    status, out, err = _run(capsys, "cccd", "parse", GOOD.replace("15031990", "30021990"), "--json")
    assert status == 1 and out == "" and "30/02/1990" in err

    image = tmp_path / "card.png"
    segno.make(GOOD, encoding="utf-8").save(image, scale=4)
    status, out, _ = _run(capsys, "cccd", "parse", "--image", str(image))
    assert status == 0 and "Nguyễn Văn An" in out and "15/03/1990" in out


def test_numbers_left(data_dir, capsys):
    (data_dir / "site.toml").write_text("[numbering]\nblocks = [[1, 10]]\nwarn_below = 20\n", encoding="utf-8")
    status, out, _ = _run(capsys, "dossier", "numbers", "--day", "2026-03-02", "--json")
    assert status == 0 and json.loads(out) == {"day": "2026-03-02", "remaining": 10, "low": True, "threshold": 20}


def test_unknown_status_is_refused(data_dir, capsys):
    status, _, err = _run(capsys, "dossier", "list", "--status", "11")
    assert status == 1 and "1 đến 10" in err
    with pytest.raises(SystemExit):
        main(["dossier", "list", "--status", "abc"])
