"""`counterapp calendar import|show` and `counterapp duedate`, run through the real CLI entry."""

from __future__ import annotations

import json

import pytest

from counterapp.cli import main

from .conftest import write_days


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_duedate_json_across_tet(data_dir, capsys):
    # Fri 13/2/2026 10:00 + 2 workdays: Fri 330 min, Tết 16-20/2 and two weekends off,
    # Mon 23/2 480 min, Tue 24/2 07:30 + 150 min = 10:00.
    code, out, err = run(
        capsys, "duedate", "--received", "2026-02-13T10:00", "--duration", "2", "--unit", "workday",
        "--json", "--data-dir", str(data_dir),
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["received"] == "2026-02-13T10:00"
    assert data["start"] == "2026-02-13T10:00"
    assert data["due"] == "2026-02-24T10:00"
    assert data["unit"] == "workday"
    assert data["duration"] == 2


def test_duedate_with_cutoff_and_plain_output(data_dir, capsys):
    # Fri 6/3/2026 17:00 with cut-off 15:00: counts from Mon 9/3 07:30; + 1 h = 08:30.
    code, out, _ = run(
        capsys, "duedate", "--received", "2026-03-06T17:00", "--duration", "1", "--unit", "workhour",
        "--cutoff", "15:00", "--data-dir", str(data_dir),
    )
    assert code == 0
    assert "08:30 09/03/2026" in out
    assert "07:30 09/03/2026" in out  # counting start shown too


def test_duedate_uses_imported_make_up_day(data_dir, tmp_path, capsys):
    path = write_days(tmp_path / "lich.json", [{"date": "2026-03-07", "kind": "work", "name": "Làm bù"}])
    code, out, _ = run(capsys, "calendar", "import", str(path), "--data-dir", str(data_dir))
    assert code == 0
    assert "added: 1" in out
    # Fri 6/3 16:30 + 2 h: 60 min Fri, then Saturday 7/3 (make-up day) 07:30 + 60 = 08:30.
    code, out, _ = run(
        capsys, "duedate", "--received", "2026-03-06T16:30", "--duration", "2", "--unit", "Giờ làm việc",
        "--json", "--data-dir", str(data_dir),
    )
    assert code == 0
    assert json.loads(out)["due"] == "2026-03-07T08:30"


def test_duedate_day_unit_and_half_day(data_dir, capsys):
    # "day": close of Tue 3/3 (17:30) + 10 calendar days = Fri 13/3 17:30.
    code, out, _ = run(capsys, "duedate", "--received", "2026-03-03T09:00", "--duration", "10", "--unit", "day",
                       "--json", "--data-dir", str(data_dir))
    assert code == 0 and json.loads(out)["due"] == "2026-03-13T17:30"
    # 0.5 workday from Tue 10:00: 90 min to 11:30, 150 after 13:30 -> 16:00.
    code, out, _ = run(capsys, "duedate", "--received", "2026-03-03T10:00", "--duration", "0.5", "--unit", "workday",
                       "--json", "--data-dir", str(data_dir))
    assert code == 0
    assert json.loads(out)["due"] == "2026-03-03T16:00"
    assert json.loads(out)["duration"] == 0.5


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--received", "2026-13-01T10:00", "--duration", "1", "--unit", "workday"], "--received"),
        (["--received", "hôm nay", "--duration", "1", "--unit", "workday"], "--received"),
        (["--received", "2026-03-03", "--duration", "1", "--unit", "workday"], "thiếu giờ"),
        (["--received", "2026-03-03T10:00", "--duration", "-1", "--unit", "workday"], "--duration"),
        (["--received", "2026-03-03T10:00", "--duration", "ba", "--unit", "workday"], "--duration"),
        (["--received", "2026-03-03T10:00", "--duration", "1", "--unit", "week"], "unknown time unit"),
        (["--received", "2026-03-03T10:00", "--duration", "1", "--unit", "workday", "--cutoff", "25:00"], "--cutoff"),
        (["--received", "2026-03-03T10:00", "--duration", "1", "--unit", "workday", "--cutoff", "3pm"], "--cutoff"),
    ],
)
def test_duedate_bad_input_exits_2(data_dir, capsys, args, fragment):
    code, out, err = run(capsys, "duedate", *args, "--data-dir", str(data_dir))
    assert code == 2
    assert fragment in err
    assert out == ""


def test_calendar_import_exit_codes(data_dir, tmp_path, capsys):
    partly = write_days(
        tmp_path / "partly.json",
        [{"date": "2026-03-07", "kind": "work"}, {"date": "2026-03-08", "kind": "maybe"}],
    )
    code, out, _ = run(capsys, "calendar", "import", str(partly), "--data-dir", str(data_dir))
    assert code == 1
    assert "refused: 1" in out and "days[1]" in out and "'kind'" in out

    not_json = tmp_path / "broken.json"
    not_json.write_text("ngày nghỉ: 7/3", encoding="utf-8")
    code, out, err = run(capsys, "calendar", "import", str(not_json), "--data-dir", str(data_dir))
    assert code == 2
    assert "không phải JSON" in err and "is not JSON" in err

    code, out, _ = run(capsys, "calendar", "import", str(partly), "--json", "--data-dir", str(data_dir))
    assert code == 1
    data = json.loads(out)
    assert data["added"] == 0 and data["unchanged"] == 1 and len(data["refused"]) == 1


def test_calendar_show(data_dir, tmp_path, capsys):
    path = write_days(tmp_path / "lich.json", [{"date": "2026-03-07", "kind": "work", "name": "Làm bù"}])
    assert run(capsys, "calendar", "import", str(path), "--data-dir", str(data_dir))[0] == 0
    code, out, _ = run(capsys, "calendar", "show", "--year", "2026", "--json", "--data-dir", str(data_dir))
    assert code == 0
    days = {d["date"]: d for d in json.loads(out)["days"]}
    assert "2026-11-24" not in days  # Vietnam Cultural Day: not a default day off
    assert days["2026-01-02"]["kind"] == "off" and days["2026-01-02"]["source"] == "default"
    assert days["2026-01-10"]["kind"] == "work"  # the New Year make-up Saturday
    assert days["2026-02-17"]["kind"] == "off"
    assert days["2026-03-07"] == {"date": "2026-03-07", "kind": "work", "name": "Làm bù", "source": "import"}
    assert all(d.startswith("2026-") for d in days)
    code, out, _ = run(capsys, "calendar", "show", "--year", "2026", "--data-dir", str(data_dir))
    assert code == 0
    assert "2026-01-02" in out and "Nghỉ hoán đổi" in out and "2026-11-24" not in out
