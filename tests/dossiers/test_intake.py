"""Receiving dossiers: validation messages, the appointment, the outbox in the same
transaction, refusal, completion requests, returns, prints and drafts."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import func, select

from counterapp.db.engine import session_scope
from counterapp.dossiers.intake import (
    DossierNotFound,
    IncompleteDossier,
    IntakeError,
    StatusError,
    create_dossier,
    delete_draft,
    load_drafts,
    missing_documents,
    refuse_intake,
    save_draft,
    validate_intake,
)
from counterapp.dossiers.lifecycle import mark_returned, refuse_dossier, request_completion, set_status
from counterapp.dossiers.models import DailySequence, Dossier, StatusChange
from counterapp.dossiers.print_log import record_print
from counterapp.dossiers.queries import get_by_code
from counterapp.outbox import OutboxItem
from tests.dossiers.conftest import HCM, add_procedure, request_dict


def _errors(ctx, data):
    with ctx.sessions() as s:
        return {e.field: e.message for e in validate_intake(s, data)}


def _count(ctx, model):
    with ctx.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_valid_request_has_no_errors(proc_ctx):
    assert _errors(proc_ctx, request_dict()) == {}


@pytest.mark.parametrize(
    ("overrides", "field", "needle"),
    [
        ({"procedure_code": ""}, "procedure_code", "Thiếu mã thủ tục"),
        ({"procedure_code": "9.999999"}, "procedure_code", "Không tìm thấy thủ tục 9.999999"),
        ({"applicant": {"name": " "}}, "applicant.name", "Thiếu họ tên"),
        ({"applicant": {"id_number": "00109001234"}}, "applicant.id_number", "12 chữ số"),
        ({"applicant": {"id_number": "00109001234X"}}, "applicant.id_number", "12 chữ số"),
        ({"applicant": {"id_number": "001085012345"}}, "applicant.id_number", "năm sinh"),
        ({"applicant": {"sex": "Nữ"}}, "applicant.sex", "Giới tính không khớp"),
        ({"applicant": {"phone": "12345"}}, "applicant.phone", "Số điện thoại không hợp lệ"),
        ({"applicant": {"email": "an@"}}, "applicant.email", "email không hợp lệ"),
        ({"applicant": {"date_of_birth": "31/02/1990"}}, "applicant.date_of_birth", "Ngày sinh không hợp lệ"),
        ({"applicant": {"date_of_birth": "01/01/2990", "id_number": None}}, "applicant.date_of_birth", "tương lai"),
        ({"applicant": {"commune_code": "00070"}}, "applicant.commune_code", "không thuộc tỉnh 22"),
        ({"applicant": {"kind": "organization"}}, "applicant.org_name", "Thiếu tên tổ chức"),
        ({"applicant": {"kind": "organization", "org_name": "Công ty X"}}, "applicant.tax_code", "mã số thuế"),
        (
            {"applicant": {"kind": "organization", "org_name": "Công ty X", "tax_code": "12AB"}},
            "applicant.tax_code",
            "10 hoặc 13",
        ),
        ({"channel": 2}, "channel", "Kênh tiếp nhận"),
        ({"sets_count": 0}, "sets_count", "Số bộ"),
        ({"documents": [{"name": "Giấy X", "form": "scan"}]}, "documents.0.form", "Hình thức giấy tờ"),
        ({"documents": [{"name": "Giấy X", "originals": "hai"}]}, "documents.0.originals", "số nguyên"),
        ({"fees": [{"name": "Lệ phí", "amount_vnd": -5}]}, "fees.0.amount_vnd", "không được âm"),
    ],
)
def test_validation_messages(proc_ctx, overrides, field, needle):
    errors = _errors(proc_ctx, request_dict(**overrides))
    assert field in errors, errors
    assert needle.lower() in errors[field].lower()
    assert " / " in errors[field]  # Vietnamese / English


def test_organization_with_name_and_tax_code_is_accepted(proc_ctx):
    data = request_dict(
        applicant={"kind": "organization", "org_name": "Công ty TNHH Hạ Long Xanh", "tax_code": "5701234567",
                   "name": "Lê Văn Cường", "id_number": None}
    )
    dossier = create_dossier(proc_ctx, data, "Cán bộ A")
    assert dossier.applicant_name == "Công ty TNHH Hạ Long Xanh"
    assert dossier.representative == "Lê Văn Cường"
    assert dossier.applicant_name_folded == "cong ty tnhh ha long xanh"


def test_create_dossier_records_everything(proc_ctx):
    dossier = create_dossier(proc_ctx, request_dict(), "Trần Thị Bình")
    assert dossier.code == "H49.22-260302-0001"
    assert dossier.status == 2
    # 3 working days from Monday 09:00 -> Thursday 09:00
    assert dossier.due_at.astimezone(HCM) == datetime(2026, 3, 5, 9, 0, tzinfo=HCM)
    assert dossier.due_rule["unit"] == "workday" and dossier.due_rule["calendar"]["zone"] == "Asia/Ho_Chi_Minh"
    assert [d.missing for d in dossier.documents] == [False, False, False]
    assert dossier.fees_total_vnd == 50000  # the catalog fee, since the request named none
    assert dossier.address == "Số 5 đường Trần Hưng Đạo, Phường Hạ Long, Quảng Ninh"
    assert dossier.phone == "0912345678"
    assert dossier.ledger_line == 1
    with proc_ctx.sessions() as s:
        stored = get_by_code(s, dossier.code)
        assert stored.uuid == dossier.uuid
        assert [(c.from_status, c.to_status, c.by) for c in stored.status_changes] == [(None, 2, "Trần Thị Bình")]
        item = s.scalars(select(OutboxItem)).one()
        assert item.operation == "dossier.create" and item.entity_id == dossier.uuid
        assert item.payload["code"] == dossier.code
        assert item.payload["applicant"]["name"] == "Nguyễn Văn An"


def test_cutoff_moves_the_appointment(app_ctx):
    add_procedure(app_ctx, "2.000001", amount=1, cutoff="15:00")
    late = request_dict(procedure_code="2.000001", received_at=datetime(2026, 3, 2, 15, 30, tzinfo=HCM).isoformat())
    dossier = create_dossier(app_ctx, late, "Cán bộ A")
    # counted from Tuesday 07:30, one working day -> Tuesday 17:30
    assert dossier.due_at.astimezone(HCM) == datetime(2026, 3, 3, 17, 30, tzinfo=HCM)


def test_missing_documents_are_found_and_the_dossier_is_not_received(proc_ctx):
    data = request_dict(
        documents=[
            {"document_code": "TP1", "name": "Tờ khai đăng ký khai sinh", "originals": 1},
            {"document_code": "TP2", "name": "Giấy chứng sinh"},  # not handed in
            {"document_code": "TP3", "name": "Bản sao giấy tờ tùy thân", "form": "photocopy", "copies": 0},
            {"name": "Giấy xác nhận cư trú", "originals": 0, "required_originals": 1},  # not in the catalog
            {"name": "Giấy ủy quyền", "originals": 0, "required_originals": 1},  # added by the officer: applies
            {"name": "Sổ hộ khẩu", "missing": False, "note": "đã có trong CSDL dân cư"},
        ]
    )
    with proc_ctx.sessions() as s:
        missing = missing_documents(s, data)
    assert [(m["name"], m["originals"], m["copies"]) for m in missing] == [
        ("Giấy chứng sinh", 1, 0),  # required counts from the catalog
        ("Bản sao giấy tờ tùy thân", 0, 1),
        ("Giấy xác nhận cư trú", 1, 0),
        ("Giấy ủy quyền", 1, 0),
    ]
    with pytest.raises(IncompleteDossier) as info:
        create_dossier(proc_ctx, data, "Cán bộ A")
    message = str(info.value)
    assert "không tiếp nhận" in message and "Giấy chứng sinh" in message and "Giấy xác nhận cư trú" in message
    assert "not received" in message and "form 02" in message
    assert [m["name"] for m in info.value.missing] == [m["name"] for m in missing]
    photocopy_for_original = request_dict(
        documents=[
            {"document_code": "TP1", "name": "Tờ khai", "originals": 1},
            {"document_code": "TP2", "name": "Giấy chứng sinh", "form": "photocopy", "copies": 1},
            {"document_code": "TP3", "name": "Bản sao", "form": "original", "originals": 1},
        ]
    )
    with proc_ctx.sessions() as s:
        assert [m["name"] for m in missing_documents(s, photocopy_for_original)] == ["Giấy chứng sinh"]


def test_an_incomplete_dossier_writes_nothing(proc_ctx):
    every_missing = request_dict(documents=[
        {"document_code": "TP1", "name": "Tờ khai đăng ký khai sinh"},
        {"document_code": "TP2", "name": "Giấy chứng sinh"},
        {"document_code": "TP3", "name": "Bản sao giấy tờ tùy thân"},
    ])
    with session_scope(proc_ctx.sessions) as s:
        draft_uuid = save_draft(s, every_missing, "Cán bộ A").uuid
    with pytest.raises(IncompleteDossier):
        create_dossier(proc_ctx, dict(every_missing, draft_uuid=draft_uuid), "Cán bộ A")
    assert _count(proc_ctx, Dossier) == 0
    assert _count(proc_ctx, OutboxItem) == 0
    assert _count(proc_ctx, StatusChange) == 0
    assert _count(proc_ctx, DailySequence) == 0  # no code minted, no ledger line taken
    with proc_ctx.sessions() as s:
        assert [d.uuid for d in load_drafts(s)] == [draft_uuid]  # the typed intake is kept
    # handed in in full: received, with the first number of the day and ledger line 1
    dossier = create_dossier(proc_ctx, request_dict(), "Cán bộ A")
    assert dossier.code == "H49.22-260302-0001" and dossier.ledger_line == 1


def test_conditional_documents_are_required_only_when_their_case_applies(demo_ctx):
    from counterapp.catalog.records import get_procedure

    with demo_ctx.sessions() as s:
        docs = get_procedure(s, "1.001193").documents
    lines = [{"document_code": d.code, "name": d.name, "originals": 0} for d in docs]
    # the form, the birth certificate and the ID shown; abandoned-child record, surrogacy
    # letter and authorisation not handed in: they are conditional
    for line in lines:
        if line["document_code"] in (docs[0].code, docs[1].code, docs[5].code):
            line["originals"] = 1
    data = request_dict(procedure_code="1.001193", documents=lines)
    dossier = create_dossier(demo_ctx, data, "Cán bộ A")
    assert dossier.status == 2 and not any(d.missing for d in dossier.documents)
    # the officer ticks "someone acts for the applicant": the authorisation is now missing
    authorised = dict(data, applicable_cases=[docs[4].code])
    with pytest.raises(IncompleteDossier) as info:
        create_dossier(demo_ctx, authorised, "Cán bộ A")
    assert [m["document_code"] for m in info.value.missing] == [docs[4].code]
    # a request without a checklist takes only what applies as handed in
    whole = create_dossier(demo_ctx, request_dict(procedure_code="1.001193", documents=None), "Cán bộ A")
    assert [d.document_code for d in whole.documents] == [docs[0].code, docs[1].code, docs[5].code]


def test_invalid_request_writes_nothing(proc_ctx):
    with pytest.raises(IntakeError) as info:
        create_dossier(proc_ctx, request_dict(applicant={"name": "", "phone": "abc"}), "Cán bộ A")
    fields = {e.field for e in info.value.errors}
    assert {"applicant.name", "applicant.phone"} <= fields
    assert _count(proc_ctx, Dossier) == 0
    assert _count(proc_ctx, OutboxItem) == 0
    assert _count(proc_ctx, DailySequence) == 0  # no number consumed


def test_failure_after_insert_leaves_neither_dossier_nor_outbox(proc_ctx, monkeypatch):
    import counterapp.dossiers.intake as intake

    def broken_enqueue(session, operation, entity_id, payload):
        assert session.scalar(select(func.count()).select_from(Dossier)) == 1  # the dossier was inserted
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake, "enqueue", broken_enqueue)
    with pytest.raises(RuntimeError, match="disk full"):
        create_dossier(proc_ctx, request_dict(), "Cán bộ A")
    assert _count(proc_ctx, Dossier) == 0
    assert _count(proc_ctx, OutboxItem) == 0
    assert _count(proc_ctx, StatusChange) == 0
    monkeypatch.undo()
    # and the number was not burnt
    assert create_dossier(proc_ctx, request_dict(), "Cán bộ A").code == "H49.22-260302-0001"


def test_same_uuid_twice_is_refused(proc_ctx):
    data = request_dict(uuid="5f1c7a4e-0000-4000-8000-000000000001")
    create_dossier(proc_ctx, data, "Cán bộ A")
    with pytest.raises(IntakeError, match="đã được tiếp nhận"):
        create_dossier(proc_ctx, data, "Cán bộ A")
    assert _count(proc_ctx, Dossier) == 1


def test_refuse_at_intake_and_after(proc_ctx):
    refused = refuse_intake(proc_ctx, request_dict(), "Thiếu giấy chứng sinh bản chính", "Cán bộ A")
    assert refused.status == 3 and refused.due_at is None and refused.fees == []
    assert refused.refusal_reason == "Thiếu giấy chứng sinh bản chính"

    dossier = create_dossier(proc_ctx, request_dict(), "Cán bộ A")
    with pytest.raises(IntakeError, match="lý do"):
        refuse_dossier(proc_ctx, dossier.code, "  ", "Cán bộ A")
    after = refuse_dossier(proc_ctx, dossier.code, "Giấy tờ giả mạo", "Cán bộ A")
    assert after.status == 3 and after.version == dossier.version + 1
    with proc_ctx.sessions() as s:
        ops = [(o.operation, o.payload.get("to_status")) for o in s.scalars(select(OutboxItem).order_by(OutboxItem.seq))]
    assert ops == [("dossier.create", None), ("dossier.create", None), ("dossier.status", 3)]
    with pytest.raises(StatusError, match="Không được tiếp nhận"):
        mark_returned(proc_ctx, dossier.code, "Nguyễn Văn An", officer="Cán bộ A")


def test_request_completion_keeps_the_missing_list(proc_ctx):
    """A received dossier found lacking later in processing (status 5)."""
    dossier = create_dossier(proc_ctx, request_dict(), "Cán bộ A")
    asked = [
        {"name": "Giấy chứng sinh", "document_code": "TP2", "originals": 1},
        {"name": "Bản sao giấy tờ tùy thân", "document_code": "TP3", "copies": 1},
    ]
    updated = request_completion(proc_ctx, dossier.code, asked, "Giấy chứng sinh bị tẩy xóa", "Cán bộ A")
    assert updated.status == 5
    req = updated.completion_request
    assert [m["document_code"] for m in req["missing"]] == ["TP2", "TP3"]
    assert req["missing"][0]["originals"] == 1 and req["reason"] == "Giấy chứng sinh bị tẩy xóa"
    with proc_ctx.sessions() as s:
        last = s.scalars(select(OutboxItem).order_by(OutboxItem.seq.desc())).first()
        assert last.operation == "dossier.status" and last.payload["completion_request"]["missing"][1]["copies"] == 1
    other = create_dossier(proc_ctx, request_dict(), "Cán bộ A")
    with pytest.raises(IntakeError, match="no missing document"):
        request_completion(proc_ctx, other.code, None, "x", "Cán bộ A")  # nothing on its checklist is missing


def test_return_result(proc_ctx):
    dossier = create_dossier(proc_ctx, request_dict(), "Cán bộ A")
    set_status(proc_ctx, dossier.code, 9, "Cán bộ A", "Đã ký")
    at = datetime(2026, 3, 5, 10, 0, tzinfo=HCM)
    returned = mark_returned(proc_ctx, dossier.code, "Nguyễn Văn An", at, "Cán bộ B")
    assert returned.status == 10 and returned.returned_to == "Nguyễn Văn An"
    assert returned.returned_at == at
    with proc_ctx.sessions() as s:
        stored = get_by_code(s, dossier.code)
        assert [c.to_status for c in stored.status_changes] == [2, 9, 10]
        assert stored.status_changes[-1].by == "Cán bộ B"
        assert stored.finished_at is not None
    with pytest.raises(StatusError):
        mark_returned(proc_ctx, dossier.code, "Nguyễn Văn An", officer="Cán bộ B")
    with pytest.raises(DossierNotFound, match="Không tìm thấy hồ sơ"):
        mark_returned(proc_ctx, "H49.22-000000-9999", "X", officer="Cán bộ B")


def test_print_log_marks_reprints(proc_ctx):
    dossier = create_dossier(proc_ctx, request_dict(), "Cán bộ A")
    with session_scope(proc_ctx.sessions) as s:
        stored = get_by_code(s, dossier.code)
        first = record_print(s, stored, "receipt", "Cán bộ A", "printer", 2)
        second = record_print(s, stored, "receipt", "Cán bộ A", "pdf")
        other = record_print(s, stored, "routing_slip", "Cán bộ A", "printer")
        ledger = record_print(s, None, "ledger", "Tổ trưởng", "pdf", details={"from": "2026-03-02"})
        ledger_again = record_print(s, None, "ledger", "Tổ trưởng", "pdf", details={"from": "2026-03-02"})
        ledger_other = record_print(s, None, "ledger", "Tổ trưởng", "pdf", details={"from": "2026-03-03"})
    assert (first.reprint, second.reprint, other.reprint) == (False, True, False)
    assert (ledger.reprint, ledger_again.reprint, ledger_other.reprint) == (False, True, False)
    assert first.copies == 2
    with pytest.raises(ValueError, match="Đích in"):
        with session_scope(proc_ctx.sessions) as s:
            record_print(s, None, "ledger", "X", "fax")


def test_drafts_survive_and_go_away(proc_ctx):
    with session_scope(proc_ctx.sessions) as s:
        draft = save_draft(s, {"applicant": {"name": "Nguyễn Văn"}}, "Cán bộ A")
        uuid = draft.uuid
    with session_scope(proc_ctx.sessions) as s:
        save_draft(s, {"applicant": {"name": "Nguyễn Văn An"}}, "Cán bộ A", uuid=uuid)
        save_draft(s, {"applicant": {"name": "Khác"}}, "Cán bộ B")
    with proc_ctx.sessions() as s:
        mine = load_drafts(s, "Cán bộ A")
        assert [d.payload["applicant"]["name"] for d in mine] == ["Nguyễn Văn An"]
        assert len(load_drafts(s)) == 2
    # receiving the dossier made from the draft removes the draft in the same transaction
    create_dossier(proc_ctx, request_dict(draft_uuid=uuid), "Cán bộ A")
    with session_scope(proc_ctx.sessions) as s:
        assert load_drafts(s, "Cán bộ A") == []
        other = load_drafts(s, "Cán bộ B")[0]
        assert delete_draft(s, other.uuid) is True
        assert delete_draft(s, other.uuid) is False


def test_post_channel_uses_its_own_time_limit(app_ctx):
    add_procedure(app_ctx, "3.000003", amount=2, post=True)
    dossier = create_dossier(app_ctx, request_dict(procedure_code="3.000003", channel=3), "Cán bộ A")
    assert dossier.duration_amount == 5 and dossier.channel == 3
    assert json.loads(dossier.due_rule_json)["channel"] == 3


def test_demo_catalog_procedure(demo_ctx):
    """The shipped demo catalog: birth registration, 1 working day, cut-off 15:00."""
    data = request_dict(procedure_code="1.001193", documents=None,
                        received_at=datetime(2026, 3, 2, 16, 0, tzinfo=HCM).isoformat())
    dossier = create_dossier(demo_ctx, data, "Cán bộ A")
    assert dossier.procedure_name.startswith("Thủ tục đăng ký khai sinh")
    assert dossier.due_rule["cutoff"] == "15:00"
    # after the cut-off: counted from Tuesday 07:30, one working day -> Tuesday 17:30
    assert dossier.due_at.astimezone(HCM) == datetime(2026, 3, 3, 17, 30, tzinfo=HCM)
    assert dossier.documents and not any(d.missing for d in dossier.documents)


def test_naive_receipt_time_is_site_local(proc_ctx):
    dossier = create_dossier(proc_ctx, request_dict(received_at="2026-03-02T16:00:00"), "Cán bộ A")
    assert dossier.received_at.astimezone(HCM) == datetime(2026, 3, 2, 16, 0, tzinfo=HCM)
    assert dossier.code == "H49.22-260302-0001"
    late = create_dossier(proc_ctx, request_dict(received_at="2026-03-02T23:30:00+00:00"), "Cán bộ A")
    assert late.code.startswith("H49.22-260303-")  # 06:30 on 3 March in Hạ Long: that day's numbering
