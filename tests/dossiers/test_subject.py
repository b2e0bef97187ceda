"""The person a procedure is about, apart from the applicant (counterapp/dossiers/subject.py):
recorded on the dossier and its outbox payload, checked field by field, which procedures
have one read from data, the CLI options and `dossier show`, and dossiers_0010 on a
database that already holds dossiers."""

from __future__ import annotations

import json
from datetime import timedelta

import sqlalchemy as sa
from alembic import command
from sqlalchemy import select

from counterapp.cli import main
from counterapp.clock import site_today
from counterapp.db.engine import session_scope
from counterapp.db.migrate import alembic_config
from counterapp.dossiers.intake import IntakeError, create_dossier, validate_intake
from counterapp.dossiers.intake_request import parse_date
from counterapp.dossiers.models import Dossier
from counterapp.dossiers.subject import SubjectIn, load_kinds, subject_kind, validate_subject
from counterapp.outbox import OutboxItem
from tests.dossiers.conftest import add_procedure, request_dict

CHILD = {"name": "Nguyễn Minh Khôi", "date_of_birth": "20/11/2025", "sex": "nam", "relationship": "cha"}


def _fields(errors) -> dict[str, str]:
    return {e.field: e.message for e in errors}


def test_subject_is_recorded_and_travels_in_the_outbox(proc_ctx):
    dossier = create_dossier(proc_ctx, request_dict(subject=CHILD), officer="Trần Thị Bình")
    assert (dossier.applicant_name, dossier.subject_name, dossier.applicant_relationship) == (
        "Nguyễn Văn An", "Nguyễn Minh Khôi", "cha")
    assert dossier.subject_sex == "Nam" and dossier.subject_date_of_birth.isoformat() == "2025-11-20"
    assert dossier.subject_id_number is None  # a newborn has none
    with proc_ctx.sessions() as s:
        payload = s.scalar(select(OutboxItem).where(OutboxItem.entity_id == dossier.uuid)).payload
    assert payload["applicant"]["name"] == "Nguyễn Văn An"
    assert payload["subject"] == {"name": "Nguyễn Minh Khôi", "date_of_birth": "2025-11-20", "sex": "Nam",
                                  "id_number": None, "note": None, "relationship": "cha", "authorisation": None}


def test_no_subject_is_none(proc_ctx):
    dossier = create_dossier(proc_ctx, request_dict(), officer="Trần Thị Bình")
    assert dossier.subject_name is None and dossier.applicant_relationship is None
    with proc_ctx.sessions() as s:
        assert s.scalar(select(OutboxItem)).payload["subject"] is None


def test_subject_checks(proc_ctx):
    tomorrow = (site_today() + timedelta(days=1)).strftime("%d/%m/%Y")
    cases = [
        ({"name": "Nguyễn Minh Khôi"}, "subject.relationship", "Thiếu quan hệ"),
        ({"date_of_birth": "20/11/2025", "relationship": "mẹ"}, "subject.name", "Thiếu họ tên"),
        ({"relationship": "mẹ"}, "subject.name", "Có quan hệ nhưng thiếu họ tên"),
        (CHILD | {"date_of_birth": tomorrow}, "subject.date_of_birth", "Ngày sinh ở tương lai"),
        (CHILD | {"date_of_birth": "31/02/2025"}, "subject.date_of_birth", "Ngày sinh không hợp lệ"),
        (CHILD | {"relationship": "người được ủy quyền"}, "subject.authorisation", "Thiếu giấy ủy quyền"),
        (CHILD | {"id_number": "12345"}, "subject.id_number", "12 chữ số"),
        (CHILD | {"sex": "x"}, "subject.sex", "Nam hoặc Nữ"),
    ]
    with proc_ctx.sessions() as s:
        for subject, field, message in cases:
            errors = _fields(validate_intake(s, request_dict(subject=subject)))
            assert message in errors.get(field, ""), (subject, errors)
        ok = CHILD | {"relationship": "người được ủy quyền", "authorisation": "Giấy ủy quyền số 12/2026"}
        assert validate_intake(s, request_dict(subject=ok)) == []
        assert validate_intake(s, request_dict(subject=CHILD | {"date_of_birth": site_today().isoformat()})) == []
    with session_scope(proc_ctx.sessions) as s:
        before = s.scalar(select(sa.func.count()).select_from(Dossier))
    try:
        create_dossier(proc_ctx, request_dict(subject={"name": "Nguyễn Minh Khôi"}), officer="Trần Thị Bình")
    except IntakeError as exc:
        assert "subject.relationship" in _fields(exc.errors)
    else:
        raise AssertionError("a subject without the relationship was received")
    with proc_ctx.sessions() as s:
        assert s.scalar(select(sa.func.count()).select_from(Dossier)) == before  # nothing written


