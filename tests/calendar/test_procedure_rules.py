"""A procedure's rule end to end: the catalog import reads it, site.toml overrides it, the intake
stores it with its explanation, `counterapp duedate --procedure` prints it; the shipped 2026 data."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from counterapp.app import open_app
from counterapp.calendar.service import default_holidays, import_calendar_file, load_calendar, official_calendar_path
from counterapp.catalog.importer import import_catalog_file
from counterapp.catalog.models import TimeLimit
from counterapp.cli import main
from counterapp.config import ConfigError, parse_site_config
from counterapp.dossiers.intake import create_dossier
from tests.catalog.conftest import procedure
from tests.dossiers.conftest import HCM, request_dict

from .conftest import local, write_days

BIRTH_TEXT = ("Ngay trong ngày tiếp nhận hồ sơ; Trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong "
              "ngày làm việc tiếp theo.")


def _record(code: str, amount: float = 1, unit: str = "Ngày làm việc", text: str | None = BIRTH_TEXT, **extra) -> dict:
    record = procedure(code, "Đăng ký khai sinh", **extra)
    record["CACHTHUCTHUCHIEN"] = [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": amount, "DONVITINH": unit,
                                                           "MOTA": text}]}]
    record["THANHPHANHOSO"] = []
    return record


def _import(ctx, tmp_path, records) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    report = import_catalog_file(ctx.sessions, path)
    assert report.refused == []


def _receive(ctx, code: str, when: datetime):
    return create_dossier(ctx, request_dict(procedure_code=code, documents=None, received_at=when.isoformat()), "Cán bộ A")


def test_import_records_the_rule_read_from_the_time_text(app_ctx, tmp_path):
    _import(app_ctx, tmp_path, [
        _record("1.001193"),
        _record("2.000815", 4, "Giờ làm việc", "Trong ngày tiếp nhận yêu cầu; nhận hồ sơ sau 16 giờ thì trả "
                "kết quả trong ngày làm việc tiếp theo."),
        _record("1.004859", 3, text="Trường hợp cần xác minh thì kéo dài không quá 03 ngày làm việc; bổ sung "
                "thông tin hộ tịch được giải quyết ngay trong ngày."),
        _record("9.000001", 0, text=None),
    ])
    with app_ctx.sessions() as s:
        rows = {tl.channel.procedure.code: (tl.same_day, tl.cutoff_time) for tl in s.scalars(select(TimeLimit))}
    assert rows == {"1.001193": (True, "15:00"), "2.000815": (True, "16:00"), "1.004859": (False, None),
                    "9.000001": (True, None)}


def test_birth_registration_friday_afternoon_is_due_that_evening(app_ctx, tmp_path):
    _import(app_ctx, tmp_path, [_record("1.001193", GIOTIEPNHANTOIDA="15:00")])
    # Friday 6/3/2026 14:30: before the 15:00 cut-off -> Friday 17:30 (used to be Monday 14:30).
    dossier = _receive(app_ctx, "1.001193", local(2026, 3, 6, 14, 30))
    assert dossier.due_at.astimezone(HCM) == local(2026, 3, 6, 17, 30)
    rule = dossier.due_rule
    assert rule["rule"] == "same_day" and rule["cutoff"] == "15:00" and rule["same_day"] is True
    assert rule["rule_text"].startswith("Trả trong ngày") and "Same day" in rule["rule_text"]
    assert rule["unit_text"] == "Ngày làm việc" and rule["channel"] == 1 and rule["calendar"]["counting_weekdays"]
    # Friday 15:20, after the cut-off -> Monday 17:30.
    late = _receive(app_ctx, "1.001193", local(2026, 3, 6, 15, 20))
    assert late.due_at.astimezone(HCM) == local(2026, 3, 9, 17, 30)


def test_cutoff_from_the_text_when_the_catalog_has_no_field(app_ctx, tmp_path):
    _import(app_ctx, tmp_path, [_record("2.000992", 4, "Giờ làm việc",
                                        "Trong ngày tiếp nhận yêu cầu; Trường hợp nhận hồ sơ sau 15 giờ thì trả "
                                        "kết quả trong ngày làm việc tiếp theo.")])
    dossier = _receive(app_ctx, "2.000992", local(2026, 3, 6, 15, 5))
    assert dossier.due_at.astimezone(HCM) == local(2026, 3, 9, 17, 30)
    assert dossier.due_rule["rule_source"] == {"same_day": "catalog_text", "cutoff": "catalog_text"}


def test_calendar_day_procedure_at_intake(app_ctx, tmp_path):
    _import(app_ctx, tmp_path, [_record("2.001263", 30, "Ngày", "30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.")])
    # Thu 1/10/2026 + 30 = Sat 31/10 -> Mon 2/11 17:30.
    dossier = _receive(app_ctx, "2.001263", local(2026, 10, 1, 9, 0))
    assert dossier.due_at.astimezone(HCM) == local(2026, 11, 2, 17, 30)
    assert dossier.due_rule["rule"] == "calendar_days" and "Điều 148" in dossier.due_rule["rule_text"]


def test_site_override_per_procedure(data_dir, tmp_path):
    (data_dir / "site.toml").write_text(
        '[due_rules."1.000001"]\nsame_day = true\ncutoff = "16:00"\n'
        '[due_rules."1.001193"]\nsame_day = false\ncutoff = ""\n',
        encoding="utf-8",
    )
    ctx = open_app(data_dir, seed_demo=False)
    try:
        _import(ctx, tmp_path, [_record("1.000001", 2, text=""), _record("1.001193", GIOTIEPNHANTOIDA="15:00")])
        # 1.000001: 2 working days in the catalog, made same-day with a 16:00 cut-off by the site.
        early = _receive(ctx, "1.000001", local(2026, 3, 6, 15, 30))
        assert early.due_at.astimezone(HCM) == local(2026, 3, 6, 17, 30)
        assert early.due_rule["rule_source"]["same_day"] == "site" and "cấu hình của đơn vị" in early.due_rule["rule_text"]
        assert _receive(ctx, "1.000001", local(2026, 3, 6, 16, 0)).due_at.astimezone(HCM) == local(2026, 3, 9, 17, 30)
        # 1.001193: the site turns same-day and the cut-off off: 1 working day from Fri 15:30 -> Mon 15:30.
        plain = _receive(ctx, "1.001193", local(2026, 3, 6, 15, 30))
        assert plain.due_at.astimezone(HCM) == local(2026, 3, 9, 15, 30)
        assert plain.due_rule["rule"] == "working_time" and plain.due_rule["cutoff"] is None
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("section", "fragment"),
    [
        ({"1.001193": {"same_day": "yes"}}, 'due_rules."1.001193".same_day'),
        ({"1.001193": {"cutoff": "3pm"}}, 'due_rules."1.001193".cutoff'),
        ({"1.001193": {"cutoff": "25:00"}}, 'due_rules."1.001193".cutoff'),
        ({"1.001193": {"sameday": True}}, "sameday"),
        ({"1.001193": True}, 'due_rules."1.001193"'),
    ],
)
def test_bad_site_override_names_the_key(section, fragment):
    with pytest.raises(ConfigError) as info:
        parse_site_config({"due_rules": section})
    assert fragment in str(info.value)


def test_bad_site_override_is_a_message_not_a_traceback(data_dir, capsys):
    (data_dir / "site.toml").write_text('[due_rules."1.001193"]\ncutoff = "15h"\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["duedate", "--received", "2026-03-06T14:30", "--duration", "1", "--unit", "workday",
              "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and 'due_rules."1.001193".cutoff' in err and "HH:MM" in err


def test_duedate_cli_with_a_procedure_prints_its_rule(app_ctx, data_dir, tmp_path, capsys):
    _import(app_ctx, tmp_path, [_record("1.001193", GIOTIEPNHANTOIDA="15:00")])
    code = main(["duedate", "--received", "2026-03-06T14:30", "--procedure", "1.001193", "--data-dir", str(data_dir)])
    out = capsys.readouterr().out
    assert code == 0
    assert "17:30 06/03/2026" in out and "Quy tắc / rule:" in out and "Trả trong ngày" in out
    code = main(["duedate", "--received", "2026-03-06T15:00", "--procedure", "1.001193", "--json",
                 "--data-dir", str(data_dir)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["due"] == "2026-03-09T17:30" and data["rule"] == "same_day" and data["cutoff"] == "15:00"
    code = main(["duedate", "--received", "2026-03-06T14:30", "--procedure", "9.999999", "--data-dir", str(data_dir)])
    assert code == 2 and "9.999999" in capsys.readouterr().err


def test_duedate_cli_same_day_flag_and_missing_unit(data_dir, capsys):
    code = main(["duedate", "--received", "2026-03-06T14:30", "--duration", "1", "--unit", "workday", "--same-day",
                 "--cutoff", "15:00", "--json", "--data-dir", str(data_dir)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["due"] == "2026-03-06T17:30" and "Same day" in data["rule_text"]
    code = main(["duedate", "--received", "2026-03-06T14:30", "--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    assert code == 2 and "--procedure" in captured.err and captured.out == ""


# ----------------------------------------------------------------------- shipped calendar data
def test_shipped_2026_file_cites_its_sources():
    data = json.loads(official_calendar_path(2026).read_text(encoding="utf-8"))
    sources = {s["id"]: s for s in data["sources"]}
    assert all(s["title"] for s in sources.values())
    assert "12729/VPCP-KGVX" in sources
    assert all(day["source"] in sources for day in data["days"])
    assert "2026-11-24" not in {d["date"] for d in data["days"]}
    assert [d["date"] for d in data["left_out"]] == ["2026-11-24"]


def test_site_adds_cultural_day_by_import(app_ctx, tmp_path):
    with app_ctx.sessions() as session:
        assert load_calendar(session, app_ctx.config, [2026]).is_working_day(date(2026, 11, 24))
    path = write_days(tmp_path / "vh.json", [{"date": "2026-11-24", "kind": "off", "name": "Ngày Văn hóa Việt Nam"}])
    import_calendar_file(app_ctx.sessions, path)
    with app_ctx.sessions() as session:
        cal = load_calendar(session, app_ctx.config, [2026])
    assert not cal.is_working_day(date(2026, 11, 24))


def test_years_without_shipped_data_use_the_library_minus_unconfirmed_days():
    days = default_holidays(2027)
    assert date(2027, 11, 24) not in days
    assert date(2027, 2, 8) in days and date(2027, 9, 2) in days  # Tết, National Day from the library


def test_a_catalog_imported_before_the_rule_was_recorded_is_read_from_its_text(app_ctx, tmp_path):
    _import(app_ctx, tmp_path, [_record("1.001193")])
    with app_ctx.sessions.begin() as s:  # as an import older than catalog_0003 left it
        for limit in s.scalars(select(TimeLimit)):
            limit.same_day = None
            limit.cutoff_time = None
    dossier = _receive(app_ctx, "1.001193", local(2026, 3, 6, 14, 30))
    assert dossier.due_at.astimezone(HCM) == local(2026, 3, 6, 17, 30)
    assert dossier.due_rule["cutoff"] == "15:00"  # "sau 15 giờ" in the text
