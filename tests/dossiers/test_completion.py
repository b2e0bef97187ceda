"""The register of requests to complete (form 02) and receiving a dossier from it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from counterapp.app import open_app
from counterapp.dossiers.completion import (
    CompletionRequestClosed,
    CompletionRequestNotFound,
    abandon_completion_request,
    get_completion_request,
    list_completion_requests,
    open_completion_request,
    receive_completion_request,
)
from counterapp.dossiers.intake import IncompleteDossier, IntakeError
from counterapp.dossiers.models import CompletionRequest, Dossier
from counterapp.dossiers.queries import get_by_code
from counterapp.forms.completion import register_completion_context
from counterapp.outbox import OutboxItem
from tests.dossiers.conftest import add_procedure, request_dict

LACKING = [
    {"document_code": "TP1", "name": "Tờ khai đăng ký khai sinh", "originals": 1},
    {"document_code": "TP2", "name": "Giấy chứng sinh"},
    {"document_code": "TP3", "name": "Bản sao giấy tờ tùy thân", "form": "photocopy"},
]


def _count(ctx, model):
    with ctx.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_open_request_records_the_missing_documents_and_nothing_else(proc_ctx):
    row = open_completion_request(proc_ctx, request_dict(documents=LACKING), "Trần Thị Bình",
                                  reason="Thiếu giấy chứng sinh")
    assert row.number == "YC260302-Q01-0001" and row.status == "open"
    assert [(m["name"], m["originals"], m["copies"]) for m in row.missing] == [
        ("Giấy chứng sinh", 1, 0), ("Bản sao giấy tờ tùy thân", 0, 1)]
    assert row.applicant_name == "Nguyễn Văn An" and row.procedure_code == "1.001193"
    assert row.request["documents"][0]["originals"] == 1 and row.officer == "Trần Thị Bình"
    assert _count(proc_ctx, Dossier) == 0 and _count(proc_ctx, OutboxItem) == 0
    second = open_completion_request(proc_ctx, request_dict(documents=LACKING), "Trần Thị Bình")
    assert second.number == "YC260302-Q01-0002" and second.reason == "Hồ sơ chưa đầy đủ thành phần theo quy định"
    # a complete intake needs no form 02; a bad one is refused like any intake
    with pytest.raises(IntakeError, match="đã đủ giấy tờ"):
        open_completion_request(proc_ctx, request_dict(), "Trần Thị Bình")
    with pytest.raises(IntakeError, match="Thiếu họ tên"):
        open_completion_request(proc_ctx, request_dict(documents=LACKING, applicant={"name": ""}), "A")
    with proc_ctx.sessions() as s:
        assert [r.number for r in list_completion_requests(s)] == [second.number, row.number]
        context = register_completion_context(get_completion_request(s, row.number), proc_ctx.config)
    assert context["number"] == row.number and context["code"] == ""
    assert [(r["name"], r["note"]) for r in context["missing_documents"]] == [
        ("Giấy chứng sinh", "1 bản chính"), ("Bản sao giấy tờ tùy thân", "1 bản sao")]
    assert context["reason"] == "Thiếu giấy chứng sinh" and context["officer_name"] == "Trần Thị Bình"
    assert context["applicant_address"].endswith("Quảng Ninh")


def test_officer_phone_from_the_site(data_dir):
    (data_dir / "site.toml").write_text('[forms]\ncontact_phone = "0203 3825 111"\n', encoding="utf-8")
    ctx = open_app(data_dir, seed_demo=False)
    try:
        add_procedure(ctx)
        row = open_completion_request(ctx, request_dict(documents=LACKING), "Trần Thị Bình")
        assert row.officer_phone == "0203 3825 111"
    finally:
        ctx.close()


def test_receive_from_the_register_in_one_step(proc_ctx):
    row = open_completion_request(proc_ctx, request_dict(documents=LACKING), "Trần Thị Bình")
    # only the birth certificate came back: still incomplete, nothing written, still open
    with pytest.raises(IncompleteDossier) as info:
        receive_completion_request(proc_ctx, row.number, "Cán bộ B",
                                   handed_in={"documents": [{"document_code": "TP2", "originals": 1}]})
    assert [m["name"] for m in info.value.missing] == ["Bản sao giấy tờ tùy thân"]
    assert _count(proc_ctx, Dossier) == 0
    with proc_ctx.sessions() as s:
        assert get_completion_request(s, row.number).status == "open"
    # everything asked for handed in
    dossier = receive_completion_request(proc_ctx, row.number, "Cán bộ B")
    assert dossier.status == 2 and dossier.code == "H49.22-" + dossier.code.split("-", 1)[1]
    assert dossier.officer == "Cán bộ B" and dossier.due_at is not None and dossier.ledger_line == 1
    assert [(d.name, d.missing) for d in dossier.documents] == [
        ("Tờ khai đăng ký khai sinh", False), ("Giấy chứng sinh", False), ("Bản sao giấy tờ tùy thân", False)]
    with proc_ctx.sessions() as s:
        stored = get_completion_request(s, row.number)
        assert (stored.status, stored.dossier_code, stored.dossier_id) == ("received", dossier.code, dossier.id)
        assert get_by_code(s, dossier.code).applicant_name == "Nguyễn Văn An"
        assert s.scalars(select(OutboxItem)).one().operation == "dossier.create"
    with pytest.raises(CompletionRequestClosed, match=dossier.code):
        receive_completion_request(proc_ctx, row.number, "Cán bộ B")
    with pytest.raises(CompletionRequestNotFound):
        receive_completion_request(proc_ctx, "YC000000-0000", "Cán bộ B")


def test_receive_with_the_whole_intake_and_abandon(proc_ctx):
    row = open_completion_request(proc_ctx, request_dict(documents=LACKING), "Trần Thị Bình")
    dossier = receive_completion_request(proc_ctx, row.number, "Cán bộ B",
                                         request=request_dict(applicant={"phone": "0987654321"}))
    assert dossier.phone == "0987654321"
    other = open_completion_request(proc_ctx, request_dict(documents=LACKING), "Trần Thị Bình")
    closed = abandon_completion_request(proc_ctx, other.number, "Cán bộ B", "Công dân không quay lại")
    assert closed.status == "abandoned" and closed.close_note == "Công dân không quay lại"
    with proc_ctx.sessions() as s:
        assert list_completion_requests(s) == []
        assert len(list_completion_requests(s, None)) == 2
        assert s.scalar(select(func.count()).select_from(CompletionRequest)) == 2