def test_which_procedures_have_a_subject_is_data(tmp_path):
    assert subject_kind("1.001193", "Thủ tục đăng ký khai sinh").key == "birth"
    assert subject_kind("1.000656", "Thủ tục đăng ký khai tử").key == "death"
    assert subject_kind("1.004837", "Thủ tục đăng ký giám hộ").key == "guardianship"
    assert subject_kind("1.004884", "Thủ tục đăng ký lại khai sinh").key == "birth_again"
    assert subject_kind("2.000635", "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh") is None
    assert subject_kind("1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân") is None
    assert "mẹ" in subject_kind("1.001193", "Thủ tục đăng ký khai sinh").relationships
    rules = tmp_path / "subjects.toml"
    rules.write_text('[[kind]]\nkey = "x"\ntitle = "Trẻ được khai sinh"\ncodes = ["9.999"]\nname_required = true\n',
                     encoding="utf-8")
    (kind,) = load_kinds(rules)
    assert kind.matches("9.999", "anything") and not kind.matches("1.001193", "Thủ tục đăng ký khai sinh")
    errors: list[tuple[str, str]] = []
    validate_subject(SubjectIn(), kind, lambda path, vi, en: errors.append((path, vi)), parse_date)
    assert ("subject.name", "Thiếu họ tên trẻ được khai sinh") in errors


def test_the_deceased_is_required_for_khai_tu(app_ctx):
    add_procedure(app_ctx, "1.000656")
    with session_scope(app_ctx.sessions) as s:
        s.execute(sa.update(sa.table("procedures", sa.column("code"), sa.column("name")))
                  .where(sa.column("code") == "1.000656").values(name="Thủ tục đăng ký khai tử"))
    with app_ctx.sessions() as s:
        errors = _fields(validate_intake(s, request_dict(procedure_code="1.000656")))
        assert "Thiếu họ tên người đã chết" in errors["subject.name"]
        deceased = {"name": "Nguyễn Văn Tâm", "relationship": "con", "note": "chết ngày 25/11/2026"}
        assert validate_intake(s, request_dict(procedure_code="1.000656", subject=deceased)) == []


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_options_and_show(proc_ctx, tmp_path, capsys):
    data_dir = str(proc_ctx.data_dir)
    request = tmp_path / "intake.json"
    request.write_text(json.dumps(request_dict(), ensure_ascii=False), encoding="utf-8")
    status, out, err = _run(capsys, "dossier", "create", "--json", str(request), "--officer", "Trần Thị Bình",
                            "--subject-name", "Nguyễn Minh Khôi", "--data-dir", data_dir)
    assert status == 1 and out == "" and "subject.relationship" in err
    status, out, err = _run(capsys, "dossier", "create", "--json", str(request), "--officer", "Trần Thị Bình",
                            "--subject-name", "Nguyễn Minh Khôi", "--subject-birth-date", "20/11/2025",
                            "--subject-sex", "Nam", "--relationship", "người được ủy quyền",
                            "--authorisation", "Giấy ủy quyền số 12/2026", "--data-dir", data_dir)
    assert status == 0, err
    code = out.strip()
    status, out, _ = _run(capsys, "dossier", "show", code, "--json", "--data-dir", data_dir)
    shown = json.loads(out)
    assert shown["applicant"]["name"] == "Nguyễn Văn An"
    assert shown["subject"]["name"] == "Nguyễn Minh Khôi" and shown["subject"]["relationship"] == "người được ủy quyền"
    status, out, _ = _run(capsys, "dossier", "show", code, "--data-dir", data_dir)
    assert "quan hệ / relationship: người được ủy quyền; Giấy ủy quyền số 12/2026" in out
    assert "Về việc của / concerning: Nguyễn Minh Khôi (sinh / born 20/11/2025, Nam)" in out
    # The JSON file's own subject is used when no option overrides it.
    request.write_text(json.dumps(request_dict(subject=CHILD), ensure_ascii=False), encoding="utf-8")
    status, out, _ = _run(capsys, "dossier", "create", "--json", str(request), "--officer", "Trần Thị Bình",
                          "--relationship", "ông/bà", "--data-dir", data_dir)
    status, out, _ = _run(capsys, "dossier", "show", out.strip(), "--json", "--data-dir", data_dir)
    assert json.loads(out)["subject"]["relationship"] == "ông/bà" and json.loads(out)["subject"]["name"] == CHILD["name"]


