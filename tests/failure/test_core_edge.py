"""Validation at the core's edge (counterapp/validation.py): what the intake, the catalog
import and the calendar refuse before they store or compute, so that no later step crashes
or parks a dossier forever."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select, update

from counterapp import validation
from counterapp.catalog.models import Procedure, TimeLimit
from counterapp.db import session_scope
from counterapp.dossiers.intake import IntakeError, create_dossier
from tests.catalog.conftest import procedure
from tests.dossiers.conftest import PROCEDURE_CODE, add_procedure, request_dict
from tests.failure.conftest import run_main


def _fields(exc: IntakeError) -> set[str]:
    return {e.field for e in exc.errors}


# --------------------------------------------------------------------------- catalog time limits
def test_a_catalog_time_limit_of_1e300_is_refused_at_import(app_ctx, tmp_path, capsys):
    record = procedure("9.000001", "Thủ tục thử")
    record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["THOIGIANGIAIQUYET"] = 1e300
    good = procedure("9.000002", "Thủ tục tốt")
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps([record, good], ensure_ascii=False), encoding="utf-8")
    status, out, err = run_main(capsys, "catalog", "import", str(path))
    assert status == 1  # some refused, the good one imported
    assert "THOIGIANGIAIQUYET" in err and "3650" in err
    with app_ctx.sessions() as session:
        assert session.scalars(select(Procedure.code)).all() == ["9.000002"]


@pytest.mark.parametrize("amount, unit, refused", [
    (3650, "Ngày làm việc", False), (3651, "Ngày", True), (87_600, "Giờ làm việc", False),
    (87_601, "Giờ làm việc", True), (float("inf"), "Ngày", True),
])
def test_time_limit_bounds(amount, unit, refused):
    assert bool(validation.time_limit_problem(amount, unit)) is refused


def test_a_stored_time_limit_of_1e300_refuses_the_intake_instead_of_crashing(app_ctx):
    """A catalog loaded before this check may hold one: the intake says which procedure."""
    add_procedure(app_ctx)
    with session_scope(app_ctx.sessions) as session:
        session.execute(update(TimeLimit).values(amount=1e300))
    with pytest.raises(IntakeError) as caught:
        create_dossier(app_ctx, request_dict())
    assert "procedure_code" in _fields(caught.value)
    assert PROCEDURE_CODE in str(caught.value)


# --------------------------------------------------------------------------- the intake request
@pytest.fixture
def proc(app_ctx):
    add_procedure(app_ctx)
    return app_ctx


@pytest.mark.parametrize("value", ["not-a-uuid", "a" * 1000, "{" + str(uuid.uuid4()) + "}", str(uuid.uuid4()) + "0"])
def test_a_uuid_must_be_a_uuid(proc, value):
    with pytest.raises(IntakeError) as caught:
        create_dossier(proc, request_dict(uuid=value))
    assert "uuid" in _fields(caught.value)


def test_a_real_uuid_is_kept(proc):
    value = str(uuid.uuid4())
    assert create_dossier(proc, request_dict(uuid=value)).uuid == value


@pytest.mark.parametrize("year", [1800, 1900, 1999])
def test_a_receipt_year_the_code_cannot_tell_apart_is_refused(proc, year):
    """H49.22-YYMMDD-NNNN: 1800, 1900 and 2000 would all read "00"."""
    with pytest.raises(IntakeError) as caught:
        create_dossier(proc, request_dict(received_at=f"{year}-03-02T09:00:00+07:00"))
    assert "received_at" in _fields(caught.value)
    assert "2000" in str(caught.value) and "2099" in str(caught.value)


@pytest.mark.parametrize("field, value", [
    ("id_number", "٠٠١٠٩٠٠١٢٣٤٥"), ("id_number", "００１０９００１２３４５"), ("phone", "٠٩١٢٣٤٥٦٧٨"),
    ("old_id_number", "١٢٣٤٥٦٧٨٩"),
])
def test_digits_must_be_ascii(proc, field, value):
    with pytest.raises(IntakeError) as caught:
        create_dossier(proc, request_dict(applicant={field: value}))
    assert f"applicant.{field}" in _fields(caught.value)
    assert "0-9" in str(caught.value)


@pytest.mark.parametrize("overrides, field", [
    ({"summary": "x" * 4001}, "summary"),
    ({"applicant": {"street": "Số " * 300}}, "applicant.street"),
    ({"sets_count": 1001}, "sets_count"),
    ({"fees": [{"name": "Lệ phí", "amount_vnd": 10**13}]}, "fees.0.amount_vnd"),
    ({"documents": [{"name": "Tờ khai", "originals": 1001}]}, "documents.0.originals"),
])
def test_lengths_and_integers_are_bounded(proc, overrides, field):
    with pytest.raises(IntakeError) as caught:
        create_dossier(proc, request_dict(**overrides))
    assert field in _fields(caught.value)


# --------------------------------------------------------------------------- helpers used by the CLI
def test_bounded_int_for_argparse():
    import argparse

    parse = validation.bounded_int(1900, 2100)
    assert parse("2026") == 2026
    for bad in ("0", "9999", str(2**63), "1e3", "١٩٩٩"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse(bad)


def test_loads_json_names_each_problem():
    assert validation.loads_json(b"\xef\xbb\xbf{\"a\": 1}") == {"a": 1}  # a BOM is fine
    for data, words in ((b"\xff", "UTF-8"), (b"[" * 100_000, "sâu"), (b"{", "JSON"), ("[" * 70 + "]" * 70, "sâu")):
        with pytest.raises(validation.InvalidValue, match=words):
            validation.loads_json(data)


# --------------------------------------------------------------------------- the calendar
def test_calendar_days_outside_1900_2100_are_refused(app_ctx, tmp_path, capsys):
    path = tmp_path / "calendar.json"
    path.write_text(json.dumps({"days": [
        {"date": "0001-01-01", "kind": "off", "name": "năm 1"},
        {"date": "9999-12-31", "kind": "off", "name": "năm 9999"},
        {"date": "2026-09-03", "kind": "off", "name": "Quốc khánh"},
    ]}, ensure_ascii=False), encoding="utf-8")
    status, out, _ = run_main(capsys, "calendar", "import", str(path))
    assert status == 1
    assert "Thêm mới / added: 1" in out and "Từ chối / refused: 2" in out and "1900" in out