def test_dossiers_0010_keeps_earlier_dossiers(proc_ctx):
    """Down to dossiers_0009 and up again: the dossier stays, with no subject, and the name
    search (dossiers_0004's triggers) still finds it."""
    from counterapp.dossiers.queries import list_dossiers

    code = create_dossier(proc_ctx, request_dict(), officer="Trần Thị Bình").code
    config = alembic_config(proc_ctx.engine)
    command.downgrade(config, "dossiers_0009")
    with proc_ctx.engine.connect() as conn:
        columns = [row[1] for row in conn.execute(sa.text("PRAGMA table_info(dossiers)"))]
    assert "subject_name" not in columns and "applicant_name" in columns
    command.upgrade(config, "heads")
    with proc_ctx.engine.connect() as conn:
        row = conn.execute(sa.text("SELECT applicant_name, subject_name, applicant_relationship FROM dossiers "
                                   "WHERE code = :c"), {"c": code}).one()
    assert tuple(row) == ("Nguyễn Văn An", None, None)
    create_dossier(proc_ctx, request_dict(applicant={"name": "Lê Thị Hoa", "id_number": None}, subject=CHILD),
                   officer="Trần Thị Bình")
    with proc_ctx.sessions() as s:
        assert [d.applicant_name for d in list_dossiers(s, text="le thi hoa")] == ["Lê Thị Hoa"]


def test_purging_personal_data_forgets_the_person_too(proc_ctx):
    from sqlalchemy import update

    from counterapp.db.base import utcnow
    from counterapp.dossiers.lifecycle import mark_returned, resolve_now
    from counterapp.outbox import OutboxState
    from counterapp.retention import purge_personal_data

    code = create_dossier(proc_ctx, request_dict(subject=CHILD | {"id_number": "001225000001",
                                                                 "note": "sinh tại bệnh viện"}), "Cán bộ A").code
    resolve_now(proc_ctx, code, "Cán bộ A")
    mark_returned(proc_ctx, code, "Nguyễn Văn An", officer="Cán bộ A")
    with session_scope(proc_ctx.sessions) as s:
        s.execute(update(OutboxItem).values(state=OutboxState.SYNCED.value, settled_at=utcnow()))
        s.execute(update(Dossier).values(updated_at=utcnow() - timedelta(days=4000), version=Dossier.version))
    assert purge_personal_data(proc_ctx, 365).dossiers == 1
    with proc_ctx.sessions() as s:
        d = s.scalar(select(Dossier).where(Dossier.code == code))
        assert (d.subject_name, d.subject_date_of_birth, d.subject_id_number, d.subject_note) == (None, None, None, None)


def test_the_childs_name_starts_with_the_fathers_surname_only_when_the_data_says_so() -> None:
    from counterapp.dossiers.subject import subject_kind, suggested_name_start

    birth = subject_kind("1.001193", "Thủ tục đăng ký khai sinh")
    assert suggested_name_start(birth, "cha", "Trần Văn Bình") == "Trần "
    assert suggested_name_start(birth, "mẹ", "Lê Thị Hoa") == ""  # the child's surname is the father's, unknown here
    assert suggested_name_start(birth, "", "Trần Văn Bình") == ""
    assert suggested_name_start(None, "cha", "Trần Văn Bình") == ""
    assert suggested_name_start(birth, "cha", "Bình") == ""  # one word: no surname to tell
